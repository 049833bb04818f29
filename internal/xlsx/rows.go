package xlsx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// A worksheet's rows and the shared strings are read with a small
// tokenizer of their XML (xmlScanner), not with encoding/xml: decoding
// every cell into structs was most of the time and the allocations of an
// import. The rows read are those of excelize's Rows iterator with
// RawCellValue (tested against it, and fuzzed): every row number from 1 to
// the last row, with empty rows where the sheet has none; in a row, the
// cells up to the last one with a value or a formula, blanks where cells
// are missing; a cell's stored value, never its formatted text:
//
//	t="s"          the shared string its <v> indexes
//	t="inlineStr"  the text of its <is> (runs of rich text joined,
//	               phonetic runs left out)
//	anything else  its <v> as written (numbers, dates as serials, b, str, e)
//
// Shared and inline strings have their _xHHHH_ escapes decoded. XML
// entities and character references are decoded, and line ends normalised
// to \n, as in any XML text. Unlike excelize, a sheet whose XML ends before
// its rows do, or names a row or a cell that cannot be, is an error rather
// than the rows read so far.

// The size of a sheet.
const (
	MaxRows    = 1 << 20 // Excel's last row, 1048576
	MaxColumns = 1 << 14 // Excel's last column, XFD
)

// Limits that a hostile workbook cannot make cpmap exceed.
const (
	maxXMLToken      = 4 << 20 // longest tag or text, in bytes
	maxSharedStrings = 1 << 24
	maxSheetRows     = MaxRows
	maxSheetColumns  = MaxColumns
)

var errXMLEnd = errors.New("the XML ends in the middle of an element")

// tokKind is the kind of a token of xmlScanner.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
)

// xmlToken is one token. Its slices point into the scanner's buffer and are
// valid until the next call of next.
type xmlToken struct {
	kind  tokKind
	name  []byte // a tag's local name (its namespace prefix dropped)
	tag   []byte // a start tag's bytes after '<', for its attributes
	empty bool   // a start tag that closes itself: <c/>
	text  []byte // text, its entities not decoded
	cdata bool   // text from a CDATA section: nothing to decode
}

// xmlScanner splits XML into start tags, end tags and text; comments,
// processing instructions and declarations are skipped. It checks no more
// of the XML's form than reading it needs.
type xmlScanner struct {
	r   io.Reader
	buf []byte
	i   int   // the next byte of buf to read
	err error // the reader's error once it has one (io.EOF at the end)
}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 0, 64<<10)}
}

// fill reads more bytes into the buffer, keeping buf[i:] (moved to the
// start). It reports whether it read any.
func (s *xmlScanner) fill() bool {
	if s.err != nil {
		return false
	}
	if s.i > 0 {
		s.buf = s.buf[:copy(s.buf, s.buf[s.i:])]
		s.i = 0
	}
	if len(s.buf) == cap(s.buf) {
		if cap(s.buf) >= maxXMLToken {
			s.err = fmt.Errorf("a tag or text is longer than %d MiB", maxXMLToken>>20)
			return false
		}
		nb := make([]byte, len(s.buf), 2*cap(s.buf))
		copy(nb, s.buf)
		s.buf = nb
	}
	for range 100 {
		n, err := s.r.Read(s.buf[len(s.buf):cap(s.buf)])
		s.buf = s.buf[:len(s.buf)+n]
		if err != nil {
			s.err = err
		}
		if n > 0 || err != nil {
			return n > 0
		}
	}
	s.err = io.ErrNoProgress
	return false
}

// fail returns the error that stopped the scanner inside a token: the
// reader's, or errXMLEnd when the part simply ended.
func (s *xmlScanner) fail() error {
	if s.err == nil || s.err == io.EOF {
		return errXMLEnd
	}
	return s.err
}

// find returns the offset from s.i of the first occurrence of sep at or
// after offset from, reading more as needed; -1 at the end of the input.
// Offsets from s.i stay valid across fills.
func (s *xmlScanner) find(from int, sep []byte) int {
	for {
		if from < len(s.buf)-s.i {
			if j := bytes.Index(s.buf[s.i+from:], sep); j >= 0 {
				return from + j
			}
			from = max(from, len(s.buf)-s.i-len(sep)+1)
		}
		if !s.fill() {
			return -1
		}
	}
}

