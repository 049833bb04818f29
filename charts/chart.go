package charts

import (
	"cmp"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// Meta is what every chart says about its data: the date it answers for,
// the group it covers, and the index of the dataset it was computed from,
// which gives the names of jurisdictions and the titles of the sources cited.
type Meta struct {
	// AsOf is the date the charts show the status on. It is not the date of
	// the data: the caption gives that from Index (mapping.Index.DataDate).
	AsOf dataset.Date
	// Group is the group of jurisdictions covered (e.g. CBSS); empty for
	// every jurisdiction of the dataset.
	Group string
	// Index is the index of the dataset the mapping results come from. It
	// may be nil: jurisdictions are then named by code and sources by id.
	Index *mapping.Index

	// scope are the jurisdictions the charts cover, whose data's own date
	// the caption gives; nil for every jurisdiction of Index.
	scope []string
}

// Chart is one chart: the ECharts option that draws it and the same data as
// a table, with the sources it rests on.
type Chart struct {
	// ID is the fixed id of the chart's element in the page.
	ID string
	// Title is the chart's title.
	Title string
	// Height is the chart's height in CSS pixels.
	Height int
	// Option is the ECharts option, built with go-echarts' option model.
	Option map[string]any
	// Series is the number of series in Option.
	Series int
	// Table is the chart's data as a table, for screen readers and print.
	Table Table
	// Notes are remarks in plain words printed under the chart.
	Notes []string
	// Sources lists the sources the chart's data cites, sorted by id.
	Sources []dataset.Source
	// UsesMap is true when the chart draws the embedded region map.
	UsesMap bool
}

// Table is tabular data: a caption, a header row and body rows of text.
type Table struct {
	Caption string
	Header  []string
	Rows    [][]string
}

// OptionJSON returns the chart's option as indented JSON. Like every JSON
// cpmap puts in a page, it escapes <, > and & (as \u003c, \u003e, \u0026), so
// that no text of the dataset can end a <script> element.
func (c *Chart) OptionJSON() ([]byte, error) {
	b, err := json.MarshalIndent(c.Option, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("chart %s: %w", c.ID, err)
	}
	return b, nil
}

// The Okabe–Ito palette, safe for the common forms of colour blindness.
const (
	black       = "#000000"
	orange      = "#E69F00"
	skyBlue     = "#56B4E9"
	bluishGreen = "#009E73"
	yellow      = "#F0E442"
	blue        = "#0072B2"
	vermillion  = "#D55E00"
	purple      = "#CC79A7"
	grey        = "#BBBBBB"
	// noDataFill is the quiet flat fill of "unknown" and "no data": a light
	// grey, printed with words in a dark grey.
	noDataFill = "#EEEEEE"
)

// palette is the series colour cycle of charts whose series are not coded.
var palette = []string{blue, orange, bluishGreen, vermillion, skyBlue, purple, yellow, black}

// echartsChart is what go-echarts' chart types have in common.
type echartsChart interface {
	Validate()
	JSON() map[string]any
}

// optionOf returns the option map of a go-echarts chart.
func optionOf(c echartsChart) map[string]any {
	c.Validate()
	return c.JSON()
}

// baseOpts are the global options every chart shares: a fixed id, a legend
// at the foot, an item tooltip (the page supplies a formatter that escapes the
// text) and the colours. The chart draws no title of its own: the page gives
// each chart one heading and one caption. Decal patterns are off: every chart
// tells its series apart by words or marker shapes as well as by colour.
// Animation is off so that the chart is complete as soon as it is drawn
// (print, screenshots, tests).
func baseOpts(id, title string, meta Meta, colors []string) []gecharts.GlobalOpts {
	if colors == nil {
		colors = palette
	}
	return []gecharts.GlobalOpts{
		gecharts.WithInitializationOpts(opts.Initialization{ChartID: id, PageTitle: title, AssetsHost: "./", Width: "100%"}),
		gecharts.WithAnimation(false),
		gecharts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
		gecharts.WithLegendOpts(opts.Legend{Show: opts.Bool(true), Bottom: "5"}),
		gecharts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Decal: &opts.AriaDecal{Show: opts.Bool(false)}}),
		gecharts.WithColorsOpts(opts.Colors(colors)),
	}
}

