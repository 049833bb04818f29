package dataset

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ValidateOptions configures Validate. The zero value runs every check that
// does not depend on today's date.
type ValidateOptions struct {
	// Now is the current time: facts dated after its day are in the future,
	// and verifications are aged against it. The zero time turns both the
	// future-error and the stale-verification checks off.
	Now time.Time
	// MaxVerifiedAge is how long ago a provision's verified_on may end before
	// it draws a stale-verification warning; 0 turns the check off.
	MaxVerifiedAge time.Duration
}

// Validate checks the dataset against the contract of SCHEMA.md and returns
// the problems, sorted, each with its table and the position of the cell it
// concerns: the record's origin when it knows one, else the cell the record
// has in the file Save writes (see Table.FieldPos).
//
// It checks every cell against its field (required, vocabulary, id and code
// patterns, ISO 3166-1 codes, percent and number ranges, URLs, lists); primary
// keys (primary-key-error) and references to jurisdictions and sources
// (foreign-key-error); the order of dates within a record (date-order-error)
// and of ages (age-order-error); parents of territories (parent-error);
// child_population with its year and source (required-error); overlapping
// periods of one jurisdiction and setting (overlap-error); survey series
// (series-error); commitments that ended while a setting was still lawful
// (commitment-error); facts dated after opt.Now (future-error); sources no
// record cites (unused-source, a warning) and verifications older than
// opt.MaxVerifiedAge (stale-verification, a warning).
//
// A cell that breaks its own field's rules gets only that problem: the checks
// across cells and records skip it.
func (ds *Dataset) Validate(opt ValidateOptions) Problems {
	v := &validator{ds: ds, opt: opt, bad: map[Pos]bool{}, cited: map[string]bool{}}
	v.cells()
	v.primaryKeys()
	v.references()
	v.jurisdictions()
	v.dateOrder()
	v.ages()
	v.timelines()
	v.series()
	v.commitments()
	if !opt.Now.IsZero() {
		v.future()
		v.stale()
	}
	v.unusedSources()
	v.ps.Sort()
	return v.ps
}

// Merge returns the problems of ps and those of more, sorted, leaving out
// every problem of more at a cell (a position with a row and a column) where
// ps already has an error. It combines Load's problems with Validate's: Load
// leaves a cell it cannot read empty, and the cell is then reported once, by
// Load, rather than again as missing. Neither list is modified.
func (ps Problems) Merge(more Problems) Problems {
	bad := map[Pos]bool{}
	for _, p := range ps {
		if p.Severity == Error && p.Pos.Row > 0 && p.Pos.Col > 0 {
			bad[p.Pos] = true
		}
	}
	out := make(Problems, 0, len(ps)+len(more))
	out = append(out, ps...)
	for _, p := range more {
		if !bad[p.Pos] {
			out = append(out, p)
		}
	}
	out.Sort()
	return out
}

// validator collects the problems of one Validate call.
type validator struct {
	ds    *Dataset
	opt   ValidateOptions
	ps    Problems
	bad   map[Pos]bool    // cells with a problem of their own field
	cited map[string]bool // ids of sources some record cites
}

// add reports a problem at one field of record i of the named table, unless
// that cell already has a problem of its own.
func (v *validator) add(table string, i int, field, code string, sev Severity, format string, args ...any) {
	t := TableByName(table)
	pos := t.FieldPos(v.ds, i, field)
	if pos.Col > 0 && v.bad[pos] {
		return
	}
	v.ps.AddIn(t.Name, code, sev, pos, field, format, args...)
}

// pos returns the position of one field of record i of the named table.
func (v *validator) pos(table string, i int, field string) Pos {
	return TableByName(table).FieldPos(v.ds, i, field)
}

// cells checks every cell against its field, by its stored form.
func (v *validator) cells() {
	for _, t := range Tables() {
		for i := range t.Len(v.ds) {
			values := t.Values(v.ds, i)
			for j := range t.Fields {
				f := &t.Fields[j]
				for _, p := range f.Check(values[j], t.FieldPos(v.ds, i, f.Name)) {
					p.Table = t.Name
					v.ps = append(v.ps, p)
					if p.Pos.Col > 0 {
						v.bad[p.Pos] = true
					}
				}
			}
		}
	}
}

