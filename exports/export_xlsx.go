package exports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cpmap/cpmap/dataset"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Column widths of a workbook sheet, in characters.
const (
	MinColumnWidth = 6
	MaxColumnWidth = 60
)

// Column is one column of a workbook sheet.
type Column struct {
	// Name is the header cell, written as text.
	Name string
	// Number marks a column of numbers: its cells are decimal numbers in
	// their stored form ("26.5", "1234") and are written as numeric cells.
	// The cells of every other column are written as text.
	Number bool
}

// Sheet is one worksheet: a header row and rows of cells in their stored
// (text) form, each row aligned with Columns. An empty cell is left blank.
type Sheet struct {
	Name    string
	Columns []Column
	Rows    [][]string
}

// Workbook builds an xlsx workbook sheet by sheet. Every sheet has a bold,
// frozen header row, an autofilter over its cells and columns as wide as
// their longest line (within MinColumnWidth and MaxColumnWidth). Text cells
// are written as strings, never as formulas, and through SafeText, so that a
// spreadsheet program does not run them either; number cells are written as
// numbers. The same sheets always give the same bytes.
//
// A Workbook holds temporary resources until Close.
type Workbook struct {
	f      *excelize.File
	names  map[string]bool // sheet names, upper-cased: Excel compares them so
	header int             // header style
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return &Workbook{f: f, names: map[string]bool{}, header: header}, nil
}

// File returns the underlying excelize workbook, for additions such as
// charts. Text written through it bypasses AddSheet: pass it through SafeText
// and write it with SetCellStr.
func (wb *Workbook) File() *excelize.File { return wb.f }

// Close releases the workbook's temporary resources.
func (wb *Workbook) Close() error { return wb.f.Close() }

// AddSheet adds s after the sheets already added. It reports an error for a
// sheet name that a workbook cannot hold or that is taken, a row that does
// not match the columns, a number cell that is not a number, and a text cell
// that a workbook cannot hold exactly (invalid UTF-8, or longer than a cell
// may be).
func (wb *Workbook) AddSheet(s Sheet) error {
	if err := wb.addSheet(s); err != nil {
		return fmt.Errorf("sheet %q: %w", s.Name, err)
	}
	return nil
}

func (wb *Workbook) addSheet(s Sheet) error {
	if len(s.Columns) == 0 {
		return errors.New("a sheet needs at least one column")
	}
	if wb.names[strings.ToUpper(s.Name)] {
		return errors.New("the workbook already has a sheet of that name")
	}
	f := wb.f
	if len(wb.names) == 0 {
		// A new workbook has one empty sheet: it becomes the first.
		if err := f.SetSheetName(f.GetSheetName(0), s.Name); err != nil {
			return err
		}
	} else if _, err := f.NewSheet(s.Name); err != nil {
		return err
	}
	wb.names[strings.ToUpper(s.Name)] = true

	widths := make([]int, len(s.Columns))
	for j, c := range s.Columns {
		if err := xlsxSetText(f, s.Name, j+1, 1, c.Name); err != nil {
			return err
		}
		widths[j] = xlsxTextWidth(c.Name)
	}
	for i, row := range s.Rows {
		if len(row) != len(s.Columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", i+2, len(row), len(s.Columns))
		}
		for j, v := range row {
			if v == "" {
				continue
			}
			var err error
			if s.Columns[j].Number {
				err = xlsxSetNumber(f, s.Name, j+1, i+2, v)
			} else {
				err = xlsxSetText(f, s.Name, j+1, i+2, v)
			}
			if err != nil {
				return err
			}
			widths[j] = max(widths[j], xlsxTextWidth(v))
		}
	}

	last, err := excelize.ColumnNumberToName(len(s.Columns))
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(s.Name, "A1", last+"1", wb.header); err != nil {
		return err
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		if err := f.SetColWidth(s.Name, col, col, float64(min(max(w+2, MinColumnWidth), MaxColumnWidth))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s.Name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	ref := fmt.Sprintf("A1:%s%d", last, len(s.Rows)+1)
	return f.AutoFilter(s.Name, ref, nil)
}

// WriteTo writes the workbook in xlsx format to w.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) {
	if len(wb.names) == 0 {
		return 0, errors.New("workbook: no sheets")
	}
	f := wb.f
	f.SetActiveSheet(0)
	n, err := f.WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("workbook: %w", err)
	}
	return n, nil
}

