package exports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"path"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

//go:embed templates/brief.html.tmpl
var briefTemplates embed.FS

// briefHTML is the overview page's template: inline CSS only, no script, no
// external reference of any kind, laid out for A4 paper.
var briefHTML = template.Must(template.New("brief.html.tmpl").Funcs(template.FuncMap{
	"join":       strings.Join,
	"colourCSS":  colourCSS,
	"places":     placesText,
	"trendsNote": func() string { return trendsNote },
}).ParseFS(briefTemplates, "templates/brief.html.tmpl"))

// colourCSS is the stylesheet of the coloured cells, from briefColours.
func colourCSS() template.CSS {
	var b strings.Builder
	for _, c := range briefColours {
		fmt.Fprintf(&b, ".%s { background: #%s; color: #%s; }\n", c.Class, c.Fill, c.Text)
	}
	return template.CSS(b.String())
}

// renderBriefHTML writes the overview as one self-contained HTML page. Every
// text from the dataset is escaped by html/template.
func renderBriefHTML(v briefView) ([]byte, error) {
	var buf bytes.Buffer
	if err := briefHTML.Execute(&buf, v); err != nil {
		return nil, fmt.Errorf("brief: %s: %w", BriefIndexHTML, err)
	}
	return buf.Bytes(), nil
}

// renderBriefMarkdown writes the overview as Markdown (CommonMark with
// GitHub tables), saying what the HTML page says. Every text from the
// dataset is escaped, so that it reads as text and never as markup.
func renderBriefMarkdown(v briefView) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	e := mdText
	cell := func(c colouredView) string {
		s := e(c.Text) + c.Mark
		if len(c.Flags) > 0 {
			s += " (" + e(strings.Join(c.Flags, "; ")) + ")"
		}
		return s
	}
	link := func(text, file string) string { return "[" + e(text) + "](" + file + ")" }
	chart := func(c *chartLinkView) {
		if c != nil {
			p("Chart: %s.\n\n", link(c.Title, c.File))
		}
	}
	header := func(first string, heads []string) {
		p("| %s |", first)
		for _, h := range heads {
			p(" %s |", e(h))
		}
		p("\n|---|%s\n", strings.Repeat("---|", len(heads)))
	}

	p("# %s\n\n", e(v.Title))
	p("%s.  \n%s %s\n\n", e(v.Scope), e(v.StatusOn), e(v.DataLine))
	for _, h := range v.Headline {
		p("- %s\n", e(h))
	}
	p("\n")

	if c := v.Changes; c != nil {
		p("## What changed since %s\n\n%s\n\n", e(c.Old), e(c.Summary))
		for _, l := range []struct {
			head  string
			items []string
		}{{"Legal status", c.Legal}, {"New campaigns and plans", c.Campaigns}, {"New parenting programmes", c.Programmes}, {"New survey results", c.Surveys}} {
			if len(l.items) == 0 {
				continue
			}
			p("### %s\n\n", l.head)
			for _, it := range l.items {
				p("- %s\n", e(it))
			}
			p("\n")
		}
		p("The workbook's Changes sheet lists every change, record by record.\n\n")
	}

	if len(v.Categories) > 0 {
		p("## Where each jurisdiction stands\n\n")
		for _, g := range v.Categories {
			var ms []string
			for _, m := range g.Members {
				ms = append(ms, link(m.Name, m.MD))
			}
			p("- **%s**: %s\n", e(g.Category.Text), strings.Join(ms, ", "))
		}
		p("\nOnly an explicit ban counts as prohibition, as in the Global Initiative's count: unlawful without an explicit ban, or reported prohibited with the law not identified, does not.\n\n")
		chart(v.MapChart)
	}

	p("## Progress towards elimination\n\n")
	p("Five steps from prohibition towards ending corporal punishment in practice; each country page gives the reasons, the evidence, what is missing and what was searched.\n\n")
	header("Jurisdiction", v.StepHeads)
	for _, r := range v.Progress {
		p("| %s |", link(r.Country.Name, r.Country.MD))
		for _, s := range r.Steps {
			p(" %s |", cell(s))
		}
		p("\n")
	}
	p("\n%s\n\n", e(v.LevelKey))
	chart(v.ProgressChart)

	p("## Legal status by setting\n\n")
	p("Whether corporal punishment of children is prohibited in each of six settings on %s.\n\n", v.AsOf)
	header("Jurisdiction", append(append([]string{}, v.SettingHeads...), "Category"))
	for _, r := range v.Status {
		p("| %s |", link(r.Country.Name, r.Country.MD))
		for _, c := range r.Cells {
			p(" %s |", cell(c))
		}
		p(" %s |\n", cell(r.Category))
	}
	p("\n%s\n\n", e(v.StatusKey))
	for _, n := range v.StatusNotes {
		p("%s %s: %s.  \n", n.Mark, e(capitalise(n.Text)), e(placesText(n.Where)))
	}
	if len(v.StatusNotes) > 0 {
		p("\n")
	}
	p("%s\n\n", e(v.ChildShare))
	chart(v.StatusChart)

	p("## The road to prohibition\n\n")
	if len(v.Road) == 0 {
		p("No state of these jurisdictions has reached full prohibition.\n\n")
	} else {
		p("| Year | Reached full prohibition | States with full prohibition |\n|---|---|---|\n")
		for _, r := range v.Road {
			what := strings.Join(r.Reached, ", ")
			if len(r.Lost) > 0 {
				if what != "" {
					what += "; "
				}
				what += "no longer: " + strings.Join(r.Lost, ", ")
			}
			p("| %s | %s | %d of %d |\n", r.Label, e(what), r.States, r.Of)
		}
		p("\n")
	}
	p("%s\n\n", e(v.RoadSummary))
	chart(v.RoadChart)

	if len(v.Trends) > 0 {
		p("## Survey trends\n\n%s\n\n", e(trendsNote))
		p("| Jurisdiction | Survey | Respondents | Points | Latest | Change | Direction | Source |\n|---|---|---|---|---|---|---|---|\n")
		for _, tr := range v.Trends {
			resp := tr.Respondents
			if tr.Population != "" {
				resp += " (" + tr.Population + ")"
			}
			p("| %s | %s | %s | %s | %s | %s | %s | %s |\n", e(tr.Jurisdiction), e(tr.Label), e(resp), e(tr.Points), e(tr.Latest), e(tr.Change), e(tr.Direction), e(tr.Cite))
		}
		p("\n")
		chart(v.TrendsChart)
	}

	p("## Country pages\n\n")
	for _, c := range v.Countries {
		p("- %s (%s): %s\n", link(c.Name, c.MD), link("printable page", c.HTML), e(c.Category.Text))
	}
	p("\n## Charts\n\nInteractive charts, each followed by its data as a table and its sources; they open in a web browser without an internet connection. %s.\n\n", link("All charts", v.ChartIndex))
	for _, c := range v.Charts {
		p("- %s: %s\n", link(c.Title, c.File), e(c.Intro))
	}
	p("\nThe workbook [briefing.xlsx](briefing.xlsx) holds the same data, a sheet per jurisdiction with the facts and their sources, and charts of the road to prohibition and of survey trends.\n\n")

	if len(v.Refs) > 0 {
		p("## References\n\n%s\n", mdRefs(v.Refs))
	}
	p("---\n\n%s. %s %s\n", e(v.Attribution), e(v.StatusOn), e(v.DataLine))
	return b.Bytes()
}

