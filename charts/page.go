package charts

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/charts/assets"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// Input is everything the chart pages are drawn from: mapping's answers for
// one date and one group of jurisdictions.
type Input struct {
	Meta
	// Matrix is the status of the group's jurisdictions on Meta.AsOf.
	Matrix mapping.Matrix
	// History is the status of the same jurisdictions at successive dates
	// (see RoadDates), for the road to prohibition.
	History []mapping.Matrix
	// Progress is each jurisdiction's progress on the five steps.
	Progress []mapping.JurisdictionProgress
	// Trends are the survey series of the group's jurisdictions.
	Trends []mapping.Trend
	// Measures are the measures started per jurisdiction, year and kind.
	Measures []mapping.MeasureCount
}

// Page is one HTML page: a title, an introduction and its charts.
type Page struct {
	// Name is the page's file name without ".html".
	Name string
	// Title is the page's heading.
	Title string
	// Intro says in one or two sentences what the page shows.
	Intro string
	// Charts are the page's charts, in order.
	Charts []*Chart
	// Empty is what the page says when it has no chart.
	Empty string
	// Caption is the line under each chart's heading (Meta.Caption for the
	// jurisdictions the page covers); empty for the caption of Write's meta.
	Caption string
}

// File returns the page's file name.
func (p Page) File() string { return p.Name + ".html" }

// Pages builds the six chart pages, in the order the index lists them:
// the legal status matrix, the road to prohibition, progress towards
// elimination, survey trends, measures over time and the map of the region.
func Pages(in Input) ([]Page, error) {
	codes := make([]string, len(in.Matrix.Rows))
	for i, r := range in.Matrix.Rows {
		codes[i] = r.Jurisdiction
	}
	in.Meta.scope = codes
	caption := in.Meta.Caption()
	regionMap, err := RegionMap(in.Matrix, in.Meta)
	if err != nil {
		return nil, err
	}
	pages := []Page{
		{Name: "status-matrix", Title: "Legal status by setting",
			Intro:  "Whether corporal punishment of children is prohibited in each of six settings: the home, alternative care, day care, schools, penal institutions and as a sentence for crime.",
			Charts: []*Chart{StatusMatrix(in.Matrix, in.Meta)}},
		{Name: "road-to-prohibition", Title: "The road to prohibition",
			Intro:  "When the data first show each state prohibiting corporal punishment in all settings, how many of the group's states had done so over time, and the share of children they protect. A setting whose law is recorded without a date counts only from the day it is attested, so a state can appear later than its laws: the country pages give each setting's dates.",
			Charts: []*Chart{Road(in.History, in.Meta)}},
		{Name: "progress", Title: "Progress towards elimination",
			Intro:  "Five steps from prohibition towards ending corporal punishment in practice: enact the law, plan, communicate, support parents and evaluate.",
			Charts: []*Chart{ProgressMatrix(in.Progress, in.Meta)}},
		{Name: "survey-trends", Title: "Survey trends",
			Intro:  "What surveys found over time: one chart per indicator, one line per series of comparable surveys.",
			Charts: SurveyTrends(in.Trends, in.Meta),
			Empty:  "The dataset records no survey for these jurisdictions."},
		{Name: "measures", Title: "Measures over time",
			Intro:  "Awareness campaigns, national action plans, parenting programmes, trainings and guidance, by the year they started.",
			Charts: []*Chart{Measures(in.Measures, codes, in.Meta)}},
		{Name: "region-map", Title: "Map of the region",
			Intro:  "Where corporal punishment of children is prohibited in all settings, where governments are committed to it, and where it is prohibited in some settings or none.",
			Charts: []*Chart{regionMap}},
	}
	for i := range pages {
		pages[i].Caption = caption
	}
	return pages, nil
}

