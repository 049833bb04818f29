package exports

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func ptr[T any](v T) *T { return &v }

// longQuote is wider than MaxColumnWidth.
var longQuote = strings.Repeat("A child shall not be subjected to corporal punishment. ", 4)

// hostileDataset is a small dataset whose text cells try formula injection
// and hold what XML cannot, beside numbers, dates of every precision and lists.
func hostileDataset() *dataset.Dataset {
	return &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "EE", Name: "Estonia", Kind: "state", ChildPopulation: ptr(250000), ChildPopulationYear: ptr(2023), ChildPopulationSource: "src-1"},
			{Code: "LV", Name: "Latvia", Kind: "state"},
		},
		Memberships: []dataset.Membership{
			{Jurisdiction: "EE", Group: "CBSS", From: dataset.MustDate("1992")},
		},
		Provisions: []dataset.Provision{
			{ID: "ee-home-2014", Jurisdiction: "EE", Setting: "home", Status: "prohibited", Confirmed: ptr(true),
				Adopted: dataset.MustDate("2014-06"), InForce: dataset.MustDate("2016-01-01"),
				Instrument: `=HYPERLINK("http://evil","x")`, Provision: "-5", Quote: "@SUM(A1)",
				Source: "src-1", Notes: "\tcmd"},
			{ID: "lv-home-1998", Jurisdiction: "LV", Setting: "home", Status: "prohibited", Confirmed: ptr(false),
				InForce: dataset.MustDate("1998"), Quote: longQuote, Source: "src-1", Notes: "line one\nline two"},
		},
		Campaigns: []dataset.Campaign{
			{ID: "ee-campaign", Jurisdictions: []string{"EE", "LV"}, Kind: "campaign", Name: "+1", NameOriginal: "-1+2",
				Start: dataset.MustDate("1979"), Audiences: []string{"parents", "public"}, Source: "src-1",
				Notes: "x _x0041_ y\x01z"},
		},
		Surveys: []dataset.Survey{
			{ID: "ee-s-2018", Jurisdiction: "EE", Indicator: "cp_approval", Year: 2018, Value: 26.5, Respondents: "adults",
				SampleSize: ptr(1000), Question: "＝1+1", Source: "src-1", Notes: "'=already guarded?"},
			{ID: "ee-s-2020", Jurisdiction: "EE", Indicator: "cp_approval", Year: 2020, Value: 0.1, Respondents: "adults",
				Source: "src-1"},
		},
		Sources: []dataset.Source{
			{ID: "src-1", Title: "Report <&> 'quoted'", URL: "https://example.org/a?b=1&c=2", Published: dataset.MustDate("2019-03"), Type: "report"},
		},
	}
}

func writeXLSX(t *testing.T, ds *dataset.Dataset) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDatasetXLSX(&buf, ds); err != nil {
		t.Fatalf("WriteDatasetXLSX: %v", err)
	}
	return buf.Bytes()
}

func openXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading the workbook back: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteDatasetXLSXReadBack(t *testing.T) {
	ds := hostileDataset()
	f := openXLSX(t, writeXLSX(t, ds))

	var wantSheets []string
	for _, tb := range dataset.Tables() {
		wantSheets = append(wantSheets, tb.Name)
	}
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
	names := map[string]bool{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" {
			names[dn.Scope+" "+dn.RefersTo] = true
		}
	}

	for _, tb := range dataset.Tables() {
		t.Run(tb.Name, func(t *testing.T) {
			rows, err := f.GetRows(tb.Name, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) == 0 {
				t.Fatal("no header row")
			}
			if diff := cmp.Diff(tb.Header(), rows[0]); diff != "" {
				t.Errorf("header (-want +got):\n%s", diff)
			}
			if got, want := len(rows)-1, tb.Len(ds); got != want {
				t.Errorf("%d data rows, want %d", got, want)
			}
			for i := range tb.Len(ds) {
				for j, stored := range tb.Values(ds, i) {
					cell := xlsxCell(j+1, i+2)
					checkCell(t, f, tb.Name, cell, tb.Fields[j].Kind, stored)
				}
			}
			panes, err := f.GetPanes(tb.Name)
			if err != nil {
				t.Fatal(err)
			}
			if !panes.Freeze || panes.YSplit != 1 || panes.TopLeftCell != "A2" {
				t.Errorf("panes = %+v, want the header row frozen", panes)
			}
			last := dataset.ColumnName(len(tb.Fields))
			ref := "'" + tb.Name + "'!$A$1:$" + last + "$" + strconv.Itoa(tb.Len(ds)+1)
			if !names[tb.Name+" "+ref] && !names[tb.Name+" "+strings.ReplaceAll(ref, "'", "")] {
				t.Errorf("no autofilter over %s; filters: %v", ref, names)
			}
			for j := range tb.Fields {
				w, err := f.GetColWidth(tb.Name, dataset.ColumnName(j+1))
				if err != nil {
					t.Fatal(err)
				}
				if w < MinColumnWidth || w > MaxColumnWidth {
					t.Errorf("column %s width %g outside %d–%d", tb.Fields[j].Name, w, MinColumnWidth, MaxColumnWidth)
				}
			}
		})
	}
}