// Save writes the workbook to path atomically: readers see the old file or
// the new one, never a part.
func (wb *Workbook) Save(path string) error {
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		return err
	}
	return dataset.WriteFileAtomic(path, buf.Bytes())
}

// DatasetSheets returns a sheet per table of ds, in the data package's
// order: named as the table, with the data package's exact column names as
// header and the records in their current order. Integer and percent
// columns are number columns; every other value (dates, lists, booleans,
// codes) is text in its stored form, so that a date keeps its precision:
// 1979 stays the text 1979, never an Excel date.
func DatasetSheets(ds *dataset.Dataset) []Sheet {
	var sheets []Sheet
	for _, t := range dataset.Tables() {
		s := Sheet{Name: t.Name}
		for _, f := range t.Fields {
			s.Columns = append(s.Columns, Column{Name: f.Name, Number: f.Kind == dataset.KindInteger || f.Kind == dataset.KindPercent})
		}
		for i := range t.Len(ds) {
			s.Rows = append(s.Rows, t.Values(ds, i))
		}
		sheets = append(sheets, s)
	}
	return sheets
}

// WriteDatasetXLSX writes the whole dataset as one workbook to w: a sheet per table,
// as DatasetSheets describes them.
func WriteDatasetXLSX(w io.Writer, ds *dataset.Dataset) error {
	wb, err := NewWorkbook()
	if err != nil {
		return err
	}
	defer wb.Close()
	for _, s := range DatasetSheets(ds) {
		if err := wb.AddSheet(s); err != nil {
			return err
		}
	}
	_, err = wb.WriteTo(w)
	return err
}

// xlsxCell returns the name of the cell at 1-based col and row.
func xlsxCell(col, row int) string {
	return dataset.ColumnName(col) + strconv.Itoa(row)
}

// xlsxSetText writes v, guarded by SafeText, as a string cell.
func xlsxSetText(f *excelize.File, sheet string, col, row int, v string) error {
	cell := xlsxCell(col, row)
	if !utf8.ValidString(v) {
		return fmt.Errorf("%s: text is not valid UTF-8", cell)
	}
	s := xlsxEscape(SafeText(v))
	if n := len(utf16.Encode([]rune(s))); n > excelize.TotalCellChars {
		return fmt.Errorf("%s: text of %d characters is longer than a cell may hold (%d)", cell, n, excelize.TotalCellChars)
	}
	return f.SetCellStr(sheet, cell, s)
}

// xlsxSetNumber writes the stored number v as a numeric cell.
func xlsxSetNumber(f *excelize.File, sheet string, col, row int, v string) error {
	cell := xlsxCell(col, row)
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return f.SetCellInt(sheet, cell, n)
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || strings.ContainsAny(v, "eEnNxX") {
		return fmt.Errorf("%s: %q is not a number", cell, v)
	}
	return f.SetCellFloat(sheet, cell, n, -1, 64)
}

// xlsxEscape encodes what XML cannot hold the way the file format does
// (ST_Xstring): a control character other than tab, line feed and carriage
// return becomes _xHHHH_, and the underscore of text that already reads
// _xHHHH_ becomes _x005F_, so that a spreadsheet program (and excelize)
// reads back the original text.
func xlsxEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '_' && xlsxIsEscape(s[i:]):
			b.WriteString("_x005F_")
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r', r == 0xFFFE, r == 0xFFFF:
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// xlsxIsEscape reports whether s starts with _xHHHH_.
func xlsxIsEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// xlsxTextWidth is the width of the longest line of s, counting a wide
// (East Asian) character as two.
func xlsxTextWidth(s string) int {
	longest := 0
	for line := range strings.SplitSeq(s, "\n") {
		w := 0
		for _, r := range line {
			switch width.LookupRune(r).Kind() {
			case width.EastAsianWide, width.EastAsianFullwidth:
				w += 2
			default:
				w++
			}
		}
		longest = max(longest, w)
	}
	return longest
}
