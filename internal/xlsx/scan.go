package xlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"slices"
	"strings"
)

// A workbook's rows are read here, from the parts of its zip, as bytes: a
// worksheet's merged ranges and dimension by a first quick scan (ScanSheet),
// then its rows, streamed (Rows, xlsx_rows.go). excelize's own readers
// decode every cell through encoding/xml, which was most of the time of an
// import, and its GetMergeCells and GetCellStyle load the whole worksheet
// into memory. Nothing here grows with the size of a sheet but the shared
// strings, which every row may cite.

// MergeRange is a merged range of cells, 1-based and inclusive.
type MergeRange struct{ R1, C1, R2, C2 int }

// SheetScan is what the scan of one sheet found.
type SheetScan struct {
	Merges  []MergeRange // sorted by first row
	Huge    []string     // merged ranges too large to resolve
	LastRow int          // the dimension's last row, 0 when unknown
}

// Bounds on what a scan keeps: a hostile sheet cannot make it grow beyond.
const (
	maxMerges = 1 << 20
	// MaxMergeCells is the largest merged range resolved; a larger one (a
	// whole sheet merged) is reported and left unresolved.
	MaxMergeCells = 10000
)

// Parts reads a workbook's package: the part of each sheet, by sheet name.
type Parts struct {
	zr    *zip.Reader
	files map[string]*zip.File
	limit int64 // most bytes any part may unpack to
}

