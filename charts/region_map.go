package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sync"

	gecharts "github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"

	"github.com/cpmap/cpmap/charts/assets"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// RegionMapID is the element id of the map of the region.
const RegionMapID = "region-map"

// categoryStyle is how a category is drawn on the map: its name, the flat
// colour of the area, and the shape of the marker at the jurisdiction's
// centre, which tells the categories apart without colour.
type categoryStyle struct {
	category mapping.Category
	name     string
	color    string
	symbol   string
}

var categoryStyles = []categoryStyle{
	{mapping.AllSettings, "Prohibited in all settings", bluishGreen, "circle"},
	{mapping.Committed, "Committed to full prohibition", skyBlue, "diamond"},
	{mapping.SomeSettings, "Prohibited in some settings", yellow, "triangle"},
	{mapping.None, "Not prohibited in any setting", vermillion, "rect"},
}

// categoryName returns the category in words.
func categoryName(c mapping.Category) string {
	for _, s := range categoryStyles {
		if s.category == c {
			return s.name
		}
	}
	return string(c)
}

// geoOption is the geo component that places the markers. It is laid out
// exactly as the map series (the same box and aspect), and drawn
// transparent: the map series draws the regions.
type geoOption struct {
	Map       string      `json:"map"`
	Roam      bool        `json:"roam"`
	Silent    bool        `json:"silent"`
	Top       string      `json:"top"`
	Bottom    string      `json:"bottom"`
	Left      string      `json:"left"`
	Right     string      `json:"right"`
	Aspect    float64     `json:"aspectScale"`
	ItemStyle regionStyle `json:"itemStyle"`
}

// regionStyle is the style of a region of the map.
type regionStyle struct {
	AreaColor   string  `json:"areaColor"`
	BorderColor string  `json:"borderColor"`
	BorderWidth float64 `json:"borderWidth"`
}

// region is a data item of the map series: one jurisdiction.
type region struct {
	Name      string      `json:"name"`
	Value     int         `json:"value"`
	Tip       string      `json:"tip"`
	ItemStyle regionStyle `json:"itemStyle"`
}

// The layout the map series and the geo component share.
// The land outside the group: drawn, for the shape of the region, in a
// quiet grey that the legend explains.
const (
	outsideName = "Outside the group shown"
	outsideFill = "#E4E4E4"
)

// withAspect returns the option with the map series' aspect set to
// mapAspect, the same as the geo component's, which go-echarts' series
// options cannot say.
func withAspect(option map[string]any) (map[string]any, error) {
	b, err := json.Marshal(option)
	if err != nil {
		return nil, fmt.Errorf("region map: %w", err)
	}
	var out map[string]any
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("region map: %w", err)
	}
	if series, ok := out["series"].([]any); ok && len(series) > 0 {
		if s, ok := series[0].(map[string]any); ok {
			s["aspectScale"] = mapAspect
		}
	}
	return out, nil
}

// tagLabel is a label on a plain box of its own: ECharts would otherwise
// stroke the text with the fill beneath it. Padding is a list here, which
// go-echarts' Label (a string) cannot give.
type tagLabel struct {
	opts.Label
	Padding         []float64 `json:"padding,omitempty"`
	Distance        float64   `json:"distance,omitempty"`
	TextBorderWidth float64   `json:"textBorderWidth"`
}

// codeTag is the label of a jurisdiction on the map: its code in dark bold
// type on a white tag with a thin border, beside its marker.
func codeTag(code string) *tagLabel {
	return &tagLabel{
		Label: opts.Label{Show: opts.Bool(true), Formatter: escapeFormatter(code), Position: "right",
			Color: black, FontWeight: "bold", FontSize: 12, LineHeight: 14,
			BackgroundColor: "#ffffff", BorderColor: "#555555", BorderWidth: 0.5, BorderRadius: 2},
		Padding:  []float64{2, 4, 1, 4},
		Distance: 4,
	}
}

const (
	mapTop    = "20"
	mapBottom = "60"
	mapSide   = "10"
)

