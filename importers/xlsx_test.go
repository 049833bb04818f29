package importers

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// TestImportSharedStringsInFiles imports a workbook with its shared strings
// in files, in a given temporary folder, and wants the records of an import
// in memory, and no file left behind.
func TestImportSharedStringsInFiles(t *testing.T) {
	dir := inDir(t)
	rows := [][]any{{"Country", "Setting", "Status", "Source"}}
	for i := range 60 {
		rows = append(rows, []any{[]string{"FI", "SE", "EE", "LV"}[i%4], []string{"home", "school", "alternative care"}[i%3], "yes", fmt.Sprintf("https://example.org/law-%03d", i)})
	}
	name := xlsxtest.Write(t, dir, "laws.xlsx", xlsxtest.Sheet{Name: "S", Rows: rows})
	want := mustImport(t, Options{}, name)
	tmp := t.TempDir()
	t.Cleanup(xlsx.KeepSharedStringsInFiles(32))
	got := mustImport(t, Options{TempDir: tmp}, name)
	if diff := cmp.Diff(problemLines(want.Problems), problemLines(got.Problems)); diff != "" {
		t.Errorf("problems (-memory +files):\n%s", diff)
	}
	for _, name := range []string{"provisions", "sources"} {
		if diff := cmp.Diff(table(want.Dataset, name), table(got.Dataset, name)); diff != "" {
			t.Errorf("%s (-memory +files):\n%s", name, diff)
		}
	}
	if p, s := len(table(got.Dataset, "provisions")), len(table(got.Dataset, "sources")); p != 12 || s != 60 {
		t.Errorf("%d provisions and %d sources read, want 12 and 60", p, s)
	}
	left := slices.DeleteFunc(dirEntries(t, tmp), func(name string) bool { return !strings.HasPrefix(name, "cpmap-sst-") })
	if len(left) > 0 {
		t.Errorf("the import left %q in its temporary folder", left)
	}
}

func dirEntries(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestFormulaWithoutResult: a cell holding a formula with no stored result
// is an error naming the cell, not an empty value; one in a column not read
// or in a skipped totals row is not.
func TestFormulaWithoutResult(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "f.xlsx", xlsxtest.Sheet{Name: "Laws",
		Rows: [][]any{
			{"Country", "Setting", "Status", "In force", "Source"},
			{"LV", "home", "yes", nil, "https://likumi.lv"},
			{"EE", "home", "yes", "2016", "https://riigiteataja.ee"},
			{"Total", nil, nil, nil, nil},
		},
		Formulas: map[string]string{"D2": "DATE(2017,1,1)", "B4": "COUNTA(B2:B3)"},
	})
	res := mustImport(t, Options{}, name)
	want := []string{
		`f.xlsx:'Laws'!D2: error type-error: in_force: the cell holds a formula with no stored result, so its value is unknown: open and save the workbook in a spreadsheet program, or type the value`,
	}
	if diff := cmp.Diff(want, problemLines(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestGlobalInitiativeTable: a wide legality table as the Global Initiative
// publishes it, held out from the bundled sources: a regional heading,
// totals rows with counts per setting, a notes row, and one mistyped
// country. The heading, totals and notes are skipped and said to be; the
// mistyped country is an error suggesting the country meant.
func TestGlobalInitiativeTable(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "gi.xlsx", xlsxtest.Sheet{Name: "Legality",
		Rows: [][]any{
			{"Legality of corporal punishment of children, Europe"},
			{"State", "Home", "Alternative care settings", "Day care", "Schools", "Penal institutions", "Sentence for crime", "Source"},
			{"Northern Europe", "Northern Europe", "Northern Europe", "Northern Europe", "Northern Europe", "Northern Europe", "Northern Europe"},
			{"Sweden", "YES", "YES", "YES", "YES", "YES", "YES", "https://endcorporalpunishment.org/se"},
			{"Latvja", "YES", "YES", "YES", "YES", "YES", "YES", "https://endcorporalpunishment.org/lv"},
			{"Denmark", "YES", "YES", "YES", "YES", "YES", "YES", "https://endcorporalpunishment.org/dk"},
			{"Russian Federation", "NO", "SOME", "NO", "YES", "YES", "YES", "https://endcorporalpunishment.org/ru"},
			{"Eastern Europe"},
			{"Fully prohibited", 3, 3, 3, 4, 4, 4},
			{"Not fully prohibited", 1, 1, 1, 0, 0, 0},
			{"Total", 4, 4, 4, 4, 4, 4},
			{"Note: SOME means prohibited in some forms or places only; see the country reports for each state's law."},
		},
		Merges: [][2]string{{"A3", "G3"}},
	})
	res := mustImport(t, Options{}, name)
	want := []string{
		`gi.xlsx:'Legality'!A5: error iso-code-error: jurisdiction: cannot map "Latvja" to a country: did you mean Latvia? Use an ISO 3166-1 code or a country's name; if "Latvja" is a name of a country, add the line "CODE,Latvja," (CODE: its ISO 3166-1 alpha-2 code) to countries.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
	}
	if diff := cmp.Diff(want, problemLines(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	var skipped []string
	for _, s := range res.Files[0].Sheets[0].Skipped {
		skipped = append(skipped, fmt.Sprintf("%d %s", s.Pos.Row, s.Reason))
	}
	wantSkipped := []string{"3 regional heading", "8 regional heading", "9 totals row (counts per setting)",
		"10 totals row (counts per setting)", "11 totals row", "12 note"}
	if diff := cmp.Diff(wantSkipped, skipped); diff != "" {
		t.Errorf("skipped rows (-want +got):\n%s", diff)
	}
	if got := len(res.Dataset.Provisions); got != 18 {
		t.Errorf("%d provisions, want 18 (6 settings of Sweden, Denmark and Russia)", got)
	}
}

// TestColumnNamesAgree checks that the two spellings of a column's letters
// agree: dataset.ColumnName (positions in messages; dataset imports nothing
// of ours) and xlsx.ColumnName (the cells the reader and writer address).
// A drift would send a user to the wrong cell.
func TestColumnNamesAgree(t *testing.T) {
	for _, col := range []int{-1, 0, 1, 2, 25, 26, 27, 52, 53, 702, 703, 16384, 18278, 18279, 1 << 30} {
		if d, x := dataset.ColumnName(col), xlsx.ColumnName(col); d != x {
			t.Errorf("column %d: dataset says %q, xlsx says %q", col, d, x)
		}
	}
}
