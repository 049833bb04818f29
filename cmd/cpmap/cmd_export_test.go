package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// hostileData saves a valid dataset whose text cells try formula injection.
func hostileData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	yes := true
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "EE", Name: "Estonia", Kind: "state"}},
		Provisions: []dataset.Provision{{ID: "ee-home-2014", Jurisdiction: "EE", Setting: "home", Status: "prohibited",
			Confirmed: &yes, InForce: dataset.MustDate("2015"), Instrument: `=HYPERLINK("http://evil","x")`,
			Provision: "-5", Quote: "@SUM(A1)", Source: "src", Notes: "+1"}},
		Surveys: []dataset.Survey{{ID: "ee-2018", Jurisdiction: "EE", Indicator: "cp_approval", Year: 2018, Value: 26.5,
			Respondents: "adults", Source: "src", Question: "-1+2"}},
		Sources: []dataset.Source{{ID: "src", Title: "Report", Type: "report"}},
	}
	ds.Package = defaultConfig().Package.info() // as an import without config.yaml writes it
	if err := dataset.Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	return dir
}

func loadForTest(t *testing.T, dir string) *dataset.Dataset {
	t.Helper()
	ds, ps, err := dataset.Load(dir)
	if err != nil || ps.HasErrors() {
		t.Fatalf("load %s: %v\n%v", dir, err, ps)
	}
	return ds
}

// TestExportXLSX exports datasets and reads every cell back: the sheets are
// the tables, the headers their columns, numbers are number cells, and each
// text cell is the stored text guarded by SafeText, with no formula.
func TestExportXLSX(t *testing.T) {
	for name, data := range map[string]string{"valid": "../../testdata/valid", "hostile": hostileData(t)} {
		t.Run(name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "dataset.xlsx")
			r := runCpmap(t, nil, "export", "--data", data, "--out", out)
			if r.code != exitOK {
				t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
			}
			if !strings.Contains(r.stderr, "wrote "+out) {
				t.Errorf("stderr = %q, want it to say what was written", r.stderr)
			}
			f, err := excelize.OpenFile(out)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			ds := loadForTest(t, data)
			var sheets []string
			for _, tb := range dataset.Tables() {
				sheets = append(sheets, tb.Name)
			}
			if diff := cmp.Diff(sheets, f.GetSheetList()); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			for _, tb := range dataset.Tables() {
				rows, err := f.GetRows(tb.Name, excelize.Options{RawCellValue: true})
				if err != nil || len(rows) == 0 {
					t.Fatalf("%s: %v, %d rows", tb.Name, err, len(rows))
				}
				if diff := cmp.Diff(tb.Header(), rows[0]); diff != "" {
					t.Errorf("%s header (-want +got):\n%s", tb.Name, diff)
				}
				if len(rows)-1 != tb.Len(ds) {
					t.Errorf("%s: %d rows, want %d", tb.Name, len(rows)-1, tb.Len(ds))
				}
				for i := range tb.Len(ds) {
					for j, stored := range tb.Values(ds, i) {
						cell := dataset.ColumnName(j+1) + strconv.Itoa(i+2)
						got, _ := f.GetCellValue(tb.Name, cell, excelize.Options{RawCellValue: true})
						typ, _ := f.GetCellType(tb.Name, cell)
						if formula, _ := f.GetCellFormula(tb.Name, cell); formula != "" {
							t.Errorf("%s!%s has formula %q", tb.Name, cell, formula)
						}
						number := tb.Fields[j].Kind == dataset.KindInteger || tb.Fields[j].Kind == dataset.KindPercent
						switch {
						case stored == "":
							if got != "" {
								t.Errorf("%s!%s = %q, want empty", tb.Name, cell, got)
							}
						case number:
							if typ == excelize.CellTypeSharedString || got != stored {
								t.Errorf("%s!%s = %q (type %v), want the number %s", tb.Name, cell, got, typ, stored)
							}
						default:
							// Text like a formula is written as it is, in a
							// quote-prefixed style; after apostrophes, guarded.
							want := stored
							if strings.HasPrefix(stored, "'") {
								want = exports.SafeText(stored)
							}
							if typ != excelize.CellTypeSharedString || got != want {
								t.Errorf("%s!%s = %q (type %v), want the text %q", tb.Name, cell, got, typ, want)
							}
						}
					}
				}
			}
		})
	}
	t.Run("hostile cells", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "hostile.xlsx")
		if r := runCpmap(t, nil, "export", "--data", hostileData(t), "--out", out); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for cell, want := range map[string]string{"I2": `=HYPERLINK("http://evil","x")`, "J2": "-5", "K2": "@SUM(A1)", "O2": "+1"} {
			if got, _ := f.GetCellValue("provisions", cell); got != want {
				t.Errorf("provisions!%s = %q, want %q", cell, got, want)
			}
		}
		if got, _ := f.GetCellValue("surveys", "J2"); got != "-1+2" {
			t.Errorf("surveys question = %q, want -1+2", got)
		}
	})
}

