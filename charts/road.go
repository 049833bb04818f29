package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// RoadID is the element id of the road to prohibition.
const RoadID = "road-to-prohibition"

// Road draws the road to prohibition from the status of the same
// jurisdictions at successive dates (the end of each year, say), oldest
// first: the number of the group's states with full prohibition at each date
// (bars), when each state reached it (labelled markers), and the share of
// children living under full prohibition where child populations are known
// (a line on the right axis). Territories are left out of the count of
// states but not out of the share of children, which mapping computes over
// every jurisdiction. Of the leading dates on which no state had full
// prohibition, only the last is drawn.
func Road(history []mapping.Matrix, meta Meta) *Chart {
	const title = "The road to prohibition in all settings"
	history = slices.Clone(history)
	slices.SortStableFunc(history, func(a, b mapping.Matrix) int { return a.AsOf.Compare(b.AsOf) })
	if i := slices.IndexFunc(history, func(m mapping.Matrix) bool { return fullStates(m, meta) > 0 }); i > 1 {
		history = history[i-1:]
	}

	labels := make([]string, len(history))
	years := make([]string, len(history)) // the axis: whole years, never the clock's date
	var bars, marks, share []item
	var srcIDs []string
	withShare := false
	table := Table{
		Caption: "States with full prohibition and children protected, by date",
		Header:  []string{"Date", "States with full prohibition", "Reached full prohibition", "Children protected"},
	}
	prev := map[string]bool{}
	top := 50 // room above the grid for the names above the highest bars
	states := map[string]bool{}
	first := map[string]string{} // state → label of the date it was first counted
	for i, m := range history {
		labels[i] = dateLabel(m.AsOf)
		years[i] = strconv.Itoa(m.AsOf.Year())
		full := map[string]bool{}
		var newly []string
		for _, r := range m.Rows {
			for _, c := range r.Cells {
				for _, p := range c.Provisions {
					srcIDs = append(srcIDs, p.Source)
				}
			}
			if meta.kind(r.Jurisdiction) == dataset.Territory {
				continue
			}
			states[r.Jurisdiction] = true
			if r.Category != mapping.AllSettings {
				continue
			}
			full[r.Jurisdiction] = true
			if !prev[r.Jurisdiction] {
				newly = append(newly, meta.name(r.Jurisdiction))
			}
			if _, ok := first[r.Jurisdiction]; !ok {
				first[r.Jurisdiction] = labels[i]
			}
		}
		prev = full
		slices.Sort(newly)
		n := len(full)
		lines := []string{fmt.Sprintf("%s: %d of %d states with full prohibition", labels[i], n, countStates(m, meta))}
		if len(newly) > 0 {
			lines = append(lines, "Reached full prohibition: "+mapping.JoinWords(newly))
		}
		bars = append(bars, item{Value: n, Tip: tip(lines...)})
		if len(newly) > 0 {
			// Names stand upright above the pin, reading upwards: as narrow
			// as a bar, they clear the neighbouring bars and names.
			l := turnedLabel{Label: opts.Label{Show: opts.Bool(true), Position: "top", Formatter: escapeFormatter(mapping.JoinWords(newly)),
				Color: black, FontSize: 11, Align: "left", VerticalAlign: "middle"}, Rotate: 90, Distance: 4}
			marks = append(marks, item{Value: []any{years[i], n}, Tip: tip(lines...), Label: &l})
			// About 6.5 pixels a character at 11 px; what the grid's height
			// above the bar holds (at least 300 pixels a full axis) is not needed.
			need := 30 + len(mapping.JoinWords(newly))*13/2 - 300*(countStates(m, meta)-n)/max(countStates(m, meta), 1)
			top = max(top, min(need, 220))
		}
		cs := m.Children
		pct := ""
		if cs.Counted > 0 {
			withShare = true
			pct = fmt.Sprintf("%s (%s of %s children in %d jurisdictions)", formatPercent(round1(cs.Percent)), formatCount(cs.Protected), formatCount(cs.Total), cs.Counted)
			share = append(share, item{Value: round1(cs.Percent), Tip: tip(labels[i]+": "+formatPercent(round1(cs.Percent))+" of children live under full prohibition",
				fmt.Sprintf("%s of %s children, in the %d jurisdictions whose child population is known", formatCount(cs.Protected), formatCount(cs.Total), cs.Counted))})
		} else {
			share = append(share, item{Value: "-"})
		}
		table.Rows = append(table.Rows, []string{labels[i], strconv.Itoa(n), mapping.JoinWords(newly), pct})
	}
	if !withShare {
		// Children protected is shown only where it is known.
		table.Header = table.Header[:3]
		table.Caption = "States with full prohibition, by date"
		for i := range table.Rows {
			table.Rows[i] = table.Rows[i][:3]
		}
	} else {
		for _, r := range table.Rows {
			r[3] = cmp.Or(r[3], "not known")
		}
	}

	b := gecharts.NewBar()
	b.SetGlobalOptions(baseOpts(RoadID, title, meta, []string{blue, black, orange})...)
	b.SetXAxis(years)
	b.SetGlobalOptions(
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category", Name: "Year", NameLocation: "middle", NameGap: 30}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "value", Name: "States with full prohibition", NameLocation: "middle", NameGap: 30, Min: 0, Max: max(len(states), 1),
			MinInterval: 1, AxisLabel: &opts.AxisLabel{}}),
		gecharts.WithGridOpts(opts.Grid{Top: strconv.Itoa(top), Bottom: "90", Left: "20", Right: "30", ContainLabel: opts.Bool(true)}),
	)
	b.MultiSeries = append(b.MultiSeries,
		gecharts.SingleSeries{Name: "States with full prohibition", Type: "bar", Data: nonNil(bars)},
		gecharts.SingleSeries{Name: "Reached full prohibition", Type: "scatter", Symbol: "pin", SymbolSize: 18, Data: nonNil(marks)},
	)
	notes := []string{"States only: territories are not counted in the bars."}
	if withShare {
		b.ExtendYAxis(opts.YAxis{Type: "value", Name: "Children protected (%)", NameLocation: "middle", NameGap: 40, Min: 0, Max: 100, Position: "right",
			AxisLabel: &opts.AxisLabel{}})
		b.MultiSeries = append(b.MultiSeries, gecharts.SingleSeries{Name: "Children protected (%)", Type: "line", YAxisIndex: 1,
			Symbol: "diamond", SymbolSize: 8, Data: share, LineStyle: &opts.LineStyle{Width: 2, Type: "dashed"}})
		notes = append(notes, "Children protected: the share of children living where corporal punishment is prohibited in all settings, over the jurisdictions whose child population is recorded.")
	}
	// In the order they reached it (labels sort as dates do), then by code.
	codes := sortedKeys(first)
	slices.SortStableFunc(codes, func(a, b string) int { return strings.Compare(first[a], first[b]) })
	var firsts []string
	for _, code := range codes {
		firsts = append(firsts, meta.name(code)+" ("+first[code]+")")
	}
	if len(firsts) > 0 {
		notes = append(notes, "Full prohibition first recorded: "+mapping.JoinWords(firsts)+".")
	}
	var never []string
	for _, code := range sortedKeys(states) {
		if _, ok := first[code]; !ok {
			never = append(never, meta.name(code))
		}
	}
	if len(never) > 0 {
		notes = append(notes, "Not prohibited in all settings: "+mapping.JoinWords(never)+".")
	}
	series := 2
	if withShare {
		series = 3
	}
	return &Chart{
		ID: RoadID, Title: title, Height: 410 + top, Option: optionOf(b), Series: series,
		Table: table, Notes: notes, Sources: meta.sources(srcIDs),
	}
}

