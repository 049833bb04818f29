package exports

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"slices"
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
	f       *excelize.File
	names   map[string]bool // sheet names, upper-cased: Excel compares them so
	header  int             // header style
	written []writtenSheet  // sheets whose cells WriteTo writes
	strings stringTable     // the text of their cells
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

// layout sets the column widths, freezes the header row and puts an
// autofilter over the cells of s. With a StreamWriter it must come before
// the first row.
func (wb *Workbook) layout(s Sheet, widths []int) error {
	f := wb.f
	for j, w := range widths {
		col := dataset.ColumnName(j + 1)
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
	ref := fmt.Sprintf("A1:%s%d", dataset.ColumnName(len(s.Columns)), len(s.Rows)+1)
	return f.AutoFilter(s.Name, ref, nil)
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
	links []sheetLink
	// extra, when set, is called once the sheet exists, with its layout.
	extra  func() error
	header int // the header's style, set by writeSheet
}

// sheetLink is a hyperlink of a cell to an external address.
type sheetLink struct {
	cell, url string
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
	if err := wb.layout(s, columnWidths(s)); err != nil {
		return err
	}
	// The links go in at WriteTo too: excelize's SetCellHyperLink goes
	// through every relationship of the sheet and every sheet's name, each
	// time.
	if len(look.links) > excelize.TotalSheetHyperlinks {
		return fmt.Errorf("%d hyperlinks, more than a sheet may hold (%d)", len(look.links), excelize.TotalSheetHyperlinks)
	}
	for _, l := range look.links {
		if _, _, err := excelize.CellNameToCoordinates(l.cell); err != nil {
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
		t, err := xlsxText(1, j+1, c.Name)
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
				if _, err := xlsxNumber(i+2, j+1, v); err != nil {
					return err
				}
			default:
				t, err := xlsxText(i+2, j+1, v)
				if err != nil {
					return err
				}
				wb.strings.index(t)
			}
		}
	}
	wb.written = append(wb.written, writtenSheet{s, look})
	return nil
}

// writtenSheet is a sheet added by writeSheet, whose cells WriteTo writes.
type writtenSheet struct {
	sheet Sheet
	look  *sheetLook
}

// writeCells writes the sheetData element of the sheet to b: its cells,
// with the index of each text in st plus offset, the strings that come
// before them in the shared-strings table.
func (ws writtenSheet) writeCells(b *bufio.Writer, st *stringTable, offset int) error {
	s, look := ws.sheet, ws.look
	b.WriteString("<sheetData>")
	cell := func(row, col, style int) {
		b.WriteString(`<c r="`)
		b.WriteString(dataset.ColumnName(col))
		b.WriteString(strconv.Itoa(row))
		b.WriteByte('"')
		if style != 0 {
			b.WriteString(` s="`)
			b.WriteString(strconv.Itoa(style))
			b.WriteByte('"')
		}
	}
	text := func(row, col, style int, v string) {
		t, _ := xlsxText(row, col, v) // checked by writeSheet
		cell(row, col, style)
		b.WriteString(` t="s"><v>`)
		b.WriteString(strconv.Itoa(offset + st.byText[t]))
		b.WriteString("</v></c>")
	}
	b.WriteString(`<row r="1">`)
	for j, c := range s.Columns {
		text(1, j+1, look.header, c.Name)
	}
	b.WriteString("</row>")
	for i, r := range s.Rows {
		row := i + 2
		b.WriteString(`<row r="`)
		b.WriteString(strconv.Itoa(row))
		b.WriteString(`">`)
		for j, v := range r {
			style := look.style(i, j)
			switch {
			case v == "" && style == 0:
			case v == "":
				cell(row, j+1, style)
				b.WriteString("/>")
			case s.Columns[j].Number:
				n, _ := xlsxNumber(row, j+1, v) // checked by writeSheet
				cell(row, j+1, style)
				b.WriteString("><v>")
				switch n := n.(type) {
				case int64:
					b.WriteString(strconv.FormatInt(n, 10))
				case float64:
					b.WriteString(strconv.FormatFloat(n, 'f', -1, 64))
				}
				b.WriteString("</v></c>")
			default:
				text(row, j+1, style, v)
			}
		}
		b.WriteString("</row>")
	}
	b.WriteString("</sheetData>")
	return b.Flush()
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
	n, err := wb.addCells(w, buf.Bytes())
	if err != nil {
		return n, fmt.Errorf("workbook: %w", err)
	}
	return n, nil
}

