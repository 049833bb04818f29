package dataset

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// update rewrites golden files instead of comparing with them:
// go test ./dataset -update. Every golden test of the package uses it.
var update = flag.Bool("update", false, "rewrite golden files")

// goldenDataset is a small hand-made dataset with every table, its records
// out of key order, and the awkward values a CSV must survive: quotes,
// commas, newlines, non-ASCII text, lists, missing values.
func goldenDataset() *Dataset {
	return &Dataset{
		Jurisdictions: []Jurisdiction{
			{Code: "SE", Name: "Sweden", Kind: State, ChildPopulation: ptr(2200000), ChildPopulationYear: ptr(2023), ChildPopulationSource: "scb-2023"},
			{Code: "FO", Name: "Faroe Islands", Kind: Territory, Parent: "DK"},
			{Code: "DK", Name: "Denmark", Kind: State},
			{Code: "RU", Name: "Russia", Kind: State},
			{Code: "AX", Name: "Åland Islands", Kind: Territory, Parent: "FI"},
			{Code: "FI", Name: "Finland", Kind: State, ChildPopulation: ptr(0)},
			{Code: "PL", Name: "Poland", Kind: State},
		},
		Memberships: []Membership{
			{Jurisdiction: "SE", Group: "CBSS", From: MustDate("1992-03")},
			{Jurisdiction: "RU", Group: "CBSS", From: MustDate("1992-03"), Until: MustDate("2022-05-17"),
				Note: "suspended 2022-03-03, \"with immediate effect\"; withdrew 2022-05-17"},
			{Jurisdiction: "DK", Group: "CBSS", From: MustDate("1992-03-05")},
			{Jurisdiction: "DK", Group: "Nordic Council, since 1952", From: MustDate("1952")},
			{Jurisdiction: "PL", Group: "CBSS", From: MustDate("1992")},
		},
		Provisions: []Provision{
			{ID: "ru-home", Jurisdiction: "RU", Setting: Home, Status: NotProhibited,
				Instrument: "Family Code", Provision: "arts. 54, 56, 65, 69", Source: "gi-ru", VerifiedOn: MustDate("2024-02"),
				Notes: "Семейный кодекс; first-time battery of family members decriminalised 2017-02-07"},
			{ID: "se-home-1979", Jurisdiction: "SE", Setting: Home, Status: Prohibited, Confirmed: ptr(true),
				Adopted: MustDate("1979"), InForce: MustDate("1979-07-01"),
				Instrument: "Parenthood and Guardianship Code (Föräldrabalken)", Provision: "ch. 6 s. 1",
				Quote:       "Children are entitled to care, security and a good upbringing.\nChildren shall be treated with respect for their person and individuality and may not be subjected to corporal punishment or any other humiliating treatment.",
				Translation: Unofficial, Source: "gi-se", VerifiedOn: MustDate("2024-01-15"),
				Notes: "Riksdag vote 259–6 (GI); one secondary source says 256–6"},
			{ID: "ru-school", Jurisdiction: "RU", Setting: School, Status: UnlawfulNotExplicit, Confirmed: ptr(false),
				Source: "crc-ru-2014", Notes: "\"considered unlawful\" (CRC/C/RUS/CO/4-5)"},
			{ID: "pl-home-2010", Jurisdiction: "PL", Setting: Home, Status: Prohibited, Confirmed: ptr(true),
				Adopted: MustDate("2010-05-06"), InForce: MustDate("2010-08-01"),
				Instrument: "Family and Guardianship Code", Provision: "art. 96¹",
				Quote:       "Osobom wykonującym władzę rodzicielską […] zakazuje się stosowania kar cielesnych.",
				Translation: Original, Source: "gi-pl"},
			{ID: "fo-home-2007", Jurisdiction: "FO", Setting: Home, Status: Prohibited, InForce: MustDate("2007"), Source: "gi-fo"},
		},
		Commitments: []Commitment{
			{Jurisdiction: "RU", From: MustDate("2014"), Until: MustDate("2017-02"), Source: "crc-ru-2014", Notes: "accepted UPR recommendation, then\nreversed"},
			{Jurisdiction: "PL", From: MustDate("2008-06"), Until: MustDate("2010-08-01"), Source: "gi-pl"},
		},
		Campaigns: []Campaign{
			{ID: "pl-kocham-nie-bije", Jurisdictions: []string{"PL"}, Kind: MeasureCampaign, Name: "I love, I don't hit",
				NameOriginal: "Kocham. Nie biję.", Start: MustDate("2008"), End: MustDate("2010"),
				Lead: "Fundacja Dzieci Niczyje, \"Nobody's Children\" Foundation", LeadType: "ngo",
				Audiences: []string{"parents", "public"}, Channels: []string{"online", "outdoor", "tv"}, Evaluated: ptr(true), Source: "gi-pl"},
			{ID: "bsr-never-violence", Jurisdictions: []string{"DK", "FI", "PL", "SE"}, Kind: MeasureActionPlan,
				Name: "Never violence", Start: MustDate("2015-09"), Lead: "CBSS Children at Risk Unit", LeadType: "international",
				Channels: []string{"online"}, Source: "gi-se", Notes: "regional; ongoing"},
		},
		Programmes: []Programme{
			{ID: "se-komet", Jurisdiction: "SE", Name: "Komet", Model: "Komet", Provider: "Stockholms stad",
				Level: "selective", Delivery: []string{"group", "individual"}, AgeFrom: ptr(3), AgeTo: ptr(11),
				Start: MustDate("2006"), Reach: ptr(1200), ReachYear: ptr(2019), Evidence: "rct", Source: "gi-se"},
			{ID: "fi-icdp", Jurisdiction: "FI", Name: "ICDP — International Child Development Programme", Model: "ICDP",
				Level: "universal", Delivery: []string{"group"}, AgeFrom: ptr(0), AgeTo: ptr(17), Evidence: "not_evaluated", Source: "gi-se"},
		},
		Surveys: []Survey{
			{ID: "se-2011-approval", Jurisdiction: "SE", Series: "se-sweden-parents", Indicator: CPApproval, Year: 2011, Value: 8,
				Respondents: "parents", Population: "parents of children 0–12", SampleSize: ptr(1011), Method: "phone", Break: ptr(false), Source: "gi-se"},
			{ID: "pl-2013-approval", Jurisdiction: "PL", Indicator: CPApproval, Year: 2013, Value: 26.5, Respondents: "adults",
				Question: "Do you agree: \"a smack never hurt anyone\"?", Method: "face_to_face", Source: "gi-pl"},
			{ID: "pl-2017-approval", Jurisdiction: "PL", Indicator: CPApproval, Year: 2017, Value: 0.5, Respondents: "adults", Break: ptr(true),
				Source: "gi-pl", Notes: "online panel, 2017;\nnot comparable with face-to-face"},
			{ID: "ru-2016-use", Jurisdiction: "RU", Indicator: CPUsePastYear, Year: 2016, Value: 100, Respondents: "parents", Source: "crc-ru-2014"},
		},
		Coverage: []Coverage{
			{Jurisdiction: "SE", Topic: TopicSurveys, CheckedOn: MustDate("2024-01"), Complete: ptr(false), Notes: "Swedish-language surveys only"},
			{Jurisdiction: "PL", Topic: TopicActionPlans, CheckedOn: MustDate("2024-01-15"), Complete: ptr(true), Source: "gi-pl",
				Notes: "GI report, \"Krajowy Program\"; none found"},
			{Jurisdiction: "PL", Topic: TopicActionPlans, CheckedOn: MustDate("2023"), Complete: ptr(false)},
		},
		Sources: []Source{
			{ID: "gi-se", Title: "Global Initiative: Sweden", Publisher: "End Corporal Punishment",
				URL: "https://endcorporalpunishment.org/reports-on-every-state-and-territory/sweden/", Accessed: MustDate("2024-01-15"),
				Type: "report", Reliability: "secondary", Licence: "CC BY-NC-ND 4.0"},
			{ID: "crc-ru-2014", Title: "Concluding observations on the combined fourth and fifth periodic reports of the Russian Federation",
				Publisher: "UN Committee on the Rights of the Child", Published: MustDate("2014-02-25"), Type: "report", Reliability: "primary"},
			{ID: "gi-pl", Title: "Poland, \"country report\"", URL: "http://endcorporalpunishment.org/progress/prohibiting-states/poland.html?a=1,2",
				Type: "website", Reliability: "secondary"},
			{ID: "gi-ru", Title: "Россия / Russian Federation", Type: "report", Reliability: "weak"},
			{ID: "gi-fo", Title: "Faroe Islands", Type: "report"},
			{ID: "scb-2023", Title: "Befolkningsstatistik", Publisher: "Statistiska centralbyrån", Published: MustDate("2023"), Type: "dataset", Licence: "CC0"},
		},
	}
}