func TestExportJSON(t *testing.T) {
	data := hostileData(t)
	want, err := exports.DatasetJSON(loadForTest(t, data))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		file string // "" for stdout
	}{
		{"by format", []string{"--format", "json", "--out", filepath.Join(dir, "a.out")}, filepath.Join(dir, "a.out")},
		{"by extension", []string{"--out", filepath.Join(dir, "b.JSON")}, filepath.Join(dir, "b.JSON")},
		{"to stdout", []string{"--format", "json", "--out", "-"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, nil, append([]string{"export", "--data", data}, tt.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			got := []byte(r.stdout)
			if tt.file != "" {
				if got, err = os.ReadFile(tt.file); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(got, want) {
				t.Errorf("export differs from exports.DatasetJSON:\n%s", got)
			}
			if !bytes.Contains(got, []byte(`"instrument": "=HYPERLINK(\"http://evil\",\"x\")"`)) {
				t.Errorf("JSON does not keep the exact text of the instrument:\n%s", got)
			}
		})
	}
	t.Run("explicit xlsx wins over the extension", func(t *testing.T) {
		out := filepath.Join(dir, "c.json")
		if r := runCpmap(t, nil, "export", "--data", data, "--format", "xlsx", "--out", out); r.code != exitOK {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		b, _ := os.ReadFile(out)
		if !bytes.HasPrefix(b, []byte("PK")) {
			t.Errorf("--format xlsx wrote %.20q, want a workbook (a zip)", b)
		}
	})
}

func TestExportErrors(t *testing.T) {
	broken := t.TempDir()
	if err := dataset.Save(broken, &dataset.Dataset{}); err != nil {
		t.Fatal(err)
	}
	bad := "id,title,publisher,url,published,accessed,type,reliability,licence\nx,A report,,,,,not-a-type,,\n"
	if err := os.WriteFile(filepath.Join(broken, "sources.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStderr string
	}{
		{"no --out", []string{"export", "--data", "../../testdata/valid"}, exitUsage, "needs --out"},
		{"bad format", []string{"export", "--format", "csv", "--out", filepath.Join(dir, "x")}, exitUsage, `--format "csv"`},
		{"argument", []string{"export", "x.xlsx"}, exitUsage, "unknown command"},
		{"dataset with errors", []string{"export", "--data", broken, "--out", filepath.Join(dir, "y.xlsx")}, exitProblems, "enum-error"},
		{"no data package", []string{"export", "--data", dir, "--out", filepath.Join(dir, "z.xlsx")}, exitProblems, "datapackage.json is missing"},
		{"missing folder", []string{"export", "--data", "../../testdata/valid", "--out", filepath.Join(dir, "no", "x.xlsx")}, exitProblems, "cannot write"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, r.stderr)
			}
		})
	}
	for _, name := range []string{"y.xlsx", "z.xlsx"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("a refused export wrote %s", name)
		}
	}
}

// TestExportImportRoundTrip imports the workbook cpmap export writes from a
// hostile dataset and gets back the dataset's files byte for byte: the
// apostrophes that neutralise formulas in the workbook are removed again.
func TestExportImportRoundTrip(t *testing.T) {
	data := hostileData(t)
	book := filepath.Join(t.TempDir(), "export.xlsx")
	if r := runCpmap(t, fixedClock, "--data", data, "export", "--out", book); r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	back := filepath.Join(t.TempDir(), "back")
	if r := runCpmap(t, fixedClock, "--data", back, "import", book); r.code != 0 {
		t.Fatalf("import of the export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	want, got := readTree(t, data), readTree(t, back)
	for name, b := range want {
		if !bytes.Equal(got[name], b) {
			t.Errorf("%s differs after export and import:\nwant:\n%s\ngot:\n%s", name, b, got[name])
		}
	}
}