// RegionMap draws the map of the region, each jurisdiction coloured and
// patterned by its category (one map series). A marker of the category's
// shape, labelled with the code, sits at the centre of every jurisdiction,
// so that small ones (the Faroe Islands) stay visible and the map reads in
// black and white; the markers of each category are a series, so the legend
// names the categories.
func RegionMap(m mapping.Matrix, meta Meta) (*Chart, error) {
	const title = "Where corporal punishment is prohibited"
	centres, err := mapCentres()
	if err != nil {
		return nil, err
	}
	data := make([][]item, len(categoryStyles))
	regions := []region{}
	geo := geoOption{
		Map: assets.BSRMapName, Silent: true, Top: mapTop, Bottom: mapBottom, Left: mapSide, Right: mapSide, Aspect: mapAspect,
		ItemStyle: regionStyle{AreaColor: "rgba(0,0,0,0)", BorderColor: "rgba(0,0,0,0)"},
	}
	table := Table{
		Caption: "Category of each jurisdiction, as of " + m.AsOf.String(),
		Header:  []string{"Jurisdiction", "Code", "Category", "Settings prohibited", "Committed to full prohibition"},
	}
	var srcIDs, off []string
	for _, r := range m.Rows {
		k := slices.IndexFunc(categoryStyles, func(s categoryStyle) bool { return s.category == r.Category })
		name := meta.name(r.Jurisdiction)
		prohibited := 0
		for _, c := range r.Cells {
			if c.Status == dataset.Prohibited {
				prohibited++
			}
			for _, p := range c.Provisions {
				srcIDs = append(srcIDs, p.Source)
			}
		}
		committed := mapping.CommitmentLabel(r)
		if r.Commitment != nil {
			srcIDs = append(srcIDs, r.Commitment.Source)
		}
		table.Rows = append(table.Rows, []string{name, r.Jurisdiction, categoryWords(r),
			fmt.Sprintf("%d of %d", prohibited, len(dataset.Settings)), committed})
		centre, onMap := centres[r.Jurisdiction]
		if !onMap {
			off = append(off, name+" ("+lowerFirst(categoryWords(r))+")")
			continue
		}
		if k < 0 {
			continue
		}
		st := categoryStyles[k]
		lines := []string{name + ": " + categoryWords(r),
			fmt.Sprintf("Prohibited in %d of %d settings", prohibited, len(dataset.Settings)),
			"Committed to full prohibition: " + committed}
		regions = append(regions, region{Name: r.Jurisdiction, Value: k, Tip: tip(lines...),
			ItemStyle: regionStyle{AreaColor: st.color, BorderColor: "#555555", BorderWidth: 0.5}})
		data[k] = append(data[k], item{
			Name:  name,
			Value: []float64{centre[0], centre[1]},
			Tip:   tip(lines...),
			Label: codeTag(r.Jurisdiction),
		})
	}

	c := gecharts.NewMap()
	c.SetGlobalOptions(baseOpts(RegionMapID, title, meta, nil)...)
	names := make([]string, len(categoryStyles))
	for k, st := range categoryStyles {
		names[k] = st.name
	}
	legend := legendOf(append(names, outsideName), append(data, []item{{}}))
	c.SetGlobalOptions(gecharts.WithLegendOpts(legend))
	c.MultiSeries = append(c.MultiSeries, gecharts.SingleSeries{
		Name: "Jurisdictions", Type: "map", MapType: assets.BSRMapName, Roam: opts.Bool(false), SelectedMode: opts.Bool(false),
		Top: mapTop, Bottom: mapBottom, Left: mapSide, Right: mapSide, Data: regions,
		ItemStyle: &opts.ItemStyle{AreaColor: outsideFill, BorderColor: "#555555", BorderWidth: 0.5},
		Emphasis:  &opts.Emphasis{Label: &opts.Label{Show: opts.Bool(false)}, ItemStyle: &opts.ItemStyle{AreaColor: "#dddddd", BorderColor: black, BorderWidth: 1}},
	})
	for k, st := range categoryStyles {
		c.MultiSeries = append(c.MultiSeries, gecharts.SingleSeries{
			Name: st.name, Type: "scatter", CoordSystem: "geo", Symbol: st.symbol, SymbolSize: 14,
			Data:      nonNil(data[k]),
			ItemStyle: &opts.ItemStyle{Color: st.color, BorderColor: black, BorderWidth: 1.5},
		})
	}
	// The grey of the land outside the group, explained in the legend by a
	// series without data.
	c.MultiSeries = append(c.MultiSeries, gecharts.SingleSeries{
		Name: outsideName, Type: "scatter", CoordSystem: "geo", Symbol: "rect", SymbolSize: 14, Data: []item{},
		ItemStyle: &opts.ItemStyle{Color: outsideFill, BorderColor: "#555555", BorderWidth: 0.5},
	})
	option, err := withAspect(optionOf(c))
	if err != nil {
		return nil, err
	}
	option["geo"] = geo

	notes := []string{}
	if cs := m.Children; cs.Counted > 0 {
		n := fmt.Sprintf("%s of the children in these jurisdictions live where corporal punishment is prohibited in all settings (%s of %s children, counted in %d jurisdictions).",
			formatPercent(round1(cs.Percent)), formatCount(cs.Protected), formatCount(cs.Total), cs.Counted)
		if len(cs.MissingPopulation) > 0 {
			n += " Child population not recorded: " + joinNames(meta, cs.MissingPopulation) + "."
		}
		notes = append(notes, n)
	}
	if len(off) > 0 {
		notes = append(notes, "Not on the map: "+mapping.JoinWords(off)+".")
	}
	return &Chart{
		ID: RegionMapID, Title: title, Height: 640, Option: option, Series: 2 + len(categoryStyles),
		Table: table, Notes: notes, Sources: meta.sources(srcIDs), UsesMap: true,
	}, nil
}

