package divergence

import (
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// Kind says how two codings of one answer differ.
type Kind string

// Kinds of divergence.
const (
	// KindValue: both coders gave a value, and the values differ.
	KindValue Kind = "value"
	// KindBlank: one coder gave a value, the other left it blank.
	KindBlank Kind = "blank"
	// KindPrecision: the same date at another precision, one value
	// the start of the other: 1979 and 1979-07-01, 1979-07 and 1979-07-01.
	KindPrecision Kind = "precision"
)

// Answer is one answer the two codings give differently: a divergence.
type Answer struct {
	Table string
	// Key is the record's natural key (see Compare): what both
	// codings' records share, and what Resolve finds the record by.
	Key   string
	Field string
	Kind  Kind
	// A and B are the stored values of coder A and coder B ("" for blank).
	A, B string
	// APos and BPos are the cells of the values (the row where a coder's
	// sheet has no column for the field).
	APos, BPos dataset.Pos
}

// OneSided is a record only one coder has.
type OneSided struct {
	Table string
	Key   string      // the record's natural key
	Pos   dataset.Pos // the record's row
	// Answers is how many coded answers it holds: each is a divergent
	// answer, which the other coder did not give.
	Answers int
}

// Count counts coded and divergent answers.
type Count struct {
	// Coded is the number of answers at least one coder gave.
	Coded int
	// Divergent is how many of them the coders give differently, those
	// of records only one coder has included.
	Divergent int
	// Precision is how many of the divergent answers differ only in the
	// precision of a date (KindPrecision).
	Precision int
	// OneSided is how many of the divergent answers are in records only
	// one coder has.
	OneSided int
}

// Rate returns the divergence rate in percent: divergent answers ÷ coded
// answers × 100, precision-only differences included; 0 when nothing was
// coded.
func (c Count) Rate() float64 { return percentOf(c.Divergent, c.Coded) }

// RateWithoutPrecision returns the divergence rate in percent with
// precision-only differences counted as agreement.
func (c Count) RateWithoutPrecision() float64 {
	return percentOf(c.Divergent-c.Precision, c.Coded)
}

func percentOf(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) * 100 / float64(of)
}

func (c *Count) add(divergent, precision, oneSided bool) {
	c.Coded++
	if divergent {
		c.Divergent++
	}
	if precision {
		c.Precision++
	}
	if oneSided {
		c.OneSided++
	}
}

// Group is the count of one table, field or jurisdiction.
type Group struct {
	Name string // "provisions", "provisions.status", "PL"
	Count
}

// Report is the comparison of two codings.
type Report struct {
	// Total counts every answer.
	Total Count
	// Tables, in the data package's order, Fields ("table.field", in the
	// same order and then column order) and Jurisdictions (by code) count
	// the answers of each; groups with no coded answer are left out. An
	// answer of a campaign counts for each jurisdiction it lists; sources
	// belong to no jurisdiction.
	Tables, Fields, Jurisdictions []Group
	// Divergences are the divergent answers of the records both coders
	// have, by table, key and column.
	Divergences []Answer
	// OnlyA and OnlyB are the records only coder A or only coder B has,
	// by table and key.
	OnlyA, OnlyB []OneSided
	// Matched is the number of records both coders have.
	Matched int
}

// Rule is how much to double-code, decided by the divergence
// rate (LawAtlas: every record until the rate is below 5%, then a 20%
// sample).
type Rule struct {
	// FullUntil is the rate, in percent, at or above which every record
	// is double-coded.
	FullUntil float64
	// SampleShare is the share of records, in percent, double-coded once
	// the rate is below FullUntil.
	SampleShare float64
}

// Recommendation is what a Rule says of a divergence rate.
type Recommendation struct {
	// Rate is the divergence rate the recommendation rests on, in percent
	// (Count.Rate: precision-only differences count).
	Rate float64
	// Threshold is the rule's FullUntil.
	Threshold float64
	// Full says to double-code every record.
	Full bool
	// Share is the share of records to double-code, in percent: 100 when
	// Full, else the rule's SampleShare.
	Share float64
}

// Recommend applies the rule to a count: double-code every record when the
// rate is at or above FullUntil, or when nothing was coded (agreement is
// then unknown); otherwise a sample of SampleShare percent.
func (r Rule) Recommend(c Count) Recommendation {
	rec := Recommendation{Rate: c.Rate(), Threshold: r.FullUntil}
	rec.Full = c.Coded == 0 || rec.Rate >= r.FullUntil
	rec.Share = r.SampleShare
	if rec.Full {
		rec.Share = 100
	}
	return rec
}