// addCells copies the xlsx file data, as excelize wrote it, to w with the
// cells of the sheets writeSheet wrote in their sheetData elements and
// their text at the end of the shared-strings table. The other parts are
// copied as they are, in the same order.
func (wb *Workbook) addCells(w io.Writer, data []byte) (int64, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return 0, err
	}
	read := func(name string) ([]byte, error) {
		for _, p := range zr.File {
			if p.Name == name {
				r, err := p.Open()
				if err != nil {
					return nil, err
				}
				defer r.Close()
				return io.ReadAll(r)
			}
		}
		return nil, fmt.Errorf("%w: %s", errNoPart, name)
	}
	parts, sst, err := sheetParts(read)
	if err != nil {
		return 0, err
	}
	if sst == "" {
		return 0, errors.New("no shared-strings table")
	}
	table, err := read(sst)
	if err != nil {
		return 0, err
	}
	// excelize's strings keep their places; those of the cells follow.
	offset := bytes.Count(table, []byte("<si>")) + bytes.Count(table, []byte("<si "))
	replace := map[string]func(io.Writer) error{}
	var added []string // new parts, written last
	for _, ws := range wb.written {
		part, ok := parts[ws.sheet.Name]
		if !ok {
			return 0, fmt.Errorf("sheet %q: no part", ws.sheet.Name)
		}
		x, err := read(part)
		if err != nil {
			return 0, err
		}
		before, after, err := splitSheetData(x)
		if err != nil {
			return 0, fmt.Errorf("sheet %q: %w", ws.sheet.Name, err)
		}
		if links := ws.look.links; len(links) > 0 {
			relsPart := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
			rels, err := read(relsPart)
			if errors.Is(err, errNoPart) {
				rels = nil // the sheet has no relationships yet
				added = append(added, relsPart)
			} else if err != nil {
				return 0, err
			}
			var ids []string
			if rels, ids, err = addHyperlinkRels(rels, links); err != nil {
				return 0, fmt.Errorf("sheet %q: %w", ws.sheet.Name, err)
			}
			replace[relsPart] = func(w io.Writer) error {
				_, err := w.Write(rels)
				return err
			}
			if before, after, err = addHyperlinks(before, after, links, ids); err != nil {
				return 0, fmt.Errorf("sheet %q: %w", ws.sheet.Name, err)
			}
		}
		replace[part] = func(w io.Writer) error {
			b := bufio.NewWriterSize(w, 64<<10)
			b.Write(before)
			if err := ws.writeCells(b, &wb.strings, offset); err != nil {
				return err
			}
			_, err := w.Write(after)
			return err
		}
	}
	sstBytes, err := appendStrings(table, offset, wb.strings.list)
	if err != nil {
		return 0, err
	}
	replace[sst] = func(w io.Writer) error {
		_, err := w.Write(sstBytes)
		return err
	}

	cw := &countingWriter{w: w}
	zw := zip.NewWriter(cw)
	for _, p := range zr.File {
		h := p.FileHeader
		write, ok := replace[p.Name]
		if !ok {
			r, err := p.OpenRaw()
			if err != nil {
				return cw.n, err
			}
			pw, err := zw.CreateRaw(&h)
			if err != nil {
				return cw.n, err
			}
			if _, err := io.Copy(pw, r); err != nil {
				return cw.n, err
			}
			continue
		}
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: h.Name, Method: zip.Deflate, Modified: h.Modified})
		if err != nil {
			return cw.n, err
		}
		if err := write(pw); err != nil {
			return cw.n, err
		}
	}
	for _, name := range added {
		pw, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate})
		if err != nil {
			return cw.n, err
		}
		if err := replace[name](pw); err != nil {
			return cw.n, err
		}
	}
	err = zw.Close()
	return cw.n, err
}

// errNoPart reports a part missing from a package.
var errNoPart = errors.New("no such part")

// Name spaces and types of relationships.
const (
	nsRelationships = "http://schemas.openxmlformats.org/package/2006/relationships"
	nsOfficeRels    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	relHyperlink    = nsOfficeRels + "/hyperlink"
)

// relID matches the ids of relationships as excelize writes them.
var relID = regexp.MustCompile(`Id="rId(\d+)"`)