func NewParts(zr *zip.Reader, limit int64) *Parts {
	z := &Parts{zr: zr, files: map[string]*zip.File{}, limit: limit}
	for _, f := range zr.File {
		z.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	return z
}

// open opens a part, refusing one that unpacks to more than the limit.
func (z *Parts) Open(name string) (io.ReadCloser, error) {
	f := z.files[name]
	if f == nil {
		return nil, fmt.Errorf("the workbook has no part %s", name)
	}
	if f.UncompressedSize64 > uint64(z.limit) {
		return nil, fmt.Errorf("part %s unpacks to more than %d MiB", name, z.limit>>20)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&limitedReader{r: rc, n: z.limit, name: name}, rc}, nil
}

// limitedReader fails, rather than stopping quietly, past n bytes.
type limitedReader struct {
	r    io.Reader
	n    int64
	name string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("part %s unpacks to more than the limit", l.name)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// workbookParts returns the part of each worksheet, by sheet name, and the
// shared-strings part ("" when the workbook has none), from the workbook
// part and its relationships.
func (z *Parts) WorkbookParts() (sheets map[string]string, sharedStrings string, err error) {
	wbPath := "xl/workbook.xml"
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := z.decode("_rels/.rels", &rels); err == nil {
		for _, r := range rels.Rel {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	var wb struct {
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := z.decode(wbPath, &wb); err != nil {
		return nil, "", err
	}
	rels.Rel = nil
	dir := path.Dir(wbPath)
	if err := z.decode(path.Join(dir, "_rels", path.Base(wbPath)+".rels"), &rels); err != nil {
		return nil, "", err
	}
	targets := map[string]string{}
	for _, r := range rels.Rel {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") && z.files[t] != nil {
			sharedStrings = t
		}
	}
	sheets = map[string]string{}
	for _, s := range wb.Sheets {
		for _, a := range s.Attrs {
			if a.Name.Local == "id" && a.Name.Space != "" {
				if t, ok := targets[a.Value]; ok {
					sheets[s.Name] = t
				}
			}
		}
	}
	return sheets, sharedStrings, nil
}

func (z *Parts) decode(name string, v any) error {
	rc, err := z.Open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(rc).Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// tag records a mergeCell or dimension tag (its bytes after the '<').
func (sc *SheetScan) tag(name string, tag []byte) error {
	v, ok := attr(tag, "ref")
	if !ok {
		return nil
	}
	a, b, _ := bytes.Cut(v, []byte(":"))
	if name == "dimension" {
		if len(b) == 0 {
			b = a
		}
		if _, r, ok := ParseCellRef(b); ok {
			sc.LastRow = r
		}
		return nil
	}
	c1, r1, ok1 := ParseCellRef(a)
	c2, r2, ok2 := ParseCellRef(b)
	if !ok1 || !ok2 {
		return nil
	}
	if len(sc.Merges) >= maxMerges {
		return fmt.Errorf("more than %d merged ranges", maxMerges)
	}
	m := MergeRange{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}
	if (m.R2-m.R1+1)*(m.C2-m.C1+1) > MaxMergeCells {
		if len(sc.Huge) < 10 {
			sc.Huge = append(sc.Huge, string(v))
		}
		return nil
	}
	sc.Merges = append(sc.Merges, m)
	return nil
}

// ScanSheet scans a worksheet part for its merged ranges and its dimension.
// It looks only for the mergeCell and dimension tags, by searching for
// their names (much faster than visiting every tag of every cell).
func ScanSheet(r io.Reader) (SheetScan, error) {
	var sc SheetScan
	const chunk = 1 << 20
	const tail = 512 // longer than any tag looked for: kept for the next chunk
	buf := make([]byte, 0, chunk+tail)
	for {
		n, rerr := io.ReadFull(r, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := rerr == io.EOF || rerr == io.ErrUnexpectedEOF
		if rerr != nil && !eof {
			return sc, rerr
		}
		limit := len(buf) - tail // tags starting here or later wait for more bytes
		if eof {
			limit = len(buf)
		}
		for _, name := range []string{"mergeCell", "dimension"} {
			for i := 0; ; {
				j := bytes.Index(buf[i:], []byte(name))
				if j < 0 {
					break
				}
				j += i
				i = j + len(name)
				// The tag's '<', right before the name or a namespace prefix.
				lt := bytes.LastIndexByte(buf[max(0, j-16):j], '<')
				if lt < 0 {
					continue
				}
				lt += max(0, j-16)
				if lt >= limit {
					break
				}
				if p := buf[lt+1 : j]; len(p) > 0 && (p[len(p)-1] != ':' || bytes.ContainsAny(p, " \t\r\n<>/\"'")) {
					continue
				}
				if i >= len(buf) || !isXMLSpace(buf[i]) && buf[i] != '/' && buf[i] != '>' {
					continue // mergeCells, or the name inside a word
				}
				gt := bytes.IndexByte(buf[j:], '>')
				if gt < 0 {
					continue
				}
				if err := sc.tag(name, buf[lt+1:j+gt+1]); err != nil {
					return sc, err
				}
			}
		}
		if eof {
			break
		}
		if limit > 0 {
			buf = buf[:copy(buf, buf[limit:])]
		}
	}
	slices.SortStableFunc(sc.Merges, func(a, b MergeRange) int { return a.R1 - b.R1 })
	return sc, nil
}

// attr returns the value of a tag's attribute.
func attr(tag []byte, name string) ([]byte, bool) {
	for i := 0; i+len(name)+2 < len(tag); {
		j := bytes.Index(tag[i:], []byte(name))
		if j < 0 {
			return nil, false
		}
		j += i
		k := j + len(name)
		i = k
		if j == 0 || !isXMLSpace(tag[j-1]) {
			continue
		}
		for k < len(tag) && isXMLSpace(tag[k]) {
			k++
		}
		if k >= len(tag) || tag[k] != '=' {
			continue
		}
		k++
		for k < len(tag) && isXMLSpace(tag[k]) {
			k++
		}
		if k >= len(tag) || tag[k] != '"' && tag[k] != '\'' {
			continue
		}
		q := tag[k]
		e := bytes.IndexByte(tag[k+1:], q)
		if e < 0 {
			return nil, false
		}
		return tag[k+1 : k+1+e], true
	}
	return nil, false
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
