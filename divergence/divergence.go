package divergence

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

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

// keyField is a field of a natural key, with the normalisation its values
// are compared in.
type keyField struct {
	name string
	norm func(string) string // nil: the stored value
}

// matchStage is one way records of two codings are paired: by equal key
// fields (all non-empty), told apart by overlapping periods when period
// fields are given, and otherwise paired in order.
type matchStage struct {
	fields []keyField
	from   []string // the period's start: the first non-empty of these fields
	until  string   // the period's end
	// compat, when set, says whether two records of equal key fields may
	// be paired.
	compat func(a, b *codedRecord) bool
}

func kf(names ...string) []keyField {
	out := make([]keyField, len(names))
	for i, n := range names {
		out[i] = keyField{name: n}
	}
	return out
}

// matchStages are the natural keys of each table, tried in order.
var matchStages = map[string][]matchStage{
	"jurisdictions": {{fields: kf("code")}},
	"memberships": {{fields: []keyField{{name: "jurisdiction"}, {name: "group", norm: dataset.Fold}},
		from: []string{"from"}, until: "until"}},
	"provisions":  {{fields: kf("jurisdiction", "setting"), from: []string{"in_force", "adopted"}, until: "until"}},
	"commitments": {{fields: kf("jurisdiction"), from: []string{"from"}, until: "until"}},
	"campaigns": {
		{fields: []keyField{{name: "jurisdictions"}, {name: "name", norm: dataset.Fold}}},
		{fields: kf("id")},
	},
	"programmes": {
		{fields: []keyField{{name: "jurisdiction"}, {name: "name", norm: dataset.Fold}}},
		{fields: kf("id")},
	},
	"surveys": {
		{fields: kf("jurisdiction", "indicator", "year", "respondents", "series")},
		{fields: kf("jurisdiction", "indicator", "year", "respondents"), compat: func(a, b *codedRecord) bool {
			sa, sb := a.get("series"), b.get("series")
			return sa == "" || sb == "" || sa == sb
		}},
	},
	"sources": {
		{fields: []keyField{{name: "url", norm: normalURL}}},
		{fields: []keyField{{name: "title", norm: dataset.Fold}}},
	},
}

// periodPart is the name of the key part that holds a period.
const periodPart = "period"

// codedRecord is one record of a coding with its stored values.
type codedRecord struct {
	t  *dataset.Table
	ds *dataset.Dataset
	i  int
	v  []string // stored values aligned with t.Fields
}

func (r *codedRecord) get(name string) string {
	for j, f := range r.t.Fields {
		if f.Name == name {
			return r.v[j]
		}
	}
	return ""
}

func codedRecords(t *dataset.Table, ds *dataset.Dataset) []*codedRecord {
	out := make([]*codedRecord, t.Len(ds))
	for i := range out {
		out[i] = &codedRecord{t: t, ds: ds, i: i, v: t.Values(ds, i)}
	}
	return out
}

// keyValues returns the normalised values of the stage's key fields, and
// false when one is empty (the stage does not apply).
func (st *matchStage) keyValues(r *codedRecord) ([]string, bool) {
	out := make([]string, len(st.fields))
	for j, f := range st.fields {
		v := r.get(f.name)
		if f.norm != nil {
			v = f.norm(v)
		}
		if v == "" {
			return nil, false
		}
		out[j] = v
	}
	return out, true
}

func (st *matchStage) hasPeriod() bool { return len(st.from) > 0 }

// span is a record's period: from its start to its end, either missing.
type span struct{ from, until dataset.Date }

var (
	earliest = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC)
	latest   = time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)
)

func (p span) bounds() (lo, hi time.Time) {
	lo, hi = earliest, latest
	if !p.from.IsZero() {
		lo = p.from.Start()
	}
	if !p.until.IsZero() {
		hi = p.until.End()
	}
	return lo, hi
}

// spanOverlap returns the days two periods share, and false when they share none.
func spanOverlap(p, q span) (int64, bool) {
	plo, phi := p.bounds()
	qlo, qhi := q.bounds()
	lo, hi := plo, phi
	if qlo.After(lo) {
		lo = qlo
	}
	if qhi.Before(hi) {
		hi = qhi
	}
	if hi.Before(lo) {
		return 0, false
	}
	return (hi.Unix()-lo.Unix())/86400 + 1, true
}

// commonSpan returns the days two periods share as a period: the later start
// and the earlier end, each in the form a coder gave it.
func commonSpan(p, q span) span {
	c := p
	if q.from.Compare(p.from) > 0 {
		c.from = q.from
	}
	switch {
	case c.until.IsZero():
		c.until = q.until
	case !q.until.IsZero():
		if e, f := q.until.End(), c.until.End(); e.Before(f) || e.Equal(f) && q.until.Precision() > c.until.Precision() {
			c.until = q.until
		}
	}
	return c
}

func (p span) String() string {
	s := func(d dataset.Date) string {
		if d.IsZero() {
			return ".."
		}
		return d.String()
	}
	return s(p.from) + "/" + s(p.until)
}

