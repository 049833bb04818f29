package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// DescriptorFile is the data package descriptor's file name.
const DescriptorFile = "datapackage.json"

// ErrNoPackage is returned (wrapped) by Load when a folder holds no
// datapackage.json. An import may then start a new dataset there.
var ErrNoPackage = errors.New("no data package")

// Sort orders every table by its primary key (the stored values, compared as
// strings, key column by key column), so that Save writes the same bytes for
// the same dataset.
func (ds *Dataset) Sort() {
	for _, t := range tables() {
		rows := t.rows(ds)
		n := rows.Len()
		keys := make([][]string, n)
		idx := make([]int, n)
		for i := range n {
			idx[i] = i
			rec := rows.Index(i)
			keys[i] = make([]string, len(t.Key))
			for j, k := range t.Key {
				keys[i][j] = encodeValue(rec.Field(t.Field(k).index))
			}
		}
		slices.SortStableFunc(idx, func(a, b int) int { return slices.Compare(keys[a], keys[b]) })
		sorted := reflect.MakeSlice(rows.Type(), n, n)
		for i, j := range idx {
			sorted.Index(i).Set(rows.Index(j))
		}
		rows.Set(sorted)
	}
}

// Load reads the data package in dir. The returned problems are those of the
// files themselves: a missing, unknown or duplicated column, a byte order
// mark, invalid UTF-8, a ragged row, and any cell that is not a valid value of
// its column (type, required, vocabulary, pattern, range). Rows with bad cells
// are kept, with those cells empty, so that further checks can run. The error
// is for what stops reading: no descriptor, an unreadable file.
//
// An interrupted save is finished first (Recover), and the files are read
// again when a save replaced one of them while they were read, so that
// Load returns wholly the old dataset or wholly the new one.
func Load(dir string) (*Dataset, Problems, error) {
	for try := 0; ; try++ {
		if _, err := Recover(dir); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", dir, err)
		}
		before := snapshot(dir)
		ds, ps, err := load(dir)
		if err != nil || snapshot(dir).same(before) {
			return ds, ps, err
		}
		if try == 10 {
			return nil, nil, fmt.Errorf("%s: the dataset kept changing while it was read (another cpmap is writing it); try again", dir)
		}
	}
}

// files is what a snapshot knows of one file: nil when it is missing.
type files []os.FileInfo

// snapshot returns the identity of the files of the data package in dir
// and of a journal, in a fixed order.
func snapshot(dir string) files {
	names := []string{DescriptorFile, JournalFile}
	for _, t := range tables() {
		names = append(names, t.Path)
	}
	s := make(files, len(names))
	for i, n := range names {
		s[i], _ = os.Stat(filepath.Join(dir, n))
	}
	return s
}

// same reports whether no file was replaced, changed or added between the
// snapshots s and old, and no journal is in either.
func (s files) same(old files) bool {
	if s[1] != nil || old[1] != nil {
		return false
	}
	for i := range s {
		a, b := s[i], old[i]
		if (a == nil) != (b == nil) {
			return false
		}
		if a != nil && (!os.SameFile(a, b) || a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime())) {
			return false
		}
	}
	return true
}