const goldenDir = "testdata/golden"

// readDir returns every file of dir by name.
func readDir(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		files[e.Name()] = b
	}
	return files
}

// compareFiles reports every file of want that got lacks or has with other
// bytes, and every file got has that want lacks.
func compareFiles(t *testing.T, want, got map[string][]byte) {
	t.Helper()
	for name, w := range want {
		g, ok := got[name]
		switch {
		case !ok:
			t.Errorf("%s: missing", name)
		case !bytes.Equal(g, w):
			t.Errorf("%s differs (-want +got):\n%s", name, cmp.Diff(string(w), string(g)))
		}
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			t.Errorf("%s: unexpected file", name)
		}
	}
}

func TestSaveGolden(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new", "package")
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	got := readDir(t, dir)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, b := range got {
			if err := os.WriteFile(filepath.Join(goldenDir, name), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	compareFiles(t, readDir(t, goldenDir), got)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	slices.Sort(names)
	want := []string{"campaigns.csv", "commitments.csv", "coverage.csv", "datapackage.json", "jurisdictions.csv", "memberships.csv",
		"programmes.csv", "provisions.csv", "sources.csv", "surveys.csv"}
	if diff := cmp.Diff(want, names); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	// What the contract says of every file, checked without the goldens.
	for name, b := range got {
		if bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) || bytes.Contains(b, []byte("\r")) || !bytes.HasSuffix(b, []byte("\n")) {
			t.Errorf("%s: has a BOM or a carriage return, or does not end in a newline", name)
		}
	}
	for _, tb := range Tables() {
		header, _, _ := strings.Cut(string(got[tb.Path]), "\n")
		if want := strings.Join(tb.Header(), ","); header != want {
			t.Errorf("%s header = %q, want %q", tb.Path, header, want)
		}
	}
}

func TestEncodeSortsByKey(t *testing.T) {
	ds := goldenDataset()
	if _, err := Encode(ds); err != nil {
		t.Fatal(err)
	}
	for _, tb := range Tables() {
		if tb.Len(ds) < 2 {
			t.Errorf("%s: the golden dataset needs at least two records to show the order", tb.Name)
		}
		for i := 1; i < tb.Len(ds); i++ {
			prev, cur := strings.Split(tb.KeyOf(ds, i-1), "\t"), strings.Split(tb.KeyOf(ds, i), "\t")
			if slices.Compare(prev, cur) >= 0 {
				t.Errorf("%s: record %d %q is not after %q", tb.Name, i, cur, prev)
			}
		}
	}
	if got := ds.Memberships[1]; got.Jurisdiction != "DK" || got.Group != "Nordic Council, since 1952" {
		t.Errorf("memberships[1] = %s %s: want the key compared column by column", got.Jurisdiction, got.Group)
	}
}

func TestLoadGoldenRoundTrip(t *testing.T) {
	ds, ps, err := Load(goldenDir)
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 0 {
		t.Fatalf("Load(%s) problems:\n%v", goldenDir, ps)
	}
	want := goldenDataset()
	want.Sort()
	for _, tb := range Tables() {
		if got, w := tb.Len(ds), tb.Len(want); got != w {
			t.Errorf("%s: %d records, want %d", tb.Name, got, w)
			continue
		}
		for i := range tb.Len(ds) {
			if diff := cmp.Diff(tb.Values(want, i), tb.Values(ds, i)); diff != "" {
				t.Errorf("%s record %d (-want +got):\n%s", tb.Name, i, diff)
			}
			o := tb.Origin(ds, i)
			if wantFile := filepath.Join(goldenDir, tb.Path); o.File != wantFile || o.Row < 2 || o.Cols[tb.Fields[0].Name] != 1 {
				t.Errorf("%s record %d origin = %+v, want %s, row ≥ 2, first field in column 1", tb.Name, i, o, wantFile)
			}
		}
	}
	// The notes of pl-2017-approval (row 3) span two lines: the next record
	// starts on line 5.
	if got := ds.Surveys[2]; got.ID != "ru-2016-use" || got.Origin.Row != 5 {
		t.Errorf("surveys[2] = %s at row %d, want ru-2016-use at row 5", got.ID, got.Origin.Row)
	}

	dir := t.TempDir()
	if err := Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	compareFiles(t, readDir(t, goldenDir), readDir(t, dir))
}

// writePackage writes a data package in a new folder: the descriptor, every
// table with its header only, then files, which replace or add files (a nil
// value removes the file).
func writePackage(t *testing.T, files map[string]*string) string {
	t.Helper()
	dir := t.TempDir()
	desc, err := Descriptor(PackageInfo{})
	if err != nil {
		t.Fatal(err)
	}
	all := map[string]string{DescriptorFile: string(desc)}
	for _, tb := range Tables() {
		all[tb.Path] = strings.Join(tb.Header(), ",") + "\n"
	}
	for name, content := range files {
		if content == nil {
			delete(all, name)
			continue
		}
		all[name] = *content
	}
	for name, content := range all {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// problem is the part of a Problem the Load tests compare: the position
// relative to the package folder.
type problem struct {
	Code, Pos, Table, Field string
}

func problemsOf(dir string, ps Problems) []problem {
	var out []problem
	for _, p := range ps {
		if p.Severity != Error {
			continue
		}
		out = append(out, problem{p.Code, strings.TrimPrefix(p.Pos.String(), dir+string(filepath.Separator)), p.Table, p.Field})
	}
	return out
}

func TestLoadProblems(t *testing.T) {
	const sourcesHeader = "id,title,publisher,url,published,accessed,type,reliability,licence\n"
	const sourceRow = "gi-se,Sweden,,,,,report,,\n"
	tests := []struct {
		name  string
		files map[string]string
		want  []problem
		read  map[string]int // records read, by table
		msg   string         // in the first problem's message
	}{
		{
			name:  "missing column",
			files: map[string]string{"sources.csv": "id,title,publisher,url,published,accessed,type,reliability\n" + "gi-se,Sweden,,,,,report,\n"},
			want: []problem{
				{CodeHeader, "sources.csv:1", "sources", "licence"},
			},
			read: map[string]int{"sources": 1},
			msg:  `missing column "licence"`,
		},
		{
			name:  "missing required column reads rows without a problem per row",
			files: map[string]string{"sources.csv": "id,publisher,url,published,accessed,type,reliability,licence\n" + "gi-se,,,,,report,,\n" + "Bad Id,,,,,report,,\n"},
			want: []problem{
				{CodeHeader, "sources.csv:1", "sources", "title"},
				{CodePattern, "sources.csv:3:1", "sources", "id"},
			},
			read: map[string]int{"sources": 2},
		},
		{
			name:  "unknown column",
			files: map[string]string{"sources.csv": strings.TrimSuffix(sourcesHeader, "\n") + ",comment\n" + "gi-se,Sweden,,,,,report,,,x\n"},
			want: []problem{
				{CodeHeader, "sources.csv:1:10", "sources", "comment"},
			},
			read: map[string]int{"sources": 1},
		},
		{
			name:  "duplicated column",
			files: map[string]string{"sources.csv": "id,title,title,publisher,url,published,accessed,type,reliability,licence\n"},
			want: []problem{
				{CodeHeader, "sources.csv:1:3", "sources", "title"},
			},
		},
		{
			name:  "byte order mark",
			files: map[string]string{"sources.csv": "\ufeff" + sourcesHeader + sourceRow},
			want:  []problem{{CodeEncoding, "sources.csv:1:1", "sources", ""}},
			read:  map[string]int{"sources": 1},
			msg:   "byte order mark",
		},
		{
			name:  "ragged rows",
			files: map[string]string{"sources.csv": sourcesHeader + sourceRow + "gi-fi,Finland,,,,,report\n" + "gi-dk,Denmark,,,,,report,,\n" + "gi-no,Norway,,,,,report,,,,\n"},
			want: []problem{
				{CodeRagged, "sources.csv:3", "sources", ""},
				{CodeRagged, "sources.csv:5", "sources", ""},
			},
			read: map[string]int{"sources": 2},
			msg:  "wrong number of fields",
		},
		{
			name:  "invalid UTF-8",
			files: map[string]string{"sources.csv": sourcesHeader + sourceRow + "gi-fi,Suomi \xe4\xe4ni,,,,,report,,\n"},
			want:  []problem{{CodeEncoding, "sources.csv:3", "sources", ""}},
			read:  map[string]int{"sources": 0},
			msg:   "not valid UTF-8",
		},
		{
			name:  "empty file",
			files: map[string]string{"sources.csv": ""},
			want:  []problem{{CodeHeader, "sources.csv:1", "sources", ""}},
			msg:   "the file is empty",
		},
		{
			name:  "blank file",
			files: map[string]string{"commitments.csv": "\n \n"},
			want:  []problem{{CodeHeader, "commitments.csv:1", "commitments", ""}},
		},
		{
			name: "type error, columns in another order",
			files: map[string]string{"commitments.csv": "notes,source,until,from,jurisdiction\n" +
				"ok,gi-se,,1979,SE\n" +
				"x,gi-pl,,1979-13,PL\n"},
			want: []problem{{CodeType, "commitments.csv:3:4", "commitments", "from"}},
			read: map[string]int{"commitments": 2},
			msg:  "1979-13",
		},
		{
			name: "quoted newlines keep the line numbers",
			files: map[string]string{"sources.csv": sourcesHeader +
				"gi-se,\"Sweden,\nline two\nline three\",,,,,report,,\n" +
				"gi-fi,Finland,,,,,book,,\n" +
				"\"gi-\"\"dk\",\"Denmark\r\n\",,,,,report,,\n" +
				"gi-no,Norway,,,,,report,weak,\"CC\nBY\"\n" +
				"gi-pl,Poland,,,2024-13,,report,,\n"},
			want: []problem{
				{CodeEnum, "sources.csv:5:7", "sources", "type"},
				{CodePattern, "sources.csv:6:1", "sources", "id"},
				{CodePattern, "sources.csv:6:2", "sources", "title"}, // "Denmark\n": CRLF read as LF, then trailing space
				{CodeType, "sources.csv:10:5", "sources", "published"},
			},
			read: map[string]int{"sources": 5},
		},
		{
			name:  "required value and a bad code",
			files: map[string]string{"jurisdictions.csv": "code,name,kind,parent,child_population,child_population_year,child_population_source\nUK,,state,,,,\n"},
			want: []problem{
				{CodeISO, "jurisdictions.csv:2:1", "jurisdictions", "code"},
				{CodeRequired, "jurisdictions.csv:2:2", "jurisdictions", "name"},
			},
			read: map[string]int{"jurisdictions": 1},
		},
		{
			name:  "bare quote",
			files: map[string]string{"sources.csv": sourcesHeader + sourceRow + "gi-fi,the \"Finland\" report,,,,,report,,\n"},
			want:  []problem{{CodeFormat, "sources.csv:3", "sources", ""}},
			read:  map[string]int{"sources": 1},
			msg:   "bare",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]*string{}
			for name, c := range tt.files {
				files[name] = &c
			}
			dir := writePackage(t, files)
			ds, ps, err := Load(dir)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, problemsOf(dir, ps)); diff != "" {
				t.Errorf("problems (-want +got):\n%s\nall: %v", diff, ps)
			}
			if tt.msg != "" && (len(ps) == 0 || !strings.Contains(ps[0].Message, tt.msg)) {
				t.Errorf("first problem %v: want %q in the message", ps, tt.msg)
			}
			for name, n := range tt.read {
				if got := TableByName(name).Len(ds); got != n {
					t.Errorf("%s: %d records read, want %d", name, got, n)
				}
			}
		})
	}
}