// have reports whether n bytes from s.i are in the buffer, reading more
// as needed.
func (s *xmlScanner) have(n int) bool {
	for s.i+n > len(s.buf) {
		if !s.fill() {
			return false
		}
	}
	return true
}

var (
	sepLT         = []byte("<")
	sepGT         = []byte(">")
	prefixComment = []byte("<!--")
	sepComment    = []byte("-->")
	sepCDATA      = []byte("]]>")
	sepPI         = []byte("?>")
	prefixCDATA   = []byte("<![CDATA[")
)

// next returns the next token; kind tokEOF at the end of the input, with
// a nil error when the input ended between tokens.
func (s *xmlScanner) next() (xmlToken, error) {
	for {
		if s.i >= len(s.buf) && !s.fill() {
			if s.err == io.EOF {
				return xmlToken{}, nil
			}
			return xmlToken{}, s.err
		}
		if s.buf[s.i] != '<' {
			j := s.find(0, sepLT)
			if j < 0 {
				if s.err != io.EOF {
					return xmlToken{}, s.err
				}
				j = len(s.buf) - s.i
			}
			t := xmlToken{kind: tokText, text: s.buf[s.i : s.i+j]}
			s.i += j
			return t, nil
		}
		// A tag: make sure its second byte is there.
		if s.i+1 >= len(s.buf) && !s.fill() {
			return xmlToken{}, s.fail()
		}
		switch s.buf[s.i+1] {
		case '!':
			if s.have(len(prefixCDATA)) && bytes.HasPrefix(s.buf[s.i:], prefixCDATA) {
				end := s.find(len(prefixCDATA), sepCDATA)
				if end < 0 {
					return xmlToken{}, s.fail()
				}
				t := xmlToken{kind: tokText, cdata: true, text: s.buf[s.i+len(prefixCDATA) : s.i+end]}
				s.i += end + len(sepCDATA)
				return t, nil
			}
			sep, from := sepGT, 2
			if s.have(4) && bytes.HasPrefix(s.buf[s.i:], prefixComment) {
				sep, from = sepComment, 4
			}
			end := s.find(from, sep)
			if end < 0 {
				return xmlToken{}, s.fail()
			}
			s.i += end + len(sep)
			continue
		case '?':
			end := s.find(2, sepPI)
			if end < 0 {
				return xmlToken{}, s.fail()
			}
			s.i += end + len(sepPI)
			continue
		}
		end, err := s.tagEnd()
		if err != nil {
			return xmlToken{}, err
		}
		tag := s.buf[s.i+1 : s.i+end]
		s.i += end + 1
		t := xmlToken{kind: tokStart, tag: tag}
		if len(tag) > 0 && tag[0] == '/' {
			t.kind, tag = tokEnd, tag[1:]
		} else if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.empty = true
		}
		n := 0
		for n < len(tag) && !isXMLSpace(tag[n]) && tag[n] != '/' {
			n++
		}
		t.name = tag[:n]
		if k := bytes.IndexByte(t.name, ':'); k >= 0 {
			t.name = t.name[k+1:]
		}
		return t, nil
	}
}

// tagEnd returns the offset from s.i of the '>' that ends the tag at s.i,
// skipping any '>' inside quoted attribute values.
func (s *xmlScanner) tagEnd() (int, error) {
	var quote byte
	for k := 1; ; k++ {
		if s.i+k >= len(s.buf) && !s.fill() {
			return 0, s.fail()
		}
		switch c := s.buf[s.i+k]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return k, nil
		case c == '<':
			return 0, fmt.Errorf("a '<' inside a tag")
		}
	}
}

// skip reads up to the end of the element whose start tag was just read.
func (s *xmlScanner) skip(start xmlToken) error {
	if start.empty {
		return nil
	}
	depth := 1
	for {
		t, err := s.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokEOF:
			return errXMLEnd
		case tokStart:
			if !t.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return nil
			}
		}
	}
}

