package bench

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func writeBook(t *testing.T, opt WorkbookOptions) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteWorkbook(&buf, opt); err != nil {
		t.Fatalf("WriteWorkbook(%+v): %v", opt, err)
	}
	return buf.Bytes()
}

// parts returns the workbook's parts by name.
func parts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		out[f.Name] = string(data)
	}
	return out
}

// TestWorkbookExcelStyle checks that the file is laid out as Excel saves
// one: every part, shared strings only, the real dimension.
func TestWorkbookExcelStyle(t *testing.T) {
	for _, table := range WorkbookTables {
		for _, rows := range []int{0, 250} {
			t.Run(table+"/"+strconv.Itoa(rows), func(t *testing.T) {
				p := parts(t, writeBook(t, WorkbookOptions{Rows: rows, Table: table, Sources: 30}))
				for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
					if _, ok := p[name]; !ok {
						t.Errorf("part %s is missing", name)
					}
				}
				for name, want := range map[string]string{
					"xl/worksheets/sheet1.xml": `<dimension ref="A1:L` + strconv.Itoa(rows+1) + `"/>`,
					"xl/worksheets/sheet2.xml": `<dimension ref="A1:F31"/>`,
				} {
					if !strings.Contains(p[name], want) {
						t.Errorf("%s does not declare %s", name, want)
					}
					if strings.Contains(p[name], "inlineStr") {
						t.Errorf("%s has inline strings", name)
					}
				}
				sst := p["xl/sharedStrings.xml"]
				refs := strings.Count(p["xl/worksheets/sheet1.xml"], ` t="s"`) + strings.Count(p["xl/worksheets/sheet2.xml"], ` t="s"`)
				entries := strings.Count(sst, "<si>")
				m := regexp.MustCompile(`count="(\d+)" uniqueCount="(\d+)"`).FindStringSubmatch(sst)
				if m == nil {
					t.Fatalf("sharedStrings.xml has no counts: %.200s", sst)
				}
				if diff := cmp.Diff([]string{strconv.Itoa(refs), strconv.Itoa(entries)}, m[1:]); diff != "" {
					t.Errorf("sharedStrings.xml count, uniqueCount (-in the sheets +declared):\n%s", diff)
				}
			})
		}
	}
}