// Caption is the line under every chart heading: the date the chart shows
// the status on, the group, and the data's own date, the latest day on
// which a fact of the jurisdictions covered was checked. The two dates are
// kept apart: a chart drawn today of data checked last year says so.
func (m Meta) Caption() string {
	parts := []string{"Status on " + m.AsOf.String()}
	if m.Group != "" {
		parts = append(parts, m.Group)
	}
	if m.Index != nil {
		scope := m.scope
		if scope == nil {
			for _, j := range m.Index.Dataset().Jurisdictions {
				scope = append(scope, j.Code)
			}
		}
		if d := m.Index.DataDate(scope).Latest; !d.IsZero() {
			parts = append(parts, "Data checked up to "+d.String())
		} else {
			parts = append(parts, "Date the data were checked: not recorded")
		}
	}
	return strings.Join(parts, " · ")
}

// name returns the jurisdiction's name from the dataset, or its code.
func (m Meta) name(code string) string {
	if m.Index == nil {
		return code
	}
	return m.Index.Name(code)
}

// nameIfKnown returns the jurisdiction's name from the dataset, or "".
func (m Meta) nameIfKnown(code string) string {
	if n := m.name(code); n != code {
		return n
	}
	return ""
}

// kind returns the jurisdiction's kind, or "" when the dataset does not
// record it.
func (m Meta) kind(code string) dataset.JurisdictionKind {
	if m.Index == nil {
		return ""
	}
	j, _ := m.Index.Jurisdiction(code)
	return j.Kind
}

// sources returns the sources of the ids, sorted by id, without duplicates
// or empty ids. A source missing from the dataset is listed by its id.
func (m Meta) sources(ids []string) []dataset.Source {
	ids = slices.Clone(ids)
	ids = slices.DeleteFunc(ids, func(s string) bool { return s == "" })
	slices.Sort(ids)
	ids = slices.Compact(ids)
	out := make([]dataset.Source, 0, len(ids))
	for _, id := range ids {
		out = append(out, m.source(id))
	}
	return out
}

// source returns the source with the id, or one that names only the id.
func (m Meta) source(id string) dataset.Source {
	if m.Index != nil {
		if s, ok := m.Index.SourceRecord(id); ok {
			return s
		}
	}
	return dataset.Source{ID: id}
}

// sourceTitle returns the title of the source, or its id.
func (m Meta) sourceTitle(id string) string {
	if s := m.source(id); s.Title != "" {
		return s.Title
	}
	return id
}

// record returns the name and source id of a campaign or programme record
// (a programme when kind is mapping.ProgrammeMeasure), or the id and "" when
// the dataset does not hold it.
func (m Meta) record(kind, id string) (name, source string) {
	if m.Index == nil {
		return id, ""
	}
	if kind == mapping.ProgrammeMeasure {
		if p, ok := m.Index.Programme(id); ok {
			return cmp.Or(p.Name, id), p.Source
		}
		return id, ""
	}
	if c, ok := m.Index.Campaign(id); ok {
		return cmp.Or(c.Name, id), c.Source
	}
	return id, ""
}

// Citation returns a source as the pages list it: title, publisher,
// publication date and address, those that are known. The address is text,
// never a link: pages make no reference outside themselves.
func Citation(s dataset.Source) string {
	parts := []string{cmp.Or(s.Title, s.ID+" (not in the sources table)")}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.String())
	}
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	return strings.Join(parts, ". ")
}