// text appends to dst the text of the element whose start tag was just
// read, decoded, up to its end tag (the text of elements inside it is left
// out).
func (s *xmlScanner) text(dst []byte, start xmlToken) ([]byte, error) {
	if start.empty {
		return dst, nil
	}
	depth := 1
	for {
		t, err := s.next()
		if err != nil {
			return dst, err
		}
		switch t.kind {
		case tokEOF:
			return dst, errXMLEnd
		case tokText:
			if depth == 1 {
				if dst, err = appendXMLText(dst, t.text, t.cdata); err != nil {
					return dst, err
				}
			}
		case tokStart:
			if !t.empty {
				depth++
			}
		case tokEnd:
			if depth--; depth == 0 {
				return dst, nil
			}
		}
	}
}

// richText returns the text of a string item (<si> of the shared strings,
// <is> of a cell) whose start tag was just read: its <t>, then the <t> of
// its runs (<r>), with phonetic runs (<rPh>) left out and _xHHHH_ escapes
// decoded, as excelize reads it.
func (s *xmlScanner) richText(start xmlToken, plain, runs []byte) (string, []byte, []byte, error) {
	plain, runs = plain[:0], runs[:0]
	if start.empty {
		return "", plain, runs, nil
	}
	depth := 1
	inT, inR, inRPh := false, false, 0
	for {
		t, err := s.next()
		if err != nil {
			return "", plain, runs, err
		}
		switch t.kind {
		case tokEOF:
			return "", plain, runs, errXMLEnd
		case tokText:
			if !inT {
				continue
			}
			if inR {
				runs, err = appendXMLText(runs, t.text, t.cdata)
			} else {
				plain, err = appendXMLText(plain, t.text, t.cdata)
			}
			if err != nil {
				return "", plain, runs, err
			}
		case tokStart:
			if t.empty {
				continue
			}
			depth++
			switch string(t.name) {
			case "t":
				inT = inRPh == 0 && (depth == 2 || inR && depth == 3)
			case "r":
				inR = inR || depth == 2
			case "rPh":
				inRPh++
			}
		case tokEnd:
			switch string(t.name) {
			case "t":
				inT = false
			case "r":
				if depth == 2 {
					inR = false
				}
			case "rPh":
				inRPh = max(0, inRPh-1)
			}
			if depth--; depth == 0 {
				v := string(plain) + string(runs)
				return Unescape(v), plain, runs, nil
			}
		}
	}
}

// appendXMLText appends raw XML text to dst, decoded: entities and
// character references replaced, and line ends ("\r\n", "\r") made "\n".
// Text from a CDATA section has only its line ends normalised.
func appendXMLText(dst, raw []byte, cdata bool) ([]byte, error) {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&\r")
		if cdata {
			i = bytes.IndexByte(raw, '\r')
		}
		if i < 0 {
			return append(dst, raw...), nil
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '\r' {
			dst = append(dst, '\n')
			raw = raw[1:]
			if len(raw) > 0 && raw[0] == '\n' {
				raw = raw[1:]
			}
			continue
		}
		end := bytes.IndexByte(raw, ';')
		if end < 0 || end > 12 {
			return dst, fmt.Errorf("an '&' that starts no entity")
		}
		name := raw[1:end]
		raw = raw[end+1:]
		switch string(name) {
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "amp":
			dst = append(dst, '&')
		case "apos":
			dst = append(dst, '\'')
		case "quot":
			dst = append(dst, '"')
		default:
			var n uint64
			var err error
			switch {
			case len(name) > 2 && name[0] == '#' && name[1] == 'x':
				n, err = strconv.ParseUint(string(name[2:]), 16, 32)
			case len(name) > 1 && name[0] == '#':
				n, err = strconv.ParseUint(string(name[1:]), 10, 32)
			default:
				return dst, fmt.Errorf("unknown entity &%s;", name)
			}
			if err != nil || !isXMLChar(rune(n)) {
				return dst, fmt.Errorf("bad character reference &%s;", name)
			}
			dst = utf8.AppendRune(dst, rune(n))
		}
	}
	return dst, nil
}

