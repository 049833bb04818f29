package exports

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"
)

// Column widths of a workbook sheet, in characters.
const (
	MinColumnWidth = 6
	MaxColumnWidth = 60
)

// FontFamily is the font of every cell style of a workbook: a style
// without a font name leaves the choice to the spreadsheet program, and
// LibreOffice then takes a serif font.
const FontFamily = "Calibri"

// lineHeight is the height in points of a line of text in FontFamily at
// 11 points, Excel's default row height.
const lineHeight = 15.0

// maxRowHeight is the tallest a row may be, in points.
const maxRowHeight = 409.0

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
// their longest line (within MinColumnWidth and MaxColumnWidth), and prints
// landscape on A4, fitted to the page's width, with the header row on every
// page. Every style names its font (FontFamily). Text cells are written as
// strings, never as formulas; number cells are written as numbers. Text
// that a spreadsheet program could run as a formula is written, for sheets
// added by writeSheet, as it is in a cell of the quote-prefix style, which
// shows it and keeps it on edit as text with no apostrophe to see; through
// AddSheet, through SafeText. The same sheets always give the same bytes.
//
// A Workbook holds temporary resources until Close.
type Workbook struct {
	f      *excelize.File
	names  map[string]bool // sheet names, upper-cased: Excel compares them so
	header int             // header style
	top    int             // the style of a plain cell in a row taller than a line
	// wrapping are the styles that wrap text: the rows of their cells get
	// a height fitted to the text.
	wrapping map[int]bool
	written  []writtenSheet // sheets whose cells WriteTo writes
	strings  stringTable    // the text of their cells
	// sortContentTypes sorts the content types by extension when the
	// workbook is written (see xlsx.SpliceOptions).
	sortContentTypes bool
}

// NewWorkbook returns an empty workbook.
func NewWorkbook() (*Workbook, error) {
	f := excelize.NewFile()
	header, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Family: FontFamily, Size: 11}})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("workbook: %w", err)
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("workbook: %w", err)
	}
	return &Workbook{f: f, names: map[string]bool{}, header: header, top: top, wrapping: map[int]bool{}}, nil
}

// NewStyle adds a cell style, naming its font FontFamily when it sets a
// font without a name, and returns its id. A style that wraps text makes
// the rows of its cells as tall as their text (for sheets added by
// writeSheet).
func (wb *Workbook) NewStyle(st *excelize.Style) (int, error) {
	if st.Font != nil && st.Font.Family == "" {
		font := *st.Font
		font.Family = FontFamily
		if font.Size == 0 {
			font.Size = 11
		}
		st.Font = &font
	}
	id, err := wb.f.NewStyle(st)
	if err != nil {
		return 0, err
	}
	if st.Alignment != nil && st.Alignment.WrapText {
		wb.wrapping[id] = true
	}
	return id, nil
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
	if err := wb.newSheet(s); err != nil {
		return err
	}
	f := wb.f
	widths := columnWidths(s)
	for j, c := range s.Columns {
		if err := xlsxSetText(f, s.Name, j+1, 1, c.Name); err != nil {
			return err
		}
	}
	for i, row := range s.Rows {
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
		}
	}
	last := dataset.ColumnName(len(s.Columns))
	if err := f.SetCellStyle(s.Name, "A1", last+"1", wb.header); err != nil {
		return err
	}
	return wb.layout(s, widths)
}

