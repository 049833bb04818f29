package xlsx

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
)

// A workbook's shared strings are most of what an import of it would
// otherwise hold: a 1,000,000-row workbook has 2,000,550 of them, 42 MB of
// text. SharedStrings keeps a small table in memory, compactly, and moves a
// large one to temporary files, read back through a small cache of pages,
// so that the memory an import takes does not grow with the rows of its
// workbooks.

// Sizes of the shared strings kept in memory and of the cache of their
// files. They are variables so that tests can force the files on small
// tables, and make chunks and pages tiny.
var (
	// sstMemoryBytes is the most the strings take in memory, counting
	// their text and 8 bytes per string; a larger table goes to files.
	sstMemoryBytes = 8 << 20
	// sstChunkBytes is the size of the chunks the text is kept in, in
	// memory. A longer string is a chunk of its own.
	sstChunkBytes = 1 << 20
	// sstPageBytes is the size of the pages the files are read in: a
	// multiple of 8, the size of an offset.
	sstPageBytes = 64 << 10
	// sstTextPages and sstIndexPages are the number of pages of the text
	// and of the offsets kept in the cache.
	sstTextPages  = 64
	sstIndexPages = 4
)

// How a string kept in memory is packed into a uint64: its chunk, its
// offset in the chunk and its length.
const (
	sstLenBits   = 24
	sstOffBits   = 24
	sstChunkBits = 64 - sstLenBits - sstOffBits
	sstSpanBlock = 1 << 13 // spans allocated at a time, so that none are copied
)

// SharedStrings is a workbook's shared-strings table, read by
// ReadSharedStrings. It is kept in one of two ways:
//
//   - in memory, while the table is small (sstMemoryBytes): the text in
//     chunks, and for each string its span, one uint64, rather than a
//     16-byte string header; at returns a substring of a chunk;
//   - in two temporary files, beyond that: the text, and the offset at which
//     each string ends (8 bytes, little-endian), read back through a small
//     cache of pages with least-recently-used eviction; at returns a fresh
//     string.
//
// A SharedStrings is not safe for use by several goroutines at once, not
// even to read: the cache changes as strings are read.
type SharedStrings struct {
	n       int    // the number of strings
	used    int    // the memory the strings take in memory mode
	tempDir string // where the files go; "" for the system default
	pattern string // their names, for os.CreateTemp

	// In memory.
	chunks []string   // the text, full chunks
	cur    []byte     // the chunk being filled, while reading
	spans  [][]uint64 // per string: chunk<<48 | offset<<24 | length

	// In files.
	text, index *os.File
	tw, iw      *bufio.Writer // while reading
	textLen     int64         // the bytes of text written
	textCache   *pageCache
	indexCache  *pageCache
	err         error // the first error reading the files back
}

// SharedStringsPattern names the temporary files of a large shared-strings
// table (os.CreateTemp's pattern) unless ReadSharedStringsIn is given
// another.
const SharedStringsPattern = "cpmap-sst-*"

// ReadSharedStrings reads a workbook's shared-strings part: the text of each
// string item, in order. A table larger than sstMemoryBytes is kept in
// temporary files in tempDir ("" for the system's default), named by
// SharedStringsPattern; close removes them. On an error, nothing is left
// behind.
func ReadSharedStrings(r io.Reader, tempDir string) (*SharedStrings, error) {
	return ReadSharedStringsIn(r, tempDir, SharedStringsPattern)
}

// ReadSharedStringsIn is ReadSharedStrings with the temporary files named
// by pattern (as os.CreateTemp takes it): a caller that cleans up after
// runs that were killed names them so that it can tell whose they are.
func ReadSharedStringsIn(r io.Reader, tempDir, pattern string) (_ *SharedStrings, err error) {
	if pattern == "" {
		pattern = SharedStringsPattern
	}
	sst := &SharedStrings{tempDir: tempDir, pattern: pattern}
	defer func() {
		if err != nil {
			sst.Close()
		}
	}()
	s := newXMLScanner(r)
	var plain, runs []byte
	for {
		t, err := s.next()
		if err != nil {
			return nil, fmt.Errorf("shared strings: %w", err)
		}
		if t.kind == tokEOF {
			break
		}
		if t.kind != tokStart || string(t.name) != "si" {
			continue
		}
		if sst.n >= maxSharedStrings {
			return nil, fmt.Errorf("shared strings: more than %d", maxSharedStrings)
		}
		var v string
		if v, plain, runs, err = s.richText(t, plain, runs); err != nil {
			return nil, fmt.Errorf("shared strings: item %d: %w", sst.n, err)
		}
		if err := sst.add(v); err != nil {
			return nil, fmt.Errorf("shared strings: %w", err)
		}
	}
	if err := sst.finish(); err != nil {
		return nil, fmt.Errorf("shared strings: %w", err)
	}
	return sst, nil
}

