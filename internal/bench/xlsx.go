package bench

import (
	"archive/zip"
	"bufio"
	"compress/flate"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// The writer below saves a workbook the way Excel and LibreOffice do: every
// text cell refers to the shared-strings table, each sheet declares its real
// dimension (A1:L100001), dates are numbers with a date format. excelize's
// StreamWriter (v2.11.1) writes inline strings and declares every sheet as
// "A1", which some readers take at its word (openpyxl's read-only mode sees
// one cell, csvkit's in2csv one column): such files are no fair test of them.
//
// It streams: rows are made twice, once for the sheets and once for the
// shared strings (which must come after the sheets to be known), so memory
// holds only the table of strings marked as shared, never the rows.

// cellKind says what a cell holds.
type cellKind uint8

const (
	cellEmpty  cellKind = iota // no cell written, as Excel leaves blanks out
	cellShared                 // text from a small vocabulary, stored once
	cellOwn                    // text of this row only (an id, a name): a new table entry
	cellNumber
)

// Cell styles of styles.xml, by index of cellXfs.
const (
	styleGeneral uint8 = iota
	styleDate          // yyyy-mm-dd
	stylePercent       // 0.0%
	styleHeader        // bold
)

type cell struct {
	kind  cellKind
	s     string
	n     float64
	style uint8
}

func sharedCell(s string) cell { return textCell(s, true) }

// textCell returns a text cell, empty for "".
func textCell(s string, shared bool) cell {
	switch {
	case s == "":
		return cell{}
	case shared:
		return cell{kind: cellShared, s: s}
	}
	return cell{kind: cellOwn, s: s}
}

func numberCell(n float64, style uint8) cell { return cell{kind: cellNumber, n: n, style: style} }

// excelEpoch is day 0 of Excel's 1900 date system, as serials after
// February 1900 count.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateCell returns t's day as an Excel date serial with the date style.
func dateCell(t time.Time) cell {
	days := t.Sub(excelEpoch).Hours() / 24
	return numberCell(float64(int64(days)), styleDate)
}

// sheetSpec is one sheet: a header row and rows made on demand. fill must
// give the same cells for the same row every time it is called.
type sheetSpec struct {
	name   string
	header []string
	rows   int
	fill   func(row int, cells []cell)
}

// stringTable numbers the shared-strings table in order of first appearance:
// shared text once, own text at every appearance.
type stringTable struct {
	index map[string]int
	n     int // entries so far
	refs  int // text cells so far
}

func (t *stringTable) add(c cell) int {
	t.refs++
	if c.kind == cellShared {
		if i, ok := t.index[c.s]; ok {
			return i
		}
		t.index[c.s] = t.n
	}
	t.n++
	return t.n - 1
}

// writeXLSX writes the sheets as one workbook to w.
func writeXLSX(w io.Writer, sheets []sheetSpec) error {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(out, flate.DefaultCompression)
	})
	part := func(name string, write func(*bufio.Writer) error) error {
		f, err := zw.CreateHeader(&zip.FileHeader{
			Name:     name,
			Method:   zip.Deflate,
			Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC), // as Excel dates its parts
		})
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(f, 64<<10)
		if err := write(bw); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return bw.Flush()
	}
	text := func(s string) func(*bufio.Writer) error {
		return func(bw *bufio.Writer) error {
			_, err := bw.WriteString(s)
			return err
		}
	}
	if err := part("[Content_Types].xml", text(contentTypes(len(sheets)))); err != nil {
		return err
	}
	if err := part("_rels/.rels", text(rootRels)); err != nil {
		return err
	}
	if err := part("xl/workbook.xml", text(workbookXML(sheets))); err != nil {
		return err
	}
	if err := part("xl/_rels/workbook.xml.rels", text(workbookRels(len(sheets)))); err != nil {
		return err
	}
	if err := part("xl/styles.xml", text(stylesXML)); err != nil {
		return err
	}
	st := &stringTable{index: map[string]int{}}
	for i, s := range sheets {
		name := fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)
		if err := part(name, func(bw *bufio.Writer) error { return writeSheet(bw, s, st) }); err != nil {
			return err
		}
	}
	if err := part("xl/sharedStrings.xml", func(bw *bufio.Writer) error { return writeStrings(bw, sheets, st) }); err != nil {
		return err
	}
	return zw.Close()
}

// columnNames returns the letters of columns 1 to n.
func columnNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		c := i + 1
		name := ""
		for c > 0 {
			c--
			name = string(rune('A'+c%26)) + name
			c /= 26
		}
		out[i] = name
	}
	return out
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