// compareValues says whether two stored values of a field diverge, and how.
func compareValues(f *dataset.Field, a, b string) (Kind, bool) {
	switch {
	case a == b:
		return "", false
	case f.Kind == dataset.KindURL && normalURL(a) == normalURL(b):
		return "", false
	case a == "" || b == "":
		return KindBlank, true
	case f.Kind == dataset.KindDate && (strings.HasPrefix(a, b+"-") || strings.HasPrefix(b, a+"-")):
		return KindPrecision, true
	}
	return KindValue, true
}

// jurisdictionsOf returns the jurisdictions a record belongs to.
func jurisdictionsOf(r *codedRecord) []string {
	switch {
	case r.t.Name == "jurisdictions":
		return []string{r.get("code")}
	case r.t.Field("jurisdiction") != nil:
		if j := r.get("jurisdiction"); j != "" {
			return []string{j}
		}
	case r.t.Field("jurisdictions") != nil:
		if j := r.get("jurisdictions"); j != "" {
			return strings.Split(j, ";")
		}
	}
	return nil
}

// rowPos returns the position of record i of table t in ds: its origin's
// row, or its row in the file Save writes.
func rowPos(t *dataset.Table, ds *dataset.Dataset, i int) dataset.Pos {
	if o := t.Origin(ds, i); o.File != "" {
		return o.Pos()
	}
	return dataset.Pos{File: t.Path, Row: i + 2}
}

// comparison is one Compare call.
type comparison struct {
	rep    *Report
	tables map[string]*Count
	fields map[string]*Count
	jurs   map[string]*Count
}

func (c *comparison) count(t *dataset.Table, f *dataset.Field, jurs []string, divergent, precision, oneSided bool) {
	c.rep.Total.add(divergent, precision, oneSided)
	for _, x := range []struct {
		m    map[string]*Count
		name string
	}{{c.tables, t.Name}, {c.fields, t.Name + "." + f.Name}} {
		if n := x.m[x.name]; n != nil {
			n.add(divergent, precision, oneSided)
		} else {
			n := &Count{}
			n.add(divergent, precision, oneSided)
			x.m[x.name] = n
		}
	}
	for _, j := range jurs {
		if c.jurs[j] == nil {
			c.jurs[j] = &Count{}
		}
		c.jurs[j].add(divergent, precision, oneSided)
	}
}

// Compare compares two codings of the same jurisdictions, a (coder
// A's) and b (coder B's), answer by answer. A nil dataset is an empty one;
// neither is modified.
//
// Records are paired by natural key, not by id (each coder's ids are their
// own): jurisdictions by code; memberships by jurisdiction and group;
// provisions by jurisdiction and setting; commitments by jurisdiction; and
// where a coding has several records of such a key (a timeline), by the
// greatest overlap of their periods ([in_force, else adopted, or from;
// until]), records whose periods share no day staying unpaired. Campaigns
// pair by jurisdictions and normalised name, else by id; programmes by
// jurisdiction and normalised name, else by id; surveys by jurisdiction,
// indicator, year, respondents and series when both have a series, else
// by the first four when they do not have different series; sources by
// URL (scheme, "www." and a trailing slash ignored), else normalised title.
// A normalised name is folded: lower case, no accents, punctuation and
// spaces as one space.
//
// An answer is a (record, field) pair that at least one coder filled in,
// for every field but ids (id, series and source references: the sources
// table is compared in its own right), free text (names, instruments,
// articles, quotes, notes, whose wording varies between coders and
// languages) and the fields of the key the records were paired by (equal
// by construction). A divergent answer is one the coders give differently:
// two values (KindValue), a value and a blank (KindBlank), or the
// same date at two precisions (KindPrecision, which counts as
// divergent, the rate without it being reported as well). Every answer of
// a record only one coder has is divergent too. Stored values are compared,
// so synonyms the importers normalise (Tak and yes) agree.
//
// A record's key (Answer.Key, OneSided.Key) is its natural key as
// name=value parts in one CSV record: code=SE, or
// jurisdiction=PL,setting=home,period=2010-08-01/.. where the period (".."
// for a missing end) is the days both coders' periods share, or a one-sided
// record's own.
func Compare(a, b *dataset.Dataset) *Report {
	a, b = orEmpty(a), orEmpty(b)
	c := &comparison{
		rep:    &Report{},
		tables: map[string]*Count{},
		fields: map[string]*Count{},
		jurs:   map[string]*Count{},
	}
	order := map[string]int{}
	for ti, t := range dataset.Tables() {
		order[t.Name] = ti
		ra, rb := codedRecords(t, a), codedRecords(t, b)
		usedA, usedB := make([]bool, len(ra)), make([]bool, len(rb))
		stages := matchStages[t.Name]
		for si := range stages {
			st := &stages[si]
			for _, p := range st.pairs(ra, rb, usedA, usedB) {
				usedA[p.a], usedB[p.b] = true, true
				c.pair(st, ra[p.a], rb[p.b])
			}
		}
		for i, r := range ra {
			if !usedA[i] {
				c.rep.OnlyA = append(c.rep.OnlyA, c.oneSided(r))
			}
		}
		for i, r := range rb {
			if !usedB[i] {
				c.rep.OnlyB = append(c.rep.OnlyB, c.oneSided(r))
			}
		}
	}
	fieldOrder := func(table, field string) int {
		t := dataset.TableByName(table)
		for j, f := range t.Fields {
			if f.Name == field {
				return j
			}
		}
		return -1
	}
	slices.SortStableFunc(c.rep.Divergences, func(x, y Answer) int {
		if d := order[x.Table] - order[y.Table]; d != 0 {
			return d
		}
		if d := strings.Compare(x.Key, y.Key); d != 0 {
			return d
		}
		return fieldOrder(x.Table, x.Field) - fieldOrder(y.Table, y.Field)
	})
	bySide := func(x, y OneSided) int {
		if d := order[x.Table] - order[y.Table]; d != 0 {
			return d
		}
		if d := strings.Compare(x.Key, y.Key); d != 0 {
			return d
		}
		return x.Pos.Compare(y.Pos)
	}
	slices.SortStableFunc(c.rep.OnlyA, bySide)
	slices.SortStableFunc(c.rep.OnlyB, bySide)
	for _, t := range dataset.Tables() {
		if n := c.tables[t.Name]; n != nil {
			c.rep.Tables = append(c.rep.Tables, Group{t.Name, *n})
		}
		for _, f := range t.Fields {
			if n := c.fields[t.Name+"."+f.Name]; n != nil {
				c.rep.Fields = append(c.rep.Fields, Group{t.Name + "." + f.Name, *n})
			}
		}
	}
	codes := make([]string, 0, len(c.jurs))
	for j := range c.jurs {
		codes = append(codes, j)
	}
	slices.Sort(codes)
	for _, j := range codes {
		c.rep.Jurisdictions = append(c.rep.Jurisdictions, Group{j, *c.jurs[j]})
	}
	return c.rep
}

