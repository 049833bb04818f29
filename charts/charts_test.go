package charts

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cpmap/cpmap/charts/assets"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func fixturePages(t *testing.T) []Page {
	t.Helper()
	pages, err := Pages(fixtureInput())
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./charts -update to create it)", err)
	}
	if diff := cmp.Diff(string(want), string(got)); diff != "" {
		t.Errorf("%s differs (-want +got):\n%s", path, diff)
	}
}

func TestGoldenOptions(t *testing.T) {
	var ids []string
	for _, p := range fixturePages(t) {
		for _, c := range p.Charts {
			ids = append(ids, c.ID)
			t.Run(c.ID, func(t *testing.T) {
				got, err := c.OptionJSON()
				if err != nil {
					t.Fatal(err)
				}
				golden(t, c.ID+".json", append(got, '\n'))
			})
		}
	}
	want := []string{"status-matrix", "road-to-prohibition", "progress-matrix",
		"survey-trends-cp-approval", "survey-trends-ban-support", "measures", "region-map"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("chart ids (-want +got):\n%s", diff)
	}
}

func TestGoldenIndex(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteIndex(&buf, fixturePages(t), fixtureInput().Meta); err != nil {
		t.Fatal(err)
	}
	golden(t, "index.html", buf.Bytes())
}

func TestDeterministic(t *testing.T) {
	render := func() []byte {
		var buf bytes.Buffer
		for _, p := range fixturePages(t) {
			if err := WritePage(&buf, p, fixtureInput().Meta); err != nil {
				t.Fatal(err)
			}
		}
		return buf.Bytes()
	}
	if a, b := render(), render(); !bytes.Equal(a, b) {
		t.Error("two renderings of the same input differ")
	}
}

// scriptTag matches the opening tags of script elements, whatever their case.
var scriptTag = regexp.MustCompile(`(?i)<script\b[^>]*>`)

// external matches any reference that would make a browser fetch from the
// network.
var external = regexp.MustCompile(`(?i)(src|href|action|poster|data)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?\s*(https?:)?//|@import|<link\b|<iframe\b|<img\b|<object\b|<embed\b`)

func TestPagesEscapeDatasetText(t *testing.T) {
	meta := fixtureInput().Meta
	for _, p := range fixturePages(t) {
		t.Run(p.Name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WritePage(&buf, p, meta); err != nil {
				t.Fatal(err)
			}
			page := buf.String()
			for _, h := range hostile {
				if strings.Contains(page, h) {
					t.Errorf("page holds the unescaped text %q", h)
				}
			}
			// Outside scripts the texts are HTML-escaped, inside them
			// JSON-escaped: both forms must be there, or the test proves
			// nothing.
			if !strings.Contains(page, "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;") {
				t.Error("page has no HTML-escaped hostile text: is the data in the tables?")
			}
			// The road's options hold no text of the fixture's (names
			// appear there only for states reaching full prohibition).
			if p.Name != "road-to-prohibition" &&
				!strings.Contains(page, `\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e`) &&
				!strings.Contains(page, `\"\u003e\u003cimg src=x onerror=alert(1)\u003e`) {
				t.Error("page has no JSON-escaped hostile text: is the data in the options?")
			}
			want := 2
			if p.Name == "region-map" {
				want = 3
			}
			if got := len(scriptTag.FindAllString(page, -1)); got != want {
				t.Errorf("page has %d <script> tags, want %d", got, want)
			}
			if got := strings.Count(strings.ToLower(page), "</script"); got != want {
				t.Errorf("page has %d </script, want %d", got, want)
			}
			// The embedded ECharts script is checked on its own (the
			// browser test sees whether it fetches anything).
			if !strings.Contains(page, string(assets.EChartsJS)) {
				t.Error("page does not inline the ECharts script")
			}
			if m := external.FindString(strings.Replace(page, string(assets.EChartsJS), "", 1)); m != "" {
				t.Errorf("page references something outside itself: %q", m)
			}
			if !strings.Contains(page, "Apache ECharts "+assets.EChartsVersion) {
				t.Error("page does not carry the ECharts notice")
			}
		})
	}
}

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	in := fixtureInput()
	pages, err := Pages(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, pages, in.Meta); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	want := []string{"ECHARTS-LICENSE", "ECHARTS-NOTICE", "ZRENDER-LICENSE", "index.html", "measures.html",
		"progress.html", "region-map.html", "road-to-prohibition.html", "status-matrix.html", "survey-trends.html"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	lic, err := os.ReadFile(filepath.Join(dir, "ECHARTS-LICENSE"))
	if err != nil {
		t.Fatal(err)
	}
	if string(lic) != assets.EChartsLicense {
		t.Error("ECHARTS-LICENSE is not the embedded licence")
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		if !bytes.Contains(index, []byte(`href="`+p.File()+`"`)) {
			t.Errorf("index.html does not link %s", p.File())
		}
	}
}