// readme writes README.txt: what the pack covers and what each of its files
// is, the as-of date and the attribution.
func (b *brief) readme(files []string) []byte {
	var buf bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&buf, format, args...) }
	title := "Corporal punishment of children: law and policy briefing pack"
	p("%s\n%s\n\n", title, strings.Repeat("=", len([]rune(title))))
	p("Covers:      %s\n", oneLineText(b.scope()))
	p("Status on:   %s\n", dataset.DateOf(b.asOf))
	if d := b.ix.DataDate(b.codes).Latest; !d.IsZero() {
		p("Data:        checked up to %s\n", d)
	}
	if !b.opt.Now.IsZero() {
		p("Made:        %s\n", b.opt.Now.UTC().Format("2006-01-02 15:04 UTC"))
	}
	if b.changes != nil {
		p("Changes:     since %s\n", oneLineText(b.changes.Old))
	}
	p("\nOpen index.html in a web browser to start. Every page works offline,\n")
	p("from a USB stick or an e-mail attachment: nothing is fetched from the\n")
	p("internet. The pages print on A4. Addresses of sources are printed as\n")
	p("text; the workbook links to them.\n\n")

	p("Files\n-----\n\n")
	tw := tabwriter.NewWriter(&buf, 0, 0, 2, ' ', 0)
	for _, f := range files {
		fmt.Fprintf(tw, "%s\t%s\n", f, b.describe(f))
	}
	tw.Flush()
	p("\ncpmap writes only the files listed above, each replaced whole, and never\n")
	p("deletes a file: anything else in this folder is not part of the pack (it\n")
	p("may be left from an earlier pack).\n\n")

	p("Attribution\n-----------\n\n%s.\n", mapping.Attribution)
	return buf.Bytes()
}

// describe says what one file of the pack is.
func (b *brief) describe(file string) string {
	switch file {
	case BriefIndexHTML:
		return "The overview: status matrix, categories, progress, the road to prohibition, survey trends" + b.ifChanges(", what changed") + "; links to every page."
	case BriefIndexMD:
		return "The overview as Markdown."
	case BriefWorkbook:
		return "The workbook: overview and progress matrices, timeline and survey trends with charts, a sheet per jurisdiction with facts and sources, sources with links" + b.ifChanges(", changes") + "."
	case BriefReadme:
		return "This file."
	case BriefChartsDir + "/index.html":
		return "The list of chart pages."
	}
	for _, s := range b.summaries {
		if html, _ := SummaryFileName(s.Jurisdiction, "html"); file == html {
			return oneLineText(s.Label()) + ": progress summary, a printable page."
		}
		if md, _ := SummaryFileName(s.Jurisdiction, "md"); file == md {
			return oneLineText(s.Label()) + ": progress summary as Markdown."
		}
	}
	if dir, name := path.Split(file); dir == BriefChartsDir+"/" {
		for _, pg := range b.pages {
			if pg.File() == name {
				return "Chart page: " + pg.Title + "."
			}
		}
		return "Licence or notice of Apache ECharts, which the chart pages embed."
	}
	return ""
}

func (b *brief) ifChanges(s string) string {
	if b.changes != nil {
		return s
	}
	return ""
}

// oneLineText collapses the white space of a text, so that it stays on its
// line of README.txt.
func oneLineText(s string) string { return strings.Join(fields(s), " ") }