// isXMLChar reports whether XML 1.0 allows r in a document.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// Rows reads a worksheet part's rows (see the comment at the top of
// the file).
type Rows struct {
	s        *xmlScanner
	sst      *SharedStrings
	pctStyle map[int]bool // cell styles whose format is a percentage
	n        int          // the number of the row last returned
	last     int          // the number of the last <row> read
	cur      int          // the number of the <row> being read
	ahead    []string     // the cells of row last, when n < last
	width    int          // the most cells a row has had: the room to make for the next
	inData   bool         // inside <sheetData>
	done     bool         // past </sheetData>, or the end of the part
	pct      []cellPos    // percent-formatted cells of the rows returned, in order
	noValue  []cellPos    // formula cells without a stored result, in order
	val      []byte       // scratch for a value's text
	plain    []byte       // scratch for rich text
	runs     []byte       // scratch for rich text
}

// cellPos is a cell's row and column, 1-based.
type cellPos struct{ row, col int32 }

// NewRows returns a reader of the rows of a worksheet part, whose
// cells index sst (nil for a workbook without shared strings).
func NewRows(r io.Reader, sst *SharedStrings, pctStyle map[int]bool) *Rows {
	return &Rows{s: newXMLScanner(r), sst: sst, pctStyle: pctStyle}
}

// next returns the next row's cells (nil for a row the sheet has no cell
// in) and number, and io.EOF after the last row. An error is the row's
// that could not be read, with its number.
func (x *Rows) Next() ([]string, int, error) {
	if x.n == x.last && !x.done {
		if err := x.readRow(); err != nil {
			x.done, x.last, x.ahead = true, x.n, nil
			return nil, x.cur, err
		}
	}
	if x.n == x.last {
		return nil, 0, io.EOF
	}
	x.n++
	if x.n < x.last {
		return nil, x.n, nil
	}
	cells := x.ahead
	x.ahead = nil
	return cells, x.n, nil
}

// percent reports whether a cell of a row returned has a percentage
// format. Rows must be asked about in order: what is kept of a row is
// dropped when a later row is asked about.
func (x *Rows) Percent(row, col int) bool {
	for len(x.pct) > 0 && int(x.pct[0].row) < row {
		x.pct = x.pct[1:]
	}
	for _, p := range x.pct {
		if int(p.row) != row {
			break
		}
		if int(p.col) == col {
			return true
		}
	}
	return false
}

// Uncomputed returns the columns of a row returned whose cells hold a
// formula without a stored result (<c><f>…</f></c> with no <v>), as some
// tools write them: their value is not known until a spreadsheet program
// computes it. Rows must be asked about in order, as with Percent.
func (x *Rows) Uncomputed(row int) []int {
	for len(x.noValue) > 0 && int(x.noValue[0].row) < row {
		x.noValue = x.noValue[1:]
	}
	var cols []int
	for _, p := range x.noValue {
		if int(p.row) != row {
			break
		}
		cols = append(cols, int(p.col))
	}
	return cols
}

