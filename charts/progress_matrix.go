package charts

import (
	"cmp"
	"slices"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/mapping"
)

// ProgressMatrixID is the element id of the progress matrix.
const ProgressMatrixID = "progress-matrix"

// levelStyle is how a level of a step is drawn.
type levelStyle struct {
	level mapping.Level
	name  string
	color string
}

// levelStyles lists every level, from met to no data; each is one series.
var levelStyles = []levelStyle{
	{mapping.Met, "Met", bluishGreen},
	{mapping.Partial, "Partly met", yellow},
	{mapping.NotMet, "Not met", vermillion},
	{mapping.NoData, "No data", noDataFill},
}

// stepNames are the five steps in short words, as the columns name them.
var stepNames = map[mapping.Step]string{
	mapping.Enact:          "Enact",
	mapping.Plan:           "Plan",
	mapping.Communicate:    "Communicate",
	mapping.SupportParents: "Support parents",
	mapping.Evaluate:       "Evaluate",
}

// stepTitles are the five steps in full words, as tooltips name them.
var stepTitles = map[mapping.Step]string{
	mapping.Enact:          "Enact prohibition in all settings",
	mapping.Plan:           "Plan: a national action plan",
	mapping.Communicate:    "Communicate: raise awareness",
	mapping.SupportParents: "Support parents: parenting programmes",
	mapping.Evaluate:       "Evaluate: repeated surveys",
}

func levelName(l mapping.Level) string {
	for _, s := range levelStyles {
		if s.level == l {
			return s.name
		}
	}
	return string(l)
}

// maxEvidence is how many records a tooltip lists; the table and the
// sources list the rest.
const maxEvidence = 5

// ProgressMatrix draws the progress towards elimination: one row per
// jurisdiction, one column per step (Enact, Plan, Communicate, Support
// parents, Evaluate), each cell coloured and labelled by its level, with
// the reason, the gap and the evidence in the tooltip.
func ProgressMatrix(ps []mapping.JurisdictionProgress, meta Meta) *Chart {
	const title = "Progress towards eliminating corporal punishment"
	ps = slices.Clone(ps)
	slices.SortStableFunc(ps, func(a, b mapping.JurisdictionProgress) int { return cmp.Compare(a.Jurisdiction, b.Jurisdiction) })
	steps := make([]string, len(mapping.Steps))
	for i, s := range mapping.Steps {
		steps[i] = stepNames[s]
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = cmp.Or(meta.nameIfKnown(p.Jurisdiction), p.Name, p.Jurisdiction)
	}
	table := Table{
		Caption: "Progress on the five steps, as of " + meta.AsOf.String(),
		Header:  append([]string{"Jurisdiction", "Code"}, steps...),
	}
	data := make([][]item, len(levelStyles))
	var srcIDs []string
	for y, p := range ps {
		row := []string{names[y], p.Jurisdiction}
		for x, s := range mapping.Steps {
			r, ok := p.Step(s)
			if !ok {
				r = mapping.StepResult{Step: s, Level: mapping.NoData, Reason: "not assessed"}
			}
			k := slices.IndexFunc(levelStyles, func(l levelStyle) bool { return l.level == r.Level })
			if k < 0 {
				k = len(levelStyles) - 1
			}
			lines := []string{names[y] + " — " + stepTitles[s] + ": " + strings.ToLower(levelName(r.Level)), r.Reason}
			if r.Gap != "" {
				lines = append(lines, "Missing: "+r.Gap)
			}
			for i, e := range r.Evidence {
				srcIDs = append(srcIDs, e.Source)
				if i < maxEvidence {
					lines = append(lines, "• "+cmp.Or(e.What, e.ID)+" (source: "+meta.sourceTitle(e.Source)+")")
				}
			}
			if n := len(r.Evidence) - maxEvidence; n > 0 {
				lines = append(lines, "… and more: see the table under the chart")
			}
			data[k] = append(data[k], item{Value: []int{x, y, 1}, Tip: tip(lines...)})
			cell := levelName(r.Level)
			if r.Gap != "" {
				cell += " — missing: " + r.Gap
			}
			row = append(row, cell)
		}
		table.Rows = append(table.Rows, row)
	}

	h := gecharts.NewHeatMap()
	h.SetGlobalOptions(baseOpts(ProgressMatrixID, title, meta, nil)...)
	h.SetGlobalOptions(
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category", Name: "Step", NameLocation: "middle", NameGap: 30,
			Data: steps, Position: "top", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Name: "Jurisdiction", Data: names,
			Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		gecharts.WithGridOpts(opts.Grid{Top: "60", Bottom: "80", Left: "10", Right: "20", ContainLabel: opts.Bool(true)}),
	)
	legend := make([]string, len(levelStyles))
	for k, st := range levelStyles {
		legend[k] = st.name
	}
	h.SetGlobalOptions(gecharts.WithLegendOpts(legendOf(legend, data)))
	for k, st := range levelStyles {
		h.MultiSeries = append(h.MultiSeries, gecharts.SingleSeries{
			Name: st.name, Type: "heatmap", Data: nonNil(data[k]),
			ItemStyle: &opts.ItemStyle{Color: st.color, BorderColor: "#ffffff", BorderWidth: 2},
			Label:     wordLabel(st.name, st.color),
		})
	}
	var notes []string
	if len(ps) == 0 {
		notes = append(notes, "No jurisdiction is selected.")
	}
	notes = append(notes, "No data: the dataset records nothing for the jurisdiction in the table the step is judged from. Not met: records exist, and none satisfies the step.")
	return &Chart{
		ID: ProgressMatrixID, Title: title, Height: 150 + 34*len(ps),
		Option: optionOf(h), Series: len(levelStyles), Table: table, Notes: notes, Sources: meta.sources(srcIDs),
	}
}