// primaryKeys reports every record whose primary key an earlier record of
// its table already has, naming where the first one is. Records with an
// empty key column are left to the required check.
func (v *validator) primaryKeys() {
	for _, t := range Tables() {
		first := map[string]int{}
		for i := range t.Len(v.ds) {
			key := t.KeyOf(v.ds, i)
			parts := strings.Split(key, "\t")
			if containsEmpty(parts) {
				continue
			}
			j, dup := first[key]
			if !dup {
				first[key] = i
				continue
			}
			var what string
			if len(t.Key) == 1 {
				what = fmt.Sprintf("%s %q", t.Key[0], parts[0])
			} else {
				what = fmt.Sprintf("(%s) = (%s)", strings.Join(t.Key, ", "), strings.Join(parts, ", "))
			}
			v.add(t.Name, i, t.Key[0], CodePrimaryKey, Error,
				"%s is not unique: first used at %s", what, t.FieldPos(v.ds, j, t.Key[0]))
		}
	}
}

func containsEmpty(ss []string) bool {
	for _, s := range ss {
		if s == "" {
			return true
		}
	}
	return false
}

// references reports references to jurisdictions and sources that do not
// exist, item by item for lists, and notes which sources are cited.
func (v *validator) references() {
	keys := map[string]map[string]bool{}
	keysOf := func(table string) map[string]bool {
		if k, ok := keys[table]; ok {
			return k
		}
		t := TableByName(table)
		k := map[string]bool{}
		for i := range t.Len(v.ds) {
			k[t.KeyOf(v.ds, i)] = true
		}
		keys[table] = k
		return k
	}
	sources := keysOf("sources")
	for _, t := range Tables() {
		for _, f := range t.Fields {
			if f.Name == "notes" || f.Name == "note" {
				v.noteCitations(t, f.Name, sources)
			}
			if f.Ref == "" {
				continue
			}
			known := keysOf(f.Ref)
			for i := range t.Len(v.ds) {
				val := t.Value(v.ds, i, f.Name)
				if val == "" {
					continue
				}
				items := []string{val}
				if f.Kind == KindList {
					items = strings.Split(val, ";")
				}
				var missing []string
				for _, it := range items {
					if f.Ref == "sources" {
						v.cited[it] = true
					}
					if !known[it] {
						missing = append(missing, fmt.Sprintf("%q", it))
					}
				}
				if len(missing) > 0 {
					v.add(t.Name, i, f.Name, CodeForeignKey, Error,
						"%s: %s not found in %s", f.Name, strings.Join(missing, ", "), TableByName(f.Ref).Path)
				}
			}
		}
	}
}

// noteCitation is how a note cites a further source, inside parentheses:
// "(source: gi-sweden)", "(source: gi-sweden; weak)" or "(GI, 2017; source:
// gi-sweden)".
var noteCitation = regexp.MustCompile(`\([^()]*?\bsource: ([a-z0-9-]+)[);,]`)

// noteCitations marks the sources a note cites as "(source: ID)" as cited,
// and reports a cited id that is not in sources.csv. A record has one source
// column; its notes may name further sources for facts they mention (a
// disagreement, a weaker source for one date), and memberships, which have no
// source column, cite theirs this way.
func (v *validator) noteCitations(t *Table, field string, known map[string]bool) {
	for i := range t.Len(v.ds) {
		for _, m := range noteCitation.FindAllStringSubmatch(t.Value(v.ds, i, field), -1) {
			v.cited[m[1]] = true
			if !known[m[1]] {
				v.add(t.Name, i, field, CodeForeignKey, Error,
					"%s cites source %q, which is not in sources.csv", field, m[1])
			}
		}
	}
}

