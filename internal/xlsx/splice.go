package xlsx

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
)

// Splicing: cells written here into a workbook another writer (excelize)
// wrote. excelize holds a sheet's layout, styles, links and charts well,
// but writes cells one at a time, which takes seconds and gigabytes at a
// hundred thousand rows; Splice puts the cells of whole sheets, their text
// and their links into the file it wrote.

// Link is a hyperlink of a cell to an external address.
type Link struct {
	Cell, URL string
}

// SplicedSheet is a sheet whose cells Splice writes.
type SplicedSheet struct {
	// Name is the sheet's name in the workbook.
	Name string
	// Links are hyperlinks to external addresses, in the order added.
	Links []Link
	// Cells writes the rows of the sheet; a text cell cites its string's
	// index in the list given to Splice plus offset, the number of strings
	// the workbook's table held already.
	Cells func(d *SheetData, offset int) error
}

// SpliceOptions say what else Splice does.
type SpliceOptions struct {
	// SortContentTypes sorts the Default entries of [Content_Types].xml
	// by extension: excelize adds the image types when a sheet gets a
	// drawing (a chart) by ranging over a map, so that their order, and
	// the workbook's bytes, would differ from run to run.
	SortContentTypes bool
}

// Splice copies the xlsx file data to w with the cells of sheets in their
// sheetData elements (replacing any there), their links, and strs (text
// as CellText returns it) at the end of the shared-strings table, which
// data must have. The styles part gets a quote-prefixed twin of every cell
// format (SheetData.SharedQuoted) and every chart part is rewritten by
// FixChart. The other parts are copied as they are, still compressed, in
// the same order. It returns the bytes written.
func Splice(w io.Writer, data []byte, sheets []SplicedSheet, strs []string, opt SpliceOptions) (int64, error) {
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
	// Every cell format gets a quote-prefixed twin, for text that starts
	// like a formula (SheetData.SharedQuoted).
	quoteBase := 0
	if styles, err := read(stylesPart); err == nil {
		if styles, quoteBase, err = addQuotedXfs(styles); err != nil {
			return 0, err
		}
		replace[stylesPart] = func(w io.Writer) error {
			_, err := w.Write(styles)
			return err
		}
	} else if !errors.Is(err, errNoPart) {
		return 0, err
	}
	for _, p := range zr.File {
		if !chartPart.MatchString(p.Name) {
			continue
		}
		x, err := read(p.Name)
		if err != nil {
			return 0, err
		}
		x = FixChart(x)
		replace[p.Name] = func(w io.Writer) error {
			_, err := w.Write(x)
			return err
		}
	}
	for _, ws := range sheets {
		part, ok := parts[ws.Name]
		if !ok {
			return 0, fmt.Errorf("sheet %q: no part", ws.Name)
		}
		x, err := read(part)
		if err != nil {
			return 0, err
		}
		before, after, err := splitSheetData(x)
		if err != nil {
			return 0, fmt.Errorf("sheet %q: %w", ws.Name, err)
		}
		if links := ws.Links; len(links) > 0 {
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
				return 0, fmt.Errorf("sheet %q: %w", ws.Name, err)
			}
			replace[relsPart] = func(w io.Writer) error {
				_, err := w.Write(rels)
				return err
			}
			if before, after, err = addHyperlinks(before, after, links, ids); err != nil {
				return 0, fmt.Errorf("sheet %q: %w", ws.Name, err)
			}
		}
		replace[part] = func(w io.Writer) error {
			b := bufio.NewWriterSize(w, 64<<10)
			b.Write(before)
			d := NewSheetData(b)
			d.quoteBase = quoteBase
			if err := ws.Cells(d, offset); err != nil {
				return err
			}
			if err := d.Close(); err != nil {
				return err
			}
			if err := b.Flush(); err != nil {
				return err
			}
			_, err := w.Write(after)
			return err
		}
	}
	sstBytes, err := appendStrings(table, offset, strs)
	if err != nil {
		return 0, err
	}
	replace[sst] = func(w io.Writer) error {
		_, err := w.Write(sstBytes)
		return err
	}

	if opt.SortContentTypes {
		const ct = contentTypesPart
		x, err := read(ct)
		if err != nil {
			return 0, err
		}
		if x, err = sortDefaults(x); err != nil {
			return 0, fmt.Errorf("%s: %w", ct, err)
		}
		replace[ct] = func(w io.Writer) error {
			_, err := w.Write(x)
			return err
		}
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
		nh := &zip.FileHeader{Name: h.Name, Method: zip.Deflate, Modified: h.Modified}
		if h.Name == contentTypesPart {
			// Only sorted: it keeps the date its writer gave it.
			nh = &zip.FileHeader{Name: h.Name, Method: zip.Deflate, ModifiedTime: h.ModifiedTime, ModifiedDate: h.ModifiedDate}
		}
		pw, err := zw.CreateHeader(nh)
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

// relID matches the ids of relationships as excelize writes them.
var relID = regexp.MustCompile(`Id="rId(\d+)"`)

// addHyperlinkRels returns the relationships part rels of a sheet (nil for
// none yet) with an external relationship for each link added, and their
// ids, numbered after those already there.
func addHyperlinkRels(rels []byte, links []Link) ([]byte, []string, error) {
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
		if err := xml.EscapeText(&b, []byte(l.URL)); err != nil {
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
func addHyperlinks(before, after []byte, links []Link, ids []string) ([]byte, []byte, error) {
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
		b.WriteString(`<hyperlink ref="` + l.Cell + `" r:id="` + ids[i] + `"></hyperlink>`)
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
	var si []byte
	for _, s := range list {
		si = appendSI(si[:0], s)
		b.Write(si)
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

// stylesPart is the styles part as excelize names it.
const stylesPart = "xl/styles.xml"

// contentTypesPart is the part that gives the content type of every other.
const contentTypesPart = "[Content_Types].xml"

// sortDefaults returns the content types x with its Default entries, which
// must follow one another, sorted by extension (stably).
func sortDefaults(x []byte) ([]byte, error) {
	first := bytes.Index(x, []byte("<Default"))
	if first < 0 {
		return x, nil
	}
	type entry struct {
		ext  string
		elem []byte
	}
	var entries []entry
	at := first
	for bytes.HasPrefix(x[at:], []byte("<Default")) {
		gt := bytes.IndexByte(x[at:], '>')
		if gt < 0 {
			return nil, errors.New("a Default entry is not closed")
		}
		end := at + gt + 1
		if x[end-2] != '/' {
			if !bytes.HasPrefix(x[end:], []byte("</Default>")) {
				return nil, errors.New("a Default entry holds something")
			}
			end += len("</Default>")
		}
		ext, _ := attr(x[at+1:at+gt], "Extension")
		entries = append(entries, entry{string(ext), x[at:end]})
		at = end
	}
	if bytes.Contains(x[at:], []byte("<Default")) {
		return nil, errors.New("the Default entries are not together")
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return strings.Compare(a.ext, b.ext) })
	out := slices.Clip(x[:first:first])
	for _, e := range entries {
		out = append(out, e.elem...)
	}
	return append(out, x[at:]...), nil
}
