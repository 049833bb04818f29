package xlsx

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// numberedRow is a row as a reader returns it.
type numberedRow struct {
	N     int
	Cells []string
}

// excelizeRows reads a workbook's first sheet with excelize's Rows
// iterator and raw values: what Rows must return.
func excelizeRows(t testing.TB, path string) []numberedRow {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.Rows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []numberedRow
	for n := 1; rows.Next(); n++ {
		cells, err := rows.Columns(rawValues)
		if err != nil {
			t.Fatalf("excelize: row %d: %v", n, err)
		}
		if len(cells) == 0 {
			cells = nil
		}
		out = append(out, numberedRow{n, cells})
	}
	return out
}

// ourRows reads a workbook's first sheet with Rows.
func ourRows(t testing.TB, path string) ([]numberedRow, error) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	parts := NewParts(&zr.Reader, testLimit)
	sheets, sstPart, err := parts.WorkbookParts()
	if err != nil {
		t.Fatal(err)
	}
	var sst *SharedStrings
	if sstPart != "" {
		read := func(r io.Reader) (*SharedStrings, error) { return ReadSharedStrings(r, t.TempDir()) }
		if sst, err = ReadPart(parts, sstPart, read); err != nil {
			return nil, err
		}
		defer sst.Close()
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	first := f.GetSheetList()[0]
	f.Close()
	rc, err := parts.Open(sheets[first])
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	rd := NewRows(rc, sst, nil)
	var out []numberedRow
	for {
		cells, n, err := rd.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("row %d: %w", n, err)
		}
		out = append(out, numberedRow{n, cells})
	}
}

// sheetXML is a worksheet part with the given sheetData content.
func sheetXML(data string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:C3"/><sheetData>` +
		data + `</sheetData><mergeCells count="1"><mergeCell ref="A9:B9"/></mergeCells></worksheet>`
}

