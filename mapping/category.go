package mapping

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
