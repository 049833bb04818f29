package importers

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cpmap/cpmap/dataset"
)

func lexiconT(t *testing.T) *lexicon {
	t.Helper()
	lx, err := loadLexicon()
	if err != nil {
		t.Fatal(err)
	}
	return lx
}

// TestSynonymTablesLoad checks the embedded tables: they parse, name only
// known tables, fields, vocabulary values and codes, and no synonym means
// two things in one scope (readLexicon refuses all of these).
func TestSynonymTablesLoad(t *testing.T) {
	lexiconT(t)
}

// TestEveryVocabularyHasASynonymFile keeps a file per vocabulary, so that
// problems can always name the file to extend.
func TestEveryVocabularyHasASynonymFile(t *testing.T) {
	for vocab := range dataset.Vocabularies {
		if vocab == "code" {
			continue
		}
		if _, err := fs.Stat(synonymFiles, "synonyms/"+vocab+".csv"); err != nil {
			t.Errorf("vocabulary %s has no synonyms/%s.csv", vocab, vocab)
		}
	}
	for _, name := range []string{"boolean", "countries", "headers", "months", "markers", "tables", "territories"} {
		if _, err := fs.Stat(synonymFiles, "synonyms/"+name+".csv"); err != nil {
			t.Errorf("synonyms/%s.csv is missing", name)
		}
	}
}

// TestSynonymTableMistakes feeds readLexicon broken tables: each must be
// refused with a message naming the file and line.
func TestSynonymTableMistakes(t *testing.T) {
	base := fstest.MapFS{}
	entries, err := fs.ReadDir(synonymFiles, "synonyms")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := fs.ReadFile(synonymFiles, "synonyms/"+e.Name())
		if err != nil {
			t.Fatal(err)
		}
		base["synonyms/"+e.Name()] = &fstest.MapFile{Data: b}
	}
	if _, err := readLexicon(base, nil, ""); err != nil {
		t.Fatalf("the copy of the tables does not load: %v", err)
	}
	tests := []struct {
		name, file, add, want string
	}{
		{"ambiguous status", "status.csv", "partial,tak,xx\n", `"tak" means partial here but prohibited elsewhere`},
		{"unknown value", "status.csv", "forbidden,verboten,de\n", `"forbidden" is not a value of status`},
		{"ambiguous country", "countries.csv", "SE,Suomi,xx\n", `"Suomi" means SE here but FI elsewhere`},
		{"not an ISO code", "countries.csv", "XX,Atlantis,en\n", `"XX" is not an ISO 3166-1 alpha-2 code`},
		{"unknown field", "headers.csv", "provisions,colour,colour,en\n", `table provisions has no field "colour"`},
		{"ambiguous header", "headers.csv", "provisions,adopted,in force,en\n", `"in force" means adopted here but in_force elsewhere`},
		{"bad month", "months.csv", "13,smarch,en\n", `month "13" is not 0–12`},
		{"unknown marker", "markers.csv", "heading,title,en\n", `unknown kind "heading"`},
		{"wrong column count", "boolean.csv", "true,yes\n", "boolean.csv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for k, v := range base {
				fsys[k] = v
			}
			p := "synonyms/" + tt.file
			fsys[p] = &fstest.MapFile{Data: append(slices.Clone(base[p].Data), tt.add...)}
			_, err := readLexicon(fsys, nil, "")
			if err == nil {
				t.Fatalf("readLexicon accepted %q in %s", tt.add, tt.file)
			}
			if !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), SynonymDir+"/"+tt.file) {
				t.Errorf("error = %v\nwant it to name %s and say %q", err, SynonymDir+"/"+tt.file, tt.want)
			}
		})
	}
}