// decoded is a chart's option as the page's JavaScript sees it.
type decoded struct {
	Series []struct {
		Name string `json:"name"`
		Type string `json:"type"`
		Data []struct {
			Name  string          `json:"name"`
			Value json.RawMessage `json:"value"`
			Tip   string          `json:"tip"`
			// ItemStyle is set on the regions of the map.
			ItemStyle struct {
				AreaColor string          `json:"areaColor"`
				Decal     json.RawMessage `json:"decal"`
			} `json:"itemStyle"`
			Label *struct {
				Formatter string `json:"formatter"`
			} `json:"label"`
		} `json:"data"`
		Label *struct {
			Formatter string `json:"formatter"`
		} `json:"label"`
	} `json:"series"`
	XAxis []struct {
		Name string   `json:"name"`
		Data []string `json:"data"`
	} `json:"xAxis"`
	YAxis []struct {
		Name string   `json:"name"`
		Data []string `json:"data"`
	} `json:"yAxis"`
	Title struct {
		Text    string `json:"text"`
		Subtext string `json:"subtext"`
	} `json:"title"`
	Aria struct {
		Enabled bool `json:"enabled"`
		Decal   struct {
			Show bool `json:"show"`
		} `json:"decal"`
	} `json:"aria"`
	Legend struct {
		Show bool     `json:"show"`
		Data []string `json:"data"`
	} `json:"legend"`
	Geo *struct {
		Map string `json:"map"`
	} `json:"geo"`
}

func decode(t *testing.T, c *Chart) decoded {
	t.Helper()
	b, err := c.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	var d decoded
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Series) != c.Series {
		t.Errorf("%s: option has %d series, Chart.Series says %d", c.ID, len(d.Series), c.Series)
	}
	return d
}

// cellsOf returns, for each series, the values and labels of its items.
func cellsOf(d decoded) map[string][]string {
	out := map[string][]string{}
	for _, s := range d.Series {
		out[s.Name] = []string{}
		for _, it := range s.Data {
			var buf bytes.Buffer
			if err := json.Compact(&buf, it.Value); err != nil {
				panic(err)
			}
			v := buf.String()
			if it.Label != nil {
				v += " " + it.Label.Formatter
			}
			out[s.Name] = append(out[s.Name], v)
		}
	}
	return out
}

func TestReadableEverywhere(t *testing.T) {
	for _, p := range fixturePages(t) {
		for _, c := range p.Charts {
			t.Run(c.ID, func(t *testing.T) {
				d := decode(t, c)
				// One title and one caption per chart, both the page's:
				// the chart draws none of its own.
				if d.Title.Text != "" || d.Title.Subtext != "" {
					t.Errorf("the chart draws its own title %q and subtitle %q", d.Title.Text, d.Title.Subtext)
				}
				if c.Title == "" {
					t.Error("no title")
				}
				if !d.Legend.Show {
					t.Error("no legend")
				}
				// Series tell themselves apart by words or marker shapes:
				// no automatic hatching.
				if !d.Aria.Enabled || d.Aria.Decal.Show {
					t.Errorf("aria enabled %v, decals %v; want aria with no decals", d.Aria.Enabled, d.Aria.Decal.Show)
				}
				if len(d.XAxis) > 0 && (d.XAxis[0].Name == "" || d.YAxis[0].Name == "") {
					t.Errorf("axis without a name: x %q, y %q", d.XAxis[0].Name, d.YAxis[0].Name)
				}
				if len(c.Table.Rows) == 0 || len(c.Table.Header) == 0 {
					t.Error("no data table")
				}
				for i, r := range c.Table.Rows {
					if len(r) != len(c.Table.Header) {
						t.Errorf("table row %d has %d cells, header %d", i, len(r), len(c.Table.Header))
					}
				}
				if len(c.Sources) == 0 {
					t.Error("no source listed")
				}
				if !slices.IsSortedFunc(c.Sources, func(a, b dataset.Source) int { return strings.Compare(a.ID, b.ID) }) {
					t.Error("sources are not sorted by id")
				}
			})
		}
	}
}