// writtenText is the text a cell of a sheet added by writeSheet holds for
// the stored text v: v itself, in a quote-prefixed style, when it starts
// like a formula; SafeText(v) when it starts with apostrophes and then
// like a formula; v otherwise.
func writtenText(v string) string {
	if strings.HasPrefix(v, "'") {
		return SafeText(v)
	}
	return v
}

// quoted reports whether a cell's style has the quote prefix.
func quoted(t *testing.T, f *excelize.File, sheet, cell string) bool {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	xfs := xfElemTest.FindAllString(cellXfsTest.FindString(stylesXML(t, f)), -1)
	return id < len(xfs) && (strings.Contains(xfs[id], `quotePrefix="1"`) || strings.Contains(xfs[id], `quotePrefix="true"`))
}

var (
	cellXfsTest = regexp.MustCompile(`(?s)<cellXfs.*?</cellXfs>`)
	xfElemTest  = regexp.MustCompile(`(?s)<xf\b[^>]*?(?:/>|>.*?</xf>)`)
)

// stylesXML returns the styles part of an open workbook as written.
func stylesXML(t *testing.T, f *excelize.File) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return zipParts(t, buf.Bytes(), "xl/styles.xml")["xl/styles.xml"]
}

// checkCell checks one data cell: no formula; a number cell for a number
// field; otherwise a string that is the stored text as writtenText says,
// quote-prefixed when it starts like a formula, and that the importers'
// inverse turns back into the stored text.
func checkCell(t *testing.T, f *excelize.File, sheet, cell string, kind dataset.Kind, stored string) {
	t.Helper()
	if formula, err := f.GetCellFormula(sheet, cell); err != nil || formula != "" {
		t.Errorf("%s!%s has formula %q (err %v)", sheet, cell, formula, err)
	}
	typ, err := f.GetCellType(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	got, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	switch {
	case stored == "":
		if got != "" {
			t.Errorf("%s!%s = %q, want an empty cell", sheet, cell, got)
		}
	case kind == dataset.KindInteger || kind == dataset.KindPercent:
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s has type %v, want a number cell", sheet, cell, typ)
		}
		gn, gerr := strconv.ParseFloat(got, 64)
		wn, _ := strconv.ParseFloat(stored, 64)
		if gerr != nil || gn != wn {
			t.Errorf("%s!%s = %q, want the number %s", sheet, cell, got, stored)
		}
	default:
		if typ != excelize.CellTypeSharedString {
			t.Errorf("%s!%s has type %v, want a string cell", sheet, cell, typ)
		}
		if want := writtenText(stored); got != want {
			t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
		}
		if want := SafeText(stored) != stored && !strings.HasPrefix(stored, "'"); quoted(t, f, sheet, cell) != want {
			t.Errorf("%s!%s quote-prefixed: %t, want %t", sheet, cell, !want, want)
		}
		if back := xlsx.Unguard(got); back != stored {
			t.Errorf("%s!%s imports back as %q, want %q", sheet, cell, back, stored)
		}
	}
}