// addHyperlinkRels returns the relationships part rels of a sheet (nil for
// none yet) with an external relationship for each link added, and their
// ids, numbered after those already there.
func addHyperlinkRels(rels []byte, links []sheetLink) ([]byte, []string, error) {
	if rels == nil {
		rels = []byte(xml.Header + `<Relationships xmlns="` + nsRelationships + `"></Relationships>`)
	}
	end := bytes.LastIndex(rels, []byte("</Relationships>"))
	if end < 0 {
		return nil, nil, errors.New("relationships part without </Relationships>")
	}
	next := 1
	for _, m := range relID.FindAllSubmatch(rels, -1) {
		if n, err := strconv.Atoi(string(m[1])); err == nil && n >= next {
			next = n + 1
		}
	}
	var b bytes.Buffer
	b.Write(rels[:end])
	ids := make([]string, len(links))
	for i, l := range links {
		ids[i] = "rId" + strconv.Itoa(next+i)
		b.WriteString(`<Relationship Id="` + ids[i] + `" Type="` + relHyperlink + `" Target="`)
		if err := xml.EscapeText(&b, []byte(l.url)); err != nil {
			return nil, nil, err
		}
		b.WriteString(`" TargetMode="External"></Relationship>`)
	}
	b.Write(rels[end:])
	return b.Bytes(), ids, nil
}

// afterHyperlinks are the elements of a worksheet that come after its
// hyperlinks, in the schema's order.
var afterHyperlinks = []string{"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks", "<colBreaks",
	"<customProperties", "<cellWatches", "<ignoredErrors", "<smartTags", "<drawing", "<legacyDrawing", "<picture",
	"<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"}

// addHyperlinks returns the worksheet parts before and after its
// sheetData with a hyperlinks element for the links (relationship ids ids)
// in its place, and the relationships name space declared.
func addHyperlinks(before, after []byte, links []sheetLink, ids []string) ([]byte, []byte, error) {
	if bytes.Contains(after, []byte("<hyperlinks")) {
		return nil, nil, errors.New("the sheet has hyperlinks already")
	}
	at := -1
	for _, e := range afterHyperlinks {
		if i := bytes.Index(after, []byte(e)); i >= 0 && (at < 0 || i < at) {
			at = i
		}
	}
	if at < 0 {
		return nil, nil, errors.New("worksheet not closed")
	}
	root := bytes.Index(before, []byte("<worksheet"))
	if root < 0 {
		return nil, nil, errors.New("no worksheet element")
	}
	if !bytes.Contains(before, []byte(`xmlns:r="`+nsOfficeRels+`"`)) {
		if bytes.Contains(before, []byte("xmlns:r=")) {
			return nil, nil, errors.New("the prefix r names another name space")
		}
		at := root + len("<worksheet")
		before = slices.Concat(before[:at], []byte(` xmlns:r="`+nsOfficeRels+`"`), before[at:])
	}
	var b bytes.Buffer
	b.Write(after[:at])
	b.WriteString("<hyperlinks>")
	for i, l := range links {
		b.WriteString(`<hyperlink ref="` + l.cell + `" r:id="` + ids[i] + `"></hyperlink>`)
	}
	b.WriteString("</hyperlinks>")
	b.Write(after[at:])
	return before, b.Bytes(), nil
}

// sheetParts returns the part of each sheet by name, and the part of the
// shared-strings table, read from the workbook and its relationships.
func sheetParts(read func(string) ([]byte, error)) (map[string]string, string, error) {
	book, err := read("xl/workbook.xml")
	if err != nil {
		return nil, "", err
	}
	rels, err := read("xl/_rels/workbook.xml.rels")
	if err != nil {
		return nil, "", err
	}
	var wbx struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(book, &wbx); err != nil {
		return nil, "", fmt.Errorf("xl/workbook.xml: %w", err)
	}
	var rx struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(rels, &rx); err != nil {
		return nil, "", fmt.Errorf("xl/_rels/workbook.xml.rels: %w", err)
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return strings.TrimPrefix(t, "/")
		}
		return path.Join("xl", t)
	}
	byID := map[string]string{}
	sst := ""
	for _, r := range rx.Rels {
		byID[r.ID] = target(r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			sst = target(r.Target)
		}
	}
	parts := map[string]string{}
	for _, s := range wbx.Sheets {
		parts[s.Name] = byID[s.ID]
	}
	return parts, sst, nil
}