// mapCentres returns, for each jurisdiction of the embedded map, the point
// where its marker goes: the centroid of its largest polygon.
var mapCentres = sync.OnceValues(func() (map[string][2]float64, error) {
	var fc struct {
		Features []struct {
			Properties struct {
				Name string `json:"name"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	geo, err := regionGeoJSON()
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(geo, &fc); err != nil {
		return nil, fmt.Errorf("region map: %w", err)
	}
	out := map[string][2]float64{}
	for _, f := range fc.Features {
		polys, err := polygons(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("region map: %s: %w", f.Properties.Name, err)
		}
		best, bestArea := [2]float64{}, -1.0
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			if c, a := centroid(p[0]); a > bestArea {
				best, bestArea = c, a
			}
		}
		if bestArea < 0 {
			return nil, fmt.Errorf("region map: %s has no polygon", f.Properties.Name)
		}
		out[f.Properties.Name] = [2]float64{math.Round(best[0]*100) / 100, math.Round(best[1]*100) / 100}
	}
	return out, nil
})

// centroid returns the centroid and the (unsigned) area of a ring, in
// degrees; a degenerate ring gives the mean of its points.
func centroid(ring [][2]float64) ([2]float64, float64) {
	var a, cx, cy float64
	for i := range ring {
		p, q := ring[i], ring[(i+1)%len(ring)]
		cross := p[0]*q[1] - q[0]*p[1]
		a += cross
		cx += (p[0] + q[0]) * cross
		cy += (p[1] + q[1]) * cross
	}
	if math.Abs(a) < 1e-12 {
		var mx, my float64
		for _, p := range ring {
			mx += p[0]
			my += p[1]
		}
		n := float64(max(len(ring), 1))
		return [2]float64{mx / n, my / n}, 0
	}
	return [2]float64{cx / (3 * a), cy / (3 * a)}, math.Abs(a / 2)
}

// joinNames joins the names of the jurisdictions of codes.
func joinNames(meta Meta, codes []string) string {
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = meta.name(c)
	}
	return mapping.JoinWords(names)
}
