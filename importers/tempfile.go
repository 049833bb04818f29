package importers

import (
	"bufio"
	"encoding/binary"
	"errors"
	"io"
	"reflect"

	"github.com/cpmap/cpmap/dataset"
)

// The temporary files of a large import hold records in one format, written
// and read by a codec: the bulk records read, in buckets by key (parts.go),
// and the merged parts, sorted by key, until they are saved (merge.go). A
// record is its size, then its table (an index into the codec's tables),
// origin (an index into its origins) and row, source reference (0 for none),
// place in the order read, number of values and each value preceded by its
// length, then the number of fields cleared (Origin.Cleared) and each
// field's name preceded by its length, every number a uvarint. The tables and origins stay in memory:
// a file is read back by the codec that wrote it.

// The prefixes of the temporary files and folders an import makes, each
// named with dataset.TempPattern so that a later run can remove those whose
// owner has ended: the records kept on disk (parts.go), the merged parts
// (merge.go) and the shared strings of a large workbook.
const (
	importPrefix        = "cpmap-import"
	mergePrefix         = "cpmap-merge"
	sharedStringsPrefix = "cpmap-sst"
)

// TempPrefixes are the prefixes of TempPattern names of the temporary files
// and folders an import makes in Options.TempDir or MergeOptions.TempDir,
// for dataset.CleanTemp.
var TempPrefixes = []string{importPrefix, mergePrefix, sharedStringsPrefix}

var errCorrupt = errors.New("a temporary file of the import is damaged")

// codec writes records to temporary files and reads them back. One codec
// is used by one goroutine at a time.
type codec struct {
	tables  []*dataset.Table
	origins []dataset.Origin // without their rows
	known   map[originKey]int
	buf     []byte // a record as written
	body    []byte // a record without its size
}

type originKey struct {
	file, sheet string
	cols        uintptr
}

// write writes a record, citing source reference ref (0 for none).
func (c *codec) write(w io.Writer, r *record, ref int) error {
	c.buf = c.append(c.buf[:0], r, ref)
	_, err := w.Write(c.buf)
	return err
}

// append appends a record to dst.
func (c *codec) append(dst []byte, r *record, ref int) []byte {
	ti := -1
	for i, t := range c.tables {
		if t == r.table {
			ti = i
		}
	}
	if ti < 0 {
		c.tables = append(c.tables, r.table)
		ti = len(c.tables) - 1
	}
	key := originKey{r.origin.File, r.origin.Sheet, reflect.ValueOf(r.origin.Cols).Pointer()}
	if c.known == nil {
		c.known = map[originKey]int{}
	}
	oi, ok := c.known[key]
	if !ok {
		c.origins = append(c.origins, dataset.Origin{File: r.origin.File, Sheet: r.origin.Sheet, Cols: r.origin.Cols})
		oi = len(c.origins) - 1
		c.known[key] = oi
	}
	body := binary.AppendUvarint(c.body[:0], uint64(ti))
	body = binary.AppendUvarint(body, uint64(oi))
	body = binary.AppendUvarint(body, uint64(r.origin.Row))
	body = binary.AppendUvarint(body, uint64(ref))
	body = binary.AppendUvarint(body, uint64(r.seq))
	body = binary.AppendUvarint(body, uint64(len(r.values)))
	for _, v := range r.values {
		body = binary.AppendUvarint(body, uint64(len(v)))
		body = append(body, v...)
	}
	body = binary.AppendUvarint(body, uint64(len(r.origin.Cleared)))
	for _, f := range r.origin.Cleared {
		body = binary.AppendUvarint(body, uint64(len(f)))
		body = append(body, f...)
	}
	c.body = body
	dst = binary.AppendUvarint(dst, uint64(len(body)))
	return append(dst, body...)
}

// recordReader reads the records of one temporary file in order.
type recordReader struct {
	c    *codec
	r    *bufio.Reader
	body []byte
}

func (c *codec) newReader(r io.Reader, size int) *recordReader {
	return &recordReader{c: c, r: bufio.NewReaderSize(r, size)}
}

// next returns the next record and its source reference (0 for none), or
// io.EOF after the last one. The record's src is nil.
func (rr *recordReader) next() (*record, int, error) {
	rec := &record{}
	ref, err := rr.read(rec, false)
	if err != nil {
		return nil, 0, err
	}
	return rec, ref, nil
}

// read reads the next record into rec, reusing its values, and returns its
// source reference (0 for none), or io.EOF after the last one. With shared,
// the values are parts of one string, allocated once for the record,
// rather than strings of their own: for records read in turn and let go.
func (rr *recordReader) read(rec *record, shared bool) (int, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err == io.EOF {
		return 0, io.EOF
	}
	if err != nil {
		return 0, err
	}
	if uint64(cap(rr.body)) < n {
		rr.body = make([]byte, n)
	}
	body := rr.body[:n]
	if _, err := io.ReadFull(rr.r, body); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return 0, err
	}
	next := func() uint64 {
		v, k := binary.Uvarint(body)
		if k <= 0 {
			v, body = 0, nil
			return 0
		}
		body = body[k:]
		return v
	}
	c := rr.c
	ti, oi, row, ref, seq, nv := next(), next(), next(), next(), next(), next()
	if ti >= uint64(len(c.tables)) || oi >= uint64(len(c.origins)) || nv > uint64(len(body)) {
		return 0, errCorrupt
	}
	rec.table, rec.origin, rec.src, rec.seq = c.tables[ti], c.origins[oi], nil, int(seq)
	rec.origin.Row = int(row)
	if uint64(cap(rec.values)) < nv {
		rec.values = make([]string, nv)
	}
	rec.values = rec.values[:nv]
	var all string
	if shared {
		all = string(body)
	}
	for i := range rec.values {
		l := next()
		if l > uint64(len(body)) {
			return 0, errCorrupt
		}
		if shared {
			at := len(all) - len(body)
			rec.values[i] = all[at : at+int(l)]
		} else {
			rec.values[i] = string(body[:l])
		}
		body = body[l:]
	}
	if len(rec.values) != len(rec.table.Fields) {
		return 0, errCorrupt
	}
	if nc := next(); nc > 0 {
		if nc > uint64(len(rec.values)) {
			return 0, errCorrupt
		}
		rec.origin.Cleared = make([]string, nc)
		for i := range rec.origin.Cleared {
			l := next()
			if l > uint64(len(body)) {
				return 0, errCorrupt
			}
			rec.origin.Cleared[i] = string(body[:l])
			body = body[l:]
		}
	}
	return int(ref), nil
}