// splitSheetData returns the worksheet x before and after its sheetData
// element.
func splitSheetData(x []byte) (before, after []byte, err error) {
	from := bytes.Index(x, []byte("<sheetData"))
	if from < 0 {
		return nil, nil, errors.New("no sheetData element")
	}
	to := -1
	if end := bytes.IndexByte(x[from:], '>'); end > 0 && x[from+end-1] == '/' {
		to = from + end + 1
	} else if end := bytes.Index(x[from:], []byte("</sheetData>")); end >= 0 {
		to = from + end + len("</sheetData>")
	}
	if to < 0 {
		return nil, nil, errors.New("sheetData element not closed")
	}
	return x[:from], x[to:], nil
}

// sstCount matches the counts of a shared-strings table.
var sstCount = regexp.MustCompile(` (count|uniqueCount)="\d*"`)

// appendStrings returns the shared-strings table x, holding n strings,
// with list added at its end.
func appendStrings(x []byte, n int, list []string) ([]byte, error) {
	end := bytes.LastIndex(x, []byte("</sst>"))
	open := bytes.Index(x, []byte("<sst"))
	if end < 0 || open < 0 {
		return nil, errors.New("shared-strings table: no sst element")
	}
	openEnd := open + bytes.IndexByte(x[open:], '>')
	if x[openEnd-1] == '/' {
		return nil, errors.New("shared-strings table: empty sst element")
	}
	total := n + len(list)
	var b bytes.Buffer
	b.Write(sstCount.ReplaceAll(x[:openEnd], nil))
	fmt.Fprintf(&b, ` count="%d" uniqueCount="%d">`, total, total)
	b.Write(x[openEnd+1 : end])
	for _, s := range list {
		b.WriteString("<si><t")
		if s != strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
			b.WriteString(` xml:space="preserve"`)
		}
		b.WriteByte('>')
		if err := xml.EscapeText(&b, []byte(s)); err != nil {
			return nil, err
		}
		b.WriteString("</t></si>")
	}
	b.Write(x[end:])
	return b.Bytes(), nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
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
func xlsxCell(col, row int) string {
	return dataset.ColumnName(col) + strconv.Itoa(row)
}

// xlsxSetText writes v, guarded by SafeText, as a string cell.
func xlsxSetText(f *excelize.File, sheet string, col, row int, v string) error {
	s, err := xlsxText(row, col, v)
	if err != nil {
		return err
	}
	return f.SetCellStr(sheet, xlsxCell(col, row), s)
}

// xlsxText returns the text v of the cell at 1-based row and col as it is
// written: guarded by SafeText and escaped by xlsxEscape. It reports text
// that a cell cannot hold exactly.
func xlsxText(row, col int, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("%s: text is not valid UTF-8", xlsxCell(col, row))
	}
	s := xlsxEscape(SafeText(v))
	if len(s) > excelize.TotalCellChars {
		// Only then can it be too long: a UTF-16 unit takes at least one
		// byte of UTF-8.
		if n := len(utf16.Encode([]rune(s))); n > excelize.TotalCellChars {
			return "", fmt.Errorf("%s: text of %d characters is longer than a cell may hold (%d)", xlsxCell(col, row), n, excelize.TotalCellChars)
		}
	}
	return s, nil
}

// xlsxSetNumber writes the stored number v as a numeric cell.
func xlsxSetNumber(f *excelize.File, sheet string, col, row int, v string) error {
	n, err := xlsxNumber(row, col, v)
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

// xlsxNumber returns the stored number v of the cell at 1-based row and
// col as an int64 when it is an integer, a float64 otherwise.
func xlsxNumber(row, col int, v string) (any, error) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || strings.ContainsAny(v, "eEnNxX") {
		return nil, fmt.Errorf("%s: %q is not a number", xlsxCell(col, row), v)
	}
	return n, nil
}

// xlsxEscape encodes what XML cannot hold the way the file format does
// (ST_Xstring): a control character other than tab, line feed and carriage
// return becomes _xHHHH_, and the underscore of text that already reads
// _xHHHH_ becomes _x005F_, so that a spreadsheet program (and excelize)
// reads back the original text.
func xlsxEscape(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return r == '_' || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
	}) {
		return s
	}
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
