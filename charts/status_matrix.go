package charts

import (
	"fmt"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// StatusMatrixID is the element id of the legal status matrix.
const StatusMatrixID = "status-matrix"

// statusStyle is how a legal status is drawn: its name in the legend, the
// word printed in each cell, and its colour.
type statusStyle struct {
	status dataset.Status
	name   string
	word   string
	color  string
}

// statusStyles lists every status a cell may have, from the strongest
// protection to none, then unknown and uncertain; each is one series.
var statusStyles = []statusStyle{
	{dataset.Prohibited, "Prohibited", "Prohibited", bluishGreen},
	{dataset.UnlawfulNotExplicit, "Unlawful, not explicitly prohibited", "Unlawful", skyBlue},
	{dataset.ProhibitedUnidentified, "Reported prohibited, law not identified", "Law not identified", blue},
	{dataset.Partial, "Partly prohibited", "Partial", yellow},
	{dataset.NotProhibited, "Not prohibited", "Not prohibited", vermillion},
	{dataset.Unknown, "Unknown", "Unknown", noDataFill},
	{mapping.Uncertain, "Uncertain on this date", "Uncertain", purple},
}

// statusName returns the status in words, as the legend names it.
func statusName(s dataset.Status) string {
	for _, st := range statusStyles {
		if st.status == s {
			return st.name
		}
	}
	return string(s)
}

// settingName is the setting in words, capitalised: "Alternative care".
func settingName(s dataset.Setting) string {
	l := mapping.SettingLabel(s)
	if l == "" {
		return l
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// StatusMatrix draws the legal status matrix: one row per jurisdiction, one
// column per setting, each cell coloured by its status and labelled with it
// in words, unconfirmed statuses in square brackets (as the Global
// Initiative prints them). Each status is a series of its own, so the legend
// names every status and decal patterns tell them apart in black and white.
func StatusMatrix(m mapping.Matrix, meta Meta) *Chart {
	const title = "Legal status of corporal punishment by setting"
	settings := make([]string, len(dataset.Settings))
	for i, s := range dataset.Settings {
		settings[i] = settingName(s)
	}
	names := make([]string, len(m.Rows))
	for i, r := range m.Rows {
		names[i] = meta.name(r.Jurisdiction)
	}

	data := make([][]item, len(statusStyles))
	var srcIDs []string
	table := Table{
		Caption: "Legal status by jurisdiction and setting, as of " + m.AsOf.String(),
		Header:  append(append([]string{"Jurisdiction", "Code"}, settings...), "Category"),
	}
	for y, r := range m.Rows {
		row := []string{names[y], r.Jurisdiction}
		for x, s := range dataset.Settings {
			c, ok := r.Cell(s)
			if !ok {
				c = mapping.Cell{Setting: s, Status: dataset.Unknown}
			}
			k := seriesOfStatus(c.Status)
			it := item{Value: []int{x, y, 1}, Tip: cellTip(names[y], c, meta)}
			if unconfirmed(c) {
				l := *wordLabel("["+statusStyles[k].word+"]", statusStyles[k].color)
				it.Label = &l
			}
			data[k] = append(data[k], it)
			for _, p := range append(append([]mapping.ProvisionRef{}, c.Provisions...), c.Pending...) {
				srcIDs = append(srcIDs, p.Source)
			}
			row = append(row, cellWords(c))
		}
		if r.Commitment != nil {
			srcIDs = append(srcIDs, r.Commitment.Source)
		}
		table.Rows = append(table.Rows, append(row, categoryWords(r)))
	}

	h := gecharts.NewHeatMap()
	h.SetGlobalOptions(baseOpts(StatusMatrixID, title, meta, nil)...)
	h.SetGlobalOptions(
		gecharts.WithXAxisOpts(opts.XAxis{Type: "category", Name: "Setting", NameLocation: "middle", NameGap: 30,
			Data: settings, Position: "top", AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		gecharts.WithYAxisOpts(opts.YAxis{Type: "category", Name: "Jurisdiction", Data: names,
			Inverse: opts.Bool(true), AxisLabel: &opts.AxisLabel{Interval: "0"}}),
		gecharts.WithGridOpts(opts.Grid{Top: "60", Bottom: "80", Left: "10", Right: "20", ContainLabel: opts.Bool(true)}),
	)
	legend := make([]string, len(statusStyles))
	for k, st := range statusStyles {
		legend[k] = st.name
	}
	h.SetGlobalOptions(gecharts.WithLegendOpts(legendOf(legend, data)))
	for k, st := range statusStyles {
		h.MultiSeries = append(h.MultiSeries, gecharts.SingleSeries{
			Name: st.name, Type: "heatmap", Data: nonNil(data[k]),
			ItemStyle: &opts.ItemStyle{Color: st.color, BorderColor: "#ffffff", BorderWidth: 2},
			Label:     wordLabel(st.word, st.color),
		})
	}
	srcs := meta.sources(srcIDs)
	var notes []string
	if len(m.Rows) == 0 {
		notes = append(notes, "No jurisdiction is selected.")
	}
	if len(data[seriesOfStatus(mapping.Uncertain)]) > 0 {
		notes = append(notes, "Uncertain on this date: a law's date is recorded less precisely than the day shown (a year or a month only), so the status on this very day cannot be told; the table lists what it may be.")
	}
	if uncertainRow(m) {
		notes = append(notes, "A category marked \"uncertain on this date\" could change once the settings marked Unknown or Uncertain are known.")
	}
	notes = append(notes, "A status in [square brackets] is not confirmed.")
	return &Chart{
		ID: StatusMatrixID, Title: title, Height: 150 + 34*len(m.Rows),
		Option: optionOf(h), Series: len(statusStyles), Table: table, Notes: notes, Sources: srcs,
	}
}

// seriesOfStatus returns the index in statusStyles of the status; a status
// outside the vocabulary is drawn as unknown (its tooltip names it).
func seriesOfStatus(s dataset.Status) int {
	for i, st := range statusStyles {
		if st.status == s {
			return i
		}
	}
	for i, st := range statusStyles {
		if st.status == dataset.Unknown {
			return i
		}
	}
	return 0
}

// unconfirmed reports whether the provision in force is recorded as not
// confirmed.
func unconfirmed(c mapping.Cell) bool {
	for _, p := range c.Provisions {
		if p.Unconfirmed {
			return true
		}
	}
	return false
}

// cellWords is the cell's status in words, with the statuses an uncertain
// cell may have and a note for an unconfirmed one.
func cellWords(c mapping.Cell) string {
	s := statusName(c.Status)
	if c.Status == mapping.Uncertain && len(c.Possible) > 0 {
		alts := make([]string, len(c.Possible))
		for i, p := range c.Possible {
			alts[i] = strings.ToLower(statusName(p))
		}
		s += ": " + strings.Join(alts, " or ")
	}
	if unconfirmed(c) {
		s = "[" + s + "] (unconfirmed)"
	}
	return s
}

// cellTip is the tooltip of one cell: the status, the provision it rests on
// and its source.
func cellTip(name string, c mapping.Cell, meta Meta) string {
	lines := []string{name + " — " + strings.ToLower(settingName(c.Setting)) + ": " + cellWords(c)}
	if c.FromAdopted {
		lines = append(lines, "Counted from adoption: the date in force is not recorded.")
	}
	for _, p := range c.Provisions {
		lines = append(lines, provisionLine(p), "Source: "+meta.sourceTitle(p.Source))
	}
	for _, p := range c.Pending {
		lines = append(lines, "Adopted, not yet in force: "+provisionLine(p))
	}
	return tip(lines...)
}

// provisionLine describes a provision in one line.
func provisionLine(p mapping.ProvisionRef) string {
	law := strings.TrimSpace(strings.Join(nonEmpty(p.Instrument, p.Provision), ", "))
	if law == "" {
		law = p.ID
	}
	var when []string
	if !p.Adopted.IsZero() {
		when = append(when, "adopted "+p.Adopted.String())
	}
	if !p.InForce.IsZero() {
		when = append(when, "in force "+p.InForce.String())
	}
	if !p.Until.IsZero() {
		when = append(when, "until "+p.Until.String())
	}
	if len(when) > 0 {
		law += fmt.Sprintf(" (%s)", strings.Join(when, ", "))
	}
	return law
}

// categoryWords is the row's category in words.
func categoryWords(r mapping.Row) string {
	s := categoryName(r.Category)
	if r.CategoryUncertain {
		s += " (uncertain on this date)"
	}
	return s
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// nonNil returns an empty slice for nil, so that an empty series encodes as
// [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// uncertainRow reports whether the category of a row of m is uncertain on
// its date.
func uncertainRow(m mapping.Matrix) bool {
	for _, r := range m.Rows {
		if r.CategoryUncertain {
			return true
		}
	}
	return false
}
