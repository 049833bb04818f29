package exports

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

//go:embed templates/summary.html.tmpl
var summaryTemplates embed.FS

// summaryHTML is the page template: inline CSS only, no script, no external
// reference of any kind, laid out for A4 paper.
var summaryHTML = template.Must(template.New("summary.html.tmpl").Funcs(template.FuncMap{
	"join":        strings.Join,
	"statusClass": statusClass,
	"levelClass":  levelClass,
	"trendsNote":  func() string { return trendsNote },
}).ParseFS(summaryTemplates, "templates/summary.html.tmpl"))

// WriteSummaryHTML writes the per-country summary s as one self-contained
// HTML page: inline CSS, no script and no external reference of any kind,
// printing cleanly on A4. Every text from the dataset is escaped by
// html/template.
func WriteSummaryHTML(w io.Writer, s *mapping.Summary) error {
	var buf bytes.Buffer
	if err := summaryHTML.Execute(&buf, newSummaryView(s)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// statusClass returns the CSS class of a status code; a code the stylesheet
// does not know gets none, so that data never chooses a class name.
func statusClass(code string) string {
	if code == string(mapping.Uncertain) || slices.Contains(dataset.Statuses, dataset.Status(code)) {
		return "s-" + code
	}
	return ""
}

// levelClass returns the CSS class of a level code, or none.
func levelClass(code string) string {
	if slices.Contains(mapping.Levels, mapping.Level(code)) {
		return "l-" + code
	}
	return ""
}