// readRow reads the next <row> element into x.ahead and x.last; at the end
// of the rows it sets x.done.
func (x *Rows) readRow() error {
	var row xmlToken
	x.cur = x.last + 1
	for {
		t, err := x.s.next()
		if err != nil {
			return err
		}
		if t.kind == tokEOF {
			x.done = true
			if x.inData {
				return errXMLEnd
			}
			return nil
		}
		if t.kind == tokEnd && string(t.name) == "sheetData" {
			x.done = true
			return nil
		}
		if t.kind != tokStart {
			continue
		}
		if string(t.name) == "sheetData" {
			x.inData = !t.empty
			if t.empty {
				x.done = true
				return nil
			}
			continue
		}
		if string(t.name) == "row" {
			row = t
			break
		}
	}
	num := x.last + 1
	if v, ok := attr(row.tag, "r"); ok {
		n, err := strconv.Atoi(string(bytes.TrimSpace(v)))
		switch {
		case err != nil || n < 1:
			return fmt.Errorf("bad row number %q", v)
		case n > maxSheetRows:
			return fmt.Errorf("row number %d is past the last row of a sheet (%d)", n, maxSheetRows)
		case n <= x.last:
			x.cur = n
			return fmt.Errorf("it comes after row %d: the rows are out of order", x.last)
		}
		num = n
	}
	x.cur = num
	if num > maxSheetRows {
		return fmt.Errorf("more than %d rows", maxSheetRows)
	}
	x.last = num
	x.ahead = nil
	if row.empty {
		return nil
	}
	var cells []string
	col := 0
	defer func() { x.width = max(x.width, len(cells)) }()
	for {
		t, err := x.s.next()
		if err != nil {
			return err
		}
		switch t.kind {
		case tokEOF:
			return errXMLEnd
		case tokEnd:
			if string(t.name) == "row" {
				x.ahead = cells
				return nil
			}
			continue
		case tokText:
			continue
		}
		if string(t.name) != "c" {
			if err := x.s.skip(t); err != nil {
				return err
			}
			continue
		}
		col++
		if v, ok := attr(t.tag, "r"); ok {
			c, r, ok := ParseCellRef(v)
			if !ok || c > maxSheetColumns || r > maxSheetRows {
				return fmt.Errorf("bad cell reference %q", v)
			}
			col = c
		}
		if col > maxSheetColumns {
			return fmt.Errorf("more than %d cells", maxSheetColumns)
		}
		pct := false
		if x.pctStyle != nil {
			if s, ok := attr(t.tag, "s"); ok {
				n, err := strconv.Atoi(string(s))
				pct = err == nil && x.pctStyle[n]
			}
		}
		v, formula, stored, err := x.cell(t)
		if err != nil {
			return fmt.Errorf("cell %s%d: %w", ColumnName(col), num, err)
		}
		if formula && !stored {
			x.noValue = append(x.noValue, cellPos{int32(num), int32(col)})
		}
		if v == "" && !formula {
			continue
		}
		if cells == nil {
			cells = make([]string, 0, max(x.width, col))
		}
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		cells = append(cells, v)
		if pct {
			x.pct = append(x.pct, cellPos{int32(num), int32(len(cells))})
		}
	}
}

// cell reads a <c> element whose start tag c was just read: its raw value,
// whether it has a formula, and whether it has a stored value (<v> or an
// inline string).
func (x *Rows) cell(c xmlToken) (v string, formula, stored bool, err error) {
	typ, _ := attr(c.tag, "t") // the tag's bytes are only valid until the next token
	shared, inlineStr := string(typ) == "s", string(typ) == "inlineStr"
	x.val = x.val[:0]
	hasV := false
	inline, hasIS := "", false
	if !c.empty {
		for {
			t, err := x.s.next()
			if err != nil {
				return "", false, false, err
			}
			if t.kind == tokEOF {
				return "", false, false, errXMLEnd
			}
			if t.kind == tokEnd && string(t.name) == "c" {
				break
			}
			if t.kind != tokStart {
				continue
			}
			switch string(t.name) {
			case "v":
				hasV = true
				if x.val, err = x.s.text(x.val[:0], t); err != nil {
					return "", false, false, err
				}
			case "f":
				formula = true
				err = x.s.skip(t)
			case "is":
				hasIS = true
				inline, x.plain, x.runs, err = x.s.richText(t, x.plain, x.runs)
			default:
				err = x.s.skip(t)
			}
			if err != nil {
				return "", false, false, err
			}
		}
	}
	stored = hasV || hasIS
	switch {
	case shared:
		if !hasV || len(x.val) == 0 {
			return "", formula, stored, nil
		}
		i, err := strconv.Atoi(strings.TrimSpace(string(x.val)))
		if err != nil {
			i = 0 // as excelize reads it
		}
		v, ok := x.sst.At(i)
		if !ok {
			if err := x.sst.Failed(); err != nil {
				return "", formula, stored, fmt.Errorf("shared string %d: %w", i, err)
			}
			return "", formula, stored, fmt.Errorf("shared string %d does not exist (the workbook has %d)", i, x.sst.Len())
		}
		return v, formula, stored, nil
	case inlineStr:
		if hasIS {
			return inline, formula, stored, nil
		}
	}
	return string(x.val), formula, stored, nil
}
