package mapping

import (
	"cmp"
	"math"
	"slices"
	"time"

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

// Trends returns the survey series of the jurisdictions codes with fieldwork
// up to the year of on, sorted by jurisdiction, indicator and series. A
// series changing by less than stable percentage points a year is Stable.
// Observations are grouped by series id (a survey without one is a series of
// its own); should a series mix indicators or respondents (which validation
// reports), each combination is a trend of its own, never joined.
func (ix *Index) Trends(codes []string, on time.Time, stable float64) []Trend {
	x := ix.x
	out := []Trend{}
	for _, code := range sortedCodes(codes) {
		out = append(out, x.trends(code, day(on), stable)...)
	}
	return out
}

func (x *index) trends(code string, t time.Time, stable float64) []Trend {
	type key struct {
		series, indicator, respondents string
	}
	byKey := map[key]*Trend{}
	var keys []key
	for _, s := range x.surveys[code] {
		if s.Year > t.Year() {
			continue
		}
		k := key{seriesOf(s), string(s.Indicator), s.Respondents}
		tr := byKey[k]
		if tr == nil {
			tr = &Trend{Jurisdiction: code, Series: k.series, Indicator: s.Indicator, Respondents: s.Respondents, Population: s.Population}
			byKey[k] = tr
			keys = append(keys, k)
		}
		tr.Points = append(tr.Points, Point{
			Year: s.Year, Value: s.Value, SurveyID: s.ID, Source: s.Source,
			Break: s.Break != nil && *s.Break,
		})
	}
	slices.SortFunc(keys, func(a, b key) int {
		return cmp.Or(cmp.Compare(a.indicator, b.indicator), cmp.Compare(a.series, b.series), cmp.Compare(a.respondents, b.respondents))
	})
	out := make([]Trend, 0, len(keys))
	for _, k := range keys {
		tr := byKey[k]
		slices.SortStableFunc(tr.Points, func(a, b Point) int {
			return cmp.Or(cmp.Compare(a.Year, b.Year), cmp.Compare(a.SurveyID, b.SurveyID))
		})
		tr.Latest = tr.Points[len(tr.Points)-1]
		comparable := tr.Points
		for i := len(tr.Points) - 1; i > 0; i-- {
			if tr.Points[i].Break {
				comparable = tr.Points[i:]
				break
			}
		}
		tr.Comparable = len(comparable)
		tr.Direction = Single
		if slope, ok := slopeOf(comparable); ok {
			tr.ChangePerYear = &slope
			switch {
			case math.Abs(slope) < stable:
				tr.Direction = Stable
			case slope > 0:
				tr.Direction = Rising
			default:
				tr.Direction = Falling
			}
		}
		out = append(out, *tr)
	}
	return out
}

// slopeOf returns the least-squares slope of value over year, rounded to
// two decimals, and false when the points span no more than one year.
func slopeOf(ps []Point) (float64, bool) {
	if len(ps) < 2 {
		return 0, false
	}
	var mx, my float64
	for _, p := range ps {
		mx += float64(p.Year)
		my += p.Value
	}
	n := float64(len(ps))
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for _, p := range ps {
		dx := float64(p.Year) - mx
		sxy += dx * (p.Value - my)
		sxx += dx * dx
	}
	if sxx == 0 {
		return 0, false
	}
	slope := math.Round(100*sxy/sxx) / 100
	if slope == 0 {
		slope = 0 // not -0
	}
	return slope, true
}
