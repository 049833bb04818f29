package xlsx

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// MaxCellChars is the most characters (UTF-16 units) a cell may hold.
const MaxCellChars = excelize.TotalCellChars

// CellText returns the text v of a text cell as it is written: guarded by
// Guard and escaped by Escape. It reports text that a cell cannot hold
// exactly: invalid UTF-8, or longer than MaxCellChars. ref names the cell
// in the error.
func CellText(ref string, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("%s: text is not valid UTF-8", ref)
	}
	return cellText(ref, Guard(v))
}

// cellText returns the valid UTF-8 text v escaped by Escape, or an error
// when it is longer than a cell may hold.
func cellText(ref string, v string) (string, error) {
	if !utf8.ValidString(v) {
		return "", fmt.Errorf("%s: text is not valid UTF-8", ref)
	}
	s := Escape(v)
	if len(s) > MaxCellChars {
		// Only then can it be too long: a UTF-16 unit takes at least one
		// byte of UTF-8.
		if n := len(utf16.Encode([]rune(s))); n > MaxCellChars {
			return "", fmt.Errorf("%s: text of %d characters is longer than a cell may hold (%d)", ref, n, MaxCellChars)
		}
	}
	return s, nil
}

// CellTextQuoted returns the text v of a text cell as it is written in a
// cell of the quote-prefix style, and whether the cell needs that style:
// text that starts like a formula is written as it is, in the
// quote-prefixed style, so that no apostrophe shows; any other text is
// written as CellText writes it. Text that starts with apostrophes and then
// a trigger character keeps Guard's added apostrophe, so that Unguard
// still reads every text back exactly. ref names the cell in the error.
func CellTextQuoted(ref string, v string) (s string, quoted bool, err error) {
	if guarded(v) && !strings.HasPrefix(v, "'") {
		s, err := cellText(ref, v)
		return s, err == nil, err
	}
	s, err = CellText(ref, v)
	return s, false, err
}

// CellNumber returns the stored number v as an int64 when it is an
// integer, a float64 otherwise; ref names the cell in the error.
func CellNumber(ref string, v string) (any, error) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		return n, nil
	}
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || strings.ContainsAny(v, "eEnNxX") {
		return nil, fmt.Errorf("%s: %q is not a number", ref, v)
	}
	return n, nil
}

// SheetData writes the sheetData element of a worksheet, the rows in
// order and the cells of each in order. Its methods write to a buffer that
// is handed to the writer as it fills; Close ends the element and flushes.
type SheetData struct {
	// quoteBase is the number of cell formats excelize wrote: the
	// quote-prefixed twin of format i is quoteBase+i. Zero when there
	// are no twins.
	quoteBase int
	w         *bufio.Writer
	row       []byte // the row number being written, as text
	buf       []byte
	err       error
}

// NewSheetData starts a sheetData element on w.
func NewSheetData(w io.Writer) *SheetData {
	d := &SheetData{w: bufio.NewWriterSize(w, 64<<10)}
	d.buf = append(d.buf, "<sheetData>"...)
	return d
}

// StartRow starts row number row (1-based). spans, when above zero,
// declares the row's cells to be within columns 1 to spans, as Excel
// writes it.
func (d *SheetData) StartRow(row, spans int) {
	d.row = strconv.AppendInt(d.row[:0], int64(row), 10)
	d.buf = append(d.buf, `<row r="`...)
	d.buf = append(d.buf, d.row...)
	if spans > 0 {
		d.buf = append(d.buf, `" spans="1:`...)
		d.buf = strconv.AppendInt(d.buf, int64(spans), 10)
	}
	d.buf = append(d.buf, `">`...)
}

// StartRowHeight starts row number row as StartRow does, of the given
// height in points (customHeight), so that programs that do not fit rows
// to their wrapped text (LibreOffice, Gnumeric) show all of it.
func (d *SheetData) StartRowHeight(row, spans int, height float64) {
	d.StartRow(row, spans)
	d.buf = d.buf[:len(d.buf)-len(`">`)]
	d.buf = append(d.buf, `" ht="`...)
	d.buf = strconv.AppendFloat(d.buf, height, 'f', -1, 64)
	d.buf = append(d.buf, `" customHeight="1">`...)
}

// EndRow ends the row.
func (d *SheetData) EndRow() {
	d.buf = append(d.buf, "</row>"...)
	if len(d.buf) >= 32<<10 && d.err == nil {
		_, d.err = d.w.Write(d.buf)
		d.buf = d.buf[:0]
	}
}