// TestSheetRowsLikeExcelize reads hand-written worksheet parts, which use
// what Excel, LibreOffice and other writers put in them, with Rows
// and with excelize, and wants the same rows.
func TestSheetRowsLikeExcelize(t *testing.T) {
	dir := t.TempDir()
	base := xlsxtest.Write(t, dir, "base.xlsx", xlsxtest.Sheet{Name: "S", Rows: [][]any{{"zero", "one", "two_x0041_", "a&b <c>"}}})
	// base's shared strings: 0 zero, 1 one, 2 two_x0041_, 3 a&b <c>.
	for _, tc := range []struct {
		name, data string
	}{
		{"shared strings", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>3</v></c><c r="D1" t="s"><v> 1 </v></c></row>`},
		{"numbers and types", `<row r="1"><c r="A1"><v>29037</v></c><c r="B1" t="n"><v>1.5E-3</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c><c r="E1" t="str"><v>text &amp; more</v></c><c r="F1" t="d"><v>2020-01-02T00:00:00Z</v></c></row>`},
		{"no cell references", `<row><c t="inlineStr"><is><t>a</t></is></c><c/><c><v>3</v></c></row><row><c><v>4</v></c></row>`},
		{"gaps", `<row r="2"><c r="C2"><v>1</v></c></row><row r="5"><c r="A5"><v>2</v></c><c r="E5"><v>3</v></c></row>`},
		{"formulas", `<row r="1"><c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>""</f></c><c r="C1" t="str"><f>A1</f><v></v></c><c r="D1"><f/></c></row>`},
		{"inline rich text", `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> plain </t></r><rPh sb="0" eb="1"><t>phonetic</t></rPh></is></c></row>`},
		{"entities and escapes", `<row r="1"><c r="A1" t="inlineStr"><is><t>&lt;&#65;&#x42;&quot;&apos;&gt; _x000D_ _x005F_x0041_ _x0041__xD800_</t></is></c><c r="B1" t="inlineStr"><is><t><![CDATA[<raw> &amp;]]></t></is></c></row>`},
		{"line ends", "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a\r\nb\rc\nd&#13;e</t></is></c></row>"},
		{"prefixes, comments, spaces", `<!-- c --><x:row r = "1" ><x:c r="B1" s="2" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c><?pi x?><x:c r="C1"><x:v>7</x:v></x:c></x:row>`},
		{"empty values", `<row r="1"><c r="A1" t="s"/><c r="B1" t="inlineStr"/><c r="C1" t="s"><v></v></c><c r="D1"><v>1</v></c></row><row r="2"/><row r="3"><c r="A3"><v>x</v></c></row>`},
		{"other elements", `<row r="1" spans="1:3" ht="20" customHeight="1"><c r="A1" cm="1"><v>1</v><extLst><ext uri="x"><y>9</y></ext></extLst></c></row>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			name := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".xlsx")
			xlsxtest.ReplacePart(t, filepath.Join(dir, base), name, "xl/worksheets/sheet1.xml", sheetXML(tc.data))
			want := excelizeRows(t, name)
			got, err := ourRows(t, name)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows (-excelize +Rows):\n%s", diff)
			}
		})
	}
}

// TestSheetRowsErrors: a part that cannot be rows is an error, with the
// row it happened in; never a panic or rows made up.
func TestSheetRowsErrors(t *testing.T) {
	for _, tc := range []struct {
		name, xml, want string
	}{
		{"cut in a cell", `<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Coun`, "row 1: cell A1: the XML ends in the middle of an element"},
		{"cut in a tag", `<worksheet><sheetData><row r="1"><c r="A1`, "row 1: the XML ends in the middle of an element"},
		{"cut between rows", `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>`, "row 2: the XML ends in the middle of an element"},
		{"no such shared string", `<sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row></sheetData>`, "row 1: cell A1: shared string 99999 does not exist (the workbook has 1)"},
		{"bad cell reference", `<sheetData><row r="1"><c r="!!"><v>1</v></c></row></sheetData>`, `row 1: bad cell reference "!!"`},
		{"column past XFD", `<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>`, `row 1: bad cell reference "XFE1"`},
		{"row past the last", `<sheetData><row r="1048577"><c><v>1</v></c></row></sheetData>`, "row 1: row number 1048577 is past the last row of a sheet (1048576)"},
		{"rows out of order", `<sheetData><row r="3"/><row r="2"/></sheetData>`, "row 2: it comes after row 3: the rows are out of order"},
		{"unknown entity", `<sheetData><row r="1"><c r="A1" t="str"><v>&nbsp;</v></c></row></sheetData>`, "row 1: cell A1: unknown entity &nbsp;"},
		{"bad character reference", `<sheetData><row r="1"><c r="A1" t="str"><v>&#0;</v></c></row></sheetData>`, "row 1: cell A1: bad character reference &#0;"},
		{"a long text", `<sheetData><row r="1"><c r="A1" t="str"><v>` + strings.Repeat("x", maxXMLToken+10) + `</v></c></row></sheetData>`, "row 1: cell A1: a tag or text is longer than 4 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rd := NewRows(strings.NewReader(tc.xml), sstOf("only"), nil)
			var err error
			for err == nil {
				var n int
				if _, n, err = rd.Next(); err != nil && err != io.EOF {
					err = fmt.Errorf("row %d: %w", n, err)
				}
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("error %q, want %q", got, tc.want)
			}
			if _, _, err := rd.Next(); err != io.EOF {
				t.Errorf("after the error: %v, want io.EOF", err)
			}
		})
	}
}

// TestSheetRowsPercent: the cells whose style is a percentage are known
// for the rows returned, until a later row is asked about.
func TestSheetRowsPercent(t *testing.T) {
	xml := `<sheetData><row r="1"><c r="A1" s="3"><v>0.5</v></c><c r="B1" s="1"><v>1</v></c><c s="3"><v>2</v></c></row>` +
		`<row r="3"><c r="B3" s="3"><v>0.25</v></c><c r="C3" s="3"/></row></sheetData>`
	rd := NewRows(strings.NewReader(xml), nil, map[int]bool{3: true})
	for {
		if _, _, err := rd.Next(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
	}
	got := map[[2]int]bool{}
	for row := 1; row <= 3; row++ {
		for col := 1; col <= 4; col++ {
			if rd.Percent(row, col) {
				got[[2]int{row, col}] = true
			}
		}
	}
	want := map[[2]int]bool{{1, 1}: true, {1, 3}: true, {3, 2}: true}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("percent cells (-want +got):\n%s", diff)
	}
	if rd.Percent(1, 1) {
		t.Error("row 1 is still known after row 3 was asked about")
	}
}

// TestReadSharedStrings reads a shared-strings part as excelize reads it.
func TestReadSharedStrings(t *testing.T) {
	sst := `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">` +
		`<si><t>plain</t></si><si><t xml:space="preserve"> spaced </t></si><si/>` +
		`<si><r><t>ri</t></r><r><rPr><i/></rPr><t>ch</t></r><rPh><t>ignored</t></rPh><phoneticPr fontId="1"/></si>` +
		`<si><t>a_x000A_b &amp; _x005F_x0041_</t></si></sst>`
	tab, err := ReadSharedStrings(strings.NewReader(sst), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer tab.Close()
	want := []string{"plain", " spaced ", "", "rich", "a\nb & _x0041_"}
	if diff := cmp.Diff(want, sstStrings(tab)); diff != "" {
		t.Errorf("shared strings (-want +got):\n%s", diff)
	}
	if _, err := ReadSharedStrings(strings.NewReader(sst[:len(sst)-12]), t.TempDir()); !errors.Is(err, errXMLEnd) {
		t.Errorf("cut part: %v, want %v", err, errXMLEnd)
	}
}

// FuzzSheetRows writes a workbook of fuzzed values with excelize (shared
// strings, inline strings from its stream writer, numbers, booleans,
// formulas, rich text, gaps) and wants Rows to read what excelize
// reads. Run with go test -fuzz FuzzSheetRows ./internal/xlsx.
func FuzzSheetRows(f *testing.F) {
	f.Add("Country", "a & b <c> \"d\" 'e'", 3.5, true, uint8(2), false)
	f.Add("_x000D_ x_x005F_y", "line\r\nbreak\ttab", -1e-7, false, uint8(0), true)
	f.Add("  spaced  ", "", 29037.0, true, uint8(7), false)
	f.Add("\x01control\x7f", "ünïcødé ✓ 𝄞", 1e300, false, uint8(255), true)
	f.Fuzz(func(t *testing.T, s1, s2 string, num float64, b bool, gap uint8, stream bool) {
		path := filepath.Join(t.TempDir(), "f.xlsx")
		writeFuzzWorkbook(t, path, s1, s2, num, b, int(gap%8), stream)
		want := excelizeRows(t, path)
		got, err := ourRows(t, path)
		if err != nil {
			t.Fatalf("Rows: %v", err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("rows (-excelize +Rows):\n%s", diff)
		}
	})
}

func writeFuzzWorkbook(t *testing.T, path, s1, s2 string, num float64, b bool, gap int, stream bool) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{s1, s2, num, b},
		{nil, s2 + s1, nil, nil, int64(num)},
		{"x", nil, s1},
	}
	if stream {
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		r := 1
		for _, row := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				t.Skipf("excelize cannot write the row: %v", err)
			}
			r += 1 + gap
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	} else {
		r := 1
		for _, row := range rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r)
				if err := f.SetCellValue("Sheet1", cell, v); err != nil {
					t.Skipf("excelize cannot write the cell: %v", err)
				}
			}
			r += 1 + gap
		}
		cell, _ := excelize.CoordinatesToCellName(2, r)
		if err := f.SetCellRichText("Sheet1", cell, []excelize.RichTextRun{{Text: s1}, {Text: s2, Font: &excelize.Font{Bold: true}}}); err != nil {
			t.Skipf("excelize cannot write rich text: %v", err)
		}
		cell, _ = excelize.CoordinatesToCellName(3, r)
		if err := f.SetCellFormula("Sheet1", cell, "B1&C1"); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRowsUncomputed: a formula cell without a stored result is reported;
// one with a result, or a plain value, is not.
func TestRowsUncomputed(t *testing.T) {
	const sheet = `<worksheet><sheetData>` +
		`<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="B1"><f>1+1</f><v>2</v></c></row>` +
		`<row r="2"><c r="A2"><f>SUM(B1:B1)</f></c><c r="C2"><v>3</v></c><c r="D2" t="str"><f>"x"</f></c></row>` +
		`<row r="3"><c r="B3"><v>4</v></c></row>` +
		`</sheetData></worksheet>`
	rows := NewRows(strings.NewReader(sheet), nil, nil)
	got := map[int][]int{}
	for {
		_, n, err := rows.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if cols := rows.Uncomputed(n); cols != nil {
			got[n] = cols
		}
	}
	want := map[int][]int{2: {1, 4}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("uncomputed cells (-want +got):\n%s", diff)
	}
}
