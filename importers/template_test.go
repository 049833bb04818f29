package importers

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func templateFile(t *testing.T) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestTemplateLayout(t *testing.T) {
	f := templateFile(t)
	want := []string{instructionsSheet}
	for _, tb := range dataset.Tables() {
		want = append(want, tb.Name)
	}
	want = append(want, listsSheet)
	if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
		t.Fatalf("sheets (-want +got):\n%s", diff)
	}
	if v, _ := f.GetSheetVisible(listsSheet); v {
		t.Errorf("the lists sheet is visible")
	}
	codes, err := f.GetCols(listsSheet)
	if err != nil || len(codes) == 0 || len(codes[0]) != len(dataset.Countries())+1 || codes[0][1] != dataset.Countries()[0].Alpha2 {
		t.Errorf("lists sheet: %d columns, err %v; want the %d country codes under a header", len(codes), err, len(dataset.Countries()))
	}
	for _, tb := range dataset.Tables() {
		t.Run(tb.Name, func(t *testing.T) {
			rows, err := f.GetRows(tb.Name)
			if err != nil || len(rows) != 1 {
				t.Fatalf("%d rows, err %v; want the header only", len(rows), err)
			}
			if diff := cmp.Diff(tb.Header(), rows[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			comments, err := f.GetComments(tb.Name)
			if err != nil {
				t.Fatal(err)
			}
			commented := map[string]string{}
			for _, c := range comments {
				var text strings.Builder
				text.WriteString(c.Text)
				for _, p := range c.Paragraph {
					text.WriteString(p.Text)
				}
				commented[c.Cell] = text.String()
			}
			dvs, err := f.GetDataValidations(tb.Name)
			if err != nil {
				t.Fatal(err)
			}
			lists := map[string]string{}
			for _, dv := range dvs {
				lists[strings.Fields(dv.Sqref)[0]] = dv.Formula1
			}
			for i, fd := range tb.Fields {
				col := dataset.ColumnName(i + 1)
				if !strings.Contains(commented[col+"1"], ".") {
					t.Errorf("%s (%s1) has no comment explaining it", fd.Name, col)
				}
				if fd.Required && !strings.Contains(commented[col+"1"], "Required") {
					t.Errorf("%s's comment does not say it is required", fd.Name)
				}
				formula := lists[col+"2:"+col+strconv.Itoa(templateRows+1)]
				switch fd.Kind {
				case dataset.KindEnum:
					for _, v := range dataset.Vocabularies[fd.Vocab] {
						if !strings.Contains(formula, v) {
							t.Errorf("%s's drop-down %q lacks %s", fd.Name, formula, v)
						}
					}
				case dataset.KindCode:
					if formula != "lists!$A$2:$A$"+strconv.Itoa(len(dataset.Countries())+1) {
						t.Errorf("%s's drop-down is %q, want the lists sheet's codes", fd.Name, formula)
					}
				case dataset.KindBoolean:
					if !strings.Contains(formula, "true") || !strings.Contains(formula, "false") {
						t.Errorf("%s's drop-down is %q, want true and false", fd.Name, formula)
					}
				case dataset.KindDate:
					style, err := f.GetColStyle(tb.Name, col)
					if err != nil {
						t.Fatal(err)
					}
					st, err := f.GetStyle(style)
					if err != nil || st.NumFmt != 49 {
						t.Errorf("date column %s is not formatted as text (style %d: %+v, %v)", fd.Name, style, st, err)
					}
				}
			}
			panes, err := f.GetPanes(tb.Name)
			if err != nil || !panes.Freeze || panes.YSplit != 1 {
				t.Errorf("header not frozen: %+v, %v", panes, err)
			}
		})
	}
}

// TestUntouchedTemplate: importing the template as written imports nothing,
// with no problem.
func TestUntouchedTemplate(t *testing.T) {
	dir := inDir(t)
	var buf bytes.Buffer
	if err := WriteTemplate(&buf); err != nil {
		t.Fatal(err)
	}
	name := writeFile(t, dir, "template.xlsx", buf.Bytes())
	res := mustImport(t, Options{}, name)
	if len(res.Problems) > 0 || res.Records() != 0 {
		t.Errorf("%d records, problems %v; want none", res.Records(), problemLines(res.Problems))
	}
	want := []string{"template.xlsx:'Instructions': instructions", "template.xlsx:'lists': hidden sheet"}
	if diff := cmp.Diff(want, skips(res)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if got := len(res.Files[0].Tables()); got != len(dataset.Tables()) {
		t.Errorf("%d tables recognised, want %d", got, len(dataset.Tables()))
	}
}

// fillTemplate writes every record of ds into the template, as a researcher
// would type it: numbers as numbers, everything else as text.
func fillTemplate(t *testing.T, path string, ds *dataset.Dataset) {
	t.Helper()
	f := templateFile(t)
	for _, tb := range dataset.Tables() {
		for i := range tb.Len(ds) {
			for j, v := range tb.Values(ds, i) {
				if v == "" {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(j+1, i+2)
				var val any = v
				switch tb.Fields[j].Kind {
				case dataset.KindInteger:
					n, _ := strconv.Atoi(v)
					val = n
				case dataset.KindPercent:
					x, _ := strconv.ParseFloat(v, 64)
					val = x
				}
				if err := f.SetCellValue(tb.Name, cell, val); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// sampleDataset has a record in every table with every kind of value.
func sampleDataset() *dataset.Dataset {
	i := func(n int) *int { return &n }
	b := func(v bool) *bool { return &v }
	return &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "DK", Name: "Denmark", Kind: dataset.State, ChildPopulation: i(1150000), ChildPopulationYear: i(2023), ChildPopulationSource: "dst"},
			{Code: "FO", Name: "Faroe Islands", Kind: dataset.Territory, Parent: "DK"},
		},
		Memberships: []dataset.Membership{{Jurisdiction: "DK", Group: "CBSS", From: dataset.MustDate("1992-03-06"), Note: "founding member"}},
		Provisions: []dataset.Provision{{
			ID: "dk-home-1997", Jurisdiction: "DK", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: b(true),
			Adopted: dataset.MustDate("1997-05"), InForce: dataset.MustDate("1997-06-01"), Instrument: "Forældreansvarsloven",
			Provision: "§ 2, stk. 2", Quote: "Barnet må ikke udsættes for korporlig afstraffelse", Translation: dataset.Original,
			Source: "dst", VerifiedOn: dataset.MustDate("2024-01-15"), Notes: "=not a formula",
		}},
		Commitments: []dataset.Commitment{{Jurisdiction: "FO", From: dataset.MustDate("2010"), Until: dataset.MustDate("2012-01"), Source: "dst", Notes: "revoked"}},
		Campaigns: []dataset.Campaign{{
			ID: "dk-fo-x-2011", Jurisdictions: []string{"DK", "FO"}, Kind: dataset.MeasureCampaign, Name: "</script> campaign",
			NameOriginal: "Kampagne", Start: dataset.MustDate("2011"), End: dataset.MustDate("2012-12-31"), Lead: "Børnerådet",
			LeadType: "ombudsman", Audiences: []string{"children", "parents"}, Channels: []string{"online", "tv"}, Evaluated: b(false), Source: "dst",
		}},
		Programmes: []dataset.Programme{{
			ID: "dk-pmto-2006", Jurisdiction: "DK", Name: "PMTO", Model: "PMTO", Provider: "Socialstyrelsen", Level: "indicated",
			Delivery: []string{"group", "individual"}, AgeFrom: i(3), AgeTo: i(12), Start: dataset.MustDate("2006"),
			Reach: i(800), ReachYear: i(2019), Evidence: "rct", Source: "dst",
		}},
		Surveys: []dataset.Survey{{
			ID: "dk-approval-2019", Jurisdiction: "DK", Series: "dk-approval", Indicator: dataset.CPApproval, Year: 2019, Value: 26.5,
			Respondents: "parents", Population: "parents of children 0–17", SampleSize: i(1500), Question: "Is it ever acceptable…?",
			Method: "online", Break: b(false), Source: "dst",
		}},
		Sources: []dataset.Source{{
			ID: "dst", Title: "Statistics Denmark", Publisher: "Danmarks Statistik", URL: "https://www.dst.dk/en",
			Published: dataset.MustDate("2023"), Accessed: dataset.MustDate("2024-01-15"), Type: "dataset", Reliability: "primary", Licence: "CC BY 4.0",
		}},
	}
}

// TestTemplateRoundTrip: a template filled in with a dataset's records
// imports to the same records, for a sample of every kind of value and for
// the dataset shipped with cpmap.
func TestTemplateRoundTrip(t *testing.T) {
	bundled, ps, err := dataset.Load(filepath.Join("..", "data"))
	if err != nil {
		t.Fatalf("the bundled dataset: %v", err)
	}
	if ps.HasErrors() {
		t.Fatalf("the bundled dataset has errors:\n%v", ps)
	}
	for _, tc := range []struct {
		name string
		ds   *dataset.Dataset
	}{{"sample", sampleDataset()}, {"bundled data", bundled}} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "filled.xlsx")
			fillTemplate(t, path, tc.ds)
			res := mustImport(t, Options{}, path)
			if errs := errorsOf(res.Problems); len(errs) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
			}
			if diff := dataset.Diff(tc.ds, res.Dataset); len(diff) > 0 {
				t.Errorf("%d records differ after the round trip; first: %+v", len(diff), diff[0])
			}
		})
	}
}

// TestCSVRoundTrip: the dataset's own CSV files import to the same records.
func TestCSVRoundTrip(t *testing.T) {
	dir := filepath.Join("..", "data")
	bundled, _, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, tb := range dataset.Tables() {
		files = append(files, filepath.Join(dir, tb.Path))
	}
	res := mustImport(t, Options{}, files...)
	if errs := errorsOf(res.Problems); len(errs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
	}
	if diff := dataset.Diff(bundled, res.Dataset); len(diff) > 0 {
		t.Errorf("%d records differ; first: %+v", len(diff), diff[0])
	}
	out := t.TempDir()
	if err := dataset.Save(out, res.Dataset); err != nil {
		t.Fatal(err)
	}
	for _, tb := range dataset.Tables() {
		a, _ := os.ReadFile(filepath.Join(dir, tb.Path))
		b, _ := os.ReadFile(filepath.Join(out, tb.Path))
		if !bytes.Equal(a, b) {
			t.Errorf("%s is not the same bytes after import and save", tb.Path)
		}
	}
}