// jurisdictions checks parents and the child population's companions.
func (v *validator) jurisdictions() {
	kind := map[string]JurisdictionKind{}
	for _, j := range v.ds.Jurisdictions {
		if _, seen := kind[j.Code]; !seen {
			kind[j.Code] = j.Kind
		}
	}
	for i, j := range v.ds.Jurisdictions {
		switch {
		case j.Kind == Territory && j.Parent == "":
			v.add("jurisdictions", i, "parent", CodeParent, Error,
				"parent: territory %s needs a parent, the state it belongs to", j.Code)
		case j.Kind == State && j.Parent != "":
			v.add("jurisdictions", i, "parent", CodeParent, Error,
				"parent: state %s has parent %s; make it a territory or clear parent", j.Code, j.Parent)
		case j.Parent != "" && kind[j.Parent] == Territory:
			v.add("jurisdictions", i, "parent", CodeParent, Error,
				"parent: %s is itself a territory; give the state it belongs to", j.Parent)
		}

		given := map[string]bool{
			"child_population":        j.ChildPopulation != nil,
			"child_population_year":   j.ChildPopulationYear != nil,
			"child_population_source": j.ChildPopulationSource != "",
		}
		names := []string{"child_population", "child_population_year", "child_population_source"}
		var have []string
		for _, n := range names {
			if given[n] {
				have = append(have, n)
			}
		}
		if len(have) == 0 || len(have) == len(names) {
			continue
		}
		for _, n := range names {
			if !given[n] {
				v.add("jurisdictions", i, n, CodeRequired, Error,
					"%s: required with %s (the three go together)", n, strings.Join(have, " and "))
			}
		}
	}
}

// before reports whether a date that ends a period certainly lies before a
// date that starts one: the whole of until's period ends before from's begins.
func before(until, from Date) bool {
	return !until.IsZero() && !from.IsZero() && until.End().Before(from.Start())
}

// dateOrder checks the dates within each record.
func (v *validator) dateOrder() {
	order := func(table string, i int, fromField string, from Date, untilField string, until Date) {
		if before(until, from) {
			v.add(table, i, untilField, CodeDateOrder, Error,
				"%s %s is before %s %s", untilField, until, fromField, from)
		}
	}
	for i := range v.ds.Provisions {
		p := &v.ds.Provisions[i]
		order("provisions", i, "adopted", p.Adopted, "in_force", p.InForce)
		start, inForce := p.Start()
		order("provisions", i, startField(inForce), start, "until", p.Until)
	}
	for i, m := range v.ds.Memberships {
		order("memberships", i, "from", m.From, "until", m.Until)
	}
	for i, c := range v.ds.Commitments {
		order("commitments", i, "from", c.From, "until", c.Until)
	}
	for i, c := range v.ds.Campaigns {
		order("campaigns", i, "start", c.Start, "end", c.End)
	}
	for i, p := range v.ds.Programmes {
		order("programmes", i, "start", p.Start, "end", p.End)
	}
}

// startField names the provision column Provision.Start took its date from.
func startField(inForce bool) string {
	if inForce {
		return "in_force"
	}
	return "adopted"
}

// ages checks that a programme's age range is not reversed.
func (v *validator) ages() {
	for i, p := range v.ds.Programmes {
		if p.AgeFrom != nil && p.AgeTo != nil && *p.AgeTo < *p.AgeFrom {
			v.add("programmes", i, "age_to", CodeAgeOrder, Error,
				"age_to %d is below age_from %d", *p.AgeTo, *p.AgeFrom)
		}
	}
}