// newSheet checks the sheet's name and shape and adds it, empty.
func (wb *Workbook) newSheet(s Sheet) error {
	if len(s.Columns) == 0 {
		return errors.New("a sheet needs at least one column")
	}
	if wb.names[strings.ToUpper(s.Name)] {
		return errors.New("the workbook already has a sheet of that name")
	}
	for i, row := range s.Rows {
		if len(row) != len(s.Columns) {
			return fmt.Errorf("row %d has %d cells for %d columns", i+2, len(row), len(s.Columns))
		}
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
	return nil
}

// columnWidths returns the width of each column of s: that of its longest
// line, header included.
func columnWidths(s Sheet) []int {
	widths := make([]int, len(s.Columns))
	for j, c := range s.Columns {
		widths[j] = xlsxTextWidth(c.Name)
	}
	for _, row := range s.Rows {
		for j, v := range row {
			widths[j] = max(widths[j], xlsxTextWidth(v))
		}
	}
	return widths
}

// columnWidth returns the width a column is given for its longest line
// of w characters.
func columnWidth(w int) int { return min(max(w+2, MinColumnWidth), MaxColumnWidth) }

// layout sets the column widths, freezes the header row, puts an
// autofilter over the cells of s and sets up its pages. With a
// StreamWriter it must come before the first row.
func (wb *Workbook) layout(s Sheet, widths []int) error {
	f := wb.f
	for j, w := range widths {
		col := dataset.ColumnName(j + 1)
		if err := f.SetColWidth(s.Name, col, col, float64(columnWidth(w))); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s.Name, &excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	ref := fmt.Sprintf("A1:%s%d", dataset.ColumnName(len(s.Columns)), len(s.Rows)+1)
	if err := f.AutoFilter(s.Name, ref, nil); err != nil {
		return err
	}
	// After the autofilter, which replaces the sheet's properties.
	return wb.pageSetup(s.Name)
}

// pageSetup makes a sheet print landscape on A4, as wide as the page and
// as many pages long as it takes, with its header row on every page.
func (wb *Workbook) pageSetup(sheet string) error {
	f := wb.f
	a4, landscape, wide, long := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &a4, Orientation: &landscape, FitToWidth: &wide, FitToHeight: &long,
	}); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{
		Name:     "_xlnm.Print_Titles",
		RefersTo: "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1",
		Scope:    sheet,
	})
}

// sheetLook is how a sheet written by writeSheet looks beyond its values:
// styles and links are given with the rows, and anything else that belongs
// to the sheet (charts) is added by extra.
type sheetLook struct {
	// styles holds the style ids of body cells by row and column of
	// Sheet.Rows; a missing or zero id is the default style. A styled empty
	// cell is written, empty, with its style.
	styles [][]int
	// links are hyperlinks to external addresses, in the order added.
	links []xlsx.Link
	// extra, when set, is called once the sheet exists, with its layout.
	extra  func() error
	header int // the header's style, set by writeSheet
}

// set gives body cell (i, j) the style id.
func (l *sheetLook) set(i, j, id int) {
	for len(l.styles) <= i {
		l.styles = append(l.styles, nil)
	}
	for len(l.styles[i]) <= j {
		l.styles[i] = append(l.styles[i], 0)
	}
	l.styles[i][j] = id
}

// style returns the style of body cell (i, j), or 0.
func (l *sheetLook) style(i, j int) int {
	if l == nil || i >= len(l.styles) || j >= len(l.styles[i]) {
		return 0
	}
	return l.styles[i][j]
}