// add appends a string to the table, moving the table to files when it
// grows too big for memory.
func (s *SharedStrings) add(v string) error {
	if s.text == nil {
		if s.used+8+len(v) <= sstMemoryBytes && len(v) < 1<<sstLenBits && len(s.chunks) < 1<<sstChunkBits-1 {
			s.addMemory(v)
			return nil
		}
		if err := s.spill(); err != nil {
			return fmt.Errorf("keeping them in a temporary file: %w", err)
		}
	}
	return s.addFile(v)
}

// addMemory appends a string to the table in memory.
func (s *SharedStrings) addMemory(v string) {
	chunk := min(sstChunkBytes, 1<<sstOffBits)
	var span uint64
	switch {
	case len(v) == 0:
	case len(v) > chunk:
		s.endChunk()
		span = uint64(len(s.chunks))<<(sstOffBits+sstLenBits) | uint64(len(v))
		s.chunks = append(s.chunks, v)
	default:
		if len(v) > cap(s.cur)-len(s.cur) {
			s.endChunk()
		}
		if s.cur == nil {
			s.cur = make([]byte, 0, chunk)
		}
		span = uint64(len(s.chunks))<<(sstOffBits+sstLenBits) | uint64(len(s.cur))<<sstLenBits | uint64(len(v))
		s.cur = append(s.cur, v...)
	}
	if s.n%sstSpanBlock == 0 {
		s.spans = append(s.spans, make([]uint64, 0, sstSpanBlock))
	}
	b := &s.spans[len(s.spans)-1]
	*b = append(*b, span)
	s.n++
	s.used += 8 + len(v)
}

// endChunk adds the chunk being filled, if any, to the chunks; its buffer
// is reused for the next.
func (s *SharedStrings) endChunk() {
	if len(s.cur) > 0 {
		s.chunks = append(s.chunks, string(s.cur))
		s.cur = s.cur[:0]
	}
}

// spill moves the table from memory to files.
func (s *SharedStrings) spill() error {
	var err error
	if s.text, err = os.CreateTemp(s.tempDir, s.pattern); err != nil {
		return err
	}
	if s.index, err = os.CreateTemp(s.tempDir, s.pattern); err != nil {
		return err
	}
	s.tw = bufio.NewWriterSize(s.text, 64<<10)
	s.iw = bufio.NewWriterSize(s.index, 64<<10)
	s.endChunk()
	n := s.n
	s.n = 0
	for i := range n {
		v, _ := s.atMemory(i)
		if err := s.addFile(v); err != nil {
			return err
		}
	}
	s.chunks, s.cur, s.spans, s.used = nil, nil, nil, 0
	return nil
}

// addFile appends a string to the table in files.
func (s *SharedStrings) addFile(v string) error {
	if _, err := s.tw.WriteString(v); err != nil {
		return err
	}
	s.textLen += int64(len(v))
	if _, err := s.iw.Write(binary.LittleEndian.AppendUint64(s.iw.AvailableBuffer(), uint64(s.textLen))); err != nil {
		return err
	}
	s.n++
	return nil
}

// finish ends the reading: the last chunk is kept, or the files are
// written out and their caches made.
func (s *SharedStrings) finish() error {
	if s.text == nil {
		s.endChunk()
		s.cur = nil
		return nil
	}
	if err := s.tw.Flush(); err != nil {
		return err
	}
	if err := s.iw.Flush(); err != nil {
		return err
	}
	s.tw, s.iw = nil, nil
	pb := max(8, sstPageBytes&^7) // a whole number of offsets
	s.textCache = newPageCache(s.text, s.textLen, pb, sstTextPages)
	s.indexCache = newPageCache(s.index, int64(s.n)*8, pb, sstIndexPages)
	return nil
}

// len returns the number of strings.
func (s *SharedStrings) Len() int {
	if s == nil {
		return 0
	}
	return s.n
}

// at returns string i. It reports false when there is no string i, or
// when it could not be read back from its file (failed tells why).
func (s *SharedStrings) At(i int) (string, bool) {
	switch {
	case s == nil || i < 0 || i >= s.n:
		return "", false
	case s.text == nil:
		return s.atMemory(i)
	}
	return s.atFile(i)
}

// failed returns the first error reading the strings back from their
// files, if any.
func (s *SharedStrings) Failed() error {
	if s == nil {
		return nil
	}
	return s.err
}

func (s *SharedStrings) atMemory(i int) (string, bool) {
	span := s.spans[i/sstSpanBlock][i%sstSpanBlock]
	n := int(span & (1<<sstLenBits - 1))
	if n == 0 {
		return "", true
	}
	off := int(span >> sstLenBits & (1<<sstOffBits - 1))
	return s.chunks[span>>(sstOffBits+sstLenBits)][off : off+n], true
}

