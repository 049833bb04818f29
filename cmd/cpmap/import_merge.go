package main

import (
	"bufio"
	"bytes"
	"container/heap"
	"encoding/binary"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
)

// mergePlan is what an import would do to the dataset: the records added,
// unchanged and changed, the problems of the dataset as it would be (with
// the changes applied), and how to write it.
type mergePlan struct {
	added, unchanged int
	changed          []dataset.Change
	problems         dataset.Problems
	save             func(dir string) error
	close            func() // removes temporary files; never nil
}

// mergeWhole merges the records of an import held in memory into the
// existing dataset, and validates the result.
func mergeWhole(existing, incoming *dataset.Dataset, vopt dataset.ValidateOptions) *mergePlan {
	mr := dataset.MergeInto(existing, incoming, true)
	return &mergePlan{
		added: mr.Added, unchanged: mr.Unchanged, changed: mr.Changed,
		problems: mr.Dataset.Validate(vopt),
		save:     func(dir string) error { return dataset.Save(dir, mr.Dataset) },
		close:    func() {},
	}
}

// mergeParts is mergeWhole for an import whose bulk records are on disk in
// parts (importers.Parts): each part, with the existing records of its keys
// and every record of the other tables, is merged and validated on its own
// and its bulk tables written to a temporary file, sorted; saving merges
// those files. Every record of one key, and every survey of one series, is
// in one part, so the checks of keys and series see all they need. The
// problems of the other tables, which every part repeats, are kept when all
// parts report them (a source is unused only if no part cites it). The
// problems of assembling the parts (conflicts between rows, bad values) are
// added to res.Problems. The records of the bulk tables are taken out of
// existing.
func mergeParts(existing *dataset.Dataset, res *importers.Result, vopt dataset.ValidateOptions) (pl *mergePlan, err error) {
	parts := res.Parts
	bulk := parts.Tables()
	isBulk := func(name string) bool {
		return slices.ContainsFunc(bulk, func(t *dataset.Table) bool { return t.Name == name })
	}
	dir, err := os.MkdirTemp("", "cpmap-merge-*")
	if err != nil {
		return nil, err
	}
	pl = &mergePlan{close: func() { os.RemoveAll(dir) }}
	defer func() {
		if err != nil {
			pl.close()
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
	pl.added, pl.unchanged = small.Added, small.Unchanged
	pl.changed = append(pl.changed, small.Changed...)

	var bulkChanges []dataset.Change
	shared := map[dataset.Problem]int{} // problems of the other tables, by the parts reporting them
	var sharedOrder []dataset.Problem
	files := map[string][]string{} // table → its part files
	// The next part is assembled (read back, merged within itself) while
	// this one is merged, checked and written: the machine has two cores.
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
		in, ps, err := a.ds, a.ps, a.err
		if err != nil {
			return nil, err
		}
		res.Problems = append(res.Problems, ps...)
		inK := *res.Dataset
		exK := exSmall
		for _, t := range bulk {
			setRows(t, &inK, in)
			setRows(t, &exK, exParts[k])
		}
		exParts[k] = nil
		mr := dataset.MergeInto(&exK, &inK, true)
		pl.added += mr.Added - small.Added
		pl.unchanged += mr.Unchanged - small.Unchanged
		for _, c := range mr.Changed {
			if isBulk(c.Table) {
				bulkChanges = append(bulkChanges, c)
			}
		}
		for _, p := range mr.Dataset.Validate(vopt) {
			if isBulk(p.Table) {
				pl.problems = append(pl.problems, p)
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
			if err := writePartFile(name, t, mr.Dataset); err != nil {
				return nil, err
			}
			files[t.Name] = append(files[t.Name], name)
		}
	}
	for _, p := range sharedOrder {
		if shared[p] == parts.Len() {
			pl.problems = append(pl.problems, p)
		}
	}
	// Every record of a key is in one part (importers.Parts.Owner), but
	// should two parts still hold a key, it is an error, not a file with
	// the key twice.
	for _, t := range bulk {
		err := mergePartFiles(files[t.Name], func(key, pos, _ []byte, prev []byte, prevPos []byte) error {
			if len(key) > 0 && bytes.Equal(key, prev) {
				res.Problems.AddIn(t.Name, importers.CodeConflict, dataset.Error, dataset.Pos{}, t.Key[0],
					"%s %s is given twice, at %s and at %s, and a large import could not compare the two: give each record its own %s",
					t.Name, key, prevPos, pos, t.Key[0])
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
	pl.problems.Sort()
	slices.SortStableFunc(bulkChanges, func(a, b dataset.Change) int { return strings.Compare(a.Key, b.Key) })
	pl.changed = append(pl.changed, bulkChanges...)
	dataset.SortChanges(pl.changed)

	writers := map[string]func(io.Writer) error{}
	for _, t := range bulk {
		writers[t.Name] = func(w io.Writer) error {
			cw := csv.NewWriter(w)
			if err := cw.Write(t.Header()); err != nil {
				return err
			}
			cw.Flush()
			if err := cw.Error(); err != nil {
				return err
			}
			return mergePartFiles(files[t.Name], func(_, _, row, _, _ []byte) error {
				_, err := w.Write(row)
				return err
			})
		}
	}
	pl.save = func(dir string) error { return dataset.SaveWith(dir, small.Dataset, writers) }
	return pl, nil
}

// setRows makes table t of dst hold the records of src's table t.
func setRows(t *dataset.Table, dst, src *dataset.Dataset) {
	switch t.Name {
	case "campaigns":
		dst.Campaigns = src.Campaigns
	case "programmes":
		dst.Programmes = src.Programmes
	case "surveys":
		dst.Surveys = src.Surveys
	default:
		panic("cpmap: not a bulk table: " + t.Name)
	}
}

// writePartFile writes the records of table t of ds, sorted, as entries of
// key, row position and CSV row, each preceded by its length.
func writePartFile(name string, t *dataset.Table, ds *dataset.Dataset) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	var row bytes.Buffer
	cw := csv.NewWriter(&row)
	var frame []byte
	for i := range t.Len(ds) {
		row.Reset()
		if err := cw.Write(t.Values(ds, i)); err != nil {
			f.Close()
			return err
		}
		cw.Flush()
		frame = frame[:0]
		for _, part := range [][]byte{[]byte(t.KeyOf(ds, i)), []byte(t.Origin(ds, i).Pos().String()), row.Bytes()} {
			frame = binary.AppendUvarint(frame, uint64(len(part)))
			frame = append(frame, part...)
		}
		if _, err := w.Write(frame); err != nil {
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

// partReader reads the entries of a part file in order.
type partReader struct {
	r              *bufio.Reader
	key, pos, row  []byte
	done           bool
	err            error
	file           *os.File
	keyB, posB, rB []byte
}

func (p *partReader) next() {
	read := func(buf []byte) []byte {
		if p.err != nil {
			return nil
		}
		n, err := binary.ReadUvarint(p.r)
		if err != nil {
			p.err = err
			return nil
		}
		if uint64(cap(buf)) < n {
			buf = make([]byte, n)
		}
		buf = buf[:n]
		if _, err := io.ReadFull(p.r, buf); err != nil {
			p.err = err
		}
		return buf
	}
	p.keyB = read(p.keyB)
	p.posB = read(p.posB)
	p.rB = read(p.rB)
	if p.err == io.EOF && len(p.keyB) == 0 {
		p.done, p.err = true, nil
		return
	}
	if p.err != nil {
		p.done = true
		if p.err == io.EOF {
			p.err = io.ErrUnexpectedEOF
		}
		return
	}
	p.key, p.pos, p.row = p.keyB, p.posB, p.rB
}

type partHeap []*partReader

func (h partHeap) Len() int { return len(h) }
func (h partHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return false
}
func (h partHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *partHeap) Push(x any)   { *h = append(*h, x.(*partReader)) }
func (h *partHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// mergePartFiles calls each with the entries of the part files in key
// order, and with the key and position of the entry before.
func mergePartFiles(names []string, each func(key, pos, row, prevKey, prevPos []byte) error) error {
	var h partHeap
	defer func() {
		for _, p := range h {
			p.file.Close()
		}
	}()
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		p := &partReader{r: bufio.NewReaderSize(f, 32<<10), file: f}
		p.next()
		if p.err != nil {
			f.Close()
			return fmt.Errorf("%s: %w", name, p.err)
		}
		if p.done {
			f.Close()
			continue
		}
		h = append(h, p)
	}
	heap.Init(&h)
	var prevKey, prevPos []byte
	for h.Len() > 0 {
		p := h[0]
		if err := each(p.key, p.pos, p.row, prevKey, prevPos); err != nil {
			return err
		}
		prevKey = append(prevKey[:0], p.key...)
		prevPos = append(prevPos[:0], p.pos...)
		p.next()
		if p.err != nil {
			return p.err
		}
		if p.done {
			p.file.Close()
			heap.Pop(&h)
			continue
		}
		heap.Fix(&h, 0)
	}
	return nil
}
