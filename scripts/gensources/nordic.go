package main

// sweden is a Swedish workbook: the 1979 law, the information campaign and
// the parent and youth surveys, each sheet under a title naming Sverige.
func (g *gen) sweden(path string) error {
	b, err := g.newBook("yyyy-mm-dd")
	if err != nil {
		return err
	}
	yes := yesNo["sv"]
	if err := b.add(table{
		name:    "Lagstiftning",
		title:   []string{"Sverige – förbud mot aga: lagstiftning", ""},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Miljö", "setting", map[string]string{"home": "i hemmet"}),
			word("Förbud", "status", map[string]string{"prohibited": "förbjudet"}),
			word("Bekräftad", "confirmed", yes),
			date("Antagen", "adopted", yearNumber),
			date("Ikraftträdande", "in_force", dotted),
			text("Lag", "instrument"),
			text("Bestämmelse", "provision"),
			text("Lydelse", "quote"),
			word("Översättning", "translation", map[string]string{"unofficial": "inofficiell"}),
			source("Källa", "id"),
			date("Kontrollerad", "verified_on", excelDate(iso)),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("provisions", home("SE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Kampanjer",
		title:   []string{"Sverige – informationskampanjer"},
		implied: []string{"jurisdictions"},
		cols: []col{
			text("ID", "id"),
			word("Slag", "kind", map[string]string{"campaign": "kampanj"}),
			text("Namn", "name"),
			date("Början", "start", yearNumber),
			date("Slutdatum", "end", dotted),
			text("Arrangör", "lead"),
			word("Sektor", "lead_type", map[string]string{"government": "departementet"}),
			words("Målgrupp", "audiences", map[string]string{"parents": "föräldrar", "public": "allmänheten"}, ", "),
			words("Kanaler", "channels", map[string]string{"print": "tryck", "tv": "TV"}, ", "),
			source("Källa", "url"),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "SE" })); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Undersökningar",
		title:   []string{"Sverige – undersökningar om aga"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			text("Serie", "series"),
			word("Indikator", "indicator", map[string]string{
				"cp_use_past_year":    "använt aga senaste året",
				"cp_experienced_ever": "upplevt aga",
			}),
			number("År", "year"),
			number("Andel (%)", "value"),
			word("Respondenter", "respondents", map[string]string{"parents": "föräldrar", "youth": "ungdomar"}),
			text("Population", "population"),
			number("Urval", "sample_size"),
			source("Källa", "id"),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("surveys", jurisdiction("SE"))); err != nil {
		return err
	}
	return b.save(path)
}

// finland is a Finnish workbook with a country column: the 1983 law, the
// national action plan, and surveys with their shares as Excel
// percentages.
func (g *gen) finland(path string) error {
	b, err := g.newBook("d.m.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["fi"], countryNames["fi"]
	if err := b.add(table{
		name: "Lainsäädäntö",
		noID: true,
		cols: []col{
			country("Maa", "jurisdiction", names),
			word("Ympäristö", "setting", map[string]string{"home": "koti"}),
			word("Tila", "status", map[string]string{"prohibited": "kielletty"}),
			word("Vahvistettu", "confirmed", yes),
			date("Hyväksytty", "adopted", yearNumber),
			date("Voimaantulo", "in_force", yearNumber),
			text("Laki", "instrument"),
			text("Pykälä", "provision"),
			text("Sanamuoto", "quote"),
			word("Käännös", "translation", map[string]string{"unofficial": "epävirallinen"}),
			source("Lähde", "id"),
			text("Huomautukset", "notes"),
		},
	}, g.pick("provisions", home("FI"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Toimintaohjelmat",
		cols: []col{
			text("Tunniste", "id"),
			country("Maa", "jurisdictions", names),
			word("Laji", "kind", map[string]string{"action_plan": "toimintaohjelma"}),
			text("Nimi", "name"),
			date("Alku", "start", yearNumber),
			date("Loppu", "end", yearNumber),
			text("Vastuutaho", "lead"),
			word("Sektori", "lead_type", map[string]string{"government": "ministeriö"}),
			source("Lähde", "id"),
			text("Lisätiedot", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "FI" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kyselyt",
		noID: true,
		cols: []col{
			country("Maa", "jurisdiction", names),
			text("Sarja", "series"),
			word("Indikaattori", "indicator", map[string]string{"cp_approval": "hyväksyntä", "ban_awareness": "kiellon tunnettuus"}),
			number("Vuosi", "year"),
			percent("Osuus", "value"),
			word("Vastaajat", "respondents", map[string]string{"adults": "aikuiset", "parents": "vanhemmat"}),
			source("Lähde", "url"),
			text("Huomautukset", "notes"),
		},
	}, g.pick("surveys", jurisdiction("FI"))); err != nil {
		return err
	}
	return b.save(path)
}

// norway is a Norwegian workbook: the 1987 ban and its 2010 clarification,
// and PMTO.
func (g *gen) norway(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["no"], countryNames["no"]
	if err := b.add(table{
		name: "Lover",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			word("Arena", "setting", map[string]string{"home": "hjem"}),
			word("Forbudt", "status", map[string]string{"prohibited": "ja"}),
			word("Bekreftet", "confirmed", yes),
			date("Vedtatt", "adopted", yearNumber),
			date("Ikrafttredelse", "in_force", g.inWords("no")),
			date("Opphevet", "until", yearNumber),
			text("Lovverk", "instrument"),
			text("Paragraf", "provision"),
			text("Sitat", "quote"),
			word("Oversettelse", "translation", map[string]string{"unofficial": "uoffisiell"}),
			source("Kilde", "id"),
			date("Kontrollert", "verified_on", dotted),
			text("Merknader", "notes"),
		},
	}, g.pick("provisions", home("NO"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Program",
		cols: []col{
			text("ID", "id"),
			country("Land", "jurisdiction", names),
			text("Program", "name"),
			text("Modell", "model"),
			text("Tilbyder", "provider"),
			words("Format", "delivery", map[string]string{"group": "gruppe", "individual": "individuell", "online": "digital"}, ", "),
			date("Start", "start", yearNumber),
			word("Evidens", "evidence", map[string]string{"rct": "randomisert kontrollert studie"}),
			source("Kilde", "url"),
			text("Merknader", "notes"),
		},
	}, g.pick("programmes", jurisdiction("NO"))); err != nil {
		return err
	}
	return b.save(path)
}

// denmark is a Danish workbook: the 1997 amendment and the 1984 poll.
func (g *gen) denmark(path string) error {
	b, err := g.newBook("dd-mm-yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["da"], countryNames["da"]
	if err := b.add(table{
		name: "Lovgivning",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			word("Område", "setting", map[string]string{"home": "i hjemmet"}),
			word("Forbudt", "status", map[string]string{"prohibited": "ja"}),
			word("Bekræftet", "confirmed", yes),
			date("Vedtaget", "adopted", g.inWords("da")),
			date("I kraft", "in_force", g.inWords("da")),
			text("Lov", "instrument"),
			text("Bestemmelse", "provision"),
			text("Ordlyd", "quote"),
			word("Oversættelse", "translation", map[string]string{"unofficial": "uofficiel"}),
			source("Kilde", "id"),
			text("Bemærkninger", "notes"),
		},
	}, g.pick("provisions", home("DK"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Undersøgelser",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			text("Serie", "series"),
			word("Indikator", "indicator", map[string]string{"ban_support": "støtte til forbuddet"}),
			number("År", "year"),
			number("Procent", "value"),
			word("Respondenter", "respondents", map[string]string{"adults": "voksne"}),
			source("Kilde", "url"),
			text("Bemærkninger", "notes"),
		},
	}, g.pick("surveys", jurisdiction("DK"))); err != nil {
		return err
	}
	return b.save(path)
}

// faroes is the Faroe Islands' workbook: the cpmap template with every
// setting filled in; the ids are left for cpmap to make.
func (g *gen) faroes(path string) error {
	return g.template(path, map[string][]rec{
		"provisions": g.pick("provisions", jurisdiction("FO")),
	}, "provisions.id")
}

// greenland is an English sheet under a title naming Greenland, citing its
// source by title, with the day of the bill's passage an Excel date.
func (g *gen) greenland(path string) error {
	b, err := g.newBook("d mmmm yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Greenland",
		title:   []string{"Greenland – corporal punishment of children: legal status by setting", "Compiled for the Baltic Sea Region mapping.", ""},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Setting", "setting", map[string]string{
				"home": "Home", "alternative_care": "Alternative care", "day_care": "Day care",
				"school": "School", "penal_institution": "Penal institutions", "sentence": "Sentence",
			}),
			word("Status", "status", map[string]string{"prohibited": "Prohibited", "unknown": "Unknown"}),
			word("Confirmed", "confirmed", yesNo["en"]),
			date("Adopted", "adopted", excelDate(g.inWords("en"))),
			date("In force", "in_force", excelDate(g.inWords("en"))),
			text("Instrument", "instrument"),
			text("Article", "provision"),
			text("Wording", "quote"),
			word("Translation", "translation", map[string]string{"unofficial": "unofficial translation"}),
			source("Source title", "title"),
			date("Verified on", "verified_on", excelDate(iso)),
			text("Notes", "notes"),
		},
	}, g.pick("provisions", jurisdiction("GL"))); err != nil {
		return err
	}
	return b.save(path)
}

// iceland is an Icelandic sheet under a title naming Ísland, with its dates
// in words.
func (g *gen) iceland(path string) error {
	b, err := g.newBook("d.m.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Löggjöf",
		title:   []string{"Ísland – bann við líkamlegum refsingum barna"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Svið", "setting", map[string]string{"home": "heimili"}),
			word("Staða", "status", map[string]string{"prohibited": "bannað"}),
			word("Staðfest", "confirmed", yesNo["is"]),
			date("Samþykkt", "adopted", g.inWords("is")),
			date("Gildistaka", "in_force", g.inWords("is")),
			text("Lög", "instrument"),
			text("Grein", "provision"),
			source("Heimild", "id"),
			text("Athugasemdir", "notes"),
		},
	}, g.pick("provisions", home("IS"))); err != nil {
		return err
	}
	return b.save(path)
}
