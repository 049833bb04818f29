package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// SurveyTrendsID is the prefix of the element ids of the survey trends: one
// chart per indicator, e.g. "survey-trends-cp-approval".
const SurveyTrendsID = "survey-trends"

// lineSymbols and lineTypes tell series apart without colour.
var (
	lineSymbols = []string{"circle", "rect", "diamond", "roundRect", "pin", "arrow", "emptyCircle", "emptyRect"}
	lineTypes   = []string{"solid", "dashed", "dotted"}
)

// SurveyTrends draws the survey trends: one chart per indicator, one line
// per survey series, with the source of each point in its tooltip. A break
// in a series (a change of method or definition) interrupts its line and is
// marked with a triangle labelled "break". Indicators come in a fixed order;
// series are sorted by jurisdiction and series.
func SurveyTrends(ts []mapping.Trend, meta Meta) []*Chart {
	by := map[dataset.Indicator][]mapping.Trend{}
	for _, t := range ts {
		by[t.Indicator] = append(by[t.Indicator], t)
	}
	order := slices.Clone(mapping.IndicatorOrder)
	for _, ind := range sortedKeys(by) {
		if !slices.Contains(order, ind) {
			order = append(order, ind)
		}
	}
	var out []*Chart
	for _, ind := range order {
		if len(by[ind]) == 0 {
			continue
		}
		out = append(out, trendChart(ind, mapping.IndicatorTitle(ind), by[ind], meta))
	}
	return out
}

func trendChart(ind dataset.Indicator, title string, ts []mapping.Trend, meta Meta) *Chart {
	id := SurveyTrendsID + "-" + strings.ReplaceAll(string(ind), "_", "-")
	ts = slices.Clone(ts)
	slices.SortStableFunc(ts, func(a, b mapping.Trend) int {
		return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.Series, b.Series))
	})
	table := Table{
		Caption: title + ": every survey point",
		Header:  []string{"Jurisdiction", "Series", "Respondents", "Year", "Value", "Break", "Source"},
	}
	lo, hi := 0, 0
	for _, t := range ts {
		for _, p := range t.Points {
			if lo == 0 || p.Year < lo {
				lo = p.Year
			}
			hi = max(hi, p.Year)
		}
	}
	xAxis := yearAxis(lo, hi)
	xAxis.Name, xAxis.NameLocation, xAxis.NameGap = "Fieldwork year", "middle", 30
	l := gecharts.NewLine()
	l.SetGlobalOptions(baseOpts(id, title, meta, palette)...)
	l.SetGlobalOptions(
		gecharts.WithXAxisOpts(xAxis),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "% of respondents", NameLocation: "middle", NameGap: 35, Min: 0, Max: 100, AxisLabel: &opts.AxisLabel{}}),
		gecharts.WithGridOpts(opts.Grid{Top: "30", Bottom: "90", Left: "20", Right: "40", ContainLabel: opts.Bool(true)}),
	)
	var srcIDs []string
	hasBreak := false
	used := map[string]int{}
	shift := dodge(ts, float64(hi-lo))
	for i, t := range ts {
		// A series is named in words (its ids stay in the data package):
		// the jurisdiction, who answered and the years it spans; a second
		// series of the same words gets a number.
		series := mapping.SeriesName(t)
		name := meta.name(t.Jurisdiction) + ": " + series
		if used[name]++; used[name] > 1 {
			name += fmt.Sprintf(" (%d)", used[name])
			series += fmt.Sprintf(" (%d)", used[meta.name(t.Jurisdiction)+": "+mapping.SeriesName(t)])
		}
		who := mapping.Label("respondents", t.Respondents)
		if t.Population != "" {
			who += "; " + t.Population
		}
		trend := ""
		if t.ChangePerYear != nil {
			trend = fmt.Sprintf("Trend since the latest break: %s, %+.1f points a year over %d points", t.Direction, *t.ChangePerYear, t.Comparable)
		}
		points := slices.Clone(t.Points)
		slices.SortStableFunc(points, func(a, b mapping.Point) int { return cmp.Compare(a.Year, b.Year) })
		var data []item
		for j, p := range points {
			if p.Break && j > 0 {
				// An empty value interrupts the line: points before a break
				// are not comparable with those after it.
				data = append(data, item{Value: []any{float64(points[j-1].Year+p.Year) / 2, "-"}})
			}
			var x any = p.Year
			if d := shift[dodgeKey{i, p.Year}]; d != 0 {
				x = float64(p.Year) + d
			}
			it := item{
				Value: []any{x, round1(p.Value)},
				Tip: tip(name, who,
					fmt.Sprintf("%d: %s", p.Year, formatPercent(round1(p.Value))),
					breakText(p.Break), "Source: "+meta.sourceTitle(p.Source), trend),
			}
			if p.Break {
				hasBreak = true
				it.Symbol, it.Size = "triangle", 14
				it.Label = &opts.Label{Show: opts.Bool(true), Formatter: "break", Position: "top", Color: black, FontSize: 11}
			}
			data = append(data, it)
			srcIDs = append(srcIDs, p.Source)
			table.Rows = append(table.Rows, []string{meta.name(t.Jurisdiction), series, who, strconv.Itoa(p.Year),
				formatPercent(round1(p.Value)), yesNo(p.Break), meta.sourceTitle(p.Source)})
		}
		l.MultiSeries = append(l.MultiSeries, gecharts.SingleSeries{
			Name: name, Type: "line", Symbol: lineSymbols[i%len(lineSymbols)], SymbolSize: 8,
			ConnectNulls: opts.Bool(false), Data: nonNil(data),
			LineStyle: &opts.LineStyle{Width: 2, Type: lineTypes[(i/len(palette))%len(lineTypes)]},
		})
	}
	notes := []string{"Points of different series are never joined: each line is one series of comparable surveys."}
	if len(shift) > 0 {
		notes = append(notes, "Points of the same year that would hide one another are drawn slightly apart; the table gives each exact year and value.")
	}
	if hasBreak {
		notes = append(notes, "A triangle marked \"break\" is where a series' method or definition changed: the line is interrupted, as earlier points are not comparable.")
	}
	return &Chart{
		ID: id, Title: title, Height: 440, Option: optionOf(l), Series: len(ts),
		Table: table, Notes: notes, Sources: meta.sources(srcIDs),
	}
}

