package importers

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// TestParts imports the same workbook holding every record and with parts
// of a few records: the parts together hold what the whole import holds,
// the other tables are the same, and Close leaves no file behind.
func TestParts(t *testing.T) {
	dir := inDir(t)
	rows := [][]any{{"id", "jurisdiction", "series", "indicator", "year", "value", "respondents", "source"}}
	for i := range 40 {
		id := fmt.Sprintf("sv-%02d", i)
		if i%5 == 0 {
			id = "" // made from the series and year
		}
		rows = append(rows, []any{id, []string{"SE", "FI", "DK", "NO"}[i%4], fmt.Sprintf("series-%d", i%7), "cp_approval", 1990 + i, 10 + i%50, "parents", "https://example.org/survey"})
	}
	progs := [][]any{{"id", "jurisdiction", "name", "start", "source"}}
	for i := range 30 {
		progs = append(progs, []any{nil, "EE", fmt.Sprintf("Programme %d", i%12), 2000 + i%3, "src-1"})
	}
	name := xlsxtest.Write(t, dir, "bulk.xlsx",
		xlsxtest.Sheet{Name: "surveys", Rows: rows},
		xlsxtest.Sheet{Name: "programmes", Rows: progs},
		xlsxtest.Sheet{Name: "sources", Rows: [][]any{{"id", "title", "type"}, {"src-1", "A report", "report"}}})

	whole := mustImport(t, Options{}, name)
	if whole.Parts != nil {
		t.Fatal("an import without PartRecords has parts")
	}
	tmp := t.TempDir()
	res := mustImport(t, Options{PartRecords: 8, TempDir: tmp}, name)
	if res.Parts == nil {
		t.Fatal("70 records with PartRecords 8: no parts")
	}
	if n := res.Parts.Len(); n < 2 {
		t.Errorf("%d parts, want several", n)
	}
	if got, want := res.Parts.Records(), 70; got != want {
		t.Errorf("Parts.Records() = %d, want %d, the rows read into the bulk tables", got, want)
	}
	for _, tb := range dataset.Tables() {
		if isBulk(tb) {
			if n := tb.Len(res.Dataset); n > 0 {
				t.Errorf("Result.Dataset holds %d %s besides the parts", n, tb.Name)
			}
			continue
		}
		if diff := cmp.Diff(table(whole.Dataset, tb.Name), table(res.Dataset, tb.Name)); diff != "" {
			t.Errorf("%s (-whole +parts):\n%s", tb.Name, diff)
		}
	}
	got := &dataset.Dataset{}
	var ps dataset.Problems
	seriesPart := map[string]int{}
	for i := range res.Parts.Len() {
		part, pps, err := res.Parts.Part(i, nil)
		if err != nil {
			t.Fatal(err)
		}
		ps = append(ps, pps...)
		for _, tb := range res.Parts.Tables() {
			for j := range tb.Len(part) {
				tb.Append(got, tb.Values(part, j), tb.Origin(part, j))
			}
			// Every survey of one series is in one part.
			if tb.Name == "surveys" {
				for _, s := range part.Surveys {
					if seen, ok := seriesPart[s.Series]; ok && seen != i {
						t.Errorf("series %s is in parts %d and %d", s.Series, seen, i)
					}
					seriesPart[s.Series] = i
				}
			}
		}
	}
	ps.Sort()
	if diff := cmp.Diff(problemLines(whole.Problems), problemLines(append(res.Problems, ps...))); diff != "" {
		t.Errorf("problems (-whole +parts):\n%s", diff)
	}
	for _, name := range []string{"surveys", "programmes"} {
		w := table(whole.Dataset, name)
		if len(w) < 10 {
			t.Fatalf("the whole import has %d %s: the test data is wrong", len(w), name)
		}
		if diff := cmp.Diff(w, table(got, name)); diff != "" {
			t.Errorf("%s (-whole +parts):\n%s", name, diff)
		}
	}
	if err := res.Parts.Close(); err != nil {
		t.Fatal(err)
	}
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		var names []string
		for _, e := range left {
			names = append(names, e.Name())
		}
		t.Errorf("after Close, the temporary folder holds %s", strings.Join(names, ", "))
	}
}

func TestNumberless(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"se-kurs-2020-2", "se-kurs"},
		{"se-kurs-2020", "se-kurs"},
		{"se-kurs", "se-kurs"},
		{"a-1-b-2", "a-1-b"},
		{"2020", "2020"},
		{"x-", "x-"},
		{"-2", ""},
		{"", ""},
	} {
		if got := numberless(tc.in); got != tc.want {
			t.Errorf("numberless(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
