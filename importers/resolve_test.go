package importers

import (
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// reviewHeaderRow is the review sheet's header as the writer gives it.
func reviewHeaderRow() []any {
	var h []any
	for _, c := range divergence.ReviewColumns {
		h = append(h, c.Header)
	}
	return h
}

// reviewCols is where each review column is in a sheet laid out as the
// writer lays it out.
func reviewCols() map[string]int {
	m := map[string]int{}
	for j, c := range divergence.ReviewColumns {
		m[c.Cell] = j + 1
	}
	return m
}

func TestReadReview(t *testing.T) {
	dir := inDir(t)
	const home = "jurisdiction=PL,setting=home,period=2010-08-01/.."
	name := xlsxtest.Write(t, dir, "review.xlsx",
		xlsxtest.Sheet{Name: "Instructions", Rows: [][]any{{"Instructions"}, {"Fill in Resolved value."}}},
		xlsxtest.Sheet{Name: divergence.ReviewSheet, Rows: [][]any{
			reviewHeaderRow(),
			// table, record, field, kind, A, A cell, B, B cell, resolved, note
			{"provisions", home, "status", "value", "prohibited", "pl.xlsx:'Przepisy'!B4", "partial", "en.xlsx:'provisions'!D2", "Tak", "the law says so"},
			{"provisions", home, "in_force", "precision", "2010-08-01", "pl.xlsx:'Przepisy'!D4", "2010", "en.xlsx:'provisions'!G2", "1.08.2010"},
			{},
			{"provisions", home, "confirmed", "blank", "true", "pl.xlsx:'Przepisy'!E4", nil, "en.xlsx:'provisions'!E2", "(EMPTY)"},
			{"provisions", home, "adopted", "value", "'=1", "'=cmd.xlsx:'S'!A1", "2009", nil, time.Date(1979, 7, 1, 0, 0, 0, 0, time.UTC)},
			{"provisions", home, "verified_on", "blank", "2024", nil, nil, nil, nil},
			{"provisions", home, "confirmed", "value", "true", nil, "false", nil, "maybe"},
			{"laws", home, "status", "value", "a", nil, "b", nil, "Tak"},
			{"campaigns", "jurisdictions=PL,name=kocham", "audiences", "value", "parents", nil, "public", nil, "public, Rodzice"},
		}},
	)
	rs, ps, err := ReadReview(name, Options{})
	if err != nil {
		t.Fatal(err)
	}
	o := func(row int) dataset.Origin {
		return dataset.Origin{File: "review.xlsx", Sheet: divergence.ReviewSheet, Row: row, Cols: reviewCols()}
	}
	want := []divergence.Resolution{
		{Table: "provisions", Record: home, Field: "status", A: "prohibited", B: "partial", Value: "prohibited", Origin: o(2)},
		{Table: "provisions", Record: home, Field: "in_force", A: "2010-08-01", B: "2010", Value: "2010-08-01", Origin: o(3)},
		{Table: "provisions", Record: home, Field: "confirmed", A: "true", B: "", Value: divergence.ResolvedEmpty, Origin: o(5)},
		{Table: "provisions", Record: home, Field: "adopted", A: "=1", B: "2009", Value: "1979-07-01", Origin: o(6)},
		{Table: "provisions", Record: home, Field: "verified_on", A: "2024", Value: "", Origin: o(7)},
		{Table: "laws", Record: home, Field: "status", A: "a", B: "b", Value: "Tak", Origin: o(9)},
		{Table: "campaigns", Record: "jurisdictions=PL,name=kocham", Field: "audiences", A: "parents", B: "public", Value: "parents;public", Origin: o(10)},
	}
	if diff := cmp.Diff(want, rs); diff != "" {
		t.Errorf("resolutions (-want +got):\n%s", diff)
	}
	var lines []string
	for _, p := range ps {
		lines = append(lines, p.String())
	}
	wantProblems := []string{`review.xlsx:'Review'!I8: error enum-error: provisions ` + home + ` confirmed: cannot map "maybe" to a yes/no value`}
	if len(lines) != 1 || !strings.HasPrefix(lines[0], wantProblems[0]) {
		t.Errorf("problems:\n%s\nwant one starting\n%s", strings.Join(lines, "\n"), wantProblems[0])
	}
}

func TestReadReviewRefusesFiles(t *testing.T) {
	dir := inDir(t)
	noRecord := xlsxtest.Write(t, dir, "no-record.xlsx", xlsxtest.Sheet{Name: divergence.ReviewSheet, Rows: [][]any{
		{"Table", "Field", "Divergence", "Coder A", "A cell", "Coder B", "B cell", "Resolved value"},
	}})
	noSheet := xlsxtest.Write(t, dir, "no-sheet.xlsx", xlsxtest.Sheet{Name: "Sheet1", Rows: [][]any{{"x"}}})
	notZip := writeFile(t, dir, "broken.xlsx", []byte("not a zip"))
	csv := writeFile(t, dir, "review.csv", []byte("Table,Record\n"))
	tests := []struct {
		name, file string
		opts       Options
		want       string
	}{
		{"missing column", noRecord, Options{}, `no-record.xlsx:'Review'!1:1: error header-error: missing column "Record"`},
		{"no review sheet", noSheet, Options{}, `no-sheet.xlsx: error header-error: the workbook has no sheet "Review"`},
		{"not a workbook", notZip, Options{}, "broken.xlsx: error file-error: cannot open as an .xlsx workbook"},
		{"a CSV file", csv, Options{}, `review.csv: error file-error: a review is an .xlsx workbook`},
		{"no such file", "absent.xlsx", Options{}, "absent.xlsx: error file-error: no such file"},
		{"too large", noSheet, Options{MaxFileBytes: 10}, "no-sheet.xlsx: error file-too-large: the file is"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, ps, err := ReadReview(tt.file, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) != 0 {
				t.Errorf("read %d resolutions from a file it refuses", len(rs))
			}
			if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), tt.want) {
				t.Errorf("problems = %v, want one starting %q", ps, tt.want)
			}
		})
	}
}
