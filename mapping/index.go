package mapping

import (
	"cmp"
	"slices"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Index answers the mapping's questions (Status, Progress, Trends, Timeline,
// Measures, Summarise, Source) about one dataset from an index of its
// records built once by NewIndex. The package functions of the same names
// build a new index on every call, which costs as much as the answer itself
// at scale: a caller asking many questions of one dataset, such as a
// briefing pack summarising every jurisdiction, should hold an Index.
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
	jurisdictions map[string]*dataset.Jurisdiction
	sources       map[string]*dataset.Source
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
		sources:       map[string]*dataset.Source{},
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

// name returns the jurisdiction's name, or its code when it has none.
func (x *index) name(code string) string {
	if j := x.jurisdictions[code]; j != nil && j.Name != "" {
		return j.Name
	}
	return code
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
