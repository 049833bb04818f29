package mapping

import (
	"slices"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Uncertain is the status of a cell whose date falls within an imprecise
// boundary between periods of different status (see the package
// documentation). It is not a stored value of provisions.csv.
const Uncertain dataset.Status = "uncertain"

// Cell is the legal status of one setting of one jurisdiction on a date.
type Cell struct {
	Setting dataset.Setting `json:"setting"`
	// Status is the status in force on the date: unknown when no period
	// covers it, Uncertain when the date falls within an imprecise boundary
	// and the readings differ.
	Status dataset.Status `json:"status"`
	// Possible lists the statuses an Uncertain cell may have, in the order
	// of dataset.Statuses.
	Possible []dataset.Status `json:"possible,omitempty"`
	// Boundary is true when the date falls within an imprecise boundary,
	// whether or not the status depends on it.
	Boundary bool `json:"boundary,omitempty"`
	// FromAdopted is true when the period in force is counted from the date
	// of adoption because its in_force date is not recorded.
	FromAdopted bool `json:"from_adopted,omitempty"`
	// Undated is true when the provision in force has neither an in_force
	// nor an adopted date: it speaks for the time from which it is attested
	// (AttestedFrom) and not before.
	Undated bool `json:"undated,omitempty"`
	// AttestedFrom is, for an Undated provision, the date from which it is
	// attested: its verified_on, else its source's published, else its
	// source's accessed date.
	AttestedFrom dataset.Date `json:"attested_from,omitzero"`
	// Inferred is true when no provision covers the date and the status is
	// inferred: not_prohibited, because the date is before the setting's
	// first dated prohibition (InferredBefore) took effect.
	Inferred bool `json:"inferred,omitempty"`
	// InferredBefore is the prohibition an Inferred status comes before.
	InferredBefore *ProvisionRef `json:"inferred_before,omitempty"`
	// Unplaced lists provisions of the setting that carry no date at all
	// (no adopted, in_force or verified_on, and a source with no published
	// or accessed date): they cannot be placed in time and speak for no date.
	Unplaced []ProvisionRef `json:"unplaced,omitempty"`
	// Provisions holds the provision in force on the date, or, on a
	// boundary, every provision that may be in force, earliest first.
	Provisions []ProvisionRef `json:"provisions,omitempty"`
	// Pending lists provisions certainly adopted by the date (the last day
	// of adopted is on or before it) that come into force after it.
	Pending []ProvisionRef `json:"pending,omitempty"`
}

// Row is one jurisdiction of a status matrix.
type Row struct {
	Jurisdiction string `json:"jurisdiction"`
	Name         string `json:"name"`
	// Cells holds one cell per setting, in the order of dataset.Settings.
	Cells    []Cell   `json:"cells"`
	Category Category `json:"category"`
	// CategoryUncertain is true when a setting whose status is uncertain or
	// unknown could change the category.
	CategoryUncertain bool `json:"category_uncertain,omitempty"`
	// Committed is true when a commitment to full prohibition is current on
	// the date and full prohibition is not yet in force.
	Committed bool `json:"committed"`
	// Commitment is the commitment current on the date, if any.
	Commitment *CommitmentRef `json:"commitment,omitempty"`
	// CommitmentNotApplicable is true when the jurisdiction prohibits in
	// all settings on the date: a commitment to full prohibition no longer
	// applies, and Committed is false.
	CommitmentNotApplicable bool `json:"commitment_not_applicable,omitempty"`
}

// Cell returns the row's cell of setting s, and false when there is none.
func (r *Row) Cell(s dataset.Setting) (Cell, bool) {
	for _, c := range r.Cells {
		if c.Setting == s {
			return c, true
		}
	}
	return Cell{}, false
}

// Matrix is the status of a set of jurisdictions on one date.
type Matrix struct {
	AsOf dataset.Date `json:"as_of"`
	// Rows holds one row per jurisdiction, sorted by code.
	Rows []Row `json:"rows"`
	// Children is the share of children living under full prohibition.
	Children ChildShare `json:"children"`
}

// presence says whether a provision's period holds on a day.
type presence int

const (
	out   presence = iota // certainly not
	maybe                 // the day falls within an imprecise boundary
	in                    // certainly
)

// periodOn says whether a period [start, until) holds on day t. A start of
// reduced precision names the period within which the status took effect:
// on its days before the last one the status may or may not apply yet. An
// until of reduced precision likewise. A zero start holds from all time.
func periodOn(start, until dataset.Date, t time.Time) presence {
	first := in
	if !start.IsZero() {
		switch {
		case t.Before(start.Start()):
			return out
		case t.Before(start.End()):
			first = maybe
		}
	}
	if !until.IsZero() {
		switch {
		case !t.Before(until.End()):
			return out
		case !t.Before(until.Start()):
			return maybe
		}
	}
	return first
}

// startKind says where the date a provision speaks from comes from.
type startKind int

const (
	fromNothing  startKind = iota // no date at all: it speaks for no date
	fromInForce                   // in_force
	fromAdopted                   // adopted, in_force not recorded
	fromAttested                  // verified_on, or its source's published or accessed date
)

// speaksFrom returns the date from which provision p speaks and where that
// date comes from: its in_force, else its adopted date, else the date from
// which it is attested (its verified_on, else its source's published, else
// accessed date). A provision with none of these speaks for no date.
func (x *index) speaksFrom(p *dataset.Provision) (dataset.Date, startKind) {
	if !p.InForce.IsZero() {
		return p.InForce, fromInForce
	}
	if !p.Adopted.IsZero() {
		return p.Adopted, fromAdopted
	}
	if d := x.attested(p); !d.IsZero() {
		return d, fromAttested
	}
	return dataset.Date{}, fromNothing
}

// attested returns the date from which an undated provision is attested:
// its verified_on, else its source's published date, else its source's
// accessed date; zero when there is none.
func (x *index) attested(p *dataset.Provision) dataset.Date {
	if !p.VerifiedOn.IsZero() {
		return p.VerifiedOn
	}
	if src := x.sources[p.Source]; src != nil {
		if !src.Published.IsZero() {
			return src.Published
		}
		return src.Accessed
	}
	return dataset.Date{}
}

// presence says whether provision p's period holds on day t (see periodOn
// and speaksFrom).
func (x *index) presence(p *dataset.Provision, t time.Time) presence {
	start, kind := x.speaksFrom(p)
	if kind == fromNothing {
		return out
	}
	return periodOn(start, p.Until, t)
}

// ref returns the provision as answers cite it.
func ref(p *dataset.Provision) ProvisionRef {
	return ProvisionRef{
		ID:          p.ID,
		Status:      p.Status,
		Unconfirmed: p.Confirmed != nil && !*p.Confirmed,
		Adopted:     p.Adopted,
		InForce:     p.InForce,
		Until:       p.Until,
		Instrument:  p.Instrument,
		Provision:   p.Provision,
		Quote:       p.Quote,
		Translation: string(p.Translation),
		Source:      p.Source,
		VerifiedOn:  p.VerifiedOn,
	}
}

// cellOn returns the status of one setting on day t from its timeline
// (rows sorted by start).
func (x *index) cellOn(s dataset.Setting, rows []*dataset.Provision, t time.Time) Cell {
	c := Cell{Setting: s, Status: dataset.Unknown}
	var ins, maybes []*dataset.Provision
	for _, p := range rows {
		if _, kind := x.speaksFrom(p); kind == fromNothing {
			c.Unplaced = append(c.Unplaced, ref(p))
			continue
		}
		switch x.presence(p, t) {
		case in:
			ins = append(ins, p)
		case maybe:
			maybes = append(maybes, p)
		}
		if p.Adopted.IsZero() || p.InForce.IsZero() {
			continue
		}
		if !t.Before(p.Adopted.End()) && t.Before(p.InForce.Start()) {
			c.Pending = append(c.Pending, ref(p))
		}
	}
	ban := firstBan(rows)
	switch {
	case len(ins) > 0:
		// Periods must not overlap; if they do (invalid data), the latest
		// to take effect answers.
		p := ins[len(ins)-1]
		c.Status = p.Status
		c.Provisions = []ProvisionRef{ref(p)}
		start, kind := x.speaksFrom(p)
		c.FromAdopted = kind == fromAdopted
		if kind == fromAttested {
			c.Undated, c.AttestedFrom = true, start
		}
	case len(maybes) > 0:
		c.Boundary = true
		possible := map[dataset.Status]bool{}
		for _, p := range maybes {
			possible[p.Status] = true
			c.Provisions = append(c.Provisions, ref(p))
			start, kind := x.speaksFrom(p)
			switch kind {
			case fromAdopted:
				c.FromAdopted = true
			case fromAttested:
				c.Undated, c.AttestedFrom = true, start
			}
		}
		if !adjoin(maybes) {
			// Nothing may cover the day: before a dated ban, that is
			// not_prohibited, else unknown.
			if ban != nil && before(t, ban) {
				possible[dataset.NotProhibited] = true
				c.Inferred, c.InferredBefore = true, refPtr(ban)
			} else {
				possible[dataset.Unknown] = true
			}
		}
		for _, st := range dataset.Statuses {
			if possible[st] {
				c.Possible = append(c.Possible, st)
			}
		}
		if len(c.Possible) == 1 {
			c.Status = c.Possible[0]
			c.Possible = nil
		} else {
			c.Status = Uncertain
		}
	case ban != nil && before(t, ban):
		c.Status = dataset.NotProhibited
		c.Inferred, c.InferredBefore = true, refPtr(ban)
	}
	return c
}

// firstBan returns the earliest provision of a timeline (rows sorted by
// start) that prohibits and has an adopted or in_force date, or nil.
func firstBan(rows []*dataset.Provision) *dataset.Provision {
	for _, p := range rows {
		if start, _ := p.Start(); p.Status == dataset.Prohibited && !start.IsZero() {
			return p
		}
	}
	return nil
}

// before reports whether day t may fall before ban took effect: before the
// last day of its start (in_force, else adopted).
func before(t time.Time, ban *dataset.Provision) bool {
	start, _ := ban.Start()
	return t.Before(start.End())
}

// refPtr returns ref(p) as a pointer.
func refPtr(p *dataset.Provision) *ProvisionRef {
	r := ref(p)
	return &r
}

// adjoin reports whether two of the provisions meet: one ends with the very
// date (as written) the other starts with, so that one of them certainly
// applies on a day within that date.
func adjoin(ps []*dataset.Provision) bool {
	for _, a := range ps {
		if a.Until.IsZero() {
			continue
		}
		for _, b := range ps {
			if start, _ := b.Start(); a != b && a.Until.Compare(start) == 0 {
				return true
			}
		}
	}
	return false
}

// CellOn returns the status of one setting of one jurisdiction on day on.
func (ix *Index) CellOn(code string, s dataset.Setting, on time.Time) Cell {
	return ix.x.cellOn(s, ix.x.provisions[code][s], day(on))
}

// Status returns the status matrix of the jurisdictions codes on day on: one
// row per code, sorted, with each setting's status, the category and the
// commitment, and the share of children living under full prohibition.
func (ix *Index) Status(codes []string, on time.Time) Matrix {
	x := ix.x
	t := day(on)
	m := Matrix{AsOf: dataset.DateOf(t), Rows: []Row{}}
	for _, code := range sortedCodes(codes) {
		m.Rows = append(m.Rows, x.row(code, t))
	}
	m.Children = x.childShare(m.Rows)
	return m
}

// row returns one jurisdiction's row on day t.
func (x *index) row(code string, t time.Time) Row {
	r := Row{Jurisdiction: code, Name: x.name(code)}
	for _, s := range dataset.Settings {
		r.Cells = append(r.Cells, x.cellOn(s, x.provisions[code][s], t))
	}
	for _, c := range x.commitments[code] {
		if activeOn(c.From, c.Until, t) {
			r.Committed = true
			r.Commitment = &CommitmentRef{From: c.From, Until: c.Until, Source: c.Source, Notes: c.Notes}
		}
	}
	r.Category, r.CategoryUncertain = categorise(r.Cells, r.Committed)
	if r.Category == AllSettings {
		// A commitment to full prohibition means nothing once it is in force.
		r.Committed, r.Commitment, r.CommitmentNotApplicable = false, nil, true
	}
	return r
}

// sortedCodes returns the codes sorted, without duplicates.
func sortedCodes(codes []string) []string {
	out := slices.Clone(codes)
	slices.Sort(out)
	return slices.Compact(out)
}
