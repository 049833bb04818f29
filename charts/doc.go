// Package charts draws cpmap's interactive chart pages from the answers of
// package mapping: the legal status matrix (StatusMatrix), the road to
// prohibition (Road), progress towards elimination (ProgressMatrix), survey
// trends (SurveyTrends), measures over time (Measures) and a map of the
// region (RegionMap). Pages builds the six pages and Write writes them, with
// an index and the licences, into a folder.
//
// The options of the charts are built with go-echarts' option model; the
// pages are written by this package's own html/template templates, because
// go-echarts' templates reference its assets host and write option JSON
// without escaping. Pages are self-contained and work offline, from a USB
// stick or an e-mail attachment: the ECharts script and the GeoJSON of the
// region (package assets) are inlined, and nothing is fetched.
//
// Every text of the dataset is escaped: option JSON has <, > and & written
// as \u003c, \u003e and \u0026, so that no title can end its <script>
// element; text outside scripts is escaped by html/template; tooltips (HTML
// in ECharts) are escaped by the page's formatter; label templates never
// carry dataset text in braces.
//
// Charts are readable without colour and in print: the palette is
// Okabe–Ito's; statuses, levels and categories are printed in words or
// drawn with marker shapes, on flat fills ("unknown" and "no data" a quiet
// light grey); legends list only what the chart shows. Each chart has one
// heading and one caption, written by the page: the date the status is shown
// on, the group, and the data's own date (Meta.Caption); it is followed by
// its data as an HTML table and the sources it cites. Year axes are whole
// years fitted to the data; the map is framed on the Baltic Sea region
// (Greenland and Svalbard are cut). Output is deterministic: chart ids are
// fixed and data sorted, so the option JSON can be compared
// byte for byte with golden files (go test ./charts -update).
package charts
