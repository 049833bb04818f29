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
	// Two researchers' searches of one topic pair up by the day they were
	// made, else by topic alone when each made one search of it.
	"coverage": {
		{fields: kf("jurisdiction", "topic", "checked_on")},
		{fields: kf("jurisdiction", "topic")},
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
