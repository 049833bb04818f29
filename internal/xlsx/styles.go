package xlsx

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
)

// Quote prefix: a text cell whose style has quotePrefix="1" is shown and
// kept on edit as text, even when it starts like a formula, without a
// visible apostrophe. Splice adds to the cell formats (cellXfs) of the
// styles part a quote-prefixed twin of each: the twin of format i is
// format n+i, where n is the number of formats excelize wrote.

var (
	cellXfsElem = regexp.MustCompile(`(?s)<cellXfs\b[^>]*>(.*?)</cellXfs>`)
	xfElem      = regexp.MustCompile(`(?s)<xf\b[^>]*?(?:/>|>.*?</xf>)`)
	xfsCount    = regexp.MustCompile(`<cellXfs\b[^>]*?count="\d+"`)
)

// addQuotedXfs returns the styles part x with a quote-prefixed twin of
// each cell format added after them, and the number of formats it had.
func addQuotedXfs(x []byte) ([]byte, int, error) {
	m := cellXfsElem.FindSubmatchIndex(x)
	if m == nil {
		return nil, 0, errors.New("styles: no cellXfs element")
	}
	body := x[m[2]:m[3]]
	xfs := xfElem.FindAll(body, -1)
	if len(xfs) == 0 {
		return nil, 0, errors.New("styles: no cell formats")
	}
	var b bytes.Buffer
	b.Write(x[:m[3]])
	for _, xf := range xfs {
		xf = bytes.Replace(xf, []byte(` quotePrefix="1"`), nil, 1)
		b.WriteString(`<xf quotePrefix="1"`)
		b.Write(xf[len("<xf"):])
	}
	b.Write(x[m[3]:])
	out := b.Bytes()
	head := out[m[0]:m[2]]
	var newHead []byte
	if xfsCount.Match(head) {
		newHead = regexp.MustCompile(`count="\d+"`).ReplaceAll(head, []byte(`count="`+strconv.Itoa(2*len(xfs))+`"`))
	} else {
		newHead = head
	}
	return append(append(append([]byte(nil), out[:m[0]]...), newHead...), out[m[2]:]...), len(xfs), nil
}
