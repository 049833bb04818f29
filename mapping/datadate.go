package mapping

import (
	"slices"

	"github.com/cpmap/cpmap/dataset"
)

// DataDate is the date of the data itself, as opposed to the date a view
// answers for: the latest day on which a fact in scope was checked (a
// provision's verified_on, a cited source's accessed date, a coverage
// record's checked_on).
type DataDate struct {
	// Latest is the latest such date over every jurisdiction in scope; zero
	// when none is recorded.
	Latest dataset.Date `json:"latest,omitzero"`
	// ByJurisdiction holds each jurisdiction's own date, for those that have
	// one.
	ByJurisdiction map[string]dataset.Date `json:"by_jurisdiction,omitempty"`
	// Undated lists, sorted, the jurisdictions in scope whose records carry
	// no date at all: a report names them, so that the overall date is not
	// taken to speak for them.
	Undated []string `json:"undated,omitempty"`
}

// Differs returns, sorted, the jurisdictions whose own date is not Latest:
// the ones a report names beside the overall date.
func (d DataDate) Differs() []string {
	var out []string
	for code, date := range d.ByJurisdiction {
		if date != d.Latest {
			out = append(out, code)
		}
	}
	slices.Sort(out)
	return out
}

// DataDate returns the date of the data of the jurisdictions codes (see
// DataDate). Regional campaigns count for each jurisdiction they name.
func (ix *Index) DataDate(codes []string) DataDate {
	out := DataDate{ByJurisdiction: map[string]dataset.Date{}}
	for _, code := range sortedCodes(codes) {
		d := ix.x.dataDate(code)
		if d.IsZero() {
			out.Undated = append(out.Undated, code)
			continue
		}
		out.ByJurisdiction[code] = d
		if d.Compare(out.Latest) > 0 {
			out.Latest = d
		}
	}
	return out
}

// dataDate returns one jurisdiction's data date.
func (x *index) dataDate(code string) dataset.Date {
	var latest dataset.Date
	later := func(d dataset.Date) {
		if d.Compare(latest) > 0 {
			latest = d
		}
	}
	source := func(id string) {
		if s := x.sources[id]; s != nil {
			later(s.Accessed)
		}
	}
	if j := x.jurisdictions[code]; j != nil {
		source(j.ChildPopulationSource)
	}
	for _, rows := range x.provisions[code] {
		for _, p := range rows {
			later(p.VerifiedOn)
			source(p.Source)
		}
	}
	for _, c := range x.commitments[code] {
		source(c.Source)
	}
	for _, c := range x.campaigns[code] {
		source(c.Source)
	}
	for _, p := range x.programmes[code] {
		source(p.Source)
	}
	for _, s := range x.surveys[code] {
		source(s.Source)
	}
	for _, cs := range x.coverage[code] {
		for _, c := range cs {
			later(c.CheckedOn)
			source(c.Source)
		}
	}
	return latest
}