// pair compares the answers of two paired records.
func (c *comparison) pair(st *matchStage, ra, rb *codedRecord) {
	t := ra.t
	c.rep.Matched++
	vals, _ := st.keyValues(ra)
	var p span
	if st.hasPeriod() {
		pa, pb := st.periodOf(ra), st.periodOf(rb)
		p = pa
		if _, ok := spanOverlap(pa, pb); ok {
			p = commonSpan(pa, pb)
		}
	}
	key := st.key(vals, p)
	jurs := jurisdictionsOf(ra)
	for _, j := range jurisdictionsOf(rb) {
		if !slices.Contains(jurs, j) {
			jurs = append(jurs, j)
		}
	}
	for _, j := range st.compared(t) {
		f := &t.Fields[j]
		va, vb := ra.v[j], rb.v[j]
		if va == "" && vb == "" {
			continue
		}
		kind, divergent := compareValues(f, va, vb)
		c.count(t, f, jurs, divergent, kind == KindPrecision, false)
		if divergent {
			c.rep.Divergences = append(c.rep.Divergences, Answer{
				Table: t.Name, Key: key, Field: f.Name, Kind: kind, A: va, B: vb,
				APos: t.FieldPos(ra.ds, ra.i, f.Name), BPos: t.FieldPos(rb.ds, rb.i, f.Name),
			})
		}
	}
}

// oneSided counts the answers of a record only one coder has.
func (c *comparison) oneSided(r *codedRecord) OneSided {
	t := r.t
	stages := matchStages[t.Name]
	st := &stages[0]
	vals, ok := st.keyValues(r)
	for si := 1; !ok && si < len(stages); si++ {
		if v, ok2 := stages[si].keyValues(r); ok2 {
			st, vals, ok = &stages[si], v, true
		}
	}
	if !ok {
		// A record missing a key value: its key shows what it has.
		vals = make([]string, len(st.fields))
		for j, f := range st.fields {
			vals[j] = r.get(f.name)
			if f.norm != nil {
				vals[j] = f.norm(vals[j])
			}
		}
	}
	var p span
	if st.hasPeriod() {
		p = st.periodOf(r)
	}
	out := OneSided{Table: t.Name, Key: st.key(vals, p), Pos: rowPos(t, r.ds, r.i)}
	jurs := jurisdictionsOf(r)
	for _, j := range st.compared(t) {
		if r.v[j] == "" {
			continue
		}
		out.Answers++
		c.count(t, &t.Fields[j], jurs, true, false, true)
	}
	return out
}

// orEmpty returns ds, or an empty dataset for nil.
func orEmpty(ds *dataset.Dataset) *dataset.Dataset {
	if ds == nil {
		return &dataset.Dataset{}
	}
	return ds
}
