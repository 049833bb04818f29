package mapping

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// Attribution is the credit every summary of legal status carries.
const Attribution = "Legal status compiled from the Global Initiative to End All Corporal Punishment of Children country reports"

// Summary is one jurisdiction's progress summary: where it stands, setting by
// setting, what it has done since prohibition and what is missing.
type Summary struct {
	Jurisdiction string                   `json:"jurisdiction"`
	Name         string                   `json:"name"`
	Kind         dataset.JurisdictionKind `json:"kind"`
	Parent       string                   `json:"parent,omitempty"`
	// AsOf is the date the summary answers for ("data as of").
	AsOf dataset.Date `json:"as_of"`
	// ChildPopulation is the number of children 0–17, 0 when not recorded,
	// counted in ChildPopulationYear.
	ChildPopulation     int `json:"child_population,omitempty"`
	ChildPopulationYear int `json:"child_population_year,omitempty"`
	// LastVerified is the latest verified_on of the provisions cited.
	LastVerified dataset.Date `json:"last_verified,omitzero"`
	// DataDate is the date of the jurisdiction's data: the latest day a
	// fact of it was checked (see DataDate); zero when none is recorded.
	DataDate dataset.Date `json:"data_date,omitzero"`
	// Status is the jurisdiction's row of the status matrix.
	Status Row `json:"status"`
	// Steps holds the five steps, in order.
	Steps []StepResult `json:"steps"`
	// Trends holds the jurisdiction's survey series, sorted by indicator and
	// series.
	Trends []Trend `json:"trends"`
	// Changes is the jurisdiction's timeline of legal change up to AsOf.
	Changes []Change `json:"changes"`
	// Gaps lists, in plain words, what the dataset does not tell.
	Gaps []string `json:"gaps"`
	// Unconfirmed lists, in plain words, the facts recorded as unconfirmed.
	Unconfirmed []string `json:"unconfirmed"`
	// Sources lists every source the summary cites, sorted by id.
	Sources []SourceRef `json:"sources"`
	// Attribution credits the source of the legal status.
	Attribution string `json:"attribution"`
}

// Summarise returns the progress summary of jurisdiction code on day on,
// judged by rubric r. It reports an error when the dataset has no such
// jurisdiction.
func (ix *Index) Summarise(code string, on time.Time, r Rubric) (*Summary, error) {
	x := ix.x
	j := x.jurisdictions[code]
	if j == nil {
		return nil, fmt.Errorf("jurisdiction %q is not in the dataset", code)
	}
	t := day(on)
	row := x.row(code, t)
	sum := &Summary{
		Jurisdiction: code,
		Name:         row.Name,
		Kind:         j.Kind,
		Parent:       j.Parent,
		AsOf:         dataset.DateOf(t),
		Status:       row,
		Steps:        x.steps(row, t, r),
		Trends:       x.trends(code, t, r.StableChange),
		Changes:      []Change{},
		Gaps:         []string{},
		Unconfirmed:  []string{},
		Sources:      []SourceRef{},
		Attribution:  Attribution,
		DataDate:     x.dataDate(code),
	}
	if j.ChildPopulation != nil {
		sum.ChildPopulation = *j.ChildPopulation
		if j.ChildPopulationYear != nil {
			sum.ChildPopulationYear = *j.ChildPopulationYear
		}
	}
	for _, c := range x.timeline(code) {
		if !c.Date.Start().After(t) {
			sum.Changes = append(sum.Changes, c)
		}
	}
	sortChanges(sum.Changes)

	cited := map[string]bool{}
	cite := func(id string) {
		if id != "" {
			cited[id] = true
		}
	}
	cite(j.ChildPopulationSource)
	if row.Commitment != nil {
		cite(row.Commitment.Source)
	}
	for _, c := range row.Cells {
		label := SettingLabel(c.Setting)
		for _, p := range append(slices.Clone(c.Provisions), c.Pending...) {
			cite(p.Source)
			if p.VerifiedOn.Compare(sum.LastVerified) > 0 {
				sum.LastVerified = p.VerifiedOn
			}
			if p.Unconfirmed {
				sum.Unconfirmed = append(sum.Unconfirmed, "not confirmed: "+label+" "+StatusLabel(p.Status)+provisionName(p))
			}
		}
		caveats := map[CaveatKind]string{}
		for _, cv := range CellCaveats(c) {
			caveats[cv.Kind] = cv.Text
		}
		var missing []string
		switch {
		case c.Status == dataset.Unknown && len(c.Provisions) == 0:
			missing = append(missing, "legal status not recorded for this date")
		case c.Status == dataset.Unknown:
			missing = append(missing, "legal status recorded as unknown")
		case c.Status == Uncertain:
			missing = append(missing, caveats[CaveatUncertain])
		case c.Status == dataset.ProhibitedUnidentified:
			missing = append(missing, "the prohibiting legislation is not identified")
		}
		if len(c.Provisions) > 0 && c.Status != dataset.Unknown && c.Status != dataset.NotProhibited && c.Status != dataset.ProhibitedUnidentified {
			if p := c.Provisions[len(c.Provisions)-1]; p.Instrument == "" {
				missing = append(missing, "no instrument recorded")
			}
		}
		if c.Undated && c.Status != dataset.Unknown {
			missing = append(missing, caveats[CaveatUndated])
		}
		if c.FromAdopted {
			missing = append(missing, caveats[CaveatFromAdopted])
		}
		if len(missing) > 0 {
			sum.Gaps = append(sum.Gaps, label+": "+strings.Join(missing, "; "))
		}
	}
	for _, st := range sum.Steps {
		if st.Level == NoData {
			sum.Gaps = append(sum.Gaps, fmt.Sprintf("%s: %s", strings.ToLower(StepShort(st.Step)), st.Gap))
		}
		for _, e := range st.Evidence {
			cite(e.Source)
		}
	}
	for _, tr := range sum.Trends {
		for _, p := range tr.Points {
			cite(p.Source)
		}
	}
	for _, c := range sum.Changes {
		cite(c.Provision.Source)
	}
	if j.ChildPopulation == nil {
		sum.Gaps = append(sum.Gaps, "child population not recorded")
	}
	ids := make([]string, 0, len(cited))
	for id := range cited {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		sum.Sources = append(sum.Sources, x.sourceRef(id))
	}
	return sum, nil
}

// sourceRef returns the source with that id as summaries list it; a source
// missing from the table keeps its id and nothing else.
func (x *index) sourceRef(id string) SourceRef {
	s := x.sources[id]
	if s == nil {
		return SourceRef{ID: id}
	}
	return sourceRefOf(s)
}

// sourceRefOf returns the source as summaries list it.
func sourceRefOf(s *dataset.Source) SourceRef {
	return SourceRef{
		ID: s.ID, Title: s.Title, Publisher: s.Publisher, URL: s.URL,
		Published: s.Published, Accessed: s.Accessed, Type: s.Type,
	}
}

// Source returns the source with that id as summaries list it, and false
// when the dataset has none.
func (ix *Index) Source(id string) (SourceRef, bool) {
	_, ok := ix.x.sources[id]
	return ix.x.sourceRef(id), ok
}

// Label returns "Name (CODE)", the way reports name a jurisdiction.
func (s *Summary) Label() string {
	return strings.TrimSpace(fmt.Sprintf("%s (%s)", s.Name, s.Jurisdiction))
}

// provisionName names a provision's law in words, " (Child Protection
// Act 2014)", or "" when none is recorded.
func provisionName(p ProvisionRef) string {
	if p.Instrument == "" {
		return ""
	}
	return " (" + p.Instrument + ")"
}
