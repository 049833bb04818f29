package importers

import (
	"errors"
	"fmt"
	"io"
	"testing"

	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// rowsSource is a source over fixed rows, with the percent cells of each,
// ending in end (io.EOF or an error).
func rowsSource(rows [][]string, percent map[[2]int]bool, end error) *source {
	i := 0
	src := &source{file: "t.xlsx", sheet: "s"}
	src.next = func() ([]string, int, error) {
		if i == len(rows) {
			return nil, i + 1, end
		}
		i++
		return rows[i-1], i, nil
	}
	if percent != nil {
		src.percent = func(row, col int) bool {
			// Any row returned can be asked about, as xlsx.Rows answers.
			return row <= i && percent[[2]int{row, col}]
		}
	}
	return src
}

type readRow struct {
	Cells   []string
	Num     int
	Err     string
	Percent []int
}

// drain reads a source to its end, or to limit rows, as readSheet does.
func drain(src *source, limit int) []readRow {
	var out []readRow
	for len(out) < limit {
		cells, n, err := src.next()
		r := readRow{Cells: cells, Num: n}
		if err != nil {
			r.Err = err.Error()
		}
		if src.percent != nil {
			for c := 1; c <= len(cells); c++ {
				if src.percent(n, c) {
					r.Percent = append(r.Percent, c)
				}
			}
		}
		out = append(out, r)
		if err != nil {
			break
		}
	}
	return out
}

func TestReadAhead(t *testing.T) {
	var rows [][]string
	percent := map[[2]int]bool{}
	for i := range 1000 {
		rows = append(rows, []string{fmt.Sprint(i), "x", fmt.Sprint(i * 2)})
		if i%7 == 0 {
			percent[[2]int{i + 1, 3}] = true
		}
	}
	bad := errors.New("row 1001: the XML ends in the middle of an element")
	for _, tc := range []struct {
		name    string
		end     error
		percent map[[2]int]bool
		limit   int
	}{
		{"to the end", io.EOF, percent, 1 << 30},
		{"to an error", bad, percent, 1 << 30},
		{"no percent formats", io.EOF, nil, 1 << 30},
		{"stopped early", io.EOF, percent, 300},
		{"stopped at once", io.EOF, percent, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := drain(rowsSource(rows, tc.percent, tc.end), tc.limit)
			src := rowsSource(rows, tc.percent, tc.end)
			stop := readAhead(src)
			got := drain(src, tc.limit)
			stop()
			stop() // twice is harmless
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows read ahead (-direct +ahead):\n%s", diff)
			}
			if tc.limit > len(rows) && got[len(got)-1].Err == "" {
				t.Errorf("the last row read has no error: %+v", got[len(got)-1])
			}
		})
	}
}

// TestImportReadAhead imports a workbook reading every sheet ahead and
// wants what a plain import gives.
func TestImportReadAhead(t *testing.T) {
	dir := inDir(t)
	rows := [][]any{{"id", "jurisdiction", "indicator", "year", "value", "respondents", "source"}}
	for i := range 300 {
		rows = append(rows, []any{fmt.Sprintf("sv-%03d", i), "SE", "cp_approval", 1900 + i%120, 0.25, "parents", "src-1"})
	}
	name := xlsxtest.Write(t, dir, "s.xlsx",
		xlsxtest.Sheet{Name: "surveys", Rows: rows},
		xlsxtest.Sheet{Name: "sources", Rows: [][]any{{"id", "title", "type"}, {"src-1", "A", "report"}}})
	want := mustImport(t, Options{}, name)
	defer func(n int) { readAheadRows = n }(readAheadRows)
	readAheadRows = 1
	got := mustImport(t, Options{}, name)
	for _, tb := range []string{"surveys", "sources", "jurisdictions"} {
		if diff := cmp.Diff(table(want.Dataset, tb), table(got.Dataset, tb)); diff != "" {
			t.Errorf("%s (-plain +ahead):\n%s", tb, diff)
		}
	}
	if diff := cmp.Diff(problemLines(want.Problems), problemLines(got.Problems)); diff != "" {
		t.Errorf("problems (-plain +ahead):\n%s", diff)
	}
}
