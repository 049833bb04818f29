package mapping

import (
	"slices"

	"github.com/cpmap/cpmap/dataset"
)

// Category is where a jurisdiction stands, as the Global Initiative's map
// shows it.
type Category string

// Categories, from the most to the least protection.
const (
	// AllSettings: corporal punishment is prohibited in all six settings.
	AllSettings Category = "all_settings"
	// Committed: not prohibited in all settings, but the government is
	// committed to full prohibition.
	Committed Category = "committed"
	// SomeSettings: prohibited in at least one setting.
	SomeSettings Category = "some_settings"
	// None: prohibited in no setting.
	None Category = "none"
)

// Categories lists every category in display order.
var Categories = []Category{AllSettings, Committed, SomeSettings, None}

// ChildShare is the share of a group's children who live under full
// prohibition, over the jurisdictions whose child population is known.
type ChildShare struct {
	// Protected is the number of children in AllSettings jurisdictions.
	Protected int `json:"protected"`
	// Total is the number of children in all jurisdictions with a known
	// child population.
	Total int `json:"total"`
	// Percent is 100*Protected/Total, or 0 when Total is 0.
	Percent float64 `json:"percent"`
	// Counted is the number of jurisdictions with a known child population.
	Counted int `json:"counted"`
	// MissingPopulation lists, sorted, the jurisdictions left out because
	// their child population is not recorded.
	MissingPopulation []string `json:"missing_population"`
}

// categorise returns the category of a jurisdiction with the given cells,
// and whether an uncertain or unknown cell could change it. Only the status
// prohibited counts as prohibition.
func categorise(cells []Cell, committed bool) (Category, bool) {
	sure, possible := 0, 0
	for _, c := range cells {
		switch {
		case c.Status == dataset.Prohibited:
			sure++
			possible++
		case c.Status == dataset.Unknown,
			c.Status == Uncertain && slices.Contains(c.Possible, dataset.Prohibited):
			possible++
		}
	}
	cat := categoryOf(sure, len(dataset.Settings), committed)
	return cat, categoryOf(possible, len(dataset.Settings), committed) != cat
}

func categoryOf(prohibited, settings int, committed bool) Category {
	switch {
	case prohibited == settings:
		return AllSettings
	case committed:
		return Committed
	case prohibited > 0:
		return SomeSettings
	}
	return None
}

// childShare returns the share of children under full prohibition in the
// jurisdictions of rows.
func (x *index) childShare(rows []Row) ChildShare {
	cs := ChildShare{MissingPopulation: []string{}}
	for _, r := range rows {
		j := x.jurisdictions[r.Jurisdiction]
		if j == nil || j.ChildPopulation == nil {
			cs.MissingPopulation = append(cs.MissingPopulation, r.Jurisdiction)
			continue
		}
		n := *j.ChildPopulation
		cs.Counted++
		cs.Total += n
		if r.Category == AllSettings {
			cs.Protected += n
		}
	}
	if cs.Total > 0 {
		cs.Percent = 100 * float64(cs.Protected) / float64(cs.Total)
	}
	slices.Sort(cs.MissingPopulation)
	return cs
}