// fullStates counts the rows of m that are states with full prohibition.
func fullStates(m mapping.Matrix, meta Meta) int {
	n := 0
	for _, r := range m.Rows {
		if r.Category == mapping.AllSettings && meta.kind(r.Jurisdiction) != dataset.Territory {
			n++
		}
	}
	return n
}

// countStates counts the rows of m that are not territories.
func countStates(m mapping.Matrix, meta Meta) int {
	n := 0
	for _, r := range m.Rows {
		if meta.kind(r.Jurisdiction) != dataset.Territory {
			n++
		}
	}
	return n
}

// dateLabel names a date on a time axis: the year alone for the last day of
// a year or a date of year precision, the date itself otherwise.
func dateLabel(d dataset.Date) string {
	if d.Precision() == dataset.PrecisionYear || (d.Month() == 12 && d.Day() == 31) {
		return strconv.Itoa(d.Year())
	}
	return d.String()
}

// sortedKeys returns the keys of m, sorted.
func sortedKeys[K ~string, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// RoadDates returns the dates to draw the road at: the last day of each year
// from firstYear up to the year before asOf, then asOf itself.
func RoadDates(firstYear int, asOf time.Time) []time.Time {
	var out []time.Time
	for y := firstYear; y < asOf.Year(); y++ {
		out = append(out, time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC))
	}
	return append(out, time.Date(asOf.Year(), asOf.Month(), asOf.Day(), 0, 0, 0, 0, time.UTC))
}