// TestWorkbookReadBack reads the workbook with excelize, as cpmap import
// does: every row and column, the header, dates as dates and percentages as
// percentages.
func TestWorkbookReadBack(t *testing.T) {
	const rows, sources = 300, 40
	typed := map[string]struct {
		dates   []int // 0-based columns holding dates
		percent int   // column holding a percentage, or -1
	}{
		"programmes": {[]int{8, 9}, -1},
		"campaigns":  {[]int{5, 6}, -1},
		"surveys":    {nil, 5},
	}
	for _, table := range WorkbookTables {
		t.Run(table, func(t *testing.T) {
			f, err := excelize.OpenReader(bytes.NewReader(writeBook(t, WorkbookOptions{Rows: rows, Table: table, Sources: sources})))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if diff := cmp.Diff([]string{table, "sources"}, f.GetSheetList()); diff != "" {
				t.Errorf("sheets (-want +got):\n%s", diff)
			}
			want, _ := WorkbookHeader(table)
			got := readSheet(t, f, table)
			if len(got) != rows+1 {
				t.Fatalf("%d rows read, want %d and the header", len(got)-1, rows)
			}
			if diff := cmp.Diff(want, got[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			ids := map[string]bool{}
			for i, row := range got[1:] {
				if len(row) > len(want) || row[0] == "" || ids[row[0]] {
					t.Errorf("row %d = %q: want at most %d cells and a new id first", i+2, row, len(want))
				}
				ids[row[0]] = true
			}
			full := 0
			for _, row := range got[1:] {
				if len(row) == len(want) && row[len(row)-1] != "" {
					full++
				}
			}
			if full == 0 {
				t.Errorf("no row has all %d columns", len(want))
			}
			// firstIn returns the first cell of a column that holds a value.
			firstIn := func(col int) (string, string) {
				for i, row := range got[1:] {
					if col < len(row) && row[col] != "" {
						cell, _ := excelize.CoordinatesToCellName(col+1, i+2)
						return cell, row[col]
					}
				}
				t.Fatalf("column %d is empty", col+1)
				return "", ""
			}
			for _, col := range typed[table].dates {
				cell, raw := firstIn(col)
				checkDate(t, f, table, cell, raw)
			}
			if col := typed[table].percent; col >= 0 {
				cell, raw := firstIn(col)
				checkPercent(t, f, table, cell, raw)
			}
			if n := len(readSheet(t, f, "sources")); n != sources+1 {
				t.Errorf("sources sheet has %d rows, want %d and the header", n-1, sources)
			}
		})
	}
}

// readSheet returns a sheet's raw values, streaming as the importer does.
func readSheet(t *testing.T, f *excelize.File, sheet string) [][]string {
	t.Helper()
	rs, err := f.Rows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	var out [][]string
	for rs.Next() {
		row, err := rs.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, row)
	}
	if err := rs.Error(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkDate checks that a cell holds an Excel date serial shown as
// yyyy-mm-dd.
func checkDate(t *testing.T, f *excelize.File, sheet, cell, raw string) {
	t.Helper()
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		t.Errorf("%s: raw value %q is not a date serial", cell, raw)
		return
	}
	day, err := excelize.ExcelDateToTime(serial, false)
	if err != nil {
		t.Errorf("%s: %v", cell, err)
		return
	}
	shown, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if want := day.Format(time.DateOnly); shown != want {
		t.Errorf("%s: serial %s is shown as %q, want %q", cell, raw, shown, want)
	}
}

// checkPercent checks that a cell holds a fraction shown as a percentage.
func checkPercent(t *testing.T, f *excelize.File, sheet, cell, raw string) {
	t.Helper()
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil || v < 0 || v > 1 {
		t.Errorf("%s: raw value %q is not a fraction 0–1", cell, raw)
		return
	}
	shown, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	if want := strconv.FormatFloat(v*100, 'f', 1, 64) + "%"; shown != want {
		t.Errorf("%s: %s is shown as %q, want %q", cell, raw, shown, want)
	}
}

// TestWorkbookImports checks that cpmap's importer reads every row into a
// record with no problem, the sources sheet included.
func TestWorkbookImports(t *testing.T) {
	const rows, sources = 400, 25
	for _, table := range WorkbookTables {
		t.Run(table, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), table+".xlsx")
			if err := os.WriteFile(path, writeBook(t, WorkbookOptions{Rows: rows, Table: table, Sources: sources}), 0o644); err != nil {
				t.Fatal(err)
			}
			res, err := importers.Import([]string{path}, importers.Options{})
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range res.Problems {
				t.Errorf("import: %s", p)
			}
			tab := dataset.TableByName(table)
			if got := tab.Len(res.Dataset); got != rows {
				t.Errorf("%d %s imported, want %d", got, table, rows)
			}
			if got := len(res.Dataset.Sources); got != sources {
				t.Errorf("%d sources imported, want %d", got, sources)
			}
			ps := res.Dataset.Validate(dataset.ValidateOptions{Now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
			for _, p := range ps {
				if p.Severity == dataset.Error {
					t.Errorf("validate: %s", p)
				}
			}
		})
	}
}

func TestWorkbookDeterministic(t *testing.T) {
	for _, table := range WorkbookTables {
		t.Run(table, func(t *testing.T) {
			opt := WorkbookOptions{Rows: 100, Table: table, Seed: 4}
			a, b := writeBook(t, opt), writeBook(t, opt)
			if !bytes.Equal(a, b) {
				t.Errorf("two workbooks of %+v differ", opt)
			}
			opt.Seed++
			if c := writeBook(t, opt); bytes.Equal(a, c) {
				t.Errorf("seeds 4 and 5 gave the same workbook")
			}
		})
	}
}

func TestWorkbookBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  WorkbookOptions
	}{
		{"unknown table", WorkbookOptions{Rows: 1, Table: "provisions"}},
		{"negative rows", WorkbookOptions{Rows: -1}},
		{"negative sources", WorkbookOptions{Rows: 1, Sources: -1}},
		{"last year too early", WorkbookOptions{Rows: 1, LastYear: 500}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteWorkbook(&buf, tc.opt); err == nil {
				t.Errorf("WriteWorkbook(%+v) wrote %d bytes and no error; want an error", tc.opt, buf.Len())
			}
		})
	}
}

// TestWorkbookHeaders checks that every column is a field of its table, so
// that the import needs no synonym.
func TestWorkbookHeaders(t *testing.T) {
	check := func(table string, cols []string) {
		tab := dataset.TableByName(table)
		if tab == nil {
			t.Errorf("no table %q", table)
			return
		}
		if len(cols) != 12 && table != "sources" {
			t.Errorf("%s: %d columns, want 12", table, len(cols))
		}
		for _, c := range cols {
			if tab.Field(c) == nil {
				t.Errorf("%s: column %q is not a field of the table", table, c)
			}
		}
	}
	for _, table := range WorkbookTables {
		cols, err := WorkbookHeader(table)
		if err != nil {
			t.Fatal(err)
		}
		check(table, cols)
	}
	check("sources", sourceColumns)
}

// TestAppendSIReadBack checks the escapes against excelize, which undoes
// them as Excel does.
func TestAppendSIReadBack(t *testing.T) {
	texts := []string{"a < b & c", "a\x01b", "x _x0041_ y", " lead and trail "}
	var buf bytes.Buffer
	err := writeXLSX(&buf, []sheetSpec{{
		name: "s", header: []string{"text"}, rows: len(texts),
		fill: func(row int, c []cell) { c[0] = textCell(texts[row], false) },
	}})
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var got []string
	for _, row := range readSheet(t, f, "s")[1:] {
		got = append(got, row[0])
	}
	if diff := cmp.Diff(texts, got); diff != "" {
		t.Errorf("texts read back (-written +read):\n%s", diff)
	}
}