// load reads the data package in dir once.
func load(dir string) (*Dataset, Problems, error) {
	desc := filepath.Join(dir, DescriptorFile)
	b, err := os.ReadFile(desc)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil, fmt.Errorf("%s: %w here (%s is missing)", dir, ErrNoPackage, DescriptorFile)
		}
		return nil, nil, err
	}
	var pkg struct {
		Resources []struct {
			Name string `json:"name"`
			Path string `json:"path"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", desc, err)
	}
	listed := map[string]bool{}
	var ps Problems
	for _, r := range pkg.Resources {
		t := TableByName(r.Name)
		if t == nil {
			ps.Add(CodeFile, Error, Pos{File: desc}, "", "resource %q is not a table of the cpmap dataset", r.Name)
			continue
		}
		if r.Path != t.Path {
			ps.Add(CodeFile, Error, Pos{File: desc}, "", "resource %q must have path %q, not %q", r.Name, t.Path, r.Path)
		}
		listed[r.Name] = true
	}
	info, err := readPackageInfo(b)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", desc, err)
	}
	imports, err := ReadImports(dir)
	if err != nil {
		return nil, nil, err
	}
	ds := &Dataset{Package: info, Imports: imports}
	for _, t := range tables() {
		path := filepath.Join(dir, t.Path)
		f, err := os.Open(path)
		if errors.Is(err, fs.ErrNotExist) {
			if listed[t.Name] {
				ps.Add(CodeFile, Warning, Pos{File: path}, "", "table file is missing (it is listed in %s); read as an empty table", DescriptorFile)
			}
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		tps, err := t.read(ds, f, path)
		f.Close()
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		ps = append(ps, tps...)
	}
	ps.Sort()
	return ds, ps, nil
}

// ReadCSV reads one table's CSV in the stored format from r, appending its
// records to ds. name is the file name used in positions.
func (t *Table) ReadCSV(ds *Dataset, r io.Reader, name string) (Problems, error) {
	return t.read(ds, r, name)
}

// read is readRows with the table's name on every problem: those of the
// file and its header as well as those of the cells.
func (t *Table) read(ds *Dataset, r io.Reader, path string) (Problems, error) {
	ps, err := t.readRows(ds, r, path)
	for i := range ps {
		ps[i].Table = t.Name
	}
	return ps, err
}

func (t *Table) readRows(ds *Dataset, r io.Reader, path string) (Problems, error) {
	var ps Problems
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		ps.Add(CodeEncoding, Error, Pos{File: path, Row: 1, Col: 1}, "", "the file starts with a byte order mark; save it as UTF-8 without BOM")
		data = data[3:]
	}
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		ps.Add(CodeEncoding, Error, Pos{File: path, Row: line}, "", "the file is not valid UTF-8")
		return ps, nil
	}
	if len(bytes.TrimSpace(data)) == 0 {
		ps.Add(CodeHeader, Error, Pos{File: path, Row: 1}, "", "the file is empty; it needs at least the header row: %s", strings.Join(t.Header(), ","))
		return ps, nil
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		ps.Add(CodeHeader, Error, Pos{File: path, Row: 1}, "", "cannot read the header row: %v", csvMessage(err))
		return ps, nil
	}
	// A bad header is reported, and the rows are still read as far as the
	// header allows, so that one run shows every problem: an unknown column
	// is not read, a duplicated one is read from its first place, and a
	// missing one reads as empty without further problems of its own.
	cols := map[string]int{} // field → 1-based column
	for i, h := range header {
		pos := Pos{File: path, Row: 1, Col: i + 1}
		switch {
		case t.Field(h) == nil:
			ps.Add(CodeHeader, Error, pos, h, "unknown column %q is not read; %s has the columns %s", h, t.Path, strings.Join(t.Header(), ","))
		case cols[h] != 0:
			ps.Add(CodeHeader, Error, pos, h, "column %q appears twice (first in column %d); this one is not read", h, cols[h])
		default:
			cols[h] = i + 1
		}
	}
	missing := map[string]bool{}
	for _, f := range t.Fields {
		if cols[f.Name] == 0 {
			ps.Add(CodeHeader, Error, Pos{File: path, Row: 1}, f.Name, "missing column %q", f.Name)
			missing[f.Name] = true
		}
	}
	cr.FieldsPerRecord = len(header)
	values := make([]string, len(t.Fields))
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				code := CodeFormat
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					code = CodeRagged
				}
				ps.Add(code, Error, Pos{File: path, Row: pe.StartLine}, "", "%v", csvMessage(err))
				if errors.Is(pe.Err, csv.ErrFieldCount) {
					continue
				}
				return ps, nil
			}
			return nil, err
		}
		line, _ := cr.FieldPos(0)
		for j, f := range t.Fields {
			values[j] = ""
			if c := cols[f.Name]; c > 0 {
				values[j] = rec[c-1]
			}
		}
		rps := t.Append(ds, values, Origin{File: path, Row: line, Cols: cols})
		if len(missing) > 0 {
			rps = slices.DeleteFunc(rps, func(p Problem) bool { return missing[p.Field] })
		}
		ps = append(ps, rps...)
	}
	return ps, nil
}

func csvMessage(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		if errors.Is(pe.Err, csv.ErrFieldCount) {
			return "wrong number of fields (ragged row)"
		}
		return pe.Err.Error()
	}
	return err.Error()
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// WriteCSV writes the table of ds in the stored format (header, rows in their
// current order, '\n' line ends).
func (t *Table) WriteCSV(w io.Writer, ds *Dataset) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header()); err != nil {
		return err
	}
	for i := range t.Len(ds) {
		if err := cw.Write(t.Values(ds, i)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Encode returns every file of the data package, by name, with the tables
// sorted by primary key, the descriptor with ds.Package, and the import log
// (ImportsFile) when ds.Imports has entries. ds itself is sorted.
func Encode(ds *Dataset) (map[string][]byte, error) {
	ds.Sort()
	files := map[string][]byte{}
	for _, t := range tables() {
		var buf bytes.Buffer
		if err := t.WriteCSV(&buf, ds); err != nil {
			return nil, fmt.Errorf("%s: %w", t.Path, err)
		}
		files[t.Path] = buf.Bytes()
	}
	desc, err := Descriptor(ds.Package)
	if err != nil {
		return nil, err
	}
	files[DescriptorFile] = desc
	if len(ds.Imports) > 0 {
		if files[ImportsFile], err = encodeImports(ds.Imports); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// Save writes ds as a data package in dir, creating dir if needed: its
// tables, the descriptor (with ds.Package) and, when ds.Imports has
// entries, the import log (ImportsFile; an empty log leaves a log on disk
// as it is). It is all
// or nothing across files: every changed file is first written and synced
// to a temporary file beside its target (named with the writer's pid), then
// a journal listing the renames is written and synced (JournalFile), then
// the files are renamed into place (tables first, the descriptor last), the
// folder synced and the journal removed. An error before the journal is in
// place, or a first rename refused, leaves the previous dataset intact, its
// temporary files removed; a crash or an error after it leaves the journal, and the next Load or
// LockDir finishes the renames (Recover), so that the dataset read is always
// wholly the old one or wholly the new one. The caller should hold the
// dataset's lock (LockDir).
// Files whose bytes do not change are not rewritten. The files are the bytes
// Encode returns, but each is written as it is encoded, so that the data
// package is never held in memory whole.
func Save(dir string, ds *Dataset) error {
	return SaveWith(dir, ds, nil)
}

// SaveWith is Save, with the files of some tables written by the functions
// given, by table name, instead of from ds: for a table too large to hold in
// memory, whose rows are merged from files on disk. Each function writes the
// whole file (header and rows sorted by primary key, as Save writes them)
// and may be called twice: once to compare with the file on disk, once to
// write it.
func SaveWith(dir string, ds *Dataset, writers map[string]func(io.Writer) error) error {
	ds.Sort()
	desc, err := Descriptor(ds.Package)
	if err != nil {
		return err
	}
	var imports []byte
	if len(ds.Imports) > 0 {
		if imports, err = encodeImports(ds.Imports); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type file struct {
		name  string
		write func(io.Writer) error
	}
	var files []file
	for _, t := range tables() {
		write := func(w io.Writer) error { return t.WriteCSV(w, ds) }
		if f, ok := writers[t.Name]; ok {
			write = f
		}
		files = append(files, file{t.Path, write})
	}
	if imports != nil {
		files = append(files, file{ImportsFile, func(w io.Writer) error { _, err := w.Write(imports); return err }})
	}
	slices.SortFunc(files, func(a, b file) int { return strings.Compare(a.name, b.name) })
	// The descriptor goes last: a package is only complete with it.
	files = append(files, file{DescriptorFile, func(w io.Writer) error { _, err := w.Write(desc); return err }})

	var renames []rename
	cleanup := func() {
		for _, r := range renames {
			os.Remove(filepath.Join(dir, r.From))
		}
	}
	for _, f := range files {
		dst := filepath.Join(dir, f.name)
		same, err := sameBytes(dst, f.write)
		if err != nil {
			cleanup()
			return fmt.Errorf("save %s: %w", dst, err)
		}
		if same {
			continue
		}
		tmp, err := writeTempFunc(dir, f.name, f.write)
		if err != nil {
			cleanup()
			return fmt.Errorf("save %s: %w", dst, err)
		}
		renames = append(renames, rename{From: filepath.Base(tmp), To: f.name})
	}
	if err := commitSave(dir, renames); err != nil {
		if _, jerr := os.Stat(filepath.Join(dir, JournalFile)); jerr != nil {
			cleanup() // the journal is not in place: the save did not start
		}
		return err
	}
	return nil
}

// errDiffers stops the encoding of a file that differs from the one on disk.
var errDiffers = errors.New("the bytes differ")

// sameBytes reports whether the file at path holds exactly what write
// writes. It compares as write writes, and stops it at the first
// difference; a file that cannot be read is not the same.
func sameBytes(path string, write func(io.Writer) error) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	c := &comparer{r: bufio.NewReaderSize(f, 64<<10)}
	bw := bufio.NewWriterSize(c, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	switch {
	case errors.Is(err, errDiffers):
		return false, nil
	case err != nil:
		return false, err
	}
	_, err = c.r.ReadByte()
	return err == io.EOF, nil
}

// comparer is a writer that fails with errDiffers as soon as what is
// written is not what r reads.
type comparer struct {
	r   *bufio.Reader
	buf []byte
}

func (c *comparer) Write(p []byte) (int, error) {
	for n := 0; n < len(p); {
		chunk := p[n:min(len(p), n+32<<10)]
		if cap(c.buf) < len(chunk) {
			c.buf = make([]byte, 32<<10)
		}
		b := c.buf[:len(chunk)]
		if _, err := io.ReadFull(c.r, b); err != nil || !bytes.Equal(b, chunk) {
			return n, errDiffers
		}
		n += len(chunk)
	}
	return len(p), nil
}

// WriteFileAtomic writes data to path through a temporary file in the same
// folder and a rename, so that readers see the old or the new file, never a
// part. A file that already holds exactly data is left as it is.
func WriteFileAtomic(path string, data []byte) error {
	if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
		return nil
	}
	tmp, err := writeTemp(filepath.Dir(path), filepath.Base(path), data)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// WriteFileAtomicFunc is WriteFileAtomic for a file written by write, which
// is never held in memory whole. write may be called twice: to compare what
// it writes with the file already there, then to write it.
func WriteFileAtomicFunc(path string, write func(io.Writer) error) error {
	same, err := sameBytes(path, write)
	if err != nil || same {
		return err
	}
	tmp, err := writeTempFunc(filepath.Dir(path), filepath.Base(path), write)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

func writeTemp(dir, name string, data []byte) (string, error) {
	return writeTempFunc(dir, name, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeTempFunc writes what write writes to a new temporary file in dir,
// named after name and the pid of the process (".NAME.tmp-PID-RANDOM"), synced and readable by all, and returns its path.
func writeTempFunc(dir, name string, write func(io.Writer) error) (string, error) {
	f, err := os.CreateTemp(dir, TempPattern("."+name+".tmp"))
	if err != nil {
		return "", err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