func breakText(b bool) string {
	if b {
		return "Break: the method or definition changed here; earlier points are not comparable."
	}
	return ""
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// dodgeKey is a point of a chart: the series' index and the fieldwork year.
type dodgeKey struct {
	series, year int
}

// dodge finds the points of different series in the same year whose values
// are so close that their markers would hide one another, and returns for
// each such point a shift along the year axis that sets them side by side,
// in series order. span is the width of the axis in years; points not
// listed keep their year.
func dodge(ts []mapping.Trend, span float64) map[dodgeKey]float64 {
	const near = 4 // percentage points: about the height of a marker
	step := max(0.2, span*0.012)
	type at struct {
		series int
		value  float64
	}
	byYear := map[int][]at{}
	for i, t := range ts {
		for _, p := range t.Points {
			byYear[p.Year] = append(byYear[p.Year], at{i, p.Value})
		}
	}
	out := map[dodgeKey]float64{}
	for year, pts := range byYear {
		slices.SortFunc(pts, func(a, b at) int { return cmp.Or(cmp.Compare(a.value, b.value), cmp.Compare(a.series, b.series)) })
		// Chain points closer than near into clusters; spread each cluster.
		for start := 0; start < len(pts); {
			end := start + 1
			for end < len(pts) && pts[end].value-pts[end-1].value < near {
				end++
			}
			if n := end - start; n > 1 {
				cluster := slices.Clone(pts[start:end])
				slices.SortFunc(cluster, func(a, b at) int { return cmp.Compare(a.series, b.series) })
				for k, p := range cluster {
					out[dodgeKey{p.series, year}] = (float64(k) - float64(n-1)/2) * step
				}
			}
			start = end
		}
	}
	return out
}