func TestStatusMatrix(t *testing.T) {
	in := fixtureInput()
	c := StatusMatrix(in.Matrix, in.Meta)
	d := decode(t, c)
	got := cellsOf(d)
	want := map[string][]string{
		"Prohibited": {
			"[0,0,1]", "[1,0,1]", "[2,0,1]", "[3,0,1]", "[4,0,1]", "[5,0,1]",
			"[0,1,1]", "[1,1,1]", "[2,1,1]", "[3,1,1]", "[5,1,1]",
			"[3,3,1] [Prohibited]",
			"[0,4,1]", "[1,4,1]", "[2,4,1]", "[3,4,1]", "[4,4,1]", "[5,4,1]",
		},
		"Unlawful, not explicitly prohibited":     {"[4,1,1]"},
		"Reported prohibited, law not identified": {"[0,2,1]"},
		"Partly prohibited":                       {"[5,3,1]"},
		"Not prohibited":                          {"[1,3,1]", "[2,3,1]", "[4,3,1]"},
		"Unknown":                                 {"[1,2,1]", "[2,2,1]", "[3,2,1]", "[4,2,1]", "[5,2,1]"},
		"Uncertain on this date":                  {"[0,3,1]"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	var words []string
	for _, s := range d.Series {
		words = append(words, s.Label.Formatter)
	}
	if diff := cmp.Diff([]string{"Prohibited", "Unlawful", "Law not identified", "Partial", "Not prohibited", "Unknown", "Uncertain"}, words); diff != "" {
		t.Errorf("cell words (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Germany", "Denmark", hostileAttr, hostileScript, "Sweden"}, d.YAxis[0].Data); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	wantRows := [][]string{
		{"Germany", "DE", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited in all settings"},
		{"Denmark", "DK", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Unlawful, not explicitly prohibited", "Prohibited", "Committed to full prohibition"},
		{hostileAttr, "FO", "Reported prohibited, law not identified", "Unknown", "Unknown", "Unknown", "Unknown", "Unknown", "Not prohibited in any setting"},
		{hostileScript, "PL", "Uncertain on this date: prohibited or not prohibited", "Not prohibited", "Not prohibited", "[Prohibited] (unconfirmed)", "Not prohibited", "Partly prohibited", "Prohibited in some settings (uncertain on this date)"},
		{"Sweden", "SE", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited", "Prohibited in all settings"},
	}
	if diff := cmp.Diff(wantRows, c.Table.Rows); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	var uncertain string
	for _, s := range d.Series {
		if s.Name == "Uncertain on this date" {
			uncertain = s.Data[0].Tip
		}
	}
	for _, w := range []string{"Kodeks " + hostileAttr + " (in force 1964, until 2010)", "Ustawa " + hostileScript + " (in force 2010)", "Source: Report " + hostileScript} {
		if !strings.Contains(uncertain, w) {
			t.Errorf("tooltip of the uncertain cell lacks %q:\n%s", w, uncertain)
		}
	}
	var ids []string
	for _, s := range c.Sources {
		ids = append(ids, s.ID)
	}
	if diff := cmp.Diff([]string{"src-de", "src-pl", "src-se"}, ids); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
}

func TestRoad(t *testing.T) {
	tests := []struct {
		name       string
		history    []mapping.Matrix
		labels     []string
		series     []string
		bars, mark []string
	}{
		{
			name:    "with child population",
			history: fixtureHistory(),
			labels:  []string{"1979", "2000", "2025"}, // whole years, never the date of the view
			series:  []string{"States with full prohibition", "Reached full prohibition", "Children protected (%)"},
			bars:    []string{"1", "2", "2"},
			mark:    []string{`["1979",1] Sweden`, `["2000",2] Germany`},
		},
		{
			name: "leading years without prohibition",
			history: func() []mapping.Matrix {
				h := fixtureHistory()[1:2]
				none := mapping.Matrix{AsOf: date("1977-12-31"), Rows: []mapping.Row{row("SE", "Sweden", mapping.SomeSettings, nil)}}
				early := none
				early.AsOf = date("1970-12-31")
				return append(h, none, early)
			}(),
			labels: []string{"1977", "1979"},
			series: []string{"States with full prohibition", "Reached full prohibition"},
			bars:   []string{"0", "1"},
			mark:   []string{`["1979",1] Sweden`},
		},
		{
			name:    "without child population",
			history: fixtureHistory()[1:2],
			labels:  []string{"1979"},
			series:  []string{"States with full prohibition", "Reached full prohibition"},
			bars:    []string{"1"},
			mark:    []string{`["1979",1] Sweden`},
		},
		{
			name:   "empty",
			series: []string{"States with full prohibition", "Reached full prohibition"},
			labels: []string{},
			bars:   []string{},
			mark:   []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Road(tt.history, fixtureInput().Meta)
			d := decode(t, c)
			var names []string
			for _, s := range d.Series {
				names = append(names, s.Name)
			}
			if diff := cmp.Diff(tt.series, names); diff != "" {
				t.Errorf("series (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.labels, nonNil(d.XAxis[0].Data)); diff != "" {
				t.Errorf("labels (-want +got):\n%s", diff)
			}
			got := cellsOf(d)
			if diff := cmp.Diff(tt.bars, got["States with full prohibition"]); diff != "" {
				t.Errorf("bars (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.mark, got["Reached full prohibition"]); diff != "" {
				t.Errorf("markers (-want +got):\n%s", diff)
			}
		})
	}
	c := Road(fixtureHistory(), fixtureInput().Meta)
	wantNotes := []string{
		"States only: territories are not counted in the bars.",
		"Children protected: the share of children living where corporal punishment is prohibited in all settings, over the jurisdictions whose child population is recorded.",
		"Full prohibition first recorded: Sweden (1979) and Germany (2000).",
		"Not prohibited in all settings: Denmark and " + hostileScript + ".",
	}
	if diff := cmp.Diff(wantNotes, c.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	d := decode(t, c)
	if diff := cmp.Diff([]string{`"-"`, "66.7", "66.7"}, cellsOf(d)["Children protected (%)"]); diff != "" {
		t.Errorf("share of children (-want +got):\n%s", diff)
	}
}

func TestProgressMatrix(t *testing.T) {
	in := fixtureInput()
	c := ProgressMatrix(in.Progress, in.Meta)
	d := decode(t, c)
	want := map[string][]string{
		"Met":        {"[0,0,1]", "[2,0,1]", "[3,0,1]", "[0,2,1]", "[1,2,1]", "[3,2,1]"},
		"Partly met": {"[4,0,1]", "[0,1,1]", "[3,1,1]", "[2,2,1]"},
		"Not met":    {"[1,0,1]", "[2,1,1]", "[4,2,1]"},
		"No data":    {"[1,1,1]", "[4,1,1]"},
	}
	if diff := cmp.Diff(want, cellsOf(d)); diff != "" {
		t.Errorf("cells (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Germany", hostileScript, "Sweden"}, d.YAxis[0].Data); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"Enact", "Plan", "Communicate", "Support parents", "Evaluate"}, d.XAxis[0].Data); diff != "" {
		t.Errorf("columns (-want +got):\n%s", diff)
	}
	if got, want := c.Table.Rows[1][4], "Not met — missing: gap "+hostileScript; got != want {
		t.Errorf("PL communicate cell %q, want %q", got, want)
	}
}

func TestSurveyTrends(t *testing.T) {
	in := fixtureInput()
	cs := SurveyTrends(in.Trends, in.Meta)
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	if diff := cmp.Diff([]string{"survey-trends-cp-approval", "survey-trends-ban-support"}, ids); diff != "" {
		t.Fatalf("charts (-want +got):\n%s", diff)
	}
	got := cellsOf(decode(t, cs[0]))
	want := map[string][]string{
		"Poland? placeholder": nil,
	}
	delete(want, "Poland? placeholder")
	// Series are named in words (who answered, which years), not by id.
	want[hostileScript+": adults, 2008"] = []string{"[2008,78]"}
	want["Sweden: parents, 1995–2022"] = []string{"[1995,11]", "[2000,8]", `[2009,"-"]`, "[2018,2.5] break", "[2022,2]"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	if SurveyTrends(nil, in.Meta) != nil {
		t.Error("no trends should give no chart")
	}
}

func TestMeasures(t *testing.T) {
	in := fixtureInput()
	c := Measures(in.Measures, []string{"SE", "DK", "DE"}, in.Meta)
	d := decode(t, c)
	want := map[string][]string{
		"Awareness campaigns":   {"[2019,3,1]"},
		"National action plans": {"[2019,3,2] 2"},
		"Parenting programmes":  {"[2020,2,1]"},
		"Trainings":             {"[2021,0,1]"},
	}
	if diff := cmp.Diff(want, cellsOf(d)); diff != "" {
		t.Errorf("series (-want +got):\n%s", diff)
	}
	// Kinds started in the same year sit in lanes of their own, above and
	// below the middle of the row, so that they do not hide each other.
	b, err := c.OptionJSON()
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		Series []struct {
			Name string
			Data []struct {
				SymbolOffset []float64 `json:"symbolOffset"`
			}
		}
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	lanes := map[string]float64{}
	for _, s := range raw.Series {
		for _, it := range s.Data {
			lanes[s.Name] = it.SymbolOffset[1]
		}
	}
	if lanes["Awareness campaigns"] == lanes["National action plans"] || lanes["National action plans"] == lanes["Parenting programmes"] {
		t.Errorf("campaigns, plans and programmes share a lane: %v", lanes)
	}
	if diff := cmp.Diff([]string{"Germany", "Denmark", hostileScript, "Sweden"}, d.YAxis[0].Data); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	// No guidance is recorded: no column of zeros for it.
	wantHeader := []string{"Jurisdiction", "Year", "Awareness campaigns", "National action plans", "Parenting programmes", "Trainings"}
	if diff := cmp.Diff(wantHeader, c.Table.Header); diff != "" {
		t.Errorf("table header (-want +got):\n%s", diff)
	}
	wantRows := [][]string{
		{"Germany", "2021", "0", "0", "0", "1"},
		{hostileScript, "2020", "0", "0", "1", "0"},
		{"Sweden", "2019", "1", "2", "0", "0"},
	}
	if diff := cmp.Diff(wantRows, c.Table.Rows); diff != "" {
		t.Errorf("table (-want +got):\n%s", diff)
	}
	empty := Measures(nil, []string{"SE"}, in.Meta)
	if empty.Series != 0 || len(decode(t, empty).Series) != 0 {
		t.Error("no measures should give no series")
	}
}

func TestRegionMap(t *testing.T) {
	in := fixtureInput()
	c, err := RegionMap(in.Matrix, in.Meta)
	if err != nil {
		t.Fatal(err)
	}
	d := decode(t, c)
	if d.Geo == nil || d.Geo.Map != assets.BSRMapName {
		t.Fatalf("geo component missing or not on the %q map", assets.BSRMapName)
	}
	if len(d.Series) == 0 || d.Series[0].Type != "map" {
		t.Fatal("the first series is not the map")
	}
	regions := map[string]string{}
	for _, r := range d.Series[0].Data {
		regions[r.Name] = r.ItemStyle.AreaColor
		if len(r.ItemStyle.Decal) != 0 {
			t.Errorf("region %s is patterned: codes must sit on plain ground", r.Name)
		}
	}
	wantRegions := map[string]string{"DE": bluishGreen, "DK": skyBlue, "FO": vermillion, "PL": yellow, "SE": bluishGreen}
	if diff := cmp.Diff(wantRegions, regions); diff != "" {
		t.Errorf("regions (-want +got):\n%s", diff)
	}
	markers := map[string][]string{}
	for _, s := range d.Series[1:] {
		markers[s.Name] = []string{}
		for _, it := range s.Data {
			markers[s.Name] = append(markers[s.Name], it.Label.Formatter)
		}
	}
	wantLegend := []string{"Prohibited in all settings", "Committed to full prohibition", "Prohibited in some settings", "Not prohibited in any setting"}
	wantMarkers := map[string][]string{
		"Prohibited in all settings":    {"DE", "SE"},
		"Committed to full prohibition": {"DK"},
		"Prohibited in some settings":   {"PL"},
		"Not prohibited in any setting": {"FO"},
		outsideName:                     {}, // the grey of the legend
	}
	if diff := cmp.Diff(wantMarkers, markers); diff != "" {
		t.Errorf("markers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(append(slices.Clone(wantLegend), outsideName), d.Legend.Data); diff != "" {
		t.Errorf("legend (-want +got):\n%s", diff)
	}
	if !strings.Contains(strings.Join(c.Notes, " "), "66.7% of the children") || !strings.Contains(strings.Join(c.Notes, " "), "not recorded: "+hostileAttr) {
		t.Errorf("notes do not give the share of children and the missing population: %q", c.Notes)
	}
}

func TestMapCentres(t *testing.T) {
	centres, err := mapCentres()
	if err != nil {
		t.Fatal(err)
	}
	// Greenland lies outside the map's frame: the map says so under it
	// when Greenland is among the jurisdictions shown.
	want := slices.DeleteFunc(slices.Clone(assets.BSRCodes), func(c string) bool { return c == "GL" })
	if diff := cmp.Diff(want, sortedKeys(centres)); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	b := assets.BSRBBox
	for code, c := range centres {
		if c[0] < b[0] || c[0] > b[2] || c[1] < b[1] || c[1] > b[3] {
			t.Errorf("%s: centre %v outside the map", code, c)
		}
	}
	// The Faroe Islands lie around 7°W, 62°N; Sweden's centre near 16°E, 62°N.
	for code, want := range map[string][2]float64{"FO": {-7, 62}, "SE": {16, 62}, "IS": {-19, 65}} {
		if got := centres[code]; abs(got[0]-want[0]) > 2 || abs(got[1]-want[1]) > 2 {
			t.Errorf("%s: centre %v, want near %v", code, got, want)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestCentroid(t *testing.T) {
	tests := []struct {
		name   string
		ring   [][2]float64
		centre [2]float64
		area   float64
	}{
		{"square", [][2]float64{{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}}, [2]float64{1, 1}, 4},
		{"clockwise", [][2]float64{{0, 0}, {0, 2}, {4, 2}, {4, 0}, {0, 0}}, [2]float64{2, 1}, 8},
		{"degenerate", [][2]float64{{1, 1}, {3, 3}}, [2]float64{2, 2}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, a := centroid(tt.ring)
			if c != tt.centre || a != tt.area {
				t.Errorf("centroid = %v, %v; want %v, %v", c, a, tt.centre, tt.area)
			}
		})
	}
}

func TestEscapeFormatter(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sweden", "Sweden"},
		{"{a}{b|x}", "(a)(b|x)"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := escapeFormatter(tt.in); got != tt.want {
			t.Errorf("escapeFormatter(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCitation(t *testing.T) {
	tests := []struct {
		name string
		src  dataset.Source
		want string
	}{
		{"full", dataset.Source{ID: "a", Title: "T", Publisher: "P", Published: date("2020-05"), URL: "https://x.org"}, "T. P. 2020-05. https://x.org"},
		{"title only", dataset.Source{ID: "a", Title: "T"}, "T"},
		{"unknown", dataset.Source{ID: "a"}, "a (not in the sources table)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Citation(tt.src); got != tt.want {
				t.Errorf("Citation = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestRoadDates(t *testing.T) {
	got := RoadDates(2022, date("2024-03-05").Start())
	var s []string
	for _, d := range got {
		s = append(s, d.Format("2006-01-02"))
	}
	if diff := cmp.Diff([]string{"2022-12-31", "2023-12-31", "2024-03-05"}, s); diff != "" {
		t.Errorf("dates (-want +got):\n%s", diff)
	}
}

// TestLegendsListWhatIsShown: a legend names the statuses and levels that
// some cell has, and no other.
func TestLegendsListWhatIsShown(t *testing.T) {
	in := fixtureInput()
	for _, c := range []*Chart{StatusMatrix(in.Matrix, in.Meta), ProgressMatrix(in.Progress, in.Meta)} {
		d := decode(t, c)
		var want []string
		for _, s := range d.Series {
			if len(s.Data) > 0 {
				want = append(want, s.Name)
			}
		}
		if diff := cmp.Diff(want, d.Legend.Data); diff != "" {
			t.Errorf("%s: legend (-want +got):\n%s", c.ID, diff)
		}
	}
}

// TestCaptionGivesTheDataDate: the caption gives the date of the data
// itself apart from the date the charts show, even with the clock (and so
// the date shown) years after the data were checked.
func TestCaptionGivesTheDataDate(t *testing.T) {
	ds := fixtureDataset()
	for i := range ds.Sources {
		ds.Sources[i].Accessed = date("2024-03-15")
	}
	ds.Sources[0].Accessed = date("2024-11-20")
	ix := mapping.NewIndex(ds)
	tests := []struct {
		name string
		meta Meta
		want string
	}{
		{"clock years ahead", Meta{AsOf: date("2031-06-30"), Group: "CBSS", Index: ix},
			"Status on 2031-06-30 · CBSS · Data checked up to 2024-11-20"},
		{"scope without the latest", Meta{AsOf: date("2031-06-30"), Index: ix, scope: []string{"PL"}},
			"Status on 2031-06-30 · Data checked up to 2024-03-15"},
		{"no date recorded", Meta{AsOf: date("2031-06-30"), Index: mapping.NewIndex(fixtureDataset())},
			"Status on 2031-06-30 · Date the data were checked: not recorded"},
		{"no dataset", Meta{AsOf: date("2031-06-30"), Group: "CBSS"}, "Status on 2031-06-30 · CBSS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.meta.Caption(); got != tt.want {
				t.Errorf("Caption() = %q, want %q", got, tt.want)
			}
		})
	}
	// Through Pages and the written page, with the clock years ahead.
	in := fixtureInput()
	in.Meta = Meta{AsOf: date("2031-06-30"), Group: "CBSS", Index: ix}
	pages, err := Pages(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePage(&buf, pages[0], Meta{AsOf: in.AsOf, Group: in.Group, Index: ix}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	if n := strings.Count(page, "Data checked up to 2024-11-20"); n != len(pages[0].Charts)+1 { // the <title> and each chart's caption
		t.Errorf("the page gives the data's date %d times, want %d:\n%s", n, len(pages[0].Charts)+1, page[:min(len(page), 2000)])
	}
	if strings.Contains(page, "Data as of") {
		t.Error(`the page still says "Data as of"`)
	}
}

// TestDodge checks that close points of different series in the same year
// are set apart, in series order, and that other points keep their year.
func TestDodge(t *testing.T) {
	ts := []mapping.Trend{
		{Points: []mapping.Point{{Year: 2017, Value: 51}, {Year: 2020, Value: 40}}},
		{Points: []mapping.Point{{Year: 2017, Value: 52}}},
		{Points: []mapping.Point{{Year: 2017, Value: 68}, {Year: 2020, Value: 10}}},
	}
	got := dodge(ts, 40)
	want := map[dodgeKey]float64{{0, 2017}: -0.24, {1, 2017}: 0.24}
	if len(got) != len(want) {
		t.Fatalf("dodge = %v, want %v", got, want)
	}
	for k, w := range want {
		if g := got[k]; math.Abs(g-w) > 1e-9 {
			t.Errorf("dodge[%v] = %v, want %v", k, g, w)
		}
	}
}
