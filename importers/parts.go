package importers

import (
	"bufio"
	"cmp"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// A large import keeps the records of its bulk tables (campaigns,
// programmes, surveys: tables whose rows grow with the years and the
// countries mapped) on disk rather than in memory, so that the memory it
// takes does not grow with the rows read. Once more than
// Options.PartRecords of them are read, they are written to bucket files,
// each record to the bucket of its primary key (of its series, for a survey
// in one, so that a series is checked whole). At the end the buckets are
// grouped into parts of about PartRecords records, and each part is
// assembled (records of one key merged, fields kept from the existing
// dataset) when it is asked for: Result.Parts.
//
// A record with no id is first written to a bucket of the id it will get
// before any -2 (idBase), without the numbers that end it, so that the
// records whose ids may meet are together; once each such bucket has its
// ids, its records go to the buckets of their ids.

// bulkTables are the tables whose records an import may keep on disk, by
// name, each with what makes table t of dst hold the records of src's.
var bulkTables = map[string]func(dst, src *dataset.Dataset){
	"campaigns":  func(dst, src *dataset.Dataset) { dst.Campaigns = src.Campaigns },
	"programmes": func(dst, src *dataset.Dataset) { dst.Programmes = src.Programmes },
	"surveys":    func(dst, src *dataset.Dataset) { dst.Surveys = src.Surveys },
}

// isBulk reports whether an import may keep a table's records on disk.
func isBulk(t *dataset.Table) bool {
	_, ok := bulkTables[t.Name]
	return ok
}

// setRows makes bulk table t of dst hold the records of src's table t.
func setRows(t *dataset.Table, dst, src *dataset.Dataset) {
	bulkTables[t.Name](dst, src)
}

// spillBuckets is how many bucket files the records are spread over.
const spillBuckets = 128

// spill holds the bulk records of an import once they no longer fit.
type spill struct {
	dir     string
	limit   int
	codec   codec        // of the bucket files
	ids     *buckets     // by final key
	noIDs   *buckets     // records without an id, by idBase; nil until one comes
	refs    []*sourceRef // references to resolve, in order of first use
	refIdx  map[*sourceRef]int
	cites   []citation // the first record citing each country, in order
	cited   map[string]bool
	records int
	seq     int // records written so far: each record's place in the order read
	// The series of the existing surveys, by id, and the bucket of each
	// survey imported into another series than it has there.
	existingSeries map[string]string
	moved          map[string]int
}

type citation struct {
	code   string
	origin dataset.Origin
	field  string
}

// buckets is a set of bucket files.
type buckets struct {
	files  []*os.File
	ws     []*bufio.Writer
	counts []int
}

func newBuckets(dir, name string) (*buckets, error) {
	b := &buckets{}
	for i := range spillBuckets {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("%s-%03d", name, i)))
		if err != nil {
			b.close()
			return nil, err
		}
		b.files = append(b.files, f)
		b.ws = append(b.ws, bufio.NewWriterSize(f, 16<<10))
		b.counts = append(b.counts, 0)
	}
	return b, nil
}

func (b *buckets) close() {
	for _, f := range b.files {
		f.Close()
	}
}

// flush writes what is buffered.
func (b *buckets) flush() error {
	for _, w := range b.ws {
		if err := w.Flush(); err != nil {
			return err
		}
	}
	return nil
}

func bucketOf(key string) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % spillBuckets)
}

// bulkKey is what decides a bulk record's bucket: its series for a survey
// in one, else its id.
func bulkKey(t *dataset.Table, id, series string) string {
	if t.Name == "surveys" && series != "" {
		return "series\x00" + series
	}
	return id
}

// recordBucket returns the bucket of a record with an id. A survey that the
// existing dataset has in another series goes to the bucket of its new
// series, and the existing record is noted to follow it (Parts.Owner), so
// that the two are compared, and each series checked as it would be.
func (sp *spill) recordBucket(im *importer, r *record) int {
	id := r.values[fieldIndex(r.table, "id")]
	series := ""
	if i := fieldIndex(r.table, "series"); i >= 0 {
		series = r.values[i]
	}
	b := bucketOf(bulkKey(r.table, id, series))
	if r.table.Name == "surveys" && im.opts.Existing != nil {
		if sp.existingSeries == nil {
			sp.existingSeries = map[string]string{}
			for _, s := range im.opts.Existing.Surveys {
				sp.existingSeries[s.ID] = s.Series
			}
		}
		if old, ok := sp.existingSeries[id]; ok && old != series {
			sp.moved[id] = b
		}
	}
	return b
}