func TestLoadQuotedNewlinesOrigins(t *testing.T) {
	csv := "id,title,publisher,url,published,accessed,type,reliability,licence\n" +
		"a,\"one\ntwo\",,,,,report,,\n" +
		"b,\"x\",,,,,report,,\"l1\n\nl3\"\n" +
		"c,\"x\",,,,,report,,\n"
	dir := writePackage(t, map[string]*string{"sources.csv": &csv})
	ds, ps, err := Load(dir)
	if err != nil || len(ps) != 0 {
		t.Fatalf("Load: %v %v", ps, err)
	}
	var got []int
	for _, s := range ds.Sources {
		got = append(got, s.Origin.Row)
	}
	if diff := cmp.Diff([]int{2, 4, 7}, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if ds.Sources[0].Title != "one\ntwo" || ds.Sources[1].Licence != "l1\n\nl3" {
		t.Errorf("quoted newlines read as %q, %q", ds.Sources[0].Title, ds.Sources[1].Licence)
	}
}

func TestLoadDescriptorProblems(t *testing.T) {
	t.Run("missing datapackage.json", func(t *testing.T) {
		dir := writePackage(t, map[string]*string{DescriptorFile: nil})
		ds, _, err := Load(dir)
		if err == nil || ds != nil {
			t.Fatalf("Load = %v, %v, want an error", ds, err)
		}
		if !strings.Contains(err.Error(), DescriptorFile) || !strings.Contains(err.Error(), dir) {
			t.Errorf("error %q does not name the folder and %s", err, DescriptorFile)
		}
	})
	t.Run("not a folder", func(t *testing.T) {
		if _, _, err := Load(filepath.Join(t.TempDir(), "nowhere")); err == nil {
			t.Error("Load(missing folder): no error")
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		bad := `{"resources": [`
		dir := writePackage(t, map[string]*string{DescriptorFile: &bad})
		if _, _, err := Load(dir); err == nil || !strings.Contains(err.Error(), DescriptorFile) {
			t.Errorf("Load: error = %v, want one naming %s", err, DescriptorFile)
		}
	})
	t.Run("listed table missing, unknown resource, wrong path", func(t *testing.T) {
		desc := `{"resources": [
			{"name": "sources", "path": "sources.csv"},
			{"name": "surveys", "path": "data/surveys.csv"},
			{"name": "people", "path": "people.csv"}
		]}`
		dir := writePackage(t, map[string]*string{DescriptorFile: &desc, "sources.csv": nil, "provisions.csv": nil})
		_, ps, err := Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		want := []problem{
			{CodeFile, "datapackage.json", "", ""},
			{CodeFile, "datapackage.json", "", ""},
		}
		if diff := cmp.Diff(want, problemsOf(dir, ps)); diff != "" {
			t.Errorf("problems (-want +got):\n%s\nall: %v", diff, ps)
		}
		// A listed table whose file is missing reads as empty, with a warning.
		if ps.Count(Warning) != 1 || !strings.Contains(ps.Error(), "sources.csv: warning file-error: table file is missing") {
			t.Errorf("want one warning about the missing sources.csv; got:\n%v", ps)
		}
	})
}

func TestSaveSkipsUnchangedFiles(t *testing.T) {
	dir := t.TempDir()
	ds := goldenDataset()
	if err := Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	before := statDir(t, dir)
	ds.Surveys[0].Value = 27 // the first survey after sorting
	if err := Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	after := statDir(t, dir)
	for name, fi := range before {
		same := os.SameFile(fi, after[name]) && fi.ModTime().Equal(after[name].ModTime())
		if want := name != "surveys.csv"; same != want {
			t.Errorf("%s: kept = %v, want %v", name, same, want)
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "surveys.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(",27,")) {
		t.Errorf("surveys.csv was not rewritten with the new value:\n%s", b)
	}
	assertNoTemps(t, dir)
}

func statDir(t *testing.T, dir string) map[string]os.FileInfo {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]os.FileInfo{}
	for _, e := range entries {
		fi, err := os.Stat(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = fi
	}
	return out
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}
}

// occupy replaces the file name in dir by a non-empty folder, so that
// renaming a file onto it fails even for root.
func occupy(t *testing.T, dir, name string) {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(path, "inside"), 0o755); err != nil {
		t.Fatal(err)
	}
}

func TestSaveFailureLeavesPreviousFiles(t *testing.T) {
	// Save renames the tables in name order, then the descriptor: with the
	// first target blocked, no file may change.
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	occupy(t, dir, "campaigns.csv")
	before := readDir(t, dir)
	changed := goldenDataset()
	changed.Sources[0].Title = "changed"
	changed.Surveys[0].Value = 1
	changed.Campaigns[0].Name = "changed"
	err := Save(dir, changed)
	if err == nil {
		t.Fatal("Save onto a folder: no error")
	}
	if !strings.Contains(err.Error(), "campaigns.csv") {
		t.Errorf("error %q does not name campaigns.csv", err)
	}
	compareFiles(t, before, readDir(t, dir)) // campaigns.csv, a folder, is in neither
	if fi, err := os.Stat(filepath.Join(dir, "campaigns.csv")); err != nil || !fi.IsDir() {
		t.Errorf("campaigns.csv is no longer the folder: %v", err)
	}
	assertNoTemps(t, dir)
}

func TestSaveFailureOnDescriptorLeavesNoTemps(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	occupy(t, dir, DescriptorFile)
	err := Save(dir, goldenDataset())
	if err == nil || !strings.Contains(err.Error(), DescriptorFile) {
		t.Fatalf("Save = %v, want an error naming %s", err, DescriptorFile)
	}
	assertNoTemps(t, dir)
}

func TestSaveIntoAFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Save(file, goldenDataset()); err == nil {
		t.Error("Save into a path that is a file: no error")
	}
}

