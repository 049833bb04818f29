package mapping

import (
	"cmp"
	"slices"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Index is the one read model of a dataset: it answers the mapping's
// questions (Status, Progress, Trends, Timeline, Measures, Summarise) and
// looks up its records by jurisdiction, code and id, from an index of the
// records built once by NewIndex. Building it costs as much as an answer
// at scale: a caller builds one Index and asks it everything.
//
// An Index holds pointers into the dataset and never modifies it; the
// dataset must not change while the Index is in use. An Index is safe for
// concurrent use.
type Index struct {
	x *index
}

// NewIndex indexes the records of ds, jurisdiction by jurisdiction.
func NewIndex(ds *dataset.Dataset) *Index {
	return &Index{x: newIndex(ds)}
}

// Dataset returns the dataset ix indexes.
func (ix *Index) Dataset() *dataset.Dataset { return ix.x.ds }

// index gives quick access to the records of one jurisdiction. It holds
// pointers into the dataset, which it never modifies.
type index struct {
	ds            *dataset.Dataset
	jurisdictions map[string]*dataset.Jurisdiction                    // the first of each code
	names         map[string]string                                   // the first name of each code
	sources       map[string]*dataset.Source                          // the first of each id
	campaignByID  map[string]*dataset.Campaign                        // the first of each id
	programmeByID map[string]*dataset.Programme                       // the first of each id
	provisions    map[string]map[dataset.Setting][]*dataset.Provision // sorted by start
	commitments   map[string][]*dataset.Commitment                    // sorted by from
	campaigns     map[string][]*dataset.Campaign                      // sorted by start, id
	programmes    map[string][]*dataset.Programme                     // sorted by id
	surveys       map[string][]*dataset.Survey                        // sorted by series, year, id
	coverage      map[string]map[dataset.Topic][]*dataset.Coverage    // sorted by checked_on
}

func newIndex(ds *dataset.Dataset) *index {
	x := &index{
		ds:            ds,
		jurisdictions: map[string]*dataset.Jurisdiction{},
		names:         map[string]string{},
		sources:       map[string]*dataset.Source{},
		campaignByID:  map[string]*dataset.Campaign{},
		programmeByID: map[string]*dataset.Programme{},
		provisions:    map[string]map[dataset.Setting][]*dataset.Provision{},
		commitments:   map[string][]*dataset.Commitment{},
		campaigns:     map[string][]*dataset.Campaign{},
		programmes:    map[string][]*dataset.Programme{},
		surveys:       map[string][]*dataset.Survey{},
		coverage:      map[string]map[dataset.Topic][]*dataset.Coverage{},
	}
	for i := range ds.Jurisdictions {
		j := &ds.Jurisdictions[i]
		if _, dup := x.jurisdictions[j.Code]; !dup {
			x.jurisdictions[j.Code] = j
		}
		if _, ok := x.names[j.Code]; !ok && j.Name != "" {
			x.names[j.Code] = j.Name
		}
	}
	for i := range ds.Sources {
		s := &ds.Sources[i]
		if _, dup := x.sources[s.ID]; !dup {
			x.sources[s.ID] = s
		}
	}
	for i := range ds.Provisions {
		p := &ds.Provisions[i]
		m := x.provisions[p.Jurisdiction]
		if m == nil {
			m = map[dataset.Setting][]*dataset.Provision{}
			x.provisions[p.Jurisdiction] = m
		}
		m[p.Setting] = append(m[p.Setting], p)
	}
	for _, m := range x.provisions {
		for _, rows := range m {
			slices.SortStableFunc(rows, func(a, b *dataset.Provision) int {
				sa, _ := a.Start()
				sb, _ := b.Start()
				return cmp.Or(sa.Compare(sb), cmp.Compare(a.ID, b.ID))
			})
		}
	}
	for i := range ds.Commitments {
		c := &ds.Commitments[i]
		x.commitments[c.Jurisdiction] = append(x.commitments[c.Jurisdiction], c)
	}
	for _, cs := range x.commitments {
		slices.SortStableFunc(cs, func(a, b *dataset.Commitment) int { return a.From.Compare(b.From) })
	}
	for i := range ds.Campaigns {
		c := &ds.Campaigns[i]
		if _, dup := x.campaignByID[c.ID]; !dup {
			x.campaignByID[c.ID] = c
		}
		seen := map[string]bool{}
		for _, j := range c.Jurisdictions {
			if !seen[j] {
				seen[j] = true
				x.campaigns[j] = append(x.campaigns[j], c)
			}
		}
	}
	for _, cs := range x.campaigns {
		slices.SortStableFunc(cs, func(a, b *dataset.Campaign) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
	}
	for i := range ds.Programmes {
		p := &ds.Programmes[i]
		if _, dup := x.programmeByID[p.ID]; !dup {
			x.programmeByID[p.ID] = p
		}
		x.programmes[p.Jurisdiction] = append(x.programmes[p.Jurisdiction], p)
	}
	for _, ps := range x.programmes {
		slices.SortStableFunc(ps, func(a, b *dataset.Programme) int {
			return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
		})
	}
	for i := range ds.Surveys {
		s := &ds.Surveys[i]
		x.surveys[s.Jurisdiction] = append(x.surveys[s.Jurisdiction], s)
	}
	for _, ss := range x.surveys {
		slices.SortStableFunc(ss, func(a, b *dataset.Survey) int {
			return cmp.Or(cmp.Compare(seriesOf(a), seriesOf(b)), cmp.Compare(a.Year, b.Year), cmp.Compare(a.ID, b.ID))
		})
	}
	for i := range ds.Coverage {
		c := &ds.Coverage[i]
		m := x.coverage[c.Jurisdiction]
		if m == nil {
			m = map[dataset.Topic][]*dataset.Coverage{}
			x.coverage[c.Jurisdiction] = m
		}
		m[c.Topic] = append(m[c.Topic], c)
	}
	for _, m := range x.coverage {
		for _, cs := range m {
			slices.SortStableFunc(cs, func(a, b *dataset.Coverage) int { return a.CheckedOn.Compare(b.CheckedOn) })
		}
	}
	return x
}

// name returns the jurisdiction's name (the first recorded for its code),
// or its code when it has none.
func (x *index) name(code string) string {
	if n, ok := x.names[code]; ok {
		return n
	}
	return code
}

// Name returns the jurisdiction's name (the first the dataset records for
// its code), or its code when it has none.
func (ix *Index) Name(code string) string { return ix.x.name(code) }

// Jurisdiction returns the first jurisdiction of the dataset with that
// code, and false when there is none.
func (ix *Index) Jurisdiction(code string) (dataset.Jurisdiction, bool) {
	if j := ix.x.jurisdictions[code]; j != nil {
		return *j, true
	}
	return dataset.Jurisdiction{}, false
}

// SourceRecord returns the first source of the dataset with that id as
// sources.csv records it, and false when there is none. (Source returns it
// as summaries list it.)
func (ix *Index) SourceRecord(id string) (dataset.Source, bool) {
	if s := ix.x.sources[id]; s != nil {
		return *s, true
	}
	return dataset.Source{}, false
}

// Campaign returns the first campaign of the dataset with that id, and
// false when there is none.
func (ix *Index) Campaign(id string) (dataset.Campaign, bool) {
	if c := ix.x.campaignByID[id]; c != nil {
		return *c, true
	}
	return dataset.Campaign{}, false
}

// Programme returns the first programme of the dataset with that id, and
// false when there is none.
func (ix *Index) Programme(id string) (dataset.Programme, bool) {
	if p := ix.x.programmeByID[id]; p != nil {
		return *p, true
	}
	return dataset.Programme{}, false
}

// Campaigns returns the campaigns, plans, trainings and guidance naming
// jurisdiction code that started by day on (see StartedBy), by start and
// id; a campaign naming the jurisdiction twice is listed once.
func (ix *Index) Campaigns(code string, on time.Time) []*dataset.Campaign {
	t := day(on)
	var out []*dataset.Campaign
	for _, c := range ix.x.campaigns[code] {
		if StartedBy(c.Start, t) {
			out = append(out, c)
		}
	}
	return out
}

// Programmes returns the parenting programmes of jurisdiction code that
// started by day on (see StartedBy), by start and id.
func (ix *Index) Programmes(code string, on time.Time) []*dataset.Programme {
	t := day(on)
	var out []*dataset.Programme
	for _, p := range ix.x.programmes[code] {
		if StartedBy(p.Start, t) {
			out = append(out, p)
		}
	}
	return out
}

// Surveys returns the surveys of jurisdiction code with fieldwork in the
// year of day on or before, by series, year and id.
func (ix *Index) Surveys(code string, on time.Time) []*dataset.Survey {
	var out []*dataset.Survey
	for _, s := range ix.x.surveys[code] {
		if s.Year <= on.Year() {
			out = append(out, s)
		}
	}
	return out
}

// seriesOf returns the survey's series, or its id when it belongs to none.
func seriesOf(s *dataset.Survey) string {
	if s.Series != "" {
		return s.Series
	}
	return s.ID
}

// day returns the UTC midnight of t's calendar day (in t's location), the
// instant every comparison with a Date uses.
func day(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

// activeOn reports whether a period from–until (either may be missing) holds
// on day t: from its first day, up to the day before the last day of until.
// It is the reading used for memberships and commitments, where reduced
// precision is not reported as uncertainty.
func activeOn(from, until dataset.Date, t time.Time) bool {
	if !from.IsZero() && t.Before(from.Start()) {
		return false
	}
	return until.IsZero() || t.Before(until.End())
}

// Select returns, sorted, the codes of the jurisdictions that are members of
// group on day on, honouring the membership dates (memberships.csv: from its
// first day, up to the day before until). An empty group selects every
// jurisdiction of the dataset.
func Select(ds *dataset.Dataset, group string, on time.Time) []string {
	t := day(on)
	set := map[string]bool{}
	if group == "" {
		for _, j := range ds.Jurisdictions {
			set[j.Code] = true
		}
	} else {
		for _, m := range ds.Memberships {
			if m.Group == group && activeOn(m.From, m.Until, t) {
				set[m.Jurisdiction] = true
			}
		}
	}
	out := make([]string, 0, len(set))
	for c := range set {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Groups returns, sorted, every group memberships.csv names.
func Groups(ds *dataset.Dataset) []string {
	var out []string
	for _, m := range ds.Memberships {
		out = append(out, m.Group)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