// timelines checks that the provisions of one jurisdiction and setting do
// not overlap. A provision holds over [start, until), start being in_force or
// else adopted, and an empty until meaning it still holds. As SCHEMA.md says,
// a start is read as the first day of its period and an until as the last, so
// "until 1979" overlaps "in_force 1979-07"; the one exception is a handover
// written with the same date on both sides ("until 1979", "in_force 1979"),
// which is how a change within a period is recorded at that precision.
// A provision with no start cannot be placed; it is reported only when its
// timeline has other rows. Records whose until is before their start are left
// to dateOrder.
func (v *validator) timelines() {
	type group struct {
		jurisdiction string
		setting      Setting
		rows         []int
	}
	var groups []*group
	byKey := map[string]*group{}
	for i, p := range v.ds.Provisions {
		if p.Jurisdiction == "" || p.Setting == "" {
			continue
		}
		k := p.Jurisdiction + "\t" + string(p.Setting)
		g := byKey[k]
		if g == nil {
			g = &group{jurisdiction: p.Jurisdiction, setting: p.Setting}
			byKey[k] = g
			groups = append(groups, g)
		}
		g.rows = append(g.rows, i)
	}
	for _, g := range groups {
		if len(g.rows) < 2 {
			continue
		}
		var placed []int
		for _, i := range g.rows {
			p := &v.ds.Provisions[i]
			start, _ := p.Start()
			switch {
			case start.IsZero():
				v.add("provisions", i, "in_force", CodeOverlap, Error,
					"%s %s: neither in_force nor adopted is set, so this row cannot be placed among the %d rows of its timeline",
					g.jurisdiction, g.setting, len(g.rows))
			case before(p.Until, start):
			default:
				placed = append(placed, i)
			}
		}
		for a, i := range placed {
			for _, j := range placed[a+1:] {
				first, later := i, j
				si, _ := v.ds.Provisions[i].Start()
				sj, _ := v.ds.Provisions[j].Start()
				if sj.Compare(si) < 0 {
					first, later = j, i
				}
				if !overlaps(&v.ds.Provisions[first], &v.ds.Provisions[later]) {
					continue
				}
				p, q := &v.ds.Provisions[later], &v.ds.Provisions[first]
				_, inForce := p.Start()
				_, qInForce := q.Start()
				v.add("provisions", later, startField(inForce), CodeOverlap, Error,
					"%s %s: this period (%s) overlaps %s (%s) at %s",
					g.jurisdiction, g.setting, period(p), q.ID, period(q), v.pos("provisions", first, startField(qInForce)))
			}
		}
	}
}

// overlaps reports whether provision q, starting no earlier than p, starts
// before p's until.
func overlaps(p, q *Provision) bool {
	if p.Until.IsZero() {
		return true
	}
	qs, _ := q.Start()
	if qs == p.Until {
		return false
	}
	return qs.Start().Before(p.Until.End())
}

// Overlaps reports whether the periods of two provisions overlap, as
// Validate checks the provisions of one jurisdiction and setting
// (overlap-error); a provision with no start overlaps any other.
func (p *Provision) Overlaps(q *Provision) bool {
	ps, _ := p.Start()
	qs, _ := q.Start()
	switch {
	case ps.IsZero() || qs.IsZero():
		return true
	case qs.Compare(ps) < 0:
		return overlaps(q, p)
	}
	return overlaps(p, q)
}

// Period describes a provision's period for a message: "in_force 2017, no
// until".
func (p *Provision) Period() string { return period(p) }

// period describes a provision's period for a message.
func period(p *Provision) string {
	start, inForce := p.Start()
	s := startField(inForce) + " " + start.String()
	if p.Until.IsZero() {
		return s + ", no until"
	}
	return s + " until " + p.Until.String()
}

// series checks that the surveys of one series measure one indicator among
// one respondent group in one jurisdiction, comparing each row with the
// series' first row.
func (v *validator) series() {
	first := map[string]int{}
	for i, s := range v.ds.Surveys {
		if s.Series == "" {
			continue
		}
		j, ok := first[s.Series]
		if !ok {
			first[s.Series] = i
			continue
		}
		f := v.ds.Surveys[j]
		check := func(field, what, got, want string) {
			if got != want {
				v.add("surveys", i, field, CodeSeries, Error,
					"series %q %s: %s here, %s at %s", s.Series, what, got, want, v.pos("surveys", j, field))
			}
		}
		check("indicator", "mixes indicators", string(s.Indicator), string(f.Indicator))
		check("respondents", "mixes respondent groups", s.Respondents, f.Respondents)
		check("jurisdiction", "spans jurisdictions", s.Jurisdiction, f.Jurisdiction)
	}
}