// TestWriteFileAtomic covers WriteFileAtomic and WriteFileAtomicFunc, which
// must behave alike.
func TestWriteFileAtomic(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(path string, data []byte) error
	}{
		{"bytes", WriteFileAtomic},
		{"func", func(path string, data []byte) error {
			return WriteFileAtomicFunc(path, func(w io.Writer) error { _, err := w.Write(data); return err })
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "report.md")
			for _, content := range []string{"first\n", "second, longer\n", "second\n", ""} {
				if err := tc.write(path, []byte(content)); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(path)
				if err != nil || string(b) != content {
					t.Errorf("after writing %q: read %q, %v", content, b, err)
				}
				fi, err := os.Stat(path)
				if err != nil || fi.Mode().Perm() != 0o644 {
					t.Errorf("mode = %v, %v, want 0644", fi.Mode(), err)
				}
			}
			// Writing the same bytes again leaves the file alone.
			if err := tc.write(path, []byte("same\n")); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Stat(path)
			if err := tc.write(path, []byte("same\n")); err != nil {
				t.Fatal(err)
			}
			if after, _ := os.Stat(path); !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
				t.Error("writing identical bytes replaced the file")
			}
			occupy(t, dir, "report.md")
			if err := tc.write(path, []byte("x")); err == nil {
				t.Error("writing onto a folder: no error")
			}
			assertNoTemps(t, dir)
		})
	}
	t.Run("a failing writer", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "report.md")
		if err := WriteFileAtomic(path, []byte("kept\n")); err != nil {
			t.Fatal(err)
		}
		boom := errors.New("boom")
		err := WriteFileAtomicFunc(path, func(w io.Writer) error {
			io.WriteString(w, "half")
			return boom
		})
		if !errors.Is(err, boom) {
			t.Errorf("err = %v, want the writer's", err)
		}
		if b, _ := os.ReadFile(path); string(b) != "kept\n" {
			t.Errorf("after a failed write the file holds %q", b)
		}
		assertNoTemps(t, dir)
	})
}

