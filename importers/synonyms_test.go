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
