package mapping

import (
	"github.com/cpmap/cpmap/dataset"
)

// Direction is which way a survey series moves.
type Direction string

// Directions of a trend.
const (
	Rising  Direction = "rising"
	Falling Direction = "falling"
	Stable  Direction = "stable"
	// Single: one point only, no direction.
	Single Direction = "single"
)

// Point is one observation of a survey series.
type Point struct {
	Year     int     `json:"year"`
	Value    float64 `json:"value"`
	SurveyID string  `json:"survey"`
	Source   string  `json:"source"`
	// Break is true when the series' method or definition changed at this
	// point: earlier points are not comparable with it.
	Break bool `json:"break,omitempty"`
}

// Trend is one survey series of one jurisdiction. Points of different series
// are never joined; a survey without a series is a series of its own (named
// by its id).
type Trend struct {
	Jurisdiction string            `json:"jurisdiction"`
	Series       string            `json:"series"`
	Indicator    dataset.Indicator `json:"indicator"`
	Respondents  string            `json:"respondents"`
	Population   string            `json:"population,omitempty"`
	// Points holds every observation, by year.
	Points []Point `json:"points"`
	// Latest is the most recent point.
	Latest Point `json:"latest"`
	// ChangePerYear is the least-squares slope, in percentage points a year,
	// of the points since the latest break; nil with fewer than two such
	// points.
	ChangePerYear *float64  `json:"change_per_year,omitempty"`
	Direction     Direction `json:"direction"`
	// Comparable is the number of points the change is computed from (those
	// since the latest break).
	Comparable int `json:"comparable"`
}