func writeSheet(bw *bufio.Writer, s sheetSpec, st *stringTable) error {
	cols := columnNames(len(s.header))
	last := cols[len(cols)-1] + strconv.Itoa(s.rows+1)
	bw.WriteString(sheetHead)
	fmt.Fprintf(bw, `<dimension ref="A1:%s"/>`, last)
	bw.WriteString(`<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>`)
	bw.WriteString(`<sheetFormatPr defaultRowHeight="15"/><sheetData>`)
	spans := fmt.Sprintf(`" spans="1:%d">`, len(cols))
	cells := make([]cell, len(cols))
	var buf []byte
	for r := 0; r <= s.rows; r++ {
		if r == 0 {
			for j, h := range s.header {
				cells[j] = cell{kind: cellShared, s: h, style: styleHeader}
			}
		} else {
			clear(cells)
			s.fill(r-1, cells)
		}
		row := strconv.Itoa(r + 1)
		buf = append(buf[:0], `<row r="`...)
		buf = append(buf, row...)
		buf = append(buf, spans...)
		for j, c := range cells {
			if c.kind == cellEmpty {
				continue
			}
			buf = append(buf, `<c r="`...)
			buf = append(buf, cols[j]...)
			buf = append(buf, row...)
			buf = append(buf, '"')
			if c.style != styleGeneral {
				buf = append(buf, ` s="`...)
				buf = strconv.AppendInt(buf, int64(c.style), 10)
				buf = append(buf, '"')
			}
			if c.kind == cellNumber {
				buf = append(buf, "><v>"...)
				buf = strconv.AppendFloat(buf, c.n, 'g', -1, 64)
			} else {
				buf = append(buf, ` t="s"><v>`...)
				buf = strconv.AppendInt(buf, int64(st.add(c)), 10)
			}
			buf = append(buf, "</v></c>"...)
		}
		buf = append(buf, "</row>"...)
		if _, err := bw.Write(buf); err != nil {
			return err
		}
	}
	bw.WriteString(`</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	return nil
}

// writeStrings writes the shared-strings table, making every row again to
// find the text in the order writeSheet numbered it.
func writeStrings(bw *bufio.Writer, sheets []sheetSpec, st *stringTable) error {
	fmt.Fprintf(bw, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, st.refs, st.n)
	next := 0
	var buf []byte
	for _, s := range sheets {
		cells := make([]cell, len(s.header))
		for r := 0; r <= s.rows; r++ {
			if r == 0 {
				for j, h := range s.header {
					cells[j] = cell{kind: cellShared, s: h}
				}
			} else {
				clear(cells)
				s.fill(r-1, cells)
			}
			buf = buf[:0]
			for _, c := range cells {
				switch c.kind {
				case cellShared:
					if st.index[c.s] != next {
						continue // written at its first appearance
					}
				case cellOwn:
				default:
					continue
				}
				next++
				buf = appendSI(buf, c.s)
			}
			if _, err := bw.Write(buf); err != nil {
				return err
			}
		}
	}
	if next != st.n {
		return fmt.Errorf("made %d strings, numbered %d: a sheet's rows are not the same when made again", next, st.n)
	}
	bw.WriteString(`</sst>`)
	return nil
}

// appendSI appends one shared-strings entry.
func appendSI(buf []byte, s string) []byte {
	if strings.TrimSpace(s) != s {
		buf = append(buf, `<si><t xml:space="preserve">`...)
	} else {
		buf = append(buf, `<si><t>`...)
	}
	buf = appendEscaped(buf, s)
	return append(buf, `</t></si>`...)
}

// appendEscaped appends s escaped as XML text. Characters XML 1.0 cannot
// hold are written as Excel escapes them, _xHHHH_, and so is the underscore
// of text that reads as such an escape.
func appendEscaped(buf []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '&':
			buf = append(buf, "&amp;"...)
		case c == '<':
			buf = append(buf, "&lt;"...)
		case c == '>':
			buf = append(buf, "&gt;"...)
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			buf = fmt.Appendf(buf, "_x%04X_", c)
		case c == '_' && isExcelEscape(s[i:]):
			buf = append(buf, "_x005F_"...)
		case c < utf8.RuneSelf:
			buf = append(buf, c)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				buf = append(buf, "\uFFFD"...)
			} else {
				buf = append(buf, s[i:i+n]...)
			}
			i += n
			continue
		}
		i++
	}
	return buf
}

// isExcelEscape reports whether s starts with _xHHHH_.
func isExcelEscape(s string) bool {
	if len(s) < 7 || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

func contentTypes(sheets int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`)
	for i := range sheets {
		fmt.Fprintf(&b, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
	}
	b.WriteString(`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>` +
		`</Types>`)
	return b.String()
}

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

func workbookXML(sheets []sheetSpec) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
		`<bookViews><workbookView activeTab="0"/></bookViews><sheets>`)
	for i, s := range sheets {
		fmt.Fprintf(&b, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, appendEscaped(nil, s.name), i+1, i+1)
	}
	b.WriteString(`</sheets></workbook>`)
	return b.String()
}

func workbookRels(sheets int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := range sheets {
		fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, i+1)
	}
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`, sheets+1)
	fmt.Fprintf(&b, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`, sheets+2)
	b.WriteString(`</Relationships>`)
	return b.String()
}

// stylesXML holds the cell styles in the order of the style constants.
const stylesXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`
