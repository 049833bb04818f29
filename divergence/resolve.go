package divergence

import (
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// Problem codes of Resolve. Scripts branch on them; never change one.
const (
	// CodeUnresolved is a review row with no resolved value.
	CodeUnresolved = "unresolved-error"
	// CodeStaleReview is a review row whose record no longer holds either
	// coder's value: the dataset changed after the review was written.
	CodeStaleReview = "stale-review-error"
	// CodeReviewRow is a review row that names no table, field or record
	// of the dataset, names a record the dataset holds more than once, or
	// resolves an answer another row resolves differently.
	CodeReviewRow = "review-row-error"
)

// Resolution is one reviewed divergence: the answer, what the two coders
// gave, and the value the reviewer chose.
type Resolution struct {
	Table string
	// Record is the record's natural key as Answer.Key writes it.
	Record string
	Field  string
	// A and B are the coders' stored values ("" for blank).
	A, B string
	// Value is the stored value chosen; ResolvedEmpty leaves the field
	// blank and "" is no choice yet.
	Value string
	// Origin is the review row; its cells are named as ReviewColumns
	// name them ("value" is the resolved value's cell).
	Origin dataset.Origin
}

// Change is a value Resolve changed.
type Change struct {
	Table    string
	Key      string // the record's primary key, its values joined by ","
	Field    string
	Old, New string
	Pos      dataset.Pos // the field's cell in the dataset
	Review   dataset.Pos // the resolved value's cell in the review
}

// Result is what Resolve did.
type Result struct {
	// Dataset is a copy of the dataset with the resolutions applied; nil
	// when Problems has errors.
	Dataset *dataset.Dataset
	// Changes are the values changed, in the order of the resolutions.
	Changes []Change
	// Unchanged counts the resolutions whose value the dataset already has.
	Unchanged int
	// Problems are the refusals, sorted, each at a cell of its review row.
	Problems dataset.Problems
}

// Resolve applies reviewed divergences to a copy of ds: the record each
// resolution names (by natural key, as Compare pairs records, a
// timeline's record by the greatest overlap with the key's period) gets the
// resolved value. ds is not modified.
//
// Nothing is applied when any resolution is refused: one with no value
// (unresolved-error, at the value's cell); a value that is not a value of
// the field (type-error, enum-error, pattern-error, range-error,
// required-error for ResolvedEmpty in a required field, at the value's
// cell); one whose record's current value is neither coder A's nor coder
// B's nor the resolved one, because the dataset changed after the review
// was written (stale-review-error, at coder A's cell); and one naming a
// table, field or record that the dataset does not have, or has more than
// once, or an answer another resolution resolves differently
// (review-row-error). A resolution whose value the dataset already has
// changes nothing, so that applying a review twice is harmless.
func Resolve(ds *dataset.Dataset, rs []Resolution) Result {
	ds = orEmpty(ds)
	var res Result
	type target struct {
		table string
		i     int
		field string
	}
	type planned struct {
		t     *dataset.Table
		i     int
		field string
		value string
		r     *Resolution
	}
	seen := map[target]int{}
	recs := map[string][]*codedRecord{}
	var plan []planned
	for k := range rs {
		r := &rs[k]
		bad := func(code, cell, field, format string, args ...any) {
			res.Problems.AddIn(r.Table, code, dataset.Error, r.Origin.FieldPos(cell), field, format, args...)
		}
		t := dataset.TableByName(r.Table)
		if t == nil {
			bad(CodeReviewRow, "table", "", "%q is not a table of the dataset", r.Table)
			continue
		}
		f := t.Field(r.Field)
		if f == nil {
			bad(CodeReviewRow, "field", "", "%q is not a field of %s; it has %s", r.Field, t.Name, strings.Join(t.Header(), ", "))
			continue
		}
		if strings.TrimSpace(r.Value) == "" {
			bad(CodeUnresolved, "value", f.Name, "%s %s %s is not resolved: choose a value, or %s to leave it blank", t.Name, r.Record, f.Name, ResolvedEmpty)
			continue
		}
		if recs[t.Name] == nil {
			recs[t.Name] = codedRecords(t, ds)
		}
		i, err := findByKey(t, ds, recs[t.Name], r.Record)
		if err != nil {
			bad(CodeReviewRow, "record", f.Name, "%v", err)
			continue
		}
		v := r.Value
		if v == ResolvedEmpty {
			v = ""
		}
		if ps := t.CheckValue(f, v, r.Origin.FieldPos("value")); len(ps) > 0 {
			res.Problems = append(res.Problems, ps...)
			continue
		}
		cur := t.Value(ds, i, f.Name)
		if cur != r.A && cur != r.B && cur != v {
			bad(CodeStaleReview, "a", f.Name, "%s %s %s is %s in the dataset (%s), neither coder A's %s nor coder B's %s: it changed after the review was written; compare the codings again",
				t.Name, r.Record, f.Name, quoteValue(cur), t.FieldPos(ds, i, f.Name), quoteValue(r.A), quoteValue(r.B))
			continue
		}
		tg := target{t.Name, i, f.Name}
		if j, ok := seen[tg]; ok {
			if plan[j].value != v {
				bad(CodeReviewRow, "value", f.Name, "%s %s %s is resolved to %s here but to %s at %s",
					t.Name, r.Record, f.Name, quoteValue(v), quoteValue(plan[j].value), plan[j].r.Origin.FieldPos("value"))
			}
			continue
		}
		seen[tg] = len(plan)
		plan = append(plan, planned{t, i, f.Name, v, r})
	}
	res.Problems.Sort()
	if res.Problems.HasErrors() {
		return res
	}
	out := ds.Clone()
	for _, p := range plan {
		cur := p.t.Value(out, p.i, p.field)
		if cur == p.value {
			res.Unchanged++
			continue
		}
		if err := p.t.SetValue(out, p.i, p.field, p.value); err != nil {
			// checkValue accepted it: this cannot happen.
			res.Problems.Add(dataset.CodeType, dataset.Error, p.r.Origin.FieldPos("value"), p.field, "%v", err)
			continue
		}
		res.Changes = append(res.Changes, Change{
			Table: p.t.Name, Key: primaryKey(p.t, ds, p.i), Field: p.field,
			Old: cur, New: p.value, Pos: p.t.FieldPos(ds, p.i, p.field), Review: p.r.Origin.FieldPos("value"),
		})
	}
	if res.Problems.HasErrors() {
		res.Changes = nil
		return res
	}
	res.Dataset = out
	return res
}

// primaryKey returns the primary key of record i of table t in ds, its
// stored values joined by "," (as dataset.Change.Key writes it).
func primaryKey(t *dataset.Table, ds *dataset.Dataset, i int) string {
	parts := make([]string, len(t.Key))
	for j, k := range t.Key {
		parts[j] = t.Value(ds, i, k)
	}
	return strings.Join(parts, ",")
}

func quoteValue(v string) string {
	if v == "" {
		return "(blank)"
	}
	return fmt.Sprintf("%q", v)
}