func (s *SharedStrings) atFile(i int) (string, bool) {
	start := int64(0)
	if i > 0 {
		var err error
		if start, err = s.offset(i - 1); err != nil {
			return s.fail(err)
		}
	}
	end, err := s.offset(i)
	if err != nil {
		return s.fail(err)
	}
	if end < start || end > s.textLen {
		return s.fail(fmt.Errorf("shared string %d: bad offsets %d to %d in the temporary file", i, start, end))
	}
	n := end - start
	if n == 0 {
		return "", true
	}
	pb := s.textCache.pageBytes
	if off := start % pb; off+n <= pb {
		page, err := s.textCache.page(start / pb)
		if err != nil {
			return s.fail(err)
		}
		return string(page[off : off+n]), true
	}
	// Across pages, or longer than one.
	buf := make([]byte, n)
	if err := readFullAt(s.text, buf, start); err != nil {
		return s.fail(err)
	}
	return string(buf), true
}

// offset returns the offset in the text file at which string i ends.
func (s *SharedStrings) offset(i int) (int64, error) {
	pos, pb := int64(i)*8, s.indexCache.pageBytes
	page, err := s.indexCache.page(pos / pb)
	if err != nil {
		return 0, err
	}
	return int64(binary.LittleEndian.Uint64(page[pos%pb:])), nil
}

func (s *SharedStrings) fail(err error) (string, bool) {
	if s.err == nil {
		s.err = err
	}
	return "", false
}

// close removes the temporary files, if any. It may be called on nil, and
// more than once.
func (s *SharedStrings) Close() error {
	if s == nil {
		return nil
	}
	var errs []error
	for _, f := range []*os.File{s.text, s.index} {
		if f != nil {
			errs = append(errs, f.Close(), os.Remove(f.Name()))
		}
	}
	*s = SharedStrings{}
	return errors.Join(errs...)
}

// pageCache reads a file in pages of a fixed size, keeping the most
// recently used.
type pageCache struct {
	r         io.ReaderAt
	size      int64 // the bytes that can be read
	pageBytes int64
	max       int // the most pages kept
	pages     []cachedPage
	clock     uint64
}

type cachedPage struct {
	n    int64  // the page's number (its offset / pageBytes); -1 for none
	used uint64 // the clock when it was last used
	buf  []byte
}

func newPageCache(r io.ReaderAt, size int64, pageBytes, pages int) *pageCache {
	return &pageCache{r: r, size: size, pageBytes: int64(pageBytes), max: max(1, pages)}
}

// page returns page n's bytes, valid until the next call; the last page
// of the file may be short.
func (c *pageCache) page(n int64) ([]byte, error) {
	c.clock++
	for i := range c.pages {
		if p := &c.pages[i]; p.n == n {
			p.used = c.clock
			return p.buf, nil
		}
	}
	off := n * c.pageBytes
	size := min(c.pageBytes, c.size-off)
	if n < 0 || size <= 0 {
		return nil, fmt.Errorf("page %d is past the end of the temporary file", n)
	}
	var p *cachedPage
	if len(c.pages) < c.max {
		c.pages = append(c.pages, cachedPage{buf: make([]byte, c.pageBytes)})
		p = &c.pages[len(c.pages)-1]
	} else {
		p = &c.pages[0]
		for i := range c.pages {
			if c.pages[i].used < p.used {
				p = &c.pages[i]
			}
		}
	}
	p.n, p.used, p.buf = -1, c.clock, p.buf[:size]
	if err := readFullAt(c.r, p.buf, off); err != nil {
		return nil, err
	}
	p.n = n
	return p.buf, nil
}

// readFullAt reads len(buf) bytes at off.
func readFullAt(r io.ReaderAt, buf []byte, off int64) error {
	n, err := r.ReadAt(buf, off)
	if n == len(buf) {
		return nil
	}
	if err == nil || err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return err
}

// KeepSharedStringsInFiles makes every shared-strings table read from now
// on go to temporary files, read back in pages of pageBytes through a cache
// of two pages, so that tests of the packages that read workbooks can take
// that path on small ones. It returns a function that restores the sizes.
// It is for tests, and must not be called while workbooks are being read.
func KeepSharedStringsInFiles(pageBytes int) (restore func()) {
	memory, page, text, index := sstMemoryBytes, sstPageBytes, sstTextPages, sstIndexPages
	sstMemoryBytes, sstPageBytes, sstTextPages, sstIndexPages = -1, pageBytes, 2, 1
	return func() {
		sstMemoryBytes, sstPageBytes, sstTextPages, sstIndexPages = memory, page, text, index
	}
}