// writeSheet adds s after the sheets already added, as AddSheet does, but
// writes its cells itself instead of one at a time through excelize, which
// takes seconds and gigabytes at a hundred thousand rows: excelize holds
// the sheet's layout, links and charts, and WriteTo puts the cells (the
// sheetData element) and their text (in the shared-strings table) into the
// file excelize writes. The cells cannot be changed afterwards; look gives
// their styles, links and charts.
func (wb *Workbook) writeSheet(s Sheet, look *sheetLook) error {
	if err := wb.newSheet(s); err != nil {
		return err
	}
	if look == nil {
		look = &sheetLook{}
	}
	look.header = wb.header
	f := wb.f
	last := dataset.ColumnName(len(s.Columns))
	if err := f.SetSheetDimension(s.Name, fmt.Sprintf("A1:%s%d", last, len(s.Rows)+1)); err != nil {
		return err
	}
	// The header goes through excelize too, so that the workbook has a
	// shared-strings table for WriteTo to add to.
	for j, c := range s.Columns {
		if err := xlsxSetText(f, s.Name, j+1, 1, c.Name); err != nil {
			return err
		}
	}
	widths := columnWidths(s)
	if err := wb.layout(s, widths); err != nil {
		return err
	}
	// The links go in at WriteTo too: excelize's SetCellHyperLink goes
	// through every relationship of the sheet and every sheet's name, each
	// time.
	if len(look.links) > excelize.TotalSheetHyperlinks {
		return fmt.Errorf("%d hyperlinks, more than a sheet may hold (%d)", len(look.links), excelize.TotalSheetHyperlinks)
	}
	for _, l := range look.links {
		if _, _, err := excelize.CellNameToCoordinates(l.Cell); err != nil {
			return err
		}
	}
	if look.extra != nil {
		if err := look.extra(); err != nil {
			return err
		}
	}

	// Check every cell now, as AddSheet does, and list the text; WriteTo
	// writes them.
	for j, c := range s.Columns {
		t, _, err := xlsx.CellTextQuoted(xlsx.CellName(j+1, 1), c.Name)
		if err != nil {
			return err
		}
		wb.strings.index(t)
	}
	for i, r := range s.Rows {
		for j, v := range r {
			switch {
			case v == "":
			case s.Columns[j].Number:
				if _, err := xlsx.CellNumber(xlsx.CellName(j+1, i+2), v); err != nil {
					return err
				}
			default:
				t, _, err := xlsx.CellTextQuoted(xlsx.CellName(j+1, i+2), v)
				if err != nil {
					return err
				}
				wb.strings.index(t)
			}
		}
	}
	for j := range widths {
		widths[j] = columnWidth(widths[j])
	}
	wb.written = append(wb.written, writtenSheet{s, look, widths, wb.wrapping, wb.top})
	return nil
}

// writtenSheet is a sheet added by writeSheet, whose cells WriteTo writes.
type writtenSheet struct {
	sheet    Sheet
	look     *sheetLook
	widths   []int        // of the columns, in characters
	wrapping map[int]bool // the styles that wrap text
	top      int          // the style of a plain cell in a tall row
}

// rowHeight returns the height in points of body row i, as tall as the
// text of its wrapping cells needs, or 0 when one line does.
func (ws writtenSheet) rowHeight(i int) float64 {
	lines := 1
	for j, v := range ws.sheet.Rows[i] {
		if v != "" && ws.wrapping[ws.look.style(i, j)] {
			lines = max(lines, wrappedLines(v, ws.widths[j]))
		}
	}
	if lines == 1 {
		return 0
	}
	return min(float64(lines)*lineHeight+3, maxRowHeight)
}

// wrappedLines returns the number of lines text v takes in a column of
// width characters, wrapped at spaces as a spreadsheet program wraps it.
func wrappedLines(v string, width int) int {
	// A column is width digits wide; text in FontFamily is on average
	// narrower than a digit, by a fifth or so.
	room := max(width*6/5-1, 1)
	n := 0
	for line := range strings.SplitSeq(v, "\n") {
		n++
		used := 0
		for _, word := range fields(line) {
			w := xlsxTextWidth(word)
			switch {
			case used == 0:
				used = w
			case used+1+w <= room:
				used += 1 + w
			default:
				n++
				used = w
			}
			for used > room { // a word longer than the line breaks
				n++
				used -= room
			}
		}
	}
	return n
}

