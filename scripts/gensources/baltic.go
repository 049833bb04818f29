package main

// germany is a German workbook: the 2000 law (its in-force day an Excel
// date), the campaign and the smack-on-the-bottom series.
func (g *gen) germany(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["de"], countryNames["de"]
	if err := b.add(table{
		name: "Gesetze",
		noID: true,
		cols: []col{
			country("Staat", "jurisdiction", names),
			word("Bereich", "setting", map[string]string{"home": "Familie"}),
			word("Rechtslage", "status", map[string]string{"prohibited": "verboten"}),
			word("Bestätigt", "confirmed", yes),
			date("Verabschiedet", "adopted", excelDate(g.inWords("de"))),
			date("Inkrafttreten", "in_force", excelDate(g.inWords("de"))),
			text("Gesetz", "instrument"),
			text("Vorschrift", "provision"),
			text("Wortlaut", "quote"),
			word("Übersetzung", "translation", map[string]string{"unofficial": "inoffiziell"}),
			source("Quelle", "id"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("provisions", home("DE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampagnen",
		cols: []col{
			text("Kennung", "id"),
			country("Staat", "jurisdictions", names),
			word("Typ", "kind", map[string]string{"campaign": "Kampagne"}),
			text("Kampagnenname", "name"),
			text("Originalname", "name_original"),
			date("Beginn", "start", yearNumber),
			date("Ende", "end", excelDate(g.inWords("de"))),
			text("Träger", "lead"),
			word("Organisationstyp", "lead_type", map[string]string{"government": "Regierung"}),
			word("Evaluiert", "evaluated", yes),
			source("Quelle", "url"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "DE" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Umfragen",
		noID: true,
		cols: []col{
			country("Staat", "jurisdiction", names),
			text("Reihe", "series"),
			word("Indikator", "indicator", map[string]string{"cp_approval": "Zustimmung"}),
			number("Jahr", "year"),
			number("Anteil (%)", "value"),
			word("Befragte", "respondents", map[string]string{"adults": "Erwachsene"}),
			text("Grundgesamtheit", "population"),
			source("Quelle", "id"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("surveys", jurisdiction("DE"))); err != nil {
		return err
	}
	return b.save(path)
}

// poland is a Polish workbook: the 2010 law with its dates in words, the
// government's commitment under a title naming Polska, and the campaigns,
// whose days are Excel dates; sources are cited by URL.
func (g *gen) poland(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["pl"], countryNames["pl"]
	if err := b.add(table{
		name: "Przepisy",
		noID: true,
		cols: []col{
			country("Kraj", "jurisdiction", names),
			word("Obszar", "setting", map[string]string{"home": "dom"}),
			word("Czy zakazane", "status", map[string]string{"prohibited": "tak"}),
			word("Potwierdzone", "confirmed", yes),
			date("Data uchwalenia", "adopted", g.inWords("pl")),
			date("Data wejścia w życie", "in_force", g.inWords("pl")),
			text("Ustawa", "instrument"),
			text("Przepis", "provision"),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("provisions", home("PL"))); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Zobowiązania",
		title:   []string{"Polska – zobowiązanie rządu do pełnego zakazu kar cielesnych"},
		implied: []string{"jurisdiction"},
		cols: []col{
			date("Od", "from", g.inWords("pl")),
			date("Do", "until", dotted),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("commitments", jurisdiction("PL"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampanie",
		cols: []col{
			text("Identyfikator", "id"),
			country("Kraj", "jurisdictions", names),
			word("Rodzaj", "kind", map[string]string{"campaign": "kampania"}),
			text("Nazwa (ang.)", "name"),
			text("Nazwa oryginalna", "name_original"),
			date("Data rozpoczęcia", "start", excelDate(yearNumber)),
			date("Data zakończenia", "end", excelDate(yearNumber)),
			text("Organizator", "lead"),
			word("Rodzaj organizacji", "lead_type", map[string]string{"ngo": "fundacja", "mixed": "partnerstwo"}),
			words("Grupa docelowa", "audiences", map[string]string{"children": "dzieci", "parents": "rodzice"}, ", "),
			words("Kanały", "channels", map[string]string{"events": "wydarzenia", "outdoor": "billboardy", "radio": "radio", "tv": "telewizja"}, ", "),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "PL" })); err != nil {
		return err
	}
	return b.save(path)
}

// plLvStudy is the Polish report of the 2017 study in Poland and Latvia:
// one sheet of results with a country column, under a title, with a
// source line below.
func (g *gen) plLvStudy(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name: "Wyniki",
		title: []string{
			"Metody dyscyplinowania dzieci w Polsce, Chorwacji i na Łotwie – wyniki badania ilościowego (2017)",
			"Odsetki w procentach; wiersze dla Polski i Łotwy.",
			"",
		},
		foot: []string{"Źródło: Makaruk K., Szredzińska R., Dziecko Krzywdzone 16(4), 2017."},
		noID: true,
		cols: []col{
			country("Kraj", "jurisdiction", countryNames["pl"]),
			text("Seria", "series"),
			word("Wskaźnik", "indicator", map[string]string{
				"ban_awareness":    "znajomość zakazu",
				"ban_support":      "poparcie dla zakazu",
				"cp_use_past_year": "stosowanie kar cielesnych w ostatnim roku",
			}),
			number("Rok", "year"),
			number("Odsetek", "value"),
			word("Respondenci", "respondents", map[string]string{"adults": "dorośli", "parents": "rodzice"}),
			text("Populacja", "population"),
			number("Liczebność próby", "sample_size"),
			word("Metoda", "method", map[string]string{"online": "CAWI"}),
			source("Źródło", "id"),
			text("Uwagi", "notes"),
		},
	}, g.pick("surveys", func(r rec) bool {
		j := r.s("jurisdiction")
		return (j == "PL" || j == "LV") && r.s("source") == "makaruk-szredzinska-2017"
	})); err != nil {
		return err
	}
	return b.save(path)
}

// estonia is an Estonian workbook: the Child Protection Act and Incredible
// Years.
func (g *gen) estonia(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	names := countryNames["et"]
	if err := b.add(table{
		name: "Seadused",
		noID: true,
		cols: []col{
			country("Riik", "jurisdiction", names),
			word("Valdkond", "setting", map[string]string{"home": "kodu"}),
			word("Staatus", "status", map[string]string{"prohibited": "keelatud"}),
			word("Kinnitatud", "confirmed", yesNo["et"]),
			date("Vastu võetud", "adopted", g.inWords("et")),
			date("Jõustumine", "in_force", g.inWords("et")),
			text("Seadus", "instrument"),
			text("Paragrahv", "provision"),
			source("Allikas", "url"),
			text("Märkused", "notes"),
		},
	}, g.pick("provisions", home("EE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Programmid",
		noID: true,
		cols: []col{
			country("Riik", "jurisdiction", names),
			text("Programm", "name"),
			text("Mudel", "model"),
			text("Pakkuja", "provider"),
			word("Tase", "level", map[string]string{"selective": "selektiivne"}),
			words("Vorm", "delivery", map[string]string{"group": "rühm"}, ", "),
			date("Algus", "start", yearNumber),
			source("Allikas", "url"),
			text("Märkused", "notes"),
		},
	}, g.pick("programmes", jurisdiction("EE"))); err != nil {
		return err
	}
	return b.save(path)
}

// latvia is a Latvian sheet under a title naming Latvija: the 1998 law,
// adopted on a day written in words, in force on a day that is an Excel
// date.
func (g *gen) latvia(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Likumi",
		title:   []string{"Latvija – fizisko sodu aizliegums: tiesību akti"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Joma", "setting", map[string]string{"home": "ģimene"}),
			word("Statuss", "status", map[string]string{"prohibited": "aizliegts"}),
			word("Apstiprināts", "confirmed", yesNo["lv"]),
			date("Pieņemts", "adopted", g.inWords("lv")),
			date("Stāšanās spēkā", "in_force", excelDate(g.inWords("lv"))),
			text("Likums", "instrument"),
			text("Pants", "provision"),
			source("Avots", "id"),
			text("Piezīmes", "notes"),
		},
	}, g.pick("provisions", home("LV"))); err != nil {
		return err
	}
	return b.save(path)
}

// lithuania is a Lithuanian workbook: the 2017 amendments, the campaign,
// Incredible Years and the 2017 poll.
func (g *gen) lithuania(path string) error {
	b, err := g.newBook("yyyy-mm-dd")
	if err != nil {
		return err
	}
	names := countryNames["lt"]
	if err := b.add(table{
		name: "Teisės aktai",
		noID: true,
		cols: []col{
			country("Šalis", "jurisdiction", names),
			word("Sritis", "setting", map[string]string{"home": "šeima"}),
			word("Statusas", "status", map[string]string{"prohibited": "uždrausta"}),
			word("Patvirtinta", "confirmed", yesNo["lt"]),
			date("Priimta", "adopted", g.inWords("lt")),
			date("Įsigaliojo", "in_force", excelDate(g.inWords("lt"))),
			text("Teisės aktas", "instrument"),
			text("Straipsnis", "provision"),
			source("Šaltinis", "id"),
			text("Pastabos", "notes"),
		},
	}, g.pick("provisions", home("LT"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampanijos",
		cols: []col{
			text("Identifikatorius", "id"),
			country("Šalis", "jurisdictions", names),
			word("Rūšis", "kind", map[string]string{"campaign": "kampanija"}),
			text("Pavadinimas", "name"),
			date("Pradžia", "start", g.inWords("lt")),
			date("Pabaiga", "end", g.inWords("lt")),
			text("Organizatorius", "lead"),
			word("Organizacijos tipas", "lead_type", map[string]string{"ngo": "NVO"}),
			words("Tikslinė grupė", "audiences", map[string]string{"parents": "tėvai", "professionals": "specialistai"}, ", "),
			words("Kanalai", "channels", map[string]string{"print": "spauda"}, ", "),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "LT" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Programos",
		cols: []col{
			text("Identifikatorius", "id"),
			country("Šalis", "jurisdiction", names),
			text("Pavadinimas", "name"),
			text("Modelis", "model"),
			text("Teikėjas", "provider"),
			word("Lygis", "level", map[string]string{"indicated": "indikuota"}),
			words("Forma", "delivery", map[string]string{"group": "grupė"}, ", "),
			number("Amžius nuo", "age_from"),
			number("Amžius iki", "age_to"),
			date("Pradžia", "start", excelDate(iso)),
			date("Pabaiga", "end", excelDate(iso)),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("programmes", jurisdiction("LT"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Apklausos",
		noID: true,
		cols: []col{
			country("Šalis", "jurisdiction", names),
			text("Serija", "series"),
			word("Rodiklis", "indicator", map[string]string{"ban_support": "draudimo palaikymas"}),
			number("Metai", "year"),
			number("Procentai", "value"),
			word("Respondentai", "respondents", map[string]string{"adults": "suaugusieji"}),
			text("Populiacija", "population"),
			number("Imtis", "sample_size"),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("surveys", jurisdiction("LT"))); err != nil {
		return err
	}
	return b.save(path)
}