func TestCountrySynonyms(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct{ in, want string }{
		{"Sverige", "SE"}, {"Suomi", "FI"}, {"Eesti", "EE"}, {"Latvija", "LV"}, {"Lietuva", "LT"},
		{"Polska", "PL"}, {"Deutschland", "DE"}, {"Ísland", "IS"}, {"Island", "IS"}, {"Norge", "NO"},
		{"Danmark", "DK"}, {"Россия", "RU"}, {"Российская Федерация", "RU"}, {"Føroyar", "FO"},
		{"Færøerne", "FO"}, {"Faroe Islands", "FO"}, {"Kalaallit Nunaat", "GL"}, {"Grønland", "GL"},
		{"Åland", "AX"}, {"Ahvenanmaa", "AX"}, {"Sweden", "SE"}, {"sweden", "SE"}, {"SWE", "SE"},
		{"se", "SE"}, {"Sweden1", "SE"}, {"Poland*", "PL"}, {"Łotwa", "LV"}, {"Russian Federation", "RU"},
		{"  Lithuania ", "LT"}, {"Lettland", "LV"}, {"Rootsi", "SE"}, {"Vokietija", "DE"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := lx.country(tt.in)
			if !ok || got != tt.want {
				t.Errorf("country(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
	for _, bad := range []string{"Atlantis", "Europe", "", "S"} {
		if got, ok := lx.country(bad); ok {
			t.Errorf("country(%q) = %q, want no match", bad, got)
		}
	}
}

func TestCountryInTitle(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		title, want string
		ok          bool
	}{
		{"Poland – legal reforms", "PL", true},
		{"Polska – reformy prawne", "PL", true},
		{"Kalaallit Nunaat: inatsisit", "GL", true},
		{"Corporal punishment in the Faroe Islands, 2024", "FO", true},
		{"Legal reforms", "", false},
		{"Sweden and Finland compared", "", false},
		{"Is it prohibited? No", "", false}, // codes are not names
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			got, ok := lx.countryIn(tt.title)
			if got != tt.want || ok != tt.ok {
				t.Errorf("countryIn(%q) = %q, %v; want %q, %v", tt.title, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestStatusAndYesNoSynonyms(t *testing.T) {
	lx := lexiconT(t)
	tests := []struct {
		vocab, in, want string
	}{
		{"status", "YES", "prohibited"}, {"status", "NO", "not_prohibited"}, {"status", "SOME", "partial"},
		{"status", "Tak", "prohibited"}, {"status", "Nie", "not_prohibited"},
		{"status", "Jah", "prohibited"}, {"status", "Ei", "not_prohibited"},
		{"status", "Jā", "prohibited"}, {"status", "Nē", "not_prohibited"},
		{"status", "Taip", "prohibited"}, {"status", "Ne", "not_prohibited"},
		{"status", "Ja", "prohibited"}, {"status", "Nej", "not_prohibited"},
		{"status", "Kyllä", "prohibited"}, {"status", "Да", "prohibited"}, {"status", "Нет", "not_prohibited"},
		{"status", "YES2", "prohibited"}, {"status", "not_prohibited", "not_prohibited"},
		{"status", "Not prohibited", "not_prohibited"}, {"status", "unlawful", "unlawful_not_explicit"},
		{"boolean", "Tak", "true"}, {"boolean", "nie", "false"}, {"boolean", "Jah", "true"}, {"boolean", "Ei", "false"},
		{"boolean", "true", "true"}, {"boolean", "0", "false"},
		{"setting", "Dom", "home"}, {"setting", "Schools", "school"}, {"setting", "Alternative care settings", "alternative_care"},
		{"setting", "Sentence for crime", "sentence"}, {"setting", "penal institutions", "penal_institution"},
		{"setting", "Day care", "day_care"}, {"setting", "day_care", "day_care"}, {"setting", "kodu", "home"},
		{"source_type", "Gesetz", "legislation"}, {"respondents", "Vanhemmat", "parents"},
	}
	for _, tt := range tests {
		t.Run(tt.vocab+"/"+tt.in, func(t *testing.T) {
			got, ok := lx.lookup(tt.vocab, tt.in)
			if !ok || got != tt.want {
				t.Errorf("lookup(%s, %q) = %q, %v; want %q", tt.vocab, tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestHeaderSynonyms(t *testing.T) {
	lx := lexiconT(t)
	prov := dataset.TableByName("provisions")
	camp := dataset.TableByName("campaigns")
	mem := dataset.TableByName("memberships")
	tests := []struct {
		table  *dataset.Table
		header string
		want   string
	}{
		{prov, "in_force", "in_force"},
		{prov, "In force", "in_force"},
		{prov, "Wejście w życie", "in_force"},
		{prov, "Jõustumine", "in_force"},
		{prov, "Data uchwalenia", "adopted"},
		{prov, "Kraj", "jurisdiction"},
		{prov, "Źródło", "source"},
		{prov, "Link", "source_url"},
		{prov, "In force (date)", "in_force"},
		{prov, "Adopted*", "adopted"},
		{prov, "Uwagi", "notes"},
		{prov, "Colour", ""},
		{camp, "Country", "jurisdictions"},
		{camp, "Title", "name"},
		{mem, "Notes", "note"},
		{dataset.TableByName("sources"), "URL", "url"},
		{dataset.TableByName("jurisdictions"), "Country", "code"},
		{dataset.TableByName("programmes"), "Oppstart", "start"},
		{dataset.TableByName("programmes"), "Slutt", "end"},
		{dataset.TableByName("programmes"), "Gjennomføring", "delivery"},
		{prov, "Identifierare", "id"},
		{prov, "Identifikator", "id"},
	}
	for _, tt := range tests {
		t.Run(tt.table.Name+"/"+tt.header, func(t *testing.T) {
			if got := lx.header(tt.table, tt.header); got != tt.want {
				t.Errorf("header(%s, %q) = %q, want %q", tt.table.Name, tt.header, got, tt.want)
			}
		})
	}
}

// TestResearcherHeaders: the headers a researcher in each of the region's
// languages would write for the fields of campaigns, programmes and surveys
// map to those fields.
func TestResearcherHeaders(t *testing.T) {
	lx := lexiconT(t)
	type h struct{ table, header, field string }
	tests := map[string][]h{
		"en": {{"campaigns", "Original title", "name_original"}, {"campaigns", "Lead organisation", "lead"}, {"campaigns", "Target audiences", "audiences"},
			{"campaigns", "Communication channels", "channels"}, {"campaigns", "Evaluated?", "evaluated"}, {"programmes", "Lead organisation", "provider"},
			{"programmes", "Number of participants", "reach"}, {"programmes", "Evidence", "evidence"}, {"surveys", "Target population", "population"},
			{"surveys", "Question wording", "question"}, {"surveys", "Sample size", "sample_size"}},
		"da": {{"campaigns", "Originalnavn", "name_original"}, {"campaigns", "Ansvarlig organisation", "lead"}, {"campaigns", "Målgrupper", "audiences"},
			{"campaigns", "Kanal", "channels"}, {"campaigns", "Evaluering", "evaluated"}, {"programmes", "Antal deltagere", "reach"},
			{"programmes", "Udbyder", "provider"}, {"surveys", "Stikprøvestørrelse", "sample_size"}},
		"de": {{"campaigns", "Name in Originalsprache", "name_original"}, {"campaigns", "Federführung", "lead"}, {"campaigns", "Zielgruppen", "audiences"},
			{"campaigns", "Kommunikationskanäle", "channels"}, {"campaigns", "Evaluierung", "evaluated"}, {"programmes", "Träger", "provider"},
			{"programmes", "Teilnehmerzahl", "reach"}, {"programmes", "Methode", "model"}, {"surveys", "Stichprobengröße", "sample_size"}, {"surveys", "Fragetext", "question"}},
		"et": {{"campaigns", "Nimi originaalkeeles", "name_original"}, {"campaigns", "Vastutav organisatsioon", "lead"}, {"campaigns", "Sihtrühmad", "audiences"},
			{"campaigns", "Meediakanalid", "channels"}, {"campaigns", "Hindamine", "evaluated"}, {"programmes", "Elluviija", "provider"},
			{"programmes", "Osalejate arv", "reach"}, {"surveys", "Üldkogum", "population"}, {"surveys", "Valimi suurus", "sample_size"}},
		"fi": {{"campaigns", "Nimi alkuperäiskielellä", "name_original"}, {"campaigns", "Vastuuorganisaatio", "lead"}, {"campaigns", "Kohderyhmät", "audiences"},
			{"campaigns", "Viestintäkanavat", "channels"}, {"campaigns", "Arviointi", "evaluated"}, {"programmes", "Toteuttaja", "provider"},
			{"programmes", "Osallistujamäärä", "reach"}, {"surveys", "Otoskoko", "sample_size"}},
		"is": {{"campaigns", "Heiti á frummáli", "name_original"}, {"campaigns", "Framkvæmdaraðili", "lead"}, {"campaigns", "Markhópar", "audiences"},
			{"programmes", "Fjöldi þátttakenda", "reach"}, {"programmes", "Aðferð", "model"}, {"surveys", "Þýði", "population"}, {"surveys", "Úrtaksstærð", "sample_size"}},
		"lt": {{"campaigns", "Pavadinimas originalo kalba", "name_original"}, {"campaigns", "Vadovaujanti organizacija", "lead"}, {"campaigns", "Tikslinės grupės", "audiences"},
			{"campaigns", "Komunikacijos kanalai", "channels"}, {"campaigns", "Vertinimas", "evaluated"}, {"programmes", "Vykdytojas", "provider"},
			{"programmes", "Dalyvių skaičius", "reach"}, {"surveys", "Imties dydis", "sample_size"}},
		"lv": {{"campaigns", "Nosaukums oriģinālvalodā", "name_original"}, {"campaigns", "Vadītājs", "lead"}, {"campaigns", "Mērķgrupas", "audiences"},
			{"campaigns", "Komunikācijas kanāli", "channels"}, {"campaigns", "Izvērtējums", "evaluated"}, {"programmes", "Vadītājs", "provider"},
			{"programmes", "Dalībnieku skaits", "reach"}, {"programmes", "Metode", "model"}, {"surveys", "Ģenerālkopa", "population"},
			{"surveys", "Jautājuma formulējums", "question"}, {"surveys", "Izlases lielums", "sample_size"}},
		"no": {{"campaigns", "Navn på originalspråket", "name_original"}, {"campaigns", "Ansvarlig organisasjon", "lead"}, {"campaigns", "Målgrupper", "audiences"},
			{"campaigns", "Kanaler", "channels"}, {"campaigns", "Evaluert", "evaluated"}, {"programmes", "Antall deltakere", "reach"},
			{"surveys", "Populasjon", "population"}, {"surveys", "Utvalgsstørrelse", "sample_size"}},
		"pl": {{"campaigns", "Nazwa w języku oryginalnym", "name_original"}, {"campaigns", "Instytucja wiodąca", "lead"}, {"campaigns", "Grupy docelowe", "audiences"},
			{"campaigns", "Kanały komunikacji", "channels"}, {"campaigns", "Ewaluacja", "evaluated"}, {"programmes", "Podmiot realizujący", "provider"},
			{"programmes", "Liczba uczestników", "reach"}, {"surveys", "Treść pytania", "question"}, {"surveys", "Wielkość próby", "sample_size"}},
		"ru": {{"campaigns", "Название на языке оригинала", "name_original"}, {"campaigns", "Ответственная организация", "lead"}, {"campaigns", "Целевые группы", "audiences"},
			{"campaigns", "Каналы коммуникации", "channels"}, {"campaigns", "Оценка", "evaluated"}, {"programmes", "Исполнитель", "provider"},
			{"programmes", "Охват", "reach"}, {"surveys", "Формулировка вопроса", "question"}, {"surveys", "Объём выборки", "sample_size"}},
		"sv": {{"campaigns", "Namn på originalspråk", "name_original"}, {"campaigns", "Ansvarig organisation", "lead"}, {"campaigns", "Målgrupper", "audiences"},
			{"campaigns", "Kanaler", "channels"}, {"campaigns", "Utvärdering", "evaluated"}, {"programmes", "Utförare", "provider"},
			{"programmes", "Antal deltagare", "reach"}, {"surveys", "Urvalsstorlek", "sample_size"}, {"surveys", "Frågeformulering", "question"}},
	}
	for lang, hs := range tests {
		t.Run(lang, func(t *testing.T) {
			for _, c := range hs {
				if got := lx.header(dataset.TableByName(c.table), c.header); got != c.field {
					t.Errorf("%s header %q = field %q, want %q", c.table, c.header, got, c.field)
				}
			}
		})
	}
}