func parseSpan(s string) (span, error) {
	from, until, ok := strings.Cut(s, "/")
	if !ok {
		return span{}, fmt.Errorf("period %q is not FROM/UNTIL", s)
	}
	var p span
	for _, x := range []struct {
		s string
		d *dataset.Date
	}{{from, &p.from}, {until, &p.until}} {
		if x.s == ".." {
			continue
		}
		d, err := dataset.ParseDate(x.s)
		if err != nil || d.IsZero() {
			return span{}, fmt.Errorf("period %q: %q is not a date or ..", s, x.s)
		}
		*x.d = d
	}
	return p, nil
}

func (st *matchStage) periodOf(r *codedRecord) span {
	var p span
	for _, name := range st.from {
		if v := r.get(name); v != "" {
			p.from, _ = dataset.ParseDate(v)
			break
		}
	}
	p.until, _ = dataset.ParseDate(r.get(st.until))
	return p
}

// key returns the natural key written from the key values and, for a
// stage with periods, the period: name=value parts as one CSV record,
// such as jurisdiction=PL,setting=home,period=2010-08-01/.. .
func (st *matchStage) key(values []string, p span) string {
	parts := make([]string, 0, len(values)+1)
	for j, f := range st.fields {
		parts = append(parts, f.name+"="+values[j])
	}
	if st.hasPeriod() {
		parts = append(parts, periodPart+"="+p.String())
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(parts)
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// parseKey reads a key that key wrote: the stage it belongs to, its key
// values and its period.
func parseKey(t *dataset.Table, key string) (*matchStage, []string, span, error) {
	bad := func(format string, args ...any) (*matchStage, []string, span, error) {
		return nil, nil, span{}, fmt.Errorf("record key %q: "+format, append([]any{key}, args...)...)
	}
	r := csv.NewReader(strings.NewReader(key))
	r.FieldsPerRecord = -1
	parts, err := r.Read()
	if err != nil {
		return bad("%v", err)
	}
	names := make([]string, len(parts))
	values := make([]string, len(parts))
	for i, p := range parts {
		n, v, ok := strings.Cut(p, "=")
		if !ok {
			return bad("%q is not name=value", p)
		}
		names[i], values[i] = n, v
	}
	stages := matchStages[t.Name]
	for si := range stages {
		st := &stages[si]
		want := make([]string, 0, len(st.fields)+1)
		for _, f := range st.fields {
			want = append(want, f.name)
		}
		if st.hasPeriod() {
			want = append(want, periodPart)
		}
		if !slices.Equal(names, want) {
			continue
		}
		var p span
		if st.hasPeriod() {
			p, err = parseSpan(values[len(values)-1])
			if err != nil {
				return bad("%v", err)
			}
			values = values[:len(values)-1]
		}
		return st, values, p, nil
	}
	var forms []string
	for _, st := range stages {
		var f []string
		for _, k := range st.fields {
			f = append(f, k.name+"=…")
		}
		if st.hasPeriod() {
			f = append(f, periodPart+"=FROM/UNTIL")
		}
		forms = append(forms, strings.Join(f, ","))
	}
	return bad("a %s key has the parts %s", t.Name, strings.Join(forms, " or "))
}

// compared returns the indices of the fields whose answers are compared
// for records paired by the stage: every field but ids (id, series, source
// references), text (names, instruments, quotes, notes) and the stage's
// key fields.
func (st *matchStage) compared(t *dataset.Table) []int {
	var out []int
	for j, f := range t.Fields {
		if f.Kind == dataset.KindID || f.Kind == dataset.KindText {
			continue
		}
		if slices.ContainsFunc(st.fields, func(k keyField) bool { return k.name == f.Name }) {
			continue
		}
		out = append(out, j)
	}
	return out
}

// recordPair is a record of coding A paired with one of coding B.
type recordPair struct{ a, b int }

// pairs pairs the records of ra and rb not yet used whose key values under
// the stage are equal: by the greatest overlap of their periods (any pair
// when each coding has one record of the key), or in order.
func (st *matchStage) pairs(ra, rb []*codedRecord, usedA, usedB []bool) []recordPair {
	group := func(rs []*codedRecord, used []bool) (map[string][]int, []string) {
		m := map[string][]int{}
		var order []string
		for i, r := range rs {
			if used[i] {
				continue
			}
			vals, ok := st.keyValues(r)
			if !ok {
				continue
			}
			k := fmt.Sprintf("%q", vals)
			if _, seen := m[k]; !seen {
				order = append(order, k)
			}
			m[k] = append(m[k], i)
		}
		return m, order
	}
	ga, order := group(ra, usedA)
	gb, _ := group(rb, usedB)
	var out []recordPair
	for _, k := range order {
		as, bs := ga[k], gb[k]
		if len(bs) == 0 {
			continue
		}
		out = append(out, st.pairGroup(ra, rb, as, bs)...)
	}
	return out
}

func (st *matchStage) pairGroup(ra, rb []*codedRecord, as, bs []int) []recordPair {
	type cand struct {
		a, b        int // positions in as and bs
		score, dist int64
	}
	var cs []cand
	single := len(as) == 1 && len(bs) == 1
	for x, ia := range as {
		for y, ib := range bs {
			if st.compat != nil && !st.compat(ra[ia], rb[ib]) {
				continue
			}
			c := cand{a: x, b: y}
			if st.hasPeriod() {
				pa, pb := st.periodOf(ra[ia]), st.periodOf(rb[ib])
				days, ok := spanOverlap(pa, pb)
				if !ok && !single {
					continue
				}
				la, _ := pa.bounds()
				lb, _ := pb.bounds()
				c.score, c.dist = days, (la.Unix()-lb.Unix())/86400
				if c.dist < 0 {
					c.dist = -c.dist
				}
			}
			cs = append(cs, c)
		}
	}
	slices.SortStableFunc(cs, func(p, q cand) int {
		switch {
		case p.score != q.score:
			return compareInt64(q.score, p.score)
		case p.dist != q.dist:
			return compareInt64(p.dist, q.dist)
		case p.a != q.a:
			return p.a - q.a
		}
		return p.b - q.b
	})
	takenA, takenB := map[int]bool{}, map[int]bool{}
	var out []recordPair
	for _, c := range cs {
		if takenA[c.a] || takenB[c.b] {
			continue
		}
		takenA[c.a], takenB[c.b] = true, true
		out = append(out, recordPair{as[c.a], bs[c.b]})
	}
	return out
}

func compareInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
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

// normalURL is the form URLs are compared in: no scheme, host lower case
// without "www.", no trailing slash.
func normalURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.TrimSuffix(strings.ToLower(raw), "/")
	}
	s := strings.TrimPrefix(strings.ToLower(u.Host), "www.") + strings.TrimSuffix(u.EscapedPath(), "/")
	if u.RawQuery != "" {
		s += "?" + u.RawQuery
	}
	return s
}