// item is a data item of a series: its value, an optional name, the lines
// of its tooltip (plain text; the page escapes it), and per-item styles.
type item struct {
	Name      string          `json:"name,omitempty"`
	Value     any             `json:"value"`
	Tip       string          `json:"tip,omitempty"`
	Symbol    string          `json:"symbol,omitempty"`
	Size      float64         `json:"symbolSize,omitempty"`
	Offset    []float64       `json:"symbolOffset,omitempty"` // pixels right and down
	Label     any             `json:"label,omitempty"`        // *opts.Label or *turnedLabel
	ItemStyle *opts.ItemStyle `json:"itemStyle,omitempty"`
}

// turnedLabel is a label turned by Rotate degrees, which go-echarts' Label
// does not offer.
type turnedLabel struct {
	opts.Label
	Rotate   float64 `json:"rotate,omitempty"`
	Distance float64 `json:"distance,omitempty"`
}

// tip joins tooltip lines, leaving out empty ones.
func tip(lines ...string) string {
	return strings.Join(slices.DeleteFunc(lines, func(s string) bool { return s == "" }), "\n")
}

// wordLabel is a series label that prints a fixed word in each item, in
// bold, in the colour that contrasts best with the item's fill. It sets no
// background box: ECharts then strokes the text with the fill colour, which
// smudges it; nor padding, which go-echarts encodes as a string that
// ECharts 5.6 does not accept (it then draws no label at all).
func wordLabel(word, fill string) *opts.Label {
	return &opts.Label{Show: opts.Bool(true), Formatter: escapeFormatter(word), Color: textOn(fill),
		FontWeight: "bold", FontSize: 11}
}

// textOn returns the text colour for a fill of the palette: white on blue,
// dark grey on the no-data fill, black on every other (their contrast with
// black is higher).
func textOn(fill string) string {
	switch fill {
	case blue:
		return "#ffffff"
	case noDataFill:
		return "#444444"
	}
	return black
}

// escapeFormatter makes s safe as an ECharts label template: braces would
// be read as placeholders or rich-text styles.
func escapeFormatter(s string) string {
	return formatterReplacer.Replace(s)
}

// formatterReplacer is made once: making one costs more than a replacement.
var formatterReplacer = strings.NewReplacer("{", "(", "}", ")")

// round1 rounds to one decimal, the precision the charts show.
func round1(f float64) float64 {
	return float64(int64(f*10+sign(f)*0.5)) / 10
}

func sign(f float64) float64 {
	if f < 0 {
		return -1
	}
	return 1
}

// formatCount prints a whole number with commas between thousands.
func formatCount(n int) string { return mapping.GroupDigits(n, "\u202f") }

// formatPercent prints a percentage with one decimal.
func formatPercent(f float64) string {
	return fmt.Sprintf("%.1f%%", f)
}

// yearAxis fits an axis of whole years to the years lo to hi: a year of
// padding on each side, ends on multiples of an interval chosen so that at
// most eight labels are printed, wide enough apart never to collide.
func yearAxis(lo, hi int) opts.XAxis {
	lo, hi = lo-1, hi+1
	iv := 1
	for _, step := range []int{1, 2, 5, 10, 20, 25, 50, 100} {
		iv = step
		if (hi-lo+step-1)/step <= 8 {
			break
		}
	}
	lo = floorDiv(lo, iv) * iv
	hi = -floorDiv(-hi, iv) * iv
	// The labels stand a little lower than ECharts' default, clear of the
	// first label of a value axis at the corner (its "0").
	return opts.XAxis{Type: "value", Min: lo, Max: hi, MinInterval: float64(iv), MaxInterval: float64(iv),
		AxisLabel: &opts.AxisLabel{Margin: 14, ShowMinLabel: opts.Bool(true), ShowMaxLabel: opts.Bool(true)}}
}

// floorDiv divides rounding towards minus infinity.
func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// legendOf is a legend at the foot listing only the names of the series
// that have data, in order: a legend explains what the chart shows.
func legendOf[T any](names []string, data [][]T) opts.Legend {
	shown := []string{}
	for i, n := range names {
		if len(data[i]) > 0 {
			shown = append(shown, n)
		}
	}
	return opts.Legend{Show: opts.Bool(true), Bottom: "5", Data: shown}
}
