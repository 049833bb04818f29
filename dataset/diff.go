package dataset

import (
	"cmp"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// ChangeKind says how a record differs between two datasets.
type ChangeKind string

// Kinds of change.
const (
	Added   ChangeKind = "added"   // the key is only in the new dataset
	Removed ChangeKind = "removed" // the key is only in the old dataset
	Changed ChangeKind = "changed" // the key is in both, with other stored values
)

// FieldChange is one field whose stored value differs, with the field's cell
// in each dataset (zero when the record's origin is not known).
type FieldChange struct {
	Field    string
	Old, New string
	OldPos   Pos
	NewPos   Pos
}

// Change is one record that differs between two datasets. Records are
// matched by primary key.
type Change struct {
	Table  string
	Key    string // the primary key's stored values joined by ",", for display
	Kind   ChangeKind
	Fields []FieldChange // for Changed: the fields that differ, in column order
	OldPos Pos           // the record's row in the old dataset (Removed, Changed)
	NewPos Pos           // the record's row in the new dataset (Added, Changed)
}

// Diff compares two datasets record by record, matching records by primary
// key and comparing their stored values; where the records came from (their
// Origin) is not compared. A nil dataset is an empty one.
//
// The order is fixed: provisions first, and among them the changes of legal
// status (a provision added or removed, or its status changed) before the
// others; then the other tables in the data package's order; within each
// group, by key (key column by key column). Should a dataset hold a key
// twice, its records are matched in the order they appear.
// Neither dataset is modified.
func Diff(old, new *Dataset) []Change {
	old, new = orEmpty(old), orEmpty(new)
	var fs []keyedChange
	for ti, t := range tables() {
		oldRows, oldOrder := t.byKey(old)
		newRows, newOrder := t.byKey(new)
		keys := oldOrder
		for _, k := range newOrder {
			if _, ok := oldRows[k]; !ok {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			o, n := oldRows[k], newRows[k]
			for j := range max(len(o), len(n)) {
				switch {
				case j >= len(n):
					fs = append(fs, t.change(ti, Removed, old, o[j], nil, -1))
				case j >= len(o):
					fs = append(fs, t.change(ti, Added, nil, -1, new, n[j]))
				default:
					if f := t.change(ti, Changed, old, o[j], new, n[j]); len(f.Fields) > 0 {
						fs = append(fs, f)
					}
				}
			}
		}
	}
	return sortChanges(fs)
}

// MergeResult is the outcome of MergeInto.
type MergeResult struct {
	Dataset   *Dataset // the merged dataset
	Added     int      // incoming records whose key was new
	Unchanged int      // incoming records equal to the record they matched
	Changed   []Change // incoming records that differ from the record they matched, in Diff's order
}

// MergeInto merges incoming into a copy of existing, table by table, matching
// records by primary key: an incoming record with a new key is added; one
// whose stored values equal the matched record's counts as unchanged; one
// that differs is listed in Changed, with the positions of both records and
// of every field that differs, and replaces the matched record (with its
// origin) only when update is true. An incoming blank means "not given": the
// matched record's value is kept, and is no change, unless the incoming
// record's Origin.Cleared names the field, which clears it.
// Nothing is removed: records of existing that incoming lacks are kept.
// The merged dataset keeps existing's Package and Imports.
//
// The merged dataset holds existing's records in their order, then the added
// ones in incoming's order. Neither input is modified, and the merged
// dataset shares no record memory with existing. Nor does it with incoming,
// except when existing is empty and incoming has no key twice: then there is
// nothing to merge, and the merged dataset holds incoming's records
// themselves rather than a copy of them all (so writing into one writes into
// the other). A nil dataset is an empty one. Should a key appear twice, an
// incoming record is compared with the first record of its key (which may be
// one added from incoming before it).
func MergeInto(existing, incoming *Dataset, update bool) MergeResult {
	existing, incoming = orEmpty(existing), orEmpty(incoming)
	if res, ok := adopt(existing, incoming); ok {
		return res
	}
	res := MergeResult{Dataset: existing.meta()}
	out := res.Dataset
	var changed []keyedChange
	for ti, t := range tables() {
		t.Grow(out, t.Len(existing)+t.Len(incoming))
		rows := make(map[string]int, t.Len(existing)+t.Len(incoming)) // key → first record of the key in out
		for i := range t.Len(existing) {
			t.appendFrom(out, existing, i)
			k := keyString(t.keyParts(existing, i))
			if _, dup := rows[k]; !dup {
				rows[k] = i
			}
		}
		for i := range t.Len(incoming) {
			k := keyString(t.keyParts(incoming, i))
			j, ok := rows[k]
			if !ok {
				rows[k] = t.Len(out)
				t.appendFrom(out, incoming, i)
				res.Added++
				continue
			}
			f := t.change(ti, Changed, out, j, incoming, i)
			o := t.Origin(incoming, i)
			var kept []FieldChange // given empty and not cleared
			f.Fields = slices.DeleteFunc(f.Fields, func(fc FieldChange) bool {
				keep := fc.New == "" && !o.Clears(fc.Field)
				if keep {
					kept = append(kept, fc)
				}
				return keep
			})
			if len(f.Fields) == 0 {
				res.Unchanged++
				continue
			}
			changed = append(changed, f)
			if update {
				t.setFrom(out, j, incoming, i)
				for _, fc := range kept {
					// The stored value was valid, so it decodes.
					_ = t.SetValue(out, j, fc.Field, fc.Old)
				}
			}
		}
	}
	res.Changed = sortChanges(changed)
	return res
}

// adopt is MergeInto for an empty existing dataset and an incoming one
// whose keys are all distinct: the result is incoming's tables, every record
// added. It reports false, and does nothing, in any other case.
func adopt(existing, incoming *Dataset) (MergeResult, bool) {
	for _, t := range tables() {
		if t.Len(existing) > 0 {
			return MergeResult{}, false
		}
	}
	res := MergeResult{Dataset: existing.meta()}
	for _, t := range tables() {
		seen := make(map[string]struct{}, t.Len(incoming))
		for i := range t.Len(incoming) {
			k := keyString(t.keyParts(incoming, i))
			if _, dup := seen[k]; dup {
				return MergeResult{}, false
			}
			seen[k] = struct{}{}
		}
		t.rows(res.Dataset).Set(t.rows(incoming))
		res.Added += t.Len(incoming)
	}
	return res, true
}

// meta returns an empty dataset with a copy of ds's package metadata and
// import log.
func (ds *Dataset) meta() *Dataset {
	p := ds.Package
	p.Licenses = slices.Clone(p.Licenses)
	p.Contributors = slices.Clone(p.Contributors)
	ims := slices.Clone(ds.Imports)
	for i := range ims {
		ims[i].Records = maps.Clone(ims[i].Records)
	}
	return &Dataset{Package: p, Imports: ims}
}

func orEmpty(ds *Dataset) *Dataset {
	if ds == nil {
		return &Dataset{}
	}
	return ds
}

// keyParts returns the stored values of record i's primary key.
func (t *Table) keyParts(ds *Dataset, i int) []string {
	rec := t.rows(ds).Index(i)
	parts := make([]string, len(t.Key))
	for j, k := range t.Key {
		parts[j] = encodeValue(rec.Field(t.Field(k).index))
	}
	return parts
}

// keyString makes key parts a map key that no other parts share, whatever
// characters the values hold: each part preceded by its length.
func keyString(parts []string) string {
	n := 0
	for _, p := range parts {
		n += len(p) + 4
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = strconv.AppendInt(b, int64(len(p)), 10)
		b = append(b, ':')
		b = append(b, p...)
	}
	return string(b)
}

// byKey returns the records of each key, and the keys in order of first
// appearance.
func (t *Table) byKey(ds *Dataset) (map[string][]int, []string) {
	rows := map[string][]int{}
	var order []string
	for i := range t.Len(ds) {
		k := keyString(t.keyParts(ds, i))
		if _, ok := rows[k]; !ok {
			order = append(order, k)
		}
		rows[k] = append(rows[k], i)
	}
	return rows, order
}

// change describes record i of old against record j of new (i or j is -1,
// and its dataset nil, for a record that one side lacks); ti is the table's
// place in the data package. For Changed it lists the fields whose stored
// values differ.
func (t *Table) change(ti int, kind ChangeKind, old *Dataset, i int, new *Dataset, j int) keyedChange {
	f := keyedChange{Change: Change{Table: t.Name, Kind: kind}, table: ti}
	var oldO, newO Origin
	if i >= 0 {
		oldO = t.Origin(old, i)
		f.OldPos = oldO.Pos()
		f.key = t.keyParts(old, i)
	}
	if j >= 0 {
		newO = t.Origin(new, j)
		f.NewPos = newO.Pos()
		f.key = t.keyParts(new, j)
	}
	f.Key = strings.Join(f.key, ",")
	if kind != Changed {
		return f
	}
	ov, nv := t.Values(old, i), t.Values(new, j)
	for k, fd := range t.Fields {
		if ov[k] != nv[k] {
			f.Fields = append(f.Fields, FieldChange{Field: fd.Name, Old: ov[k], New: nv[k],
				OldPos: oldO.FieldPos(fd.Name), NewPos: newO.FieldPos(fd.Name)})
		}
	}
	return f
}

// keyedChange is a change with what orders it: its table's place in the data
// package and its key's stored values.
type keyedChange struct {
	Change
	table int
	key   []string
}

// SortChanges orders changes found apart (by MergeInto on parts of a
// dataset) as Diff orders them, by group and table; the changes of one
// table keep the order they have, which should be by key.
func SortChanges(cs []Change) {
	index := map[string]int{}
	for i, t := range tables() {
		index[t.Name] = i
	}
	fs := make([]keyedChange, len(cs))
	for i, c := range cs {
		fs[i] = keyedChange{Change: c, table: index[c.Table]}
	}
	copy(cs, sortChanges(fs))
}

// sortChanges returns the changes in Diff's order. The sort is stable: changes of
// one key keep the order they were found in.
func sortChanges(fs []keyedChange) []Change {
	group := func(f keyedChange) int {
		if f.Table != "provisions" {
			return 2
		}
		if f.Kind != Changed || slices.ContainsFunc(f.Fields, func(fc FieldChange) bool { return fc.Field == "status" }) {
			return 0 // a change of legal status
		}
		return 1
	}
	slices.SortStableFunc(fs, func(a, b keyedChange) int {
		if c := cmp.Compare(group(a), group(b)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.table, b.table); c != 0 {
			return c
		}
		return slices.Compare(a.key, b.key)
	})
	if len(fs) == 0 {
		return nil
	}
	cs := make([]Change, len(fs))
	for i, f := range fs {
		cs[i] = f.Change
	}
	return cs
}

// Clone returns a copy of ds, every record with its origin, that shares no
// memory that may be written with ds.
func (ds *Dataset) Clone() *Dataset {
	out := ds.meta()
	for _, t := range tables() {
		for i := range t.Len(ds) {
			t.appendFrom(out, ds, i)
		}
	}
	return out
}

// appendFrom appends a copy of record i of src's table to dst's, with its
// origin.
func (t *Table) appendFrom(dst, src *Dataset, i int) {
	rows := t.rows(dst)
	rows.Set(reflect.Append(rows, cloneRecord(t.rows(src).Index(i))))
}

// setFrom replaces record j of dst's table by a copy of record i of src's,
// with its origin.
func (t *Table) setFrom(dst *Dataset, j int, src *Dataset, i int) {
	t.rows(dst).Index(j).Set(cloneRecord(t.rows(src).Index(i)))
}

// cloneRecord copies a record, with its own lists and optional values, so
// that the copy shares no memory that may be written with the original.
// (Origin.Cols is shared: it is never modified.)
func cloneRecord(v reflect.Value) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	for i := range c.NumField() {
		f := c.Field(i)
		switch {
		case f.Kind() == reflect.Slice && !f.IsNil():
			f.Set(reflect.AppendSlice(reflect.MakeSlice(f.Type(), 0, f.Len()), f))
		case f.Kind() == reflect.Pointer && !f.IsNil():
			p := reflect.New(f.Type().Elem())
			p.Elem().Set(f.Elem())
			f.Set(p)
		}
	}
	return c
}