// stageBulk keeps a bulk record: in memory while the import holds no more
// than the limit, on disk after that.
func (im *importer) stageBulk(r *record) error {
	sp := im.spill
	if sp.ids == nil {
		im.recs = append(im.recs, r)
		sp.records++
		if sp.records <= sp.limit {
			return nil
		}
		// Over the limit: from now on every bulk record goes to disk,
		// those held so far first, in the order they were read.
		dir, err := os.MkdirTemp(im.opts.TempDir, dataset.TempPattern(importPrefix))
		if err != nil {
			return err
		}
		sp.dir = dir
		if sp.ids, err = newBuckets(dir, "id"); err != nil {
			return err
		}
		keep := im.recs[:0]
		for _, q := range im.recs {
			if !isBulk(q.table) {
				keep = append(keep, q)
				continue
			}
			if err := im.spillRecord(q); err != nil {
				return err
			}
		}
		clear(im.recs[len(keep):])
		im.recs = keep
		return nil
	}
	sp.records++
	return im.spillRecord(r)
}

// spillRecord writes a record to its bucket, noting the country it cites
// and the source reference it needs resolved.
func (im *importer) spillRecord(r *record) error {
	sp := im.spill
	for j, f := range r.table.Fields {
		if f.Ref != "jurisdictions" || r.values[j] == "" {
			continue
		}
		for _, code := range splitList(r.values[j]) {
			if !sp.cited[code] {
				sp.cited[code] = true
				sp.cites = append(sp.cites, citation{code, r.origin, f.Name})
			}
		}
	}
	ref := 0
	if r.src != nil {
		if r.src.id != "" && r.src.url == "" && r.src.title == "" {
			// An id needs no resolving (resolveSource).
			r.values[fieldIndex(r.table, "source")] = r.src.id
		} else {
			k, ok := sp.refIdx[r.src]
			if !ok {
				sp.refs = append(sp.refs, r.src)
				k = len(sp.refs)
				sp.refIdx[r.src] = k
			}
			ref = k
		}
	}
	b := sp.ids
	idIdx := fieldIndex(r.table, "id")
	var bucket int
	if r.values[idIdx] == "" {
		if sp.noIDs == nil {
			var err error
			if sp.noIDs, err = newBuckets(sp.dir, "noid"); err != nil {
				return err
			}
		}
		b = sp.noIDs
		base, _ := idBase(r.table, r.values)
		bucket = bucketOf(numberless(base))
	} else {
		bucket = sp.recordBucket(im, r)
	}
	sp.seq++
	r.seq = sp.seq
	b.counts[bucket]++
	return sp.codec.write(b.ws[bucket], r, ref)
}

// numberless returns an id base without the numbers that end it
// ("se-kurs-2020-2" → "se-kurs"): records whose made ids might meet (X-2
// made from base X, and base X-2 itself) then share a bucket, and get their
// ids together, as assignIDs gives them to all records at once.
func numberless(base string) string {
	for {
		i := strings.LastIndexByte(base, '-')
		if i < 0 || i == len(base)-1 || strings.Trim(base[i+1:], "0123456789") != "" {
			return base
		}
		base = base[:i]
	}
}

func splitList(v string) []string {
	var out []string
	for len(v) > 0 {
		i := 0
		for i < len(v) && v[i] != ';' {
			i++
		}
		out = append(out, v[:i])
		if i == len(v) {
			break
		}
		v = v[i+1:]
	}
	return out
}

// decode reads the records of one bucket file.
func (sp *spill) decode(f io.Reader, each func(*record) error) error {
	rr := sp.codec.newReader(f, 64<<10)
	for {
		rec, ref, err := rr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if ref > len(sp.refs) {
			return errCorrupt
		}
		if ref > 0 {
			rec.src = sp.refs[ref-1]
		}
		if err := each(rec); err != nil {
			return err
		}
	}
}