// commitments checks commitments that ended. SCHEMA.md says an until means
// the commitment was revoked or superseded by full prohibition; unless its
// notes say it was revoked (or withdrawn), an ended commitment is taken to
// claim full prohibition, and that claim is wrong when a provision of the
// jurisdiction that applies on the last day of until's period is
// not_prohibited. A current commitment (no until) is never a problem.
func (v *validator) commitments() {
	for i, c := range v.ds.Commitments {
		if c.Until.IsZero() || c.Jurisdiction == "" {
			continue
		}
		notes := strings.ToLower(c.Notes)
		if strings.Contains(notes, "revok") || strings.Contains(notes, "withdr") {
			continue
		}
		day := c.Until.End()
		var lawful []string
		for _, p := range v.ds.Provisions {
			if p.Jurisdiction == c.Jurisdiction && p.Status == NotProhibited && applies(&p, day) {
				lawful = append(lawful, fmt.Sprintf("%s (%s)", p.Setting, p.ID))
			}
		}
		if len(lawful) > 0 {
			v.add("commitments", i, "until", CodeCommitment, Error,
				"until %s says the commitment was superseded by full prohibition, but %s still not_prohibited then; if it was revoked, say so in notes",
				c.Until, strings.Join(lawful, ", ")+pluralIs(len(lawful)))
		}
	}
}

func pluralIs(n int) string {
	if n == 1 {
		return " is"
	}
	return " are"
}

// applies reports whether a provision holds on day: it has started by then
// and its until, if any, ends after it.
func applies(p *Provision, day time.Time) bool {
	start, _ := p.Start()
	if start.IsZero() || start.Start().After(day) {
		return false
	}
	return p.Until.IsZero() || p.Until.End().After(day)
}

// future reports facts dated after today: every date that starts something
// (all but until and end, which may be planned) and survey years. A law's
// in_force may lie ahead when it was adopted by today: that is a warning.
func (v *validator) future() {
	today := DateOf(v.opt.Now)
	for _, t := range Tables() {
		for _, f := range t.Fields {
			if f.Kind != KindDate || f.Name == "until" || f.Name == "end" {
				continue
			}
			for i := range t.Len(v.ds) {
				d, err := ParseDate(t.Value(v.ds, i, f.Name))
				if err != nil || d.IsZero() || !d.Start().After(today.Start()) {
					continue
				}
				if t.Name == "provisions" && f.Name == "in_force" {
					adopted := v.ds.Provisions[i].Adopted
					if !adopted.IsZero() && !adopted.Start().After(today.Start()) {
						v.add(t.Name, i, f.Name, CodeFuture, Warning,
							"in_force %s is after today (%s): adopted %s, it takes effect later", d, today, adopted)
						continue
					}
				}
				v.add(t.Name, i, f.Name, CodeFuture, Error, "%s %s is after today (%s)", f.Name, d, today)
			}
		}
	}
	for i, s := range v.ds.Surveys {
		if s.Year > today.Year() {
			v.add("surveys", i, "year", CodeFuture, Error, "year %d is after this year (%d)", s.Year, today.Year())
		}
	}
}

// stale warns about provisions whose verified_on ended more than
// MaxVerifiedAge before today.
func (v *validator) stale() {
	if v.opt.MaxVerifiedAge <= 0 {
		return
	}
	today := DateOf(v.opt.Now)
	for i, p := range v.ds.Provisions {
		if p.VerifiedOn.IsZero() || today.Start().Sub(p.VerifiedOn.End()) <= v.opt.MaxVerifiedAge {
			continue
		}
		v.add("provisions", i, "verified_on", CodeStale, Warning,
			"verified_on %s is more than %s before today (%s): check it against the source again",
			p.VerifiedOn, age(v.opt.MaxVerifiedAge), today)
	}
}

// age prints a duration in days when it is a whole number of them.
func age(d time.Duration) string {
	const day = 24 * time.Hour
	if d%day == 0 {
		if d == day {
			return "1 day"
		}
		return fmt.Sprintf("%d days", d/day)
	}
	return d.String()
}

// unusedSources warns about sources no record cites.
func (v *validator) unusedSources() {
	for i, s := range v.ds.Sources {
		if s.ID != "" && !v.cited[s.ID] {
			v.add("sources", i, "id", CodeUnusedSource, Warning, "source %q is not cited by any record", s.ID)
		}
	}
}
