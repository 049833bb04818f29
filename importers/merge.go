package importers

import (
	"bufio"
	"container/heap"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// MergeOptions controls Merge.
type MergeOptions struct {
	// Validate is how the dataset as it would be is checked.
	Validate dataset.ValidateOptions
	// TempDir is where the merged parts of a large import are kept until
	// they are saved; empty for the system's temporary folder.
	TempDir string
}

// Plan is what an import would do to a dataset: the records it adds,
// leaves unchanged and changes, and the problems of the dataset as it
// would be. A plan applies every change; whether to save it when Changed
// is not empty is the caller's to decide. Close it when done.
type Plan struct {
	Added     int              // imported records whose key is new
	Unchanged int              // imported records equal to the record they match
	Changed   []dataset.Change // records whose facts would change, in dataset.Diff's order
	Problems  dataset.Problems // of the dataset as it would be, sorted

	merged  *dataset.Dataset                 // the dataset as it would be, less the tables in writers
	writers map[string]func(io.Writer) error // the tables merged on disk
	dir     string                           // their files; empty for none
}

// Merge merges the records an import read into the existing dataset, with
// every change applied, and checks the result. It takes the records out of
// res, whose Dataset is nil after (Result.Records counts them before).
//
// A large import's bulk records (res.Parts) are merged part by part: each
// part, with the existing records of its keys and every record of the
// other tables, is merged and checked on its own, and its bulk tables
// written to a temporary file, sorted; Plan.Save merges those files.
// Every record of one key, and every survey of one series, is in one part,
// so the checks of keys and series see all they need. The problems of the
// other tables, which every part repeats, are kept when all parts report
// them (a source is unused only if no part cites it). The problems of
// assembling the parts (rows that disagree, bad values) are added to
// res.Problems, and counted in res.Files. The records of the bulk tables
// are taken out of existing.
func Merge(existing *dataset.Dataset, res *Result, opts MergeOptions) (*Plan, error) {
	if res.Parts != nil {
		return mergeParts(existing, res, opts)
	}
	stored := storedProvisions(existing)
	mr := dataset.MergeInto(existing, res.Dataset, true)
	res.Dataset = nil
	return &Plan{
		Added: mr.Added, Unchanged: mr.Unchanged, Changed: mr.Changed,
		Problems: newOverStored(stored, mr.Dataset, mr.Dataset.Validate(opts.Validate)),
		merged:   mr.Dataset,
	}, nil
}

// storedProvisions returns the ids of the existing dataset's provisions.
func storedProvisions(existing *dataset.Dataset) map[string]bool {
	ids := map[string]bool{}
	if existing != nil {
		for _, p := range existing.Provisions {
			ids[p.ID] = true
		}
	}
	return ids
}

// newOverStored rewrites the overlap-errors between a provision an import
// adds and a stored one of the same jurisdiction and setting: most often
// the researcher meant to update the stored row and left the id empty. The
// error is put at the researcher's row (its id cell) and says the next
// step, instead of at the stored row.
func newOverStored(stored map[string]bool, merged *dataset.Dataset, ps dataset.Problems) dataset.Problems {
	t := dataset.TableByName("provisions")
	type row struct {
		file, sheet string
		n           int
	}
	rowOf := func(pos dataset.Pos) row { return row{pos.File, pos.Sheet, pos.Row} }
	drop := map[row][]string{} // a row → what the overlap-errors replaced there say (an id)
	var hints dataset.Problems
	for i := range merged.Provisions {
		p := &merged.Provisions[i]
		if stored[p.ID] || p.Origin.File == "" {
			continue
		}
		for j := range merged.Provisions {
			q := &merged.Provisions[j]
			if !stored[q.ID] || q.Jurisdiction != p.Jurisdiction || q.Setting != p.Setting || !p.Overlaps(q) {
				continue
			}
			pPos, qPos := t.FieldPos(merged, i, "id"), t.FieldPos(merged, j, "id")
			hints.AddIn(t.Name, dataset.CodeOverlap, dataset.Error, pPos, "id",
				"%s %s: this row adds a provision (%s, %s) that overlaps the stored %s (%s) at %s: put the id of the stored row (%s) in the id column to update it; or, if this is a new provision, give its dates and the stored one's until so that they do not overlap",
				p.Jurisdiction, p.Setting, p.ID, p.Period(), q.ID, q.Period(), qPos, q.ID)
			drop[rowOf(pPos)] = append(drop[rowOf(pPos)], q.ID, "cannot be placed")
			drop[rowOf(qPos)] = append(drop[rowOf(qPos)], p.ID)
		}
	}
	if len(hints) == 0 {
		return ps
	}
	out := slices.DeleteFunc(ps, func(pr dataset.Problem) bool {
		if pr.Code != dataset.CodeOverlap || pr.Table != t.Name {
			return false
		}
		for _, id := range drop[rowOf(pr.Pos)] {
			if strings.Contains(pr.Message, id) {
				return true
			}
		}
		return false
	})
	out = append(out, hints...)
	out.Sort()
	return out
}

// Save writes the dataset as it would be to dir, atomically (dataset.SaveWith).
func (p *Plan) Save(dir string) error {
	return dataset.SaveWith(dir, p.merged, p.writers)
}

// Close removes the plan's temporary files.
func (p *Plan) Close() error {
	if p == nil || p.dir == "" {
		return nil
	}
	return os.RemoveAll(p.dir)
}

// mergeParts is Merge for an import whose bulk records are in parts.
func mergeParts(existing *dataset.Dataset, res *Result, opts MergeOptions) (pl *Plan, err error) {
	parts := res.Parts
	bulk := parts.Tables()
	stored := storedProvisions(existing)
	dir, err := os.MkdirTemp(opts.TempDir, dataset.TempPattern(mergePrefix))
	if err != nil {
		return nil, err
	}
	pl = &Plan{dir: dir}
	defer func() {
		if err != nil {
			pl.Close()
		}
	}()

	// The existing dataset without its bulk tables, and its bulk records
	// by the part that holds their keys.
	exSmall := *existing
	exParts := make([]*dataset.Dataset, parts.Len())
	for k := range exParts {
		exParts[k] = &dataset.Dataset{}
	}
	for _, t := range bulk {
		setRows(t, &exSmall, &dataset.Dataset{})
		for i := range t.Len(existing) {
			k := parts.Owner(t, existing, i)
			t.Append(exParts[k], t.Values(existing, i), t.Origin(existing, i))
		}
	}
	// The records copied into the parts are not needed in existing any
	// more (nor by the importer, which is given each part's): let them go.
	for _, t := range bulk {
		setRows(t, existing, &dataset.Dataset{})
	}
	small := dataset.MergeInto(&exSmall, res.Dataset, true)
	pl.Added, pl.Unchanged = small.Added, small.Unchanged
	pl.Changed = append(pl.Changed, small.Changed...)

	var bulkChanges []dataset.Change
	shared := map[dataset.Problem]int{} // problems of the other tables, by the parts reporting them
	var sharedOrder []dataset.Problem
	files := map[string][]string{} // table → its part files
	c := &codec{}                  // of the part files
	// The next part is assembled (read back, merged within itself) while
	// this one is merged, checked and written: a large import is worth two
	// cores.
	type assembled struct {
		ds  *dataset.Dataset
		ps  dataset.Problems
		err error
	}
	ready := make(chan assembled, 1)
	stop := make(chan struct{})
	defer func() {
		close(stop)
		for range ready {
		}
	}()
	go func() {
		defer close(ready)
		for k := range parts.Len() {
			ds, ps, err := parts.Part(k, exParts[k])
			select {
			case ready <- assembled{ds, ps, err}:
			case <-stop:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for k := range parts.Len() {
		a := <-ready
		if a.err != nil {
			return nil, a.err
		}
		res.Problems = append(res.Problems, a.ps...)
		inK := *res.Dataset
		exK := exSmall
		for _, t := range bulk {
			setRows(t, &inK, a.ds)
			setRows(t, &exK, exParts[k])
		}
		exParts[k] = nil
		mr := dataset.MergeInto(&exK, &inK, true)
		pl.Added += mr.Added - small.Added
		pl.Unchanged += mr.Unchanged - small.Unchanged
		for _, c := range mr.Changed {
			if bulkTables[c.Table] != nil {
				bulkChanges = append(bulkChanges, c)
			}
		}
		for _, p := range mr.Dataset.Validate(opts.Validate) {
			if bulkTables[p.Table] != nil {
				pl.Problems = append(pl.Problems, p)
				continue
			}
			if shared[p] == 0 {
				sharedOrder = append(sharedOrder, p)
			}
			shared[p]++
		}
		mr.Dataset.Sort()
		for _, t := range bulk {
			name := filepath.Join(dir, fmt.Sprintf("%s-%04d", t.Name, k))
			if err := c.writeTable(name, t, mr.Dataset); err != nil {
				return nil, err
			}
			files[t.Name] = append(files[t.Name], name)
		}
	}
	for _, p := range sharedOrder {
		if shared[p] == parts.Len() {
			pl.Problems = append(pl.Problems, p)
		}
	}
	// Every record of a key is in one part (Parts.Owner), but should two
	// parts still hold a key, it is an error, not a file with the key twice.
	for _, t := range bulk {
		err := c.mergeFiles(files[t.Name], func(r *record, same bool, prev dataset.Pos) error {
			if same {
				res.Problems.AddIn(t.Name, CodeConflict, dataset.Error, dataset.Pos{}, t.Key[0],
					"%s %s is given twice, at %s and at %s, and a large import could not compare the two: give each record its own %s",
					t.Name, r.key(), prev, r.origin.Pos(), t.Key[0])
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	res.Problems.Sort()
	for i := range res.Files {
		res.Files[i].Problems = 0
		for _, p := range res.Problems {
			if p.Pos.File == res.Files[i].File {
				res.Files[i].Problems++
			}
		}
	}
	pl.Problems = newOverStored(stored, small.Dataset, pl.Problems)
	pl.Problems.Sort()
	slices.SortStableFunc(bulkChanges, func(a, b dataset.Change) int { return strings.Compare(a.Key, b.Key) })
	pl.Changed = append(pl.Changed, bulkChanges...)
	dataset.SortChanges(pl.Changed)

	pl.writers = map[string]func(io.Writer) error{}
	for _, t := range bulk {
		pl.writers[t.Name] = func(w io.Writer) error {
			cw := csv.NewWriter(w)
			if err := cw.Write(t.Header()); err != nil {
				return err
			}
			err := c.mergeFiles(files[t.Name], func(r *record, _ bool, _ dataset.Pos) error {
				return cw.Write(r.values)
			})
			if err != nil {
				return err
			}
			cw.Flush()
			return cw.Error()
		}
	}
	res.Dataset = nil
	pl.merged = small.Dataset
	return pl, nil
}

// writeTable writes the records of table t of ds, in their order, to a new
// file.
func (c *codec) writeTable(name string, t *dataset.Table, ds *dataset.Dataset) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	for i := range t.Len(ds) {
		r := record{table: t, values: t.Values(ds, i), origin: t.Origin(ds, i)}
		if err := c.write(w, &r, 0); err != nil {
			f.Close()
			return err
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// key returns the record's primary key, its values joined by a tab, as
// dataset.Table.KeyOf gives it.
func (r *record) key() string {
	if len(r.table.Key) == 1 {
		return r.values[fieldIndex(r.table, r.table.Key[0])]
	}
	parts := make([]string, len(r.table.Key))
	for i, k := range r.table.Key {
		parts[i] = r.values[fieldIndex(r.table, k)]
	}
	return strings.Join(parts, "\t")
}

// mergeFiles calls each with the records of the files, each sorted by key,
// in key order. same reports whether the record's key is that of the
// record before, which is at prev. The record is each's only during the
// call.
func (c *codec) mergeFiles(names []string, each func(r *record, same bool, prev dataset.Pos) error) error {
	var h cursors
	defer func() {
		for _, cur := range h {
			cur.f.Close()
		}
	}()
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		cur := &cursor{rr: c.newReader(f, 32<<10), f: f}
		if err := cur.next(); err == io.EOF {
			f.Close()
			continue
		} else if err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", name, err)
		}
		h = append(h, cur)
	}
	heap.Init(&h)
	var prevKey []byte
	var prev dataset.Pos
	first := true
	for h.Len() > 0 {
		cur := h[0]
		same := !first && cur.key != "" && cur.key == string(prevKey)
		if err := each(&cur.rec, same, prev); err != nil {
			return err
		}
		first = false
		prevKey = append(prevKey[:0], cur.key...)
		prev = cur.rec.origin.Pos()
		switch err := cur.next(); {
		case err == io.EOF:
			cur.f.Close()
			heap.Pop(&h)
		case err != nil:
			return err
		default:
			heap.Fix(&h, 0)
		}
	}
	return nil
}

// cursor is the next record of a sorted file.
type cursor struct {
	rr  *recordReader
	f   *os.File
	rec record
	key string
}

func (c *cursor) next() error {
	if _, err := c.rr.read(&c.rec, true); err != nil {
		return err
	}
	c.key = c.rec.key()
	return nil
}

// cursors is a heap of cursors, the one with the least key first.
type cursors []*cursor

func (h cursors) Len() int           { return len(h) }
func (h cursors) Less(i, j int) bool { return h[i].key < h[j].key }
func (h cursors) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *cursors) Push(x any)        { *h = append(*h, x.(*cursor)) }
func (h *cursors) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}