// Write writes index.html, one file per page, and the licence files of
// ECharts into dir, creating it if needed. The pages need nothing else: the
// ECharts script and the map are inside them. Each file is written as it is
// rendered (a page of a large dataset runs to tens of megabytes), through a
// temporary file and a rename, and a file already holding the same bytes is
// left alone.
func Write(dir string, pages []Page, meta Meta) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("charts: %w", err)
	}
	writers := fileWriters(pages, meta)
	for _, name := range sortedKeys(writers) {
		if err := dataset.WriteFileAtomicFunc(filepath.Join(dir, name), writers[name]); err != nil {
			return fmt.Errorf("charts: %w", err)
		}
	}
	return nil
}

// FileNames returns the names of the files Write writes, sorted.
func FileNames(pages []Page) []string {
	return sortedKeys(fileWriters(pages, Meta{}))
}

// Files renders what Write writes, by file name.
func Files(pages []Page, meta Meta) (map[string][]byte, error) {
	files := map[string][]byte{}
	for name, write := range fileWriters(pages, meta) {
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			return nil, err
		}
		files[name] = buf.Bytes()
	}
	return files, nil
}

// fileWriters returns, by file name, what writes each file of Write: the
// index, one file per page and the licence files of the embedded scripts.
func fileWriters(pages []Page, meta Meta) map[string]func(io.Writer) error {
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error {
			_, err := io.WriteString(w, s)
			return err
		}
	}
	writers := map[string]func(io.Writer) error{
		"ECHARTS-LICENSE": text(assets.EChartsLicense),
		"ECHARTS-NOTICE":  text(assets.EChartsNotice),
		"ZRENDER-LICENSE": text(assets.ZRenderLicense),
		"index.html":      func(w io.Writer) error { return WriteIndex(w, pages, meta) },
	}
	for _, p := range pages {
		writers[p.File()] = func(w io.Writer) error { return WritePage(w, p, meta) }
	}
	return writers
}

// pageData is what the page template reads.
type pageData struct {
	Page
	Meta     Meta
	Subtitle string
	Notice   template.JS
	ECharts  template.JS
	GeoJSON  template.JS
	Options  template.JS
}

// WritePage writes one page as a self-contained HTML file: the ECharts
// script and, for the map, the region's GeoJSON are inlined; each chart's
// option is JSON with <, > and & escaped; every text of the dataset outside
// scripts is escaped by html/template; each chart is followed by its data as
// a table and the sources it cites.
func WritePage(w io.Writer, p Page, meta Meta) error {
	options := map[string]map[string]any{}
	usesMap := false
	for _, c := range p.Charts {
		if _, dup := options[c.ID]; dup {
			return fmt.Errorf("charts: page %s: two charts with id %q", p.Name, c.ID)
		}
		options[c.ID] = c.Option
		usesMap = usesMap || c.UsesMap
	}
	opt, err := scriptJSON(options)
	if err != nil {
		return fmt.Errorf("charts: page %s: %w", p.Name, err)
	}
	d := pageData{Page: p, Meta: meta, Subtitle: cmp.Or(p.Caption, meta.Caption()), Options: opt,
		Notice:  template.JS(notice),
		ECharts: template.JS(assets.EChartsJS)}
	if usesMap {
		geo, err := regionGeoJSON()
		if err != nil {
			return fmt.Errorf("charts: %w", err)
		}
		var esc bytes.Buffer
		json.HTMLEscape(&esc, geo)
		d.GeoJSON = template.JS(esc.String())
	}
	if err := pageTemplate.Execute(w, d); err != nil {
		return fmt.Errorf("charts: page %s: %w", p.Name, err)
	}
	return nil
}

// WriteIndex writes index.html: the list of pages and of their charts.
func WriteIndex(w io.Writer, pages []Page, meta Meta) error {
	d := struct {
		Pages    []Page
		Meta     Meta
		Subtitle string
	}{pages, meta, meta.Caption()}
	for _, p := range pages {
		if p.Caption != "" {
			d.Subtitle = p.Caption
			break
		}
	}
	if err := indexTemplate.Execute(w, d); err != nil {
		return fmt.Errorf("charts: index: %w", err)
	}
	return nil
}