// cell starts the cell of column col of the row, with a style unless 0.
func (d *SheetData) cell(col, style int) {
	d.buf = append(d.buf, `<c r="`...)
	d.buf = appendColumnName(d.buf, col)
	d.buf = append(d.buf, d.row...)
	d.buf = append(d.buf, '"')
	if style != 0 {
		d.buf = append(d.buf, ` s="`...)
		d.buf = strconv.AppendInt(d.buf, int64(style), 10)
		d.buf = append(d.buf, '"')
	}
}

// Shared writes a text cell: the index of its text in the shared strings.
func (d *SheetData) Shared(col, style, index int) {
	d.cell(col, style)
	d.buf = append(d.buf, ` t="s"><v>`...)
	d.buf = strconv.AppendInt(d.buf, int64(index), 10)
	d.buf = append(d.buf, "</v></c>"...)
}

// SharedQuoted writes a text cell as Shared does, in the quote-prefixed
// twin of its style (see CellTextQuoted), when the workbook has twins.
func (d *SheetData) SharedQuoted(col, style, index int) {
	if d.quoteBase > 0 {
		style += d.quoteBase
	}
	d.Shared(col, style, index)
}

// Number writes a number cell of the number's text, such as "26.5".
func (d *SheetData) Number(col, style int, v string) {
	d.cell(col, style)
	d.buf = append(d.buf, "><v>"...)
	d.buf = append(d.buf, v...)
	d.buf = append(d.buf, "</v></c>"...)
}

// Float writes a number cell, in the shortest form that reads back as n.
func (d *SheetData) Float(col, style int, n float64) {
	d.cell(col, style)
	d.buf = append(d.buf, "><v>"...)
	d.buf = strconv.AppendFloat(d.buf, n, 'g', -1, 64)
	d.buf = append(d.buf, "</v></c>"...)
}

// Blank writes an empty cell with a style.
func (d *SheetData) Blank(col, style int) {
	d.cell(col, style)
	d.buf = append(d.buf, "/>"...)
}

// Close ends the sheetData element and flushes what is left to the writer.
func (d *SheetData) Close() error {
	d.buf = append(d.buf, "</sheetData>"...)
	if d.err != nil {
		return d.err
	}
	if _, err := d.w.Write(d.buf); err != nil {
		return err
	}
	return d.w.Flush()
}

// appendSI appends a shared-strings item of the text s (already escaped by
// Escape), keeping its leading and trailing spaces.
func appendSI(dst []byte, s string) []byte {
	dst = append(dst, "<si><t"...)
	if s != strings.TrimFunc(s, func(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' }) {
		dst = append(dst, ` xml:space="preserve"`...)
	}
	dst = append(dst, '>')
	dst = appendText(dst, s)
	return append(dst, "</t></si>"...)
}

// appendText appends s escaped as XML text, as encoding/xml's EscapeText
// escapes it.
func appendText(dst []byte, s string) []byte {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s)) // a strings.Builder does not fail
	return append(dst, b.String()...)
}

// SharedStringsWriter writes a shared-strings part.
type SharedStringsWriter struct {
	w   *bufio.Writer
	buf []byte
}

// NewSharedStringsWriter starts a shared-strings part on w, of count text
// cells citing unique strings.
func NewSharedStringsWriter(w io.Writer, count, unique int) *SharedStringsWriter {
	sw := &SharedStringsWriter{w: bufio.NewWriterSize(w, 64<<10)}
	sw.buf = fmt.Appendf(sw.buf, `%s<sst xmlns="%s" count="%d" uniqueCount="%d">`, xmlHeader, nsMain, count, unique)
	return sw
}

// Add writes the next string, escaped by Escape.
func (sw *SharedStringsWriter) Add(s string) error {
	sw.buf = appendSI(sw.buf, Escape(s))
	if len(sw.buf) >= 32<<10 {
		_, err := sw.w.Write(sw.buf)
		sw.buf = sw.buf[:0]
		return err
	}
	return nil
}

// Close ends the part and flushes it.
func (sw *SharedStringsWriter) Close() error {
	sw.buf = append(sw.buf, "</sst>"...)
	if _, err := sw.w.Write(sw.buf); err != nil {
		return err
	}
	return sw.w.Flush()
}

var errNoPart = errors.New("no such part")