// TestSaveWith: a table written by a function given to SaveWith replaces
// the one in the dataset, and the other files are Save's.
func TestSaveWith(t *testing.T) {
	want, err := Encode(goldenDataset())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ds := goldenDataset()
	ds.Surveys = nil // written by the function instead
	err = SaveWith(dir, ds, map[string]func(io.Writer) error{
		"surveys": func(w io.Writer) error { _, err := w.Write(want["surveys.csv"]); return err },
	})
	if err != nil {
		t.Fatal(err)
	}
	got := readDir(t, dir)
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs from Encode's bytes", name)
		}
	}
	assertNoTemps(t, dir)
}

// TestSaveWritesEncode: Save, which writes each file as it encodes it, writes
// the bytes Encode returns, and rewrites a file that holds a part of them or
// more than them.
func TestSaveWritesEncode(t *testing.T) {
	want, err := Encode(goldenDataset())
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		old  func(b []byte) []byte // what surveys.csv holds before; nil for no file
	}{
		{"new folder", nil},
		{"same bytes", func(b []byte) []byte { return b }},
		{"shorter", func(b []byte) []byte { return b[:len(b)-1] }},
		{"longer", func(b []byte) []byte { return append(slices.Clip(b), "x\n"...) }},
		{"one byte differs", func(b []byte) []byte { c := slices.Clone(b); c[len(c)/2]++; return c }},
		{"empty", func([]byte) []byte { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.old != nil {
				if err := os.WriteFile(filepath.Join(dir, "surveys.csv"), tc.old(want["surveys.csv"]), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := Save(dir, goldenDataset()); err != nil {
				t.Fatal(err)
			}
			got := readDir(t, dir)
			if len(got) != len(want) {
				t.Errorf("%d files, want %d", len(got), len(want))
			}
			for name, b := range want {
				if !bytes.Equal(got[name], b) {
					t.Errorf("%s differs from Encode's bytes", name)
				}
			}
			assertNoTemps(t, dir)
		})
	}
}