// scriptJSON encodes v as JSON safe inside a <script> element: encoding/json
// escapes <, > and & as \u003c, \u003e and \u0026, and U+2028 and U+2029.
func scriptJSON(v any) (template.JS, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return template.JS(b), nil
}

// notice precedes the inlined ECharts script. It is fixed text: it must
// hold no "*/" nor "</script".
var notice = fmt.Sprintf("/*! Apache ECharts %s, licensed under the Apache License 2.0 (with zrender, BSD-3-Clause).\n"+
	"    Copyright 2017-2024 The Apache Software Foundation. This product includes software developed at\n"+
	"    The Apache Software Foundation. See ECHARTS-LICENSE, ECHARTS-NOTICE and ZRENDER-LICENSE beside this page. */\n",
	assets.EChartsVersion)

const css = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;max-width:1100px;padding:1rem;color:#111;background:#fff;line-height:1.4}
h1{margin:.2rem 0}
nav{margin-bottom:1rem}
.meta{color:#333;margin:.2rem 0}
section.chart{margin:2rem 0 3rem}
.echart{width:100%;border:1px solid #ddd}
table{border-collapse:collapse;width:100%;font-size:.9rem;margin:1rem 0}
th,td{border:1px solid #888;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eee}
caption{text-align:left;font-weight:bold;padding:.25rem 0}
ol.sources,ul.notes{font-size:.9rem}
footer{margin-top:2rem;font-size:.8rem;color:#333}
@media print{
body{max-width:none;padding:0;font-size:10pt}
nav{display:none}
section.chart{margin:0 0 1rem}
section.chart+section.chart{break-before:page}
.echart{border:none;break-inside:avoid}
thead{display:table-header-group}
tr{break-inside:avoid}
thead th{background:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`

// The page's own script: it draws every chart from its option, with a
// tooltip formatter that escapes the text of the data (ECharts tooltips are
// HTML).
const pageScript = `(function () {
  "use strict";
  var esc = function (s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  };
  var text = function (p) {
    var d = p.data;
    if (d && typeof d === "object" && typeof d.tip === "string") { return d.tip; }
    var v = p.value;
    if (Array.isArray(v)) { v = v[v.length - 1]; }
    return (p.seriesName ? p.seriesName + ": " : "") + (p.name ? p.name + " " : "") + (v == null ? "" : v);
  };
  var formatter = function (ps) {
    if (!Array.isArray(ps)) { ps = [ps]; }
    return ps.map(function (p) { return esc(text(p)).replace(/\n/g, "<br>"); }).join("<br><br>");
  };
  // Value axes show whole years and whole numbers: without this ECharts
  // would print 2,019 for a year, and a fraction between two years.
  var plain = function (v) { return Number.isInteger(v) ? String(v) : ""; };
  // "?renderer=svg" draws with SVG, whose texts a test can measure.
  var renderer = /[?&]renderer=svg(&|$)/.test(window.location.search) ? "svg" : "canvas";
  var charts = [];
  Object.keys(cpmapOptions).forEach(function (id) {
    var o = cpmapOptions[id];
    o.tooltip = o.tooltip || {};
    o.tooltip.formatter = formatter;
    o.tooltip.confine = true;
    [].concat(o.xAxis || [], o.yAxis || []).forEach(function (a) {
      if (a.type === "value") { a.axisLabel = a.axisLabel || {}; a.axisLabel.formatter = plain; }
    });
    var c = echarts.init(document.getElementById(id), null, {renderer: renderer});
    c.setOption(o);
    charts.push(c);
  });
  var resize = function () { charts.forEach(function (c) { c.resize(); }); };
  window.addEventListener("resize", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) { print.addEventListener("change", resize); }
  }
})();`

var funcs = template.FuncMap{
	"citation":   Citation,
	"pageScript": func() template.JS { return template.JS(pageScript) },
	"css":        func() template.CSS { return template.CSS(css) },
	"mapName":    func() string { return assets.BSRMapName },
	"tableRows":  tableRows,
}

// tableRows writes the rows of a chart's data table, each cell escaped as
// html/template escapes text: the survey-trend page of a large dataset has
// a hundred thousand rows, which the template's own range, with a function
// call per cell, took seconds to write.
func tableRows(rows [][]string) template.HTML {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n<tr>")
		for i, c := range r {
			if i == 0 {
				b.WriteString(`<th scope="row">`)
				htmlText.WriteString(&b, c)
				b.WriteString("</th>")
				continue
			}
			b.WriteString("<td>")
			htmlText.WriteString(&b, c)
			b.WriteString("</td>")
		}
		b.WriteString("</tr>")
	}
	return template.HTML(b.String())
}

// htmlText escapes text as html/template escapes it in an element's
// content (its htmlReplacementTable).
var htmlText = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
)

var pageTemplate = template.Must(template.New("page").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}} · {{.Subtitle}}</title>
<style>{{css}}</style>
</head>
<body>
<nav><a href="index.html">All charts</a></nav>
<header>
<h1>{{.Title}}</h1>
<p>{{.Intro}}</p>
</header>
<main>
{{- range .Charts}}
<section class="chart" aria-labelledby="{{.ID}}-title">
<h2 id="{{.ID}}-title">{{.Title}}</h2>
<p class="meta">{{$.Subtitle}}</p>
<div class="echart" id="{{.ID}}" style="height:{{.Height}}px"></div>
{{- if .Notes}}
<ul class="notes">
{{- range .Notes}}
<li>{{.}}</li>
{{- end}}
</ul>
{{- end}}
<table>
<caption>{{.Table.Caption}}</caption>
<thead><tr>{{range .Table.Header}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{tableRows .Table.Rows}}
</tbody>
</table>
<h3>Sources</h3>
{{- if .Sources}}
<ol class="sources">
{{- range .Sources}}
<li>{{citation .}}</li>
{{- end}}
</ol>
{{- else}}
<p>No source is cited.</p>
{{- end}}
</section>
{{- else}}
<p class="meta">{{.Subtitle}}</p>
<p>{{.Empty}}</p>
{{- end}}
</main>
<footer>
<p>Charts drawn with Apache ECharts, embedded in this page (Apache License 2.0: see ECHARTS-LICENSE and ECHARTS-NOTICE beside this page).
{{- if .GeoJSON}} Map data: Natural Earth (public domain).{{end}} This page works offline and fetches nothing.</p>
</footer>
{{- if .Charts}}
<script>{{.Notice}}{{.ECharts}}</script>
{{- if .GeoJSON}}
<script>echarts.registerMap({{mapName}}, {{.GeoJSON}});</script>
{{- end}}
<script>var cpmapOptions = {{.Options}};
{{pageScript}}</script>
{{- end}}
</body>
</html>
`))

var indexTemplate = template.Must(template.New("index").Funcs(funcs).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Corporal punishment of children: law and policy charts · {{.Subtitle}}</title>
<style>{{css}}</style>
</head>
<body>
<header>
<h1>Corporal punishment of children: law and policy charts</h1>
<p class="meta">{{.Subtitle}}</p>
<p>Each page opens in a web browser from this folder, without an internet connection, and prints in black and white: every chart is labelled in words and followed by its data as a table and its sources.</p>
</header>
<main>
<ol>
{{- range .Pages}}
<li><a href="{{.File}}">{{.Title}}</a>: {{.Intro}}
{{- if gt (len .Charts) 1}}
<ul>
{{- range .Charts}}
<li>{{.Title}}</li>
{{- end}}
</ul>
{{- end}}
</li>
{{- end}}
</ol>
</main>
<footer>
<p>Charts drawn with Apache ECharts (Apache License 2.0: see ECHARTS-LICENSE and ECHARTS-NOTICE in this folder). Map data: Natural Earth (public domain).</p>
</footer>
</body>
</html>
`))