// TestWriteDatasetXLSXHostileCells names the hostile values one by one, so
// that the neutralised forms are stated and not only computed.
func TestWriteDatasetXLSXHostileCells(t *testing.T) {
	f := openXLSX(t, writeXLSX(t, hostileDataset()))
	tests := []struct {
		name, sheet, cell, want string
		typ                     excelize.CellType
	}{
		{"hyperlink formula", "provisions", "I2", `=HYPERLINK("http://evil","x")`, excelize.CellTypeSharedString},
		{"minus text in a text column", "provisions", "J2", "-5", excelize.CellTypeSharedString},
		{"at function", "provisions", "K2", "@SUM(A1)", excelize.CellTypeSharedString},
		{"tab", "provisions", "O2", "\tcmd", excelize.CellTypeSharedString},
		{"line feed inside", "provisions", "O3", "line one\nline two", excelize.CellTypeSharedString},
		{"plus", "campaigns", "D2", "+1", excelize.CellTypeSharedString},
		{"minus expression", "campaigns", "E2", "-1+2", excelize.CellTypeSharedString},
		{"escape-like text and a control character", "campaigns", "N2", "x _x0041_ y\x01z", excelize.CellTypeSharedString},
		{"list as text", "campaigns", "B2", "EE;LV", excelize.CellTypeSharedString},
		{"year as text", "campaigns", "F2", "1979", excelize.CellTypeSharedString},
		{"month as text", "provisions", "F2", "2014-06", excelize.CellTypeSharedString},
		{"boolean as text", "provisions", "E2", "true", excelize.CellTypeSharedString},
		{"fullwidth equals", "surveys", "J2", "＝1+1", excelize.CellTypeSharedString},
		{"apostrophe already there", "surveys", "N2", "''=already guarded?", excelize.CellTypeSharedString},
		{"percent", "surveys", "F2", "26.5", excelize.CellTypeUnset},
		{"small percent", "surveys", "F3", "0.1", excelize.CellTypeUnset},
		{"integer", "surveys", "E2", "2018", excelize.CellTypeUnset},
		{"population", "jurisdictions", "E2", "250000", excelize.CellTypeUnset},
		{"html characters", "sources", "B2", "Report <&> 'quoted'", excelize.CellTypeSharedString},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := f.GetCellValue(tt.sheet, tt.cell, excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s!%s = %q, want %q", tt.sheet, tt.cell, got, tt.want)
			}
			if typ, _ := f.GetCellType(tt.sheet, tt.cell); typ != tt.typ {
				t.Errorf("%s!%s has type %v, want %v", tt.sheet, tt.cell, typ, tt.typ)
			}
			if formula, _ := f.GetCellFormula(tt.sheet, tt.cell); formula != "" {
				t.Errorf("%s!%s has formula %q", tt.sheet, tt.cell, formula)
			}
		})
	}
}

func TestWriteDatasetXLSXLayout(t *testing.T) {
	b := writeXLSX(t, hostileDataset())
	f := openXLSX(t, b)
	t.Run("deterministic", func(t *testing.T) {
		if again := writeXLSX(t, hostileDataset()); !bytes.Equal(b, again) {
			t.Error("two writes of the same dataset differ")
		}
	})
	t.Run("long column capped", func(t *testing.T) {
		w, _ := f.GetColWidth("provisions", "K") // quote
		if w != MaxColumnWidth {
			t.Errorf("quote column width %g, want the cap %d", w, MaxColumnWidth)
		}
	})
	t.Run("column fits its longest value", func(t *testing.T) {
		w, _ := f.GetColWidth("provisions", "A") // id: ee-home-2014, 12 characters
		if want := float64(len("ee-home-2014") + 2); w != want {
			t.Errorf("id column width %g, want %g", w, want)
		}
	})
	t.Run("header bold", func(t *testing.T) {
		id, err := f.GetCellStyle("provisions", "C1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("header style %+v (err %v), want bold", st, err)
		}
	})
	t.Run("empty dataset", func(t *testing.T) {
		f := openXLSX(t, writeXLSX(t, &dataset.Dataset{}))
		rows, err := f.GetRows("sources")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([][]string{dataset.TableByName("sources").Header()}, rows); diff != "" {
			t.Errorf("empty table sheet (-want +got):\n%s", diff)
		}
	})
}