// finish flushes the buckets, gives the records without an id their ids
// (bucket by bucket: the records that may share an id are in one) and moves
// them to the buckets of their ids, then groups the buckets into parts.
func (sp *spill) finish(im *importer) ([][]int, error) {
	if err := sp.ids.flush(); err != nil {
		return nil, err
	}
	if sp.noIDs != nil {
		if err := sp.noIDs.flush(); err != nil {
			return nil, err
		}
		for i, f := range sp.noIDs.files {
			if sp.noIDs.counts[i] == 0 {
				continue
			}
			if _, err := f.Seek(0, io.SeekStart); err != nil {
				return nil, err
			}
			var recs []*record
			err := sp.decode(f, func(r *record) error {
				recs = append(recs, r)
				return nil
			})
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errCorrupt, err)
			}
			assignIDs(recs, nil)
			for _, r := range recs {
				b := sp.recordBucket(im, r)
				ref := 0
				if r.src != nil {
					ref = sp.refIdx[r.src]
				}
				sp.ids.counts[b]++
				if err := sp.codec.write(sp.ids.ws[b], r, ref); err != nil {
					return nil, err
				}
			}
			sp.noIDs.counts[i] = 0
		}
		if err := sp.ids.flush(); err != nil {
			return nil, err
		}
	}
	var parts [][]int
	var cur []int
	n := 0
	for i, c := range sp.ids.counts {
		if c == 0 {
			continue
		}
		if n > 0 && n+c > sp.limit {
			parts = append(parts, cur)
			cur, n = nil, 0
		}
		cur = append(cur, i)
		n += c
	}
	if len(cur) > 0 {
		parts = append(parts, cur)
	}
	return parts, nil
}

// Parts are the records of the bulk tables of a large import, kept on disk
// and assembled part by part: every record of one key (and every survey of
// one series) is in one part. Close removes the files.
type Parts struct {
	im     *importer
	sp     *spill
	groups [][]int
	owner  [spillBuckets]int
}

// Len returns the number of parts.
func (p *Parts) Len() int { return len(p.groups) }

// Records returns the number of records read into the parts (before those
// of one key are merged).
func (p *Parts) Records() int { return p.sp.records }

// Tables returns the tables whose records are in the parts, and only
// there: Result.Dataset has none of them.
func (p *Parts) Tables() []*dataset.Table {
	var out []*dataset.Table
	for _, t := range dataset.Tables() {
		if isBulk(t) {
			out = append(out, t)
		}
	}
	return out
}

// Part returns the records of part i, assembled as Import assembles every
// record of a small import: sources resolved, ids given, the records of one
// key merged (a conflict is a problem), and the fields a sheet has no
// column for kept from the existing records. existing holds those of the
// part's keys (Owner says which), or all of Options.Existing when nil. It
// returns the problems found doing so. Part may be called from another
// goroutine than Import's, one call at a time.
func (p *Parts) Part(i int, existing *dataset.Dataset) (*dataset.Dataset, dataset.Problems, error) {
	var recs []*record
	for _, b := range p.groups[i] {
		f := p.sp.ids.files[b]
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return nil, nil, err
		}
		err := p.sp.decode(f, func(r *record) error {
			if r.src != nil {
				r.values[fieldIndex(r.table, "source")] = r.src.resolved
			}
			recs = append(recs, r)
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("%w: %v", errCorrupt, err)
		}
	}
	// The records of a part in the order they were read, as Import holds
	// them: the first of a key is the one others are compared with.
	slices.SortFunc(recs, func(a, b *record) int { return cmp.Compare(a.seq, b.seq) })
	im := p.im
	saved := im.ps
	im.ps = nil
	im.recs = recs
	if existing == nil {
		existing = im.opts.Existing
	}
	ds := im.build(existing)
	ps := im.ps
	im.ps = saved
	ps.Sort()
	return ds, ps, nil
}

// Owner returns the part that holds (or would hold) record i of table t of
// ds: a record of the existing dataset with the same key as an imported
// one is in the same part.
func (p *Parts) Owner(t *dataset.Table, ds *dataset.Dataset, i int) int {
	id, series := t.Value(ds, i, "id"), ""
	if t.Field("series") != nil {
		series = t.Value(ds, i, "series")
		if b, ok := p.sp.moved[id]; ok {
			return p.owner[b]
		}
	}
	return p.owner[bucketOf(bulkKey(t, id, series))]
}

// Close removes the files of the parts.
func (p *Parts) Close() error {
	if p == nil || p.sp == nil {
		return nil
	}
	p.sp.ids.close()
	if p.sp.noIDs != nil {
		p.sp.noIDs.close()
	}
	return os.RemoveAll(p.sp.dir)
}

func newParts(im *importer, sp *spill, groups [][]int) *Parts {
	p := &Parts{im: im, sp: sp, groups: groups}
	for i := range p.owner {
		p.owner[i] = -1
	}
	for k, g := range groups {
		for _, b := range g {
			p.owner[b] = k
		}
	}
	// A bucket no imported record went to still has an owner, for the
	// existing records that would go there: the last part.
	for i := range p.owner {
		if p.owner[i] < 0 {
			p.owner[i] = len(groups) - 1
		}
	}
	return p
}