// ResolvedEmpty is the resolved value that leaves a field blank.
const ResolvedEmpty = "(empty)"

// ReviewSheet is the sheet of a review workbook that holds the divergences,
// one a row below a header of ReviewColumns.
const ReviewSheet = "Review"

// ReviewColumn is a column of the review sheet: its header, and the name a
// Resolution's Origin gives its cells.
type ReviewColumn struct {
	Header string
	Cell   string
}

// ReviewColumns are the columns of the review sheet, in order: the writer
// of the review workbook and its reader share them.
var ReviewColumns = []ReviewColumn{
	{"Table", "table"},
	{"Record", "record"},
	{"Field", "field"},
	{"Divergence", "kind"},
	{"Coder A", "a"},
	{"A cell", "a_pos"},
	{"Coder B", "b"},
	{"B cell", "b_pos"},
	{"Resolved value", "value"},
	{"Reviewer note", "note"},
}

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
			res.Problems.Add(code, dataset.Error, r.Origin.FieldPos(cell), field, format, args...)
			res.Problems[len(res.Problems)-1].Table = r.Table
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

// orEmpty returns ds, or an empty dataset for nil.
func orEmpty(ds *dataset.Dataset) *dataset.Dataset {
	if ds == nil {
		return &dataset.Dataset{}
	}
	return ds
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

// findByKey returns the record of table t in ds that a natural key (as
// Compare writes it) names: the only record of equal key values, or,
// in a timeline, the one whose period shares the most days with the key's.
// recs are the table's records in ds (codedRecords).
func findByKey(t *dataset.Table, ds *dataset.Dataset, recs []*codedRecord, key string) (int, error) {
	st, want, p, err := parseKey(t, key)
	if err != nil {
		return -1, err
	}
	var cands []int
	for i, r := range recs {
		if vals, ok := st.keyValues(r); ok && slices.Equal(vals, want) {
			cands = append(cands, i)
		}
	}
	positions := func(is []int) string {
		var s []string
		for _, i := range is {
			s = append(s, rowPos(t, ds, i).String())
		}
		return strings.Join(s, ", ")
	}
	switch {
	case len(cands) == 0:
		return -1, fmt.Errorf("the dataset has no %s record %s", t.Name, key)
	case len(cands) == 1:
		return cands[0], nil
	case !st.hasPeriod():
		return -1, fmt.Errorf("the dataset has %d %s records %s (%s): the review cannot tell which", len(cands), t.Name, key, positions(cands))
	}
	best, bestDays, ties := -1, int64(-1), []int(nil)
	for _, i := range cands {
		days, ok := spanOverlap(st.periodOf(recs[i]), p)
		switch {
		case !ok:
		case days > bestDays:
			best, bestDays, ties = i, days, []int{i}
		case days == bestDays:
			ties = append(ties, i)
		}
	}
	switch {
	case best < 0:
		return -1, fmt.Errorf("no %s record %s in the dataset covers the period %s (it has %s)", t.Name, key, p, positions(cands))
	case len(ties) > 1:
		return -1, fmt.Errorf("%d %s records %s cover the period %s alike (%s): the review cannot tell which", len(ties), t.Name, key, p, positions(ties))
	}
	return best, nil
}
