package charts

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// MeasuresID is the element id of the measures over time.
const MeasuresID = "measures"

// measureStyle is how a kind of measure is drawn: its name, its marker and
// its lane, the pixels above or below the middle of a jurisdiction's row
// where its markers sit, so that kinds started in the same year do not hide
// each other.
type measureStyle struct {
	kind   string
	name   string
	one    string
	symbol string
	color  string
	lane   float64
}

var measureStyles = []measureStyle{
	{string(dataset.MeasureCampaign), "Awareness campaigns", "awareness campaign", "circle", blue, -11},
	{string(dataset.MeasureActionPlan), "National action plans", "national action plan", "rect", orange, 0},
	{mapping.ProgrammeMeasure, "Parenting programmes", "parenting programme", "triangle", bluishGreen, 11},
	{string(dataset.MeasureTraining), "Trainings", "training", "diamond", purple, 11},
	{string(dataset.MeasureGuidance), "Guidance", "guidance", "pin", vermillion, 11},
}

// measureRow is the height of a jurisdiction's row in pixels: room for the
// three lanes.
const measureRow = 46

// Measures draws the measures taken over time: one row per jurisdiction
// (those of codes and any other the counts name), years along the bottom,
// and a marker for each kind of measure started in a year (awareness
// campaigns, national action plans, parenting programmes, trainings,
// guidance), sized by how many started. Each kind present is one series
// with a marker shape of its own.
func Measures(ms []mapping.MeasureCount, codes []string, meta Meta) *Chart {
	const title = "Measures taken, by year they started"
	rows := slices.Clone(codes)
	for _, m := range ms {
		rows = append(rows, m.Jurisdiction)
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	names := make([]string, len(rows))
	for i, c := range rows {
		names[i] = meta.name(c)
	}
	ms = slices.Clone(ms)
	slices.SortStableFunc(ms, func(a, b mapping.MeasureCount) int {
		return cmp.Or(cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.Year, b.Year), cmp.Compare(a.Kind, b.Kind))
	})

	type key struct {
		code string
		year int
	}
	counts := map[key]map[string]int{}
	var keys []key
	data := make([][]item, len(measureStyles))
	var srcIDs []string
	minYear, maxYear := 0, 0
	for _, m := range ms {
		k := slices.IndexFunc(measureStyles, func(s measureStyle) bool { return s.kind == m.Kind })
		if k < 0 || m.Count <= 0 {
			continue
		}
		st := measureStyles[k]
		y := slices.Index(rows, m.Jurisdiction)
		lines := []string{fmt.Sprintf("%s, %d: %d %s", names[y], m.Year, m.Count, plural(m.Count, st.one, st.name))}
		for _, id := range m.IDs {
			name, src := meta.record(m.Kind, id)
			srcIDs = append(srcIDs, src)
			line := "• " + name
			if src != "" {
				line += " (source: " + meta.sourceTitle(src) + ")"
			}
			lines = append(lines, line)
		}
		it := item{Name: names[y], Value: []any{m.Year, y, m.Count}, Tip: tip(lines...),
			Size: float64(8 + 2*min(m.Count, 5)), Offset: []float64{0, st.lane}}
		if m.Count > 1 {
			// The count sits inside its marker, which is then large enough
			// for a digit, so that it cannot touch the next year's marker.
			it.Size = max(it.Size, 15)
			it.Label = &opts.Label{Show: opts.Bool(true), Formatter: strconv.Itoa(m.Count), Position: "inside",
				Color: textOn(st.color), FontSize: 9, FontWeight: "bold"}
		}
		data[k] = append(data[k], it)
		kk := key{m.Jurisdiction, m.Year}
		if counts[kk] == nil {
			counts[kk] = map[string]int{}
			keys = append(keys, kk)
		}
		counts[kk][m.Kind] += m.Count
		if minYear == 0 || m.Year < minYear {
			minYear = m.Year
		}
		maxYear = max(maxYear, m.Year)
	}

	table := Table{Caption: "Measures started, by jurisdiction and year", Header: []string{"Jurisdiction", "Year"}}
	// Only the kinds of measure recorded get a column: a column of zeros
	// says nothing the chart's legend does not.
	var kinds []measureStyle
	for i, st := range measureStyles {
		if len(data[i]) > 0 {
			kinds = append(kinds, st)
			table.Header = append(table.Header, st.name)
		}
	}
	for _, k := range keys {
		row := []string{meta.name(k.code), strconv.Itoa(k.year)}
		for _, st := range kinds {
			row = append(row, strconv.Itoa(counts[k][st.kind]))
		}
		table.Rows = append(table.Rows, row)
	}

	s := gecharts.NewScatter()
	s.SetGlobalOptions(baseOpts(MeasuresID, title, meta, nil)...)
	xAxis := opts.XAxis{Type: "value", MinInterval: 1}
	if minYear > 0 {
		xAxis = yearAxis(minYear, maxYear)
	}
	xAxis.Name, xAxis.NameLocation, xAxis.NameGap = "Year started", "middle", 30
	xAxis.SplitLine = &opts.SplitLine{Show: opts.Bool(true)}
	s.SetGlobalOptions(
		gecharts.WithXAxisOpts(xAxis),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Name: "Jurisdiction", NameLocation: "start", Data: names, Inverse: opts.Bool(true),
			AxisLabel: &opts.AxisLabel{Interval: "0"}, SplitLine: &opts.SplitLine{Show: opts.Bool(true)}}),
		gecharts.WithGridOpts(opts.Grid{Top: "40", Bottom: "90", Left: "20", Right: "40", ContainLabel: opts.Bool(true)}),
	)
	series := 0
	for k, st := range measureStyles {
		if len(data[k]) == 0 {
			continue
		}
		series++
		s.MultiSeries = append(s.MultiSeries, gecharts.SingleSeries{
			Name: st.name, Type: "scatter", Symbol: st.symbol, Data: data[k],
			ItemStyle: &opts.ItemStyle{Color: st.color, BorderColor: black, BorderWidth: 1},
		})
	}
	notes := []string{"Each marker is the number of measures of one kind that started in the year (larger markers: more). Records without a start year are not counted; a regional campaign counts for each jurisdiction it names."}
	if series == 0 {
		notes = append(notes, "The dataset records no measure with a start year for these jurisdictions.")
	}
	return &Chart{
		ID: MeasuresID, Title: title, Height: 150 + measureRow*len(rows), Option: optionOf(s), Series: series,
		Table: table, Notes: notes, Sources: meta.sources(srcIDs),
	}
}

// plural returns one for a count of 1 and many otherwise, lower case.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return lowerFirst(many)
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}
