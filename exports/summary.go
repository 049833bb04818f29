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
	Title        string // "Sweden (SE)"
	Subtitle     string // "territory of DK", or ""
	AsOf         string
	LastVerified string
	Category     string
	CategoryCode string
	Headline     []string // sentences under the category
	Settings     []settingView
	Pending      []string
	Steps        []stepView
	Trends       []trendView
	Changes      []changeView
	Gaps         []string
	Unconfirmed  []string
	Sources      []sourceView
	Attribution  string
}

type settingView struct {
	Setting    string
	Status     string
	StatusCode string // a status code, or "uncertain"
	Law        string
	Dates      string
	Sources    string
	Quotes     []string // "“wording” (unofficial translation)"
	Flags      []string
}

type stepView struct {
	Number    int
	Label     string
	Level     string
	LevelCode string
	Reason    string
	Gap       string
	Evidence  []evidenceView
}

type evidenceView struct {
	Table, ID, What, Source string
}

type trendView struct {
	Series, Indicator, Respondents, Population string
	Points, Latest, Change, Direction          string
}

// changeView is one entry of a summary's timeline: its date, what happened
// in words, and the provision and source it rests on (no provision for a
// commitment).
type changeView struct {
	Date, What, ID, Source string
}

type sourceView struct {
	ID, Citation string
}

func newSummaryView(s *mapping.Summary) summaryView {
	v := summaryView{
		Title:        fmt.Sprintf("%s (%s)", s.Name, s.Jurisdiction),
		AsOf:         s.AsOf.String(),
		LastVerified: s.LastVerified.String(),
		Category:     capitalise(mapping.CategoryLabel(s.Status.Category)),
		CategoryCode: string(s.Status.Category),
		Gaps:         s.Gaps,
		Unconfirmed:  s.Unconfirmed,
		Attribution:  s.Attribution,
	}
	if s.Kind == dataset.Territory && s.Parent != "" {
		v.Subtitle = "territory of " + s.Parent
	}
	if s.Status.CategoryUncertain {
		v.Headline = append(v.Headline, "A setting whose status is unknown or uncertain on this date could change this category.")
	}
	if c := s.Status.Commitment; c != nil {
		v.Headline = append(v.Headline, fmt.Sprintf("The government is committed to full prohibition (since %s; source %s).", c.From, c.Source))
	}
	if s.ChildPopulation > 0 {
		line := fmt.Sprintf("Children (0–17): %s", groupDigits(s.ChildPopulation))
		if s.ChildPopulationYear > 0 {
			line += fmt.Sprintf(" in %d", s.ChildPopulationYear)
		}
		v.Headline = append(v.Headline, line+".")
	}
	for _, c := range s.Status.Cells {
		v.Settings = append(v.Settings, newSettingView(c))
		for _, p := range c.Pending {
			v.Pending = append(v.Pending, fmt.Sprintf("%s: %s, adopted %s, in force %s (%s; source %s)",
				capitalise(mapping.SettingLabel(c.Setting)), mapping.StatusLabel(p.Status), p.Adopted, p.InForce, lawOf(p), p.Source))
		}
	}
	for i, st := range s.Steps {
		sv := stepView{
			Number: i + 1, Label: mapping.StepLabel(st.Step),
			Level: mapping.LevelLabel(st.Level), LevelCode: string(st.Level),
			Reason: capitalise(st.Reason), Gap: capitalise(st.Gap),
		}
		for _, e := range st.Evidence {
			sv.Evidence = append(sv.Evidence, evidenceView{e.Table, e.ID, e.What, e.Source})
		}
		v.Steps = append(v.Steps, sv)
	}
	for _, tr := range s.Trends {
		v.Trends = append(v.Trends, newTrendView(tr))
	}
	for _, c := range s.Changes {
		date := c.Date.String()
		if c.FromAdopted {
			date += " (adopted)"
		}
		v.Changes = append(v.Changes, changeView{Date: date, What: changeWords(c), ID: c.Provision.ID, Source: c.Provision.Source})
		if c.Commitment != nil {
			v.Changes[len(v.Changes)-1].Source = c.Commitment.Source
		}
	}
	for _, src := range s.Sources {
		v.Sources = append(v.Sources, sourceView{src.ID, src.Citation()})
	}
	return v
}

// changeWords says what a timeline entry records, in words.
func changeWords(c mapping.Change) string {
	setting := capitalise(mapping.SettingLabel(c.Setting))
	var what string
	switch c.Kind {
	case mapping.CommitmentMade:
		what = "the government committed itself to full prohibition"
		if c.Commitment != nil && !c.Commitment.Until.IsZero() {
			what += " (until " + c.Commitment.Until.String() + ")"
		}
		return capitalise(what)
	case mapping.Restated:
		what = fmt.Sprintf("%s: still %s; the law was re-enacted or strengthened", setting, mapping.StatusLabel(c.To))
	case mapping.StatusEnded:
		what = fmt.Sprintf("%s: %s ended; nothing is recorded after it", setting, mapping.StatusLabel(c.From))
	default:
		what = fmt.Sprintf("%s: %s → %s", setting, mapping.StatusLabel(c.From), mapping.StatusLabel(c.To))
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
	}
	var laws, dates, sources []string
	for _, p := range c.Provisions {
		if l := lawOf(p); l != "" {
			laws = append(laws, l)
		}
		if d := datesOf(p); d != "" {
			dates = append(dates, d)
		}
		if !slices.Contains(sources, p.Source) {
			sources = append(sources, p.Source)
		}
		if p.Quote != "" {
			q := "“" + p.Quote + "”"
			switch p.Translation {
			case "":
			case string(dataset.Original):
				q += " (original wording)"
			default:
				q += " (" + p.Translation + " translation)"
			}
			sv.Quotes = append(sv.Quotes, q)
		}
	}
	sv.Law = strings.Join(laws, "; ")
	sv.Dates = strings.Join(dates, "; ")
	sv.Sources = strings.Join(sources, ", ")
	for _, cv := range mapping.CellCaveats(c) {
		sv.Flags = append(sv.Flags, cv.Text)
	}
	if len(c.Pending) > 0 {
		sv.Flags = append(sv.Flags, "new law adopted, not yet in force")
	}
	slices.Sort(sv.Flags)
	sv.Flags = slices.Compact(sv.Flags)
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

// newTrendView describes a survey series for the pages: its latest value,
// every point (breaks marked) and its change per year.
func newTrendView(tr mapping.Trend) trendView {
	tv := trendView{
		Series:      tr.Series,
		Indicator:   strings.ReplaceAll(string(tr.Indicator), "_", " "),
		Respondents: tr.Respondents,
		Population:  tr.Population,
		Latest:      fmt.Sprintf("%s%% (%d)", mapping.FormatPercent(tr.Latest.Value), tr.Latest.Year),
		Direction:   string(tr.Direction),
		Change:      "–",
	}
	var pts []string
	for _, p := range tr.Points {
		pt := fmt.Sprintf("%d: %s%%", p.Year, mapping.FormatPercent(p.Value))
		if p.Break {
			pt += " (break)"
		}
		pts = append(pts, pt)
	}
	tv.Points = strings.Join(pts, "; ")
	if tr.ChangePerYear != nil {
		tv.Change = mapping.FormatChange(*tr.ChangePerYear)
	}
	return tv
}