func TestWorkbookErrors(t *testing.T) {
	col := []Column{{Name: "a"}}
	tests := []struct {
		name   string
		sheets []Sheet
		want   string
	}{
		{"no sheets", nil, "no sheets"},
		{"duplicate name", []Sheet{{Name: "Status", Columns: col}, {Name: "STATUS", Columns: col}}, "already has a sheet"},
		{"bad name", []Sheet{{Name: "a/b", Columns: col}}, "a/b"},
		{"long name", []Sheet{{Name: strings.Repeat("x", 32), Columns: col}}, "31"},
		{"no columns", []Sheet{{Name: "x"}}, "at least one column"},
		{"ragged row", []Sheet{{Name: "x", Columns: col, Rows: [][]string{{"1", "2"}}}}, "row 2 has 2 cells"},
		{"not a number", []Sheet{{Name: "x", Columns: []Column{{Name: "n", Number: true}}, Rows: [][]string{{"1e5"}}}}, `A2: "1e5" is not a number`},
		{"invalid UTF-8", []Sheet{{Name: "x", Columns: col, Rows: [][]string{{"\xff"}}}}, "A2: text is not valid UTF-8"},
		{"too long", []Sheet{{Name: "x", Columns: col, Rows: [][]string{{strings.Repeat("é", excelize.TotalCellChars+1)}}}}, "longer than a cell"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb, err := NewWorkbook()
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			for _, s := range tt.sheets {
				if err = wb.AddSheet(s); err != nil {
					break
				}
			}
			if err == nil {
				_, err = wb.WriteTo(&bytes.Buffer{})
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestWorkbookSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.xlsx")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if err := wb.AddSheet(Sheet{Name: "Numbers", Columns: []Column{{Name: "n", Number: true}, {Name: "note"}}, Rows: [][]string{{"-3", "-3"}}}); err != nil {
		t.Fatal(err)
	}
	if err := wb.Save(path); err != nil {
		t.Fatalf("Save: %v", err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, b)
	// A negative number is a number, untouched; the same text is guarded.
	if got, _ := f.GetCellValue("Numbers", "A2"); got != "-3" {
		t.Errorf("number cell = %q, want -3", got)
	}
	if typ, _ := f.GetCellType("Numbers", "A2"); typ == excelize.CellTypeSharedString {
		t.Errorf("number cell written as text")
	}
	if got, _ := f.GetCellValue("Numbers", "B2"); got != "'-3" {
		t.Errorf("text cell = %q, want '-3", got)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if !slices.Equal(names, []string{"out.xlsx"}) {
		t.Errorf("folder holds %v, want only out.xlsx (no temporary files)", names)
	}
	if err := wb.Save(filepath.Join(dir, "missing", "out.xlsx")); err == nil {
		t.Error("Save into a missing folder: no error")
	}
}

// TestWorkbookWrittenSheets mixes sheets added by AddSheet, whose text
// excelize keeps in the shared-strings table, with sheets whose cells
// writeSheet writes, styled and linked, and reads every cell back.
func TestWorkbookWrittenSheets(t *testing.T) {
	wb, err := NewWorkbook()
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	bold, err := wb.File().NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Color: "FF0000"}})
	if err != nil {
		t.Fatal(err)
	}
	first := Sheet{Name: "First", Columns: []Column{{Name: "a"}, {Name: "n", Number: true}}, Rows: [][]string{{"shared", "1"}, {"only first", ""}}}
	second := Sheet{Name: "Second", Columns: []Column{{Name: "a"}, {Name: "n", Number: true}, {Name: "url"}}, Rows: [][]string{
		{"shared", "2.5", "https://example.org/x"},
		{"=1+1", "-3", ""},
		{" spaced\t", "", "x _x0041_ y\x01z"},
	}}
	third := Sheet{Name: "Third", Columns: []Column{{Name: "a"}}, Rows: [][]string{{"shared"}, {"third"}}}
	if err := wb.AddSheet(first); err != nil {
		t.Fatal(err)
	}
	look := &sheetLook{
		styles: [][]int{{bold}, nil, {0, bold}},
		links:  []xlsx.Link{{Cell: "C2", URL: "https://example.org/x"}, {Cell: "A4", URL: `https://example.org/?a=1&b="2"`}},
		// A chart gives the sheet relationships before its links.
		extra: func() error {
			return wb.File().AddChart("Second", "E2", &excelize.Chart{Type: excelize.Col,
				Series: []excelize.ChartSeries{{Name: "Second!$B$1", Categories: "Second!$A$2:$A$3", Values: "Second!$B$2:$B$3"}}})
		},
	}
	if err := wb.writeSheet(second, look); err != nil {
		t.Fatal(err)
	}
	if err := wb.writeSheet(third, nil); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, buf.Bytes())
	for _, s := range []Sheet{first, second, third} {
		rows, err := f.GetRows(s.Name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{}}
		for _, c := range s.Columns {
			want[0] = append(want[0], c.Name)
		}
		for _, r := range s.Rows {
			var row []string
			for j, v := range r {
				if !s.Columns[j].Number {
					v = writtenText(v)
				}
				row = append(row, v)
			}
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1]
			}
			want = append(want, row)
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("%s (-want +got):\n%s", s.Name, diff)
		}
	}
	for _, tc := range []struct {
		name, sheet, cell string
		typ               excelize.CellType
		style             int
	}{
		{"text", "Second", "A2", excelize.CellTypeSharedString, bold},
		{"number", "Second", "B2", excelize.CellTypeUnset, 0},
		{"negative number", "Second", "B3", excelize.CellTypeUnset, 0},
		{"styled empty cell", "Second", "B4", excelize.CellTypeUnset, bold},
		{"header", "Third", "A1", excelize.CellTypeSharedString, wb.header},
	} {
		if got, _ := f.GetCellType(tc.sheet, tc.cell); got != tc.typ {
			t.Errorf("%s: %s!%s has type %v, want %v", tc.name, tc.sheet, tc.cell, got, tc.typ)
		}
		if got, err := f.GetCellStyle(tc.sheet, tc.cell); err != nil || got != tc.style {
			t.Errorf("%s: %s!%s has style %d (%v), want %d", tc.name, tc.sheet, tc.cell, got, err, tc.style)
		}
	}
	if typ, _ := f.GetCellType("Second", "A3"); typ != excelize.CellTypeSharedString || !quoted(t, f, "Second", "A3") {
		t.Errorf("guarded formula: Second!A3 has type %v, quote prefix %t; want a quote-prefixed string cell", typ, quoted(t, f, "Second", "A3"))
	}
	for _, l := range look.links {
		if ok, link, err := f.GetCellHyperLink("Second", l.Cell); !ok || link != l.URL || err != nil {
			t.Errorf("Second!%s links %v %q (%v), want %s", l.Cell, ok, link, err, l.URL)
		}
	}
	if ok, _, _ := f.GetCellHyperLink("Third", "A2"); ok {
		t.Error("Third!A2 has a hyperlink")
	}
	parts := zipParts(t, buf.Bytes(), "xl/")
	sheet := ""
	for name, x := range parts {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.Contains(x, "<hyperlinks>") {
			if sheet != "" {
				t.Errorf("hyperlinks in %s and %s", sheet, name)
			}
			sheet = name
			if !strings.Contains(x, `<drawing r:id="`) {
				t.Errorf("%s lost its drawing: %s", name, x)
			}
			if strings.Index(x, "<hyperlinks>") > strings.Index(x, "<drawing") {
				t.Errorf("%s: hyperlinks after the drawing, against the schema's order", name)
			}
		}
	}
	if sheet == "" {
		t.Error("no sheet holds hyperlinks")
	}
	if dim, err := f.GetSheetDimension("Second"); dim != "A1:C4" || err != nil {
		t.Errorf("Second's dimension = %q (%v), want A1:C4", dim, err)
	}
	if panes, err := f.GetPanes("Third"); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("Third's panes = %+v, %v; want the header row frozen", panes, err)
	}
	if got := f.GetSheetList(); !slices.Equal(got, []string{"First", "Second", "Third"}) {
		t.Errorf("sheets %q", got)
	}

	var again bytes.Buffer
	if _, err := wb.WriteTo(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("writing the workbook twice gives different bytes")
	}
}

func TestWriteSheetErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		sheet Sheet
		want  string
	}{
		{"no columns", Sheet{Name: "S"}, "at least one column"},
		{"short row", Sheet{Name: "S", Columns: []Column{{Name: "a"}, {Name: "b"}}, Rows: [][]string{{"x"}}}, "row 2 has 1 cells for 2 columns"},
		{"not a number", Sheet{Name: "S", Columns: []Column{{Name: "n", Number: true}}, Rows: [][]string{{"1"}, {"1e3"}}}, `A3: "1e3" is not a number`},
		{"invalid UTF-8", Sheet{Name: "S", Columns: []Column{{Name: "a"}}, Rows: [][]string{{"\xff"}}}, "A2: text is not valid UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			wb, err := NewWorkbook()
			if err != nil {
				t.Fatal(err)
			}
			defer wb.Close()
			err = wb.writeSheet(tc.sheet, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("writeSheet: %v, want an error with %q", err, tc.want)
			}
		})
	}
}