// cells writes the rows of the sheet to d: its cells, with the index of
// each text in st plus offset, the strings that come before them in the
// shared-strings table.
func (ws writtenSheet) cells(d *xlsx.SheetData, st *stringTable, offset int) error {
	s, look := ws.sheet, ws.look
	text := func(row, col, style int, v string) {
		t, quoted, _ := xlsx.CellTextQuoted(xlsx.CellName(col, row), v) // checked by writeSheet
		if quoted {
			d.SharedQuoted(col, style, offset+st.byText[t])
		} else {
			d.Shared(col, style, offset+st.byText[t])
		}
	}
	d.StartRow(1, 0)
	for j, c := range s.Columns {
		text(1, j+1, look.header, c.Name)
	}
	d.EndRow()
	for i, r := range s.Rows {
		row := i + 2
		ht := ws.rowHeight(i)
		if ht > 0 {
			d.StartRowHeight(row, 0, ht)
		} else {
			d.StartRow(row, 0)
		}
		for j, v := range r {
			style := look.style(i, j)
			if style == 0 && ht > 0 && v != "" {
				style = ws.top // top-aligned beside the wrapped text
			}
			switch {
			case v == "" && style == 0:
			case v == "":
				d.Blank(j+1, style)
			case s.Columns[j].Number:
				n, _ := xlsx.CellNumber(xlsx.CellName(j+1, row), v) // checked by writeSheet
				switch n := n.(type) {
				case int64:
					d.Number(j+1, style, strconv.FormatInt(n, 10))
				case float64:
					d.Number(j+1, style, strconv.FormatFloat(n, 'f', -1, 64))
				}
			default:
				text(row, j+1, style, v)
			}
		}
		d.EndRow()
	}
	return nil
}

// stringTable is the text of the cells writeSheet writes, each once, in
// the order first written, escaped as the file format escapes it.
type stringTable struct {
	byText map[string]int
	list   []string
}

// index returns the position of s in the table, adding it if needed.
func (t *stringTable) index(s string) int {
	if i, ok := t.byText[s]; ok {
		return i
	}
	if t.byText == nil {
		t.byText = map[string]int{}
	}
	t.byText[s] = len(t.list)
	t.list = append(t.list, s)
	return len(t.list) - 1
}

// WriteTo writes the workbook in xlsx format to w.
func (wb *Workbook) WriteTo(w io.Writer) (int64, error) {
	if len(wb.names) == 0 {
		return 0, errors.New("workbook: no sheets")
	}
	f := wb.f
	f.SetActiveSheet(0)
	if len(wb.written) == 0 {
		n, err := f.WriteTo(w)
		if err != nil {
			return n, fmt.Errorf("workbook: %w", err)
		}
		return n, nil
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return 0, fmt.Errorf("workbook: %w", err)
	}
	sheets := make([]xlsx.SplicedSheet, len(wb.written))
	for i, ws := range wb.written {
		sheets[i] = xlsx.SplicedSheet{
			Name:  ws.sheet.Name,
			Links: ws.look.links,
			Cells: func(d *xlsx.SheetData, offset int) error { return ws.cells(d, &wb.strings, offset) },
		}
	}
	n, err := xlsx.Splice(w, buf.Bytes(), sheets, wb.strings.list, xlsx.SpliceOptions{SortContentTypes: wb.sortContentTypes})
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
		if err := wb.writeSheet(s, nil); err != nil {
			return fmt.Errorf("sheet %q: %w", s.Name, err)
		}
	}
	_, err = wb.WriteTo(w)
	return err
}

// xlsxCell returns the name of the cell at 1-based col and row.
func xlsxCell(col, row int) string { return xlsx.CellName(col, row) }

// xlsxSetText writes v, guarded by SafeText, as a string cell.
func xlsxSetText(f *excelize.File, sheet string, col, row int, v string) error {
	s, err := xlsx.CellText(xlsx.CellName(col, row), v)
	if err != nil {
		return err
	}
	return f.SetCellStr(sheet, xlsxCell(col, row), s)
}

// xlsxSetNumber writes the stored number v as a numeric cell.
func xlsxSetNumber(f *excelize.File, sheet string, col, row int, v string) error {
	n, err := xlsx.CellNumber(xlsx.CellName(col, row), v)
	if err != nil {
		return err
	}
	switch n := n.(type) {
	case int64:
		return f.SetCellInt(sheet, xlsxCell(col, row), n)
	default:
		return f.SetCellFloat(sheet, xlsxCell(col, row), n.(float64), -1, 64)
	}
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
