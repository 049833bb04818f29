package mapping

import (
	"cmp"
	"slices"
	"time"
)

// ProgrammeMeasure is the Kind of a MeasureCount that counts parenting
// programmes; the other kinds are the campaigns.kind codes.
const ProgrammeMeasure = "programme"

// MeasureCount is how many measures of one kind one jurisdiction started in
// one year: campaigns, action plans, trainings and guidance by their kind
// (a regional campaign counts for each jurisdiction it lists), parenting
// programmes as ProgrammeMeasure. Records without a start year are not
// counted.
type MeasureCount struct {
	Jurisdiction string `json:"jurisdiction"`
	Year         int    `json:"year"`
	Kind         string `json:"kind"`
	Count        int    `json:"count"`
	// IDs lists the records counted, sorted.
	IDs []string `json:"ids"`
}

// Measures counts the measures the jurisdictions codes started each year up
// to the year of on, sorted by jurisdiction, year and kind.
func (ix *Index) Measures(codes []string, on time.Time) []MeasureCount {
	x := ix.x
	type key struct {
		code string
		year int
		kind string
	}
	counts := map[key]*MeasureCount{}
	add := func(k key, id string) {
		if k.year == 0 || k.year > on.Year() {
			return
		}
		m := counts[k]
		if m == nil {
			m = &MeasureCount{Jurisdiction: k.code, Year: k.year, Kind: k.kind}
			counts[k] = m
		}
		m.Count++
		m.IDs = append(m.IDs, id)
	}
	for _, code := range sortedCodes(codes) {
		for _, c := range x.campaigns[code] {
			add(key{code, c.Start.Year(), string(c.Kind)}, c.ID)
		}
		for _, p := range x.programmes[code] {
			add(key{code, p.Start.Year(), ProgrammeMeasure}, p.ID)
		}
	}
	out := make([]MeasureCount, 0, len(counts))
	for _, m := range counts {
		slices.Sort(m.IDs)
		out = append(out, *m)
	}
	slices.SortFunc(out, func(a, b MeasureCount) int {
		return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}
