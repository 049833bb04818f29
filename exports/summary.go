package exports

import (
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// SummaryFormats lists the formats of a per-country summary.
var SummaryFormats = []string{"md", "html"}

// WriteSummary writes the per-country summary s to w in format, "md"
// (Markdown) or "html" (one self-contained HTML page that prints on A4).
func WriteSummary(w io.Writer, s *mapping.Summary, format string) error {
	switch format {
	case "md":
		return WriteSummaryMarkdown(w, s)
	case "html":
		return WriteSummaryHTML(w, s)
	}
	return fmt.Errorf("summary format %q: use one of %s", format, strings.Join(SummaryFormats, ", "))
}

var codePattern = regexp.MustCompile(`^[A-Z]{2}$`)

// SummaryFileName returns the file name of a jurisdiction's summary in
// format, "summary-SE.html". It refuses a code that is not two capital
// letters, so that data never chooses where a file goes.
func SummaryFileName(code, format string) (string, error) {
	if !codePattern.MatchString(code) {
		return "", fmt.Errorf("jurisdiction code %q is not two capital letters; it cannot name a file", code)
	}
	if !slices.Contains(SummaryFormats, format) {
		return "", fmt.Errorf("summary format %q: use one of %s", format, strings.Join(SummaryFormats, ", "))
	}
	return "summary-" + code + "." + format, nil
}

// summaryView is a summary in the words both formats print, so that the
// Markdown and the HTML say the same thing.
type summaryView struct {
	Title       string // "Sweden (SE)"
	Subtitle    string // "territory of Denmark", or ""
	StatusOn    string // "Status on 2026-12-03."
	DataLine    string // "Data checked up to 2026-11-20."
	Category    string
	CategoryWhy string   // the category explained
	Headline    []string // sentences under the category
	Settings    []settingView
	Notes       []noteView // the footnotes of the settings table
	Quotes      []string   // "Home: “wording” (unofficial translation)"
	Pending     []string
	Steps       []stepView
	Trends      []trendView
	Changes     []string
	Gaps        []string
	Refs        []refView
	Attribution string
}

type settingView struct {
	Setting    string
	Status     string
	StatusCode string // a status code, or "uncertain", for the colour
	Mark       string // footnote marks
	Law        string
	Dates      string
	Cite       string // "[1]"
	Flags      []string
}

type stepView struct {
	Number    int
	Label     string
	Level     string
	LevelCode string // for the colour
	Reason    string
	Gap       string
	Searched  string
	Evidence  []string
}

type trendView struct {
	Label, Respondents, Population    string
	Points, Latest, Change, Direction string
	Cite                              string
}

// trendsNote says how the survey tables are read.
const trendsNote = "Each row is one series of comparable surveys; different series are never joined. The change per year is the average yearly change, fitted to the points since the latest change of method."

func newSummaryView(s *mapping.Summary) summaryView {
	r := newRefs(func(id string) (mapping.SourceRef, bool) {
		i := slices.IndexFunc(s.Sources, func(src mapping.SourceRef) bool { return src.ID == id })
		if i < 0 {
			return mapping.SourceRef{}, false
		}
		return s.Sources[i], true
	})
	v := summaryView{
		Title:       oneLine(s.Name),
		StatusOn:    "Status on " + s.AsOf.String() + ".",
		DataLine:    summaryDataLine(s.DataDate),
		Category:    capitalise(mapping.CategoryLabel(s.Status.Category)),
		CategoryWhy: mapping.Explain("category", string(s.Status.Category)),
		Attribution: s.Attribution,
	}
	if s.Kind == dataset.Territory && s.Parent != "" {
		v.Subtitle = "Territory of " + s.Parent
	}
	if s.Status.CategoryUncertain {
		v.Headline = append(v.Headline, "A setting whose status is unknown or uncertain on this date could change this category.")
	}
	commit := "Committed to full prohibition: " + mapping.CommitmentLabel(s.Status)
	if c := s.Status.Commitment; c != nil && s.Status.Committed {
		commit += " " + r.cite(c.Source)
	}
	v.Headline = append(v.Headline, commit+".")
	if s.ChildPopulation > 0 {
		line := fmt.Sprintf("Children (0–17): %s", groupDigits(s.ChildPopulation))
		if s.ChildPopulationYear > 0 {
			line += fmt.Sprintf(" in %d", s.ChildPopulationYear)
		}
		v.Headline = append(v.Headline, line+".")
	}
	fn := newFootnotes()
	for _, c := range s.Status.Cells {
		sv := newSettingView(c)
		var ids []string
		for _, p := range c.Provisions {
			ids = append(ids, p.Source)
		}
		sv.Cite = r.cite(ids...)
		sv.Mark = fn.mark(mapping.SettingLabel(c.Setting), sv.Flags...)
		v.Settings = append(v.Settings, sv)
		for _, p := range c.Provisions {
			if p.Quote != "" {
				v.Quotes = append(v.Quotes, sv.Setting+": "+quoteOf(p))
			}
		}
		for _, p := range c.Pending {
			v.Pending = append(v.Pending, fmt.Sprintf("%s: %s, adopted %s, in force %s (%s) %s",
				sv.Setting, mapping.StatusLabel(p.Status), p.Adopted, p.InForce, lawOf(p), r.cite(p.Source)))
		}
	}
	v.Notes = fn.list()
	for i, st := range s.Steps {
		sv := stepView{
			Number: i + 1, Label: mapping.StepLabel(st.Step),
			Level: mapping.LevelLabel(st.Level), LevelCode: string(st.Level),
			Reason: capitalise(st.Reason), Gap: st.Gap, Searched: capitalise(st.Searched),
		}
		for _, e := range st.Evidence {
			sv.Evidence = append(sv.Evidence, capitalise(evidenceLine(e, r)))
		}
		v.Steps = append(v.Steps, sv)
	}
	for _, tr := range s.Trends {
		tv := newTrendView(tr)
		tv.Cite = r.cite(trendSources(tr)...)
		v.Trends = append(v.Trends, tv)
	}
	for _, c := range s.Changes {
		date := c.Date.String()
		if c.FromAdopted {
			date += " (adopted)"
		}
		v.Changes = append(v.Changes, date+": "+changeWords(c)+" "+r.cite(changeSource(c)))
	}
	v.Gaps = foldGaps(s.Gaps)
	v.Refs = r.list()
	return v
}

// foldGaps lists the gaps of a summary that the steps do not already say,
// folding the settings that share one gap into one line: "Alternative
// care, day care: no instrument recorded".
func foldGaps(gaps []string) []string {
	var out, whats []string
	where := map[string][]string{}
	for _, g := range gaps {
		if slices.ContainsFunc(mapping.Steps, func(st mapping.Step) bool {
			return strings.HasPrefix(g, strings.ToLower(mapping.StepShort(st))+": ")
		}) {
			continue
		}
		place, what, ok := strings.Cut(g, ": ")
		if !ok {
			place, what = "", g
		}
		if _, seen := where[what]; !seen {
			whats = append(whats, what)
		}
		where[what] = append(where[what], place)
	}
	for _, what := range whats {
		places := slices.DeleteFunc(where[what], func(s string) bool { return s == "" })
		if len(places) == 0 {
			out = append(out, capitalise(what))
			continue
		}
		out = append(out, capitalise(strings.Join(places, ", "))+": "+what)
	}
	return out
}

// trendSources lists the sources of a series' points.
func trendSources(tr mapping.Trend) []string {
	var out []string
	for _, p := range tr.Points {
		if !slices.Contains(out, p.Source) {
			out = append(out, p.Source)
		}
	}
	return out
}

// quoteOf quotes a provision's wording, saying whose translation it is.
func quoteOf(p mapping.ProvisionRef) string {
	q := "“" + oneLine(p.Quote) + "”"
	if p.Translation != "" {
		q += " (" + mapping.Label("translation", p.Translation) + ")"
	}
	return q
}

// changeWords says what a timeline entry records, in words.
func changeWords(c mapping.Change) string {
	what := capitalise(changeWhat(c))
	if c.Setting != "" {
		what = capitalise(mapping.SettingLabel(c.Setting)) + ": " + changeWhat(c)
	}
	if law := lawOf(c.Provision); law != "" {
		what += ", " + law
	}
	return what
}

func newSettingView(c mapping.Cell) settingView {
	sv := settingView{
		Setting:    capitalise(mapping.SettingLabel(c.Setting)),
		Status:     mapping.CellLabel(c),
		StatusCode: string(c.Status),
		Flags:      cellCaveats(c),
	}
	var laws, dates []string
	for _, p := range c.Provisions {
		if l := lawOf(p); l != "" {
			laws = append(laws, l)
		}
		if d := datesOf(p); d != "" {
			dates = append(dates, d)
		}
	}
	sv.Law = strings.Join(laws, "; ")
	sv.Dates = strings.Join(dates, "; ")
	return sv
}

// lawOf names a provision's instrument and article.
func lawOf(p mapping.ProvisionRef) string {
	return strings.TrimSpace(strings.Join(slices.DeleteFunc([]string{p.Instrument, p.Provision}, func(s string) bool { return s == "" }), ", "))
}

// datesOf lists a provision's dates in words.
func datesOf(p mapping.ProvisionRef) string {
	var parts []string
	if !p.Adopted.IsZero() {
		parts = append(parts, "adopted "+p.Adopted.String())
	}
	if !p.InForce.IsZero() {
		parts = append(parts, "in force "+p.InForce.String())
	}
	if !p.Until.IsZero() {
		parts = append(parts, "until "+p.Until.String())
	}
	return strings.Join(parts, ", ")
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// groupDigits prints n with thin groups of three digits: 1 234 567.
func groupDigits(n int) string { return mapping.GroupDigits(n, "\u202f") }

// newTrendView describes a survey series for the pages: what it measures,
// its latest value, every point (changes of method marked) and its change
// per year.
func newTrendView(tr mapping.Trend) trendView {
	tv := trendView{
		Label:       capitalise(mapping.IndicatorLabel(tr.Indicator)),
		Respondents: capitalise(mapping.Label("respondents", tr.Respondents)),
		Population:  tr.Population,
		Latest:      fmt.Sprintf("%s%% (%d)", mapping.FormatPercent(tr.Latest.Value), tr.Latest.Year),
		Direction:   mapping.DirectionLabel(tr.Direction),
		Change:      "–",
	}
	var pts []string
	for _, p := range tr.Points {
		pt := fmt.Sprintf("%d: %s%%", p.Year, mapping.FormatPercent(p.Value))
		if p.Break {
			pt += " (new method)"
		}
		pts = append(pts, pt)
	}
	tv.Points = strings.Join(pts, "; ")
	if tr.ChangePerYear != nil {
		tv.Change = mapping.FormatChange(*tr.ChangePerYear)
	}
	return tv
}
