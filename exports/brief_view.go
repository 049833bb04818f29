package exports

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// briefView is the overview of a pack in the words both index.html and
// index.md print, so that they say the same thing.
type briefView struct {
	Title    string
	Scope    string
	AsOf     string
	StatusOn string // "Status on 2026-12-03."
	DataLine string // "Data checked up to 2026-11-20."
	Headline []string

	SettingHeads []string
	Status       []statusRowView
	StatusKey    string     // the statuses used, explained
	StatusNotes  []noteView // the footnotes of the status matrix
	ChildShare   string
	Categories   []categoryGroupView
	LevelKey     string
	StepHeads    []string
	Progress     []progressRowView
	Road         []roadPoint // the years the number of states changed
	RoadSummary  string
	Trends       []briefTrendView

	// The chart pages, and each section's own (nil when absent).
	Charts                                                       []chartLinkView
	ChartIndex                                                   string
	StatusChart, MapChart, ProgressChart, RoadChart, TrendsChart *chartLinkView

	Countries   []countryView
	Changes     *changesView
	Refs        []refView
	Attribution string
}

// countryView is a jurisdiction with the files of its pages.
type countryView struct {
	Code, Name, Label string
	HTML, MD          string
	Category          colouredView
}

// colouredView is a value printed in words on a coloured background. Class
// names the colour (see briefColours); Flags are remarks in small print.
type colouredView struct {
	Text  string
	Class string
	Mark  string // footnote marks
	Flags []string
}

type statusRowView struct {
	Country   countryView
	Cells     []colouredView
	Category  colouredView
	Committed string
}

type categoryGroupView struct {
	Category colouredView
	Members  []countryView
}

type progressRowView struct {
	Country countryView
	Steps   []colouredView
}

type briefTrendView struct {
	Jurisdiction string
	trendView
}

type chartLinkView struct {
	Title, File, Intro string
}

// briefColour is the fill of a class of cells and the text colour that
// reads on it. The fills are those of the chart pages (Okabe–Ito, safe for
// the common forms of colour blindness); every coloured cell also says its
// value in words.
type briefColour struct {
	Class      string
	Fill, Text string // RRGGBB
}

// briefColours lists every class of coloured cell: statuses (s-), levels of
// progress (l-) and categories (c-).
var briefColours = []briefColour{
	{"s-" + string(dataset.Prohibited), "009E73", "000000"},
	{"s-" + string(dataset.UnlawfulNotExplicit), "56B4E9", "000000"},
	{"s-" + string(dataset.ProhibitedUnidentified), "0072B2", "FFFFFF"},
	{"s-" + string(dataset.Partial), "F0E442", "000000"},
	{"s-" + string(dataset.NotProhibited), "D55E00", "000000"},
	{"s-" + string(dataset.Unknown), "BBBBBB", "000000"},
	{"s-" + string(mapping.Uncertain), "CC79A7", "000000"},
	{"l-" + string(mapping.Met), "009E73", "000000"},
	{"l-" + string(mapping.Partial), "F0E442", "000000"},
	{"l-" + string(mapping.NotMet), "D55E00", "000000"},
	{"l-" + string(mapping.NoData), "BBBBBB", "000000"},
	{"c-" + string(mapping.AllSettings), "009E73", "000000"},
	{"c-" + string(mapping.Committed), "56B4E9", "000000"},
	{"c-" + string(mapping.SomeSettings), "F0E442", "000000"},
	{"c-" + string(mapping.None), "D55E00", "000000"},
}

// colourOf returns the colour of a class, and false for a class without one.
func colourOf(class string) (briefColour, bool) {
	i := slices.IndexFunc(briefColours, func(c briefColour) bool { return c.Class == class })
	if i < 0 {
		return briefColour{}, false
	}
	return briefColours[i], true
}

// categoryClass returns the class of a category code, or none.
func categoryClass(c mapping.Category) string {
	if slices.Contains(mapping.Categories, c) {
		return "c-" + string(c)
	}
	return ""
}

// cellView is a status cell in words, with its remarks.
func cellView(c mapping.Cell) colouredView {
	sv := newSettingView(c)
	return colouredView{Text: sv.Status, Class: statusClass(sv.StatusCode), Flags: sv.Flags}
}

// categoryView is a row's category in words.
func categoryView(r mapping.Row) colouredView {
	v := colouredView{Text: capitalise(mapping.CategoryLabel(r.Category)), Class: categoryClass(r.Category)}
	if r.CategoryUncertain {
		v.Flags = append(v.Flags, "a setting whose status is unknown or uncertain could change this")
	}
	return v
}

// levelView is a step's level in words.
func levelView(s mapping.StepResult) colouredView {
	return colouredView{Text: mapping.LevelLabel(s.Level), Class: levelClass(string(s.Level))}
}

// stepHead is a step's short name: "Support parents".
func stepHead(s mapping.Step) string { return mapping.StepShort(s) }

// country returns the view of a jurisdiction of the pack. Its code has been
// checked by newBrief, so its file names are known to be valid.
func (b *brief) country(code string) countryView {
	html, _ := SummaryFileName(code, "html")
	md, _ := SummaryFileName(code, "md")
	v := countryView{Code: code, Name: b.name(code), Label: jurisdictionLabel(code, b.name), HTML: html, MD: md}
	for _, r := range b.matrix.Rows {
		if r.Jurisdiction == code {
			v.Category = categoryView(r)
		}
	}
	return v
}

// kind returns the jurisdiction's kind.
func (b *brief) kind(code string) dataset.JurisdictionKind {
	for _, j := range b.ds.Jurisdictions {
		if j.Code == code {
			return j.Kind
		}
	}
	return ""
}

// roadPoint is the number of the pack's states with full prohibition at one
// date of the road, and which states reached or lost it since the previous
// date.
type roadPoint struct {
	Date    dataset.Date
	Label   string // the year, for the last day of a year
	Year    int
	States  int
	Of      int // the number of states
	Reached []string
	Lost    []string
}

// road returns the dates of the road to prohibition from the year before
// the first full prohibition, or only the as-of date when there is none
// (territories are not counted, as in the chart).
func (b *brief) road() []roadPoint {
	var out []roadPoint
	prev := map[string]bool{}
	for _, m := range b.history {
		p := roadPoint{Date: m.AsOf, Label: roadLabel(m.AsOf), Year: m.AsOf.Year()}
		full := map[string]bool{}
		for _, r := range m.Rows {
			if b.kind(r.Jurisdiction) == dataset.Territory {
				continue
			}
			p.Of++
			if r.Category == mapping.AllSettings {
				full[r.Jurisdiction] = true
				if !prev[r.Jurisdiction] {
					p.Reached = append(p.Reached, b.name(r.Jurisdiction))
				}
			}
		}
		for _, r := range m.Rows {
			if prev[r.Jurisdiction] && !full[r.Jurisdiction] {
				p.Lost = append(p.Lost, b.name(r.Jurisdiction))
			}
		}
		slices.Sort(p.Reached)
		slices.Sort(p.Lost)
		p.States = len(full)
		prev = full
		out = append(out, p)
	}
	// Start the year before the first full prohibition, as the chart does.
	first := slices.IndexFunc(out, func(p roadPoint) bool { return p.States > 0 })
	switch {
	case first > 0:
		out = out[first-1:]
	case first < 0 && len(out) > 0:
		out = out[len(out)-1:]
	}
	return out
}

// roadLabel names a date of the road: the year for the last day of a year.
func roadLabel(d dataset.Date) string {
	if d.Month() == 12 && d.Day() == 31 {
		return strconv.Itoa(d.Year())
	}
	return d.String()
}

// newBriefTrendView describes a survey series as the summaries do.
func newBriefTrendView(tr mapping.Trend, label string) briefTrendView {
	return briefTrendView{Jurisdiction: label, trendView: newTrendView(tr)}
}

// view builds the overview.
func (b *brief) view() briefView {
	v := briefView{
		Title:       "Corporal punishment of children: law and policy briefing",
		Scope:       b.scope(),
		AsOf:        dataset.DateOf(b.asOf).String(),
		StatusOn:    "Status on " + dataset.DateOf(b.asOf).String() + ".",
		DataLine:    dataDateLine(b.ix.DataDate(b.codes), b.name),
		Attribution: mapping.Attribution,
		ChartIndex:  BriefChartsDir + "/index.html",
	}
	if b.opt.Group != "" {
		v.Title += ", " + b.opt.Group
	}
	for _, s := range dataset.Settings {
		v.SettingHeads = append(v.SettingHeads, capitalise(mapping.SettingLabel(s)))
	}
	for _, s := range mapping.Steps {
		v.StepHeads = append(v.StepHeads, stepHead(s))
	}

	byCategory := map[mapping.Category][]countryView{}
	full, committed := []string{}, []string{}
	fn := newFootnotes()
	used := map[dataset.Status]bool{}
	for _, r := range b.matrix.Rows {
		row := statusRowView{Country: b.country(r.Jurisdiction), Category: categoryView(r)}
		for _, c := range r.Cells {
			cv := cellView(c)
			cv.Mark = fn.mark(oneLine(r.Name)+": "+mapping.SettingLabel(c.Setting), cv.Flags...)
			cv.Flags = nil
			used[c.Status] = true
			row.Cells = append(row.Cells, cv)
		}
		if r.CategoryUncertain {
			row.Category.Mark = fn.mark(oneLine(r.Name), categoryNote)
			row.Category.Flags = nil
		}
		row.Committed = mapping.CommitmentLabel(r)
		v.Status = append(v.Status, row)
		v.Countries = append(v.Countries, row.Country)
		byCategory[r.Category] = append(byCategory[r.Category], row.Country)
		switch r.Category {
		case mapping.AllSettings:
			full = append(full, b.name(r.Jurisdiction))
		case mapping.Committed:
			committed = append(committed, b.name(r.Jurisdiction))
		}
	}
	v.StatusNotes = fn.list()
	var key []string
	for _, st := range append(slices.Clone(dataset.Statuses), mapping.Uncertain) {
		if used[st] {
			key = append(key, capitalise(mapping.StatusLabel(st))+": "+mapping.StatusExplain(st))
		}
	}
	v.StatusKey = strings.Join(key, ". ") + "."
	v.LevelKey = capitalise(levelKey(b.progress))
	for _, c := range mapping.Categories {
		if len(byCategory[c]) > 0 && len(byCategory) > 1 {
			v.Categories = append(v.Categories, categoryGroupView{
				Category: colouredView{Text: capitalise(mapping.CategoryLabel(c)), Class: categoryClass(c)},
				Members:  byCategory[c],
			})
		}
	}
	n := len(b.matrix.Rows)
	switch len(full) {
	case 0:
		v.Headline = append(v.Headline, fmt.Sprintf("None of the %d jurisdictions prohibits corporal punishment of children in all settings.", n))
	default:
		v.Headline = append(v.Headline, fmt.Sprintf("%d of the %d jurisdictions prohibit corporal punishment of children in all settings: %s.", len(full), n, strings.Join(full, ", ")))
	}
	if len(committed) > 0 {
		v.Headline = append(v.Headline, fmt.Sprintf("%d more %s committed to full prohibition: %s.", len(committed), plural(len(committed), "is", "are"), strings.Join(committed, ", ")))
	}
	v.ChildShare = childShareSentence(b.matrix.Children, n, b.name)
	v.Headline = append(v.Headline, v.ChildShare)

	for _, p := range b.progress {
		row := progressRowView{Country: b.country(p.Jurisdiction)}
		for _, s := range p.Steps {
			row.Steps = append(row.Steps, levelView(s))
		}
		v.Progress = append(v.Progress, row)
	}

	road := b.road()
	for _, p := range road {
		if len(p.Reached) > 0 || len(p.Lost) > 0 {
			v.Road = append(v.Road, p)
		}
	}
	if len(road) > 0 {
		last := road[len(road)-1]
		v.RoadSummary = fmt.Sprintf("On %s, %d of the %d states prohibit corporal punishment in all settings (territories are not counted).", last.Date, last.States, last.Of)
	}

	r := newRefs(b.ix.Source)
	for _, id := range b.citedSources() {
		r.n(id)
	}
	for _, tr := range b.trends {
		tv := newBriefTrendView(tr, b.name(tr.Jurisdiction))
		tv.Cite = r.cite(trendSources(tr)...)
		v.Trends = append(v.Trends, tv)
	}

	for _, p := range b.pages {
		v.Charts = append(v.Charts, chartLinkView{Title: p.Title, File: BriefChartsDir + "/" + p.File(), Intro: p.Intro})
	}
	link := func(name string) *chartLinkView {
		for i, p := range b.pages {
			if p.Name == name {
				return &v.Charts[i]
			}
		}
		return nil
	}
	v.StatusChart, v.MapChart, v.ProgressChart = link("status-matrix"), link("region-map"), link("progress")
	v.RoadChart, v.TrendsChart = link("road-to-prohibition"), link("survey-trends")

	if b.changes != nil {
		v.Changes = newChangesView(*b.changes, b.ds, b.name)
		if b.changes.Len() > 0 {
			c := v.Changes
			var parts []string
			for _, p := range []struct {
				n         int
				one, many string
			}{
				{len(c.Legal), "change of legal status", "changes of legal status"},
				{len(c.Campaigns), "new campaign or plan", "new campaigns or plans"},
				{len(c.Programmes), "new parenting programme", "new parenting programmes"},
				{len(c.Surveys), "new survey result", "new survey results"},
				{c.Other, "other change", "other changes"},
			} {
				if p.n > 0 {
					parts = append(parts, fmt.Sprintf("%d %s", p.n, plural(p.n, p.one, p.many)))
				}
			}
			v.Headline = append(v.Headline, fmt.Sprintf("Since %s: %s (see What changed).", c.Old, strings.Join(parts, ", ")))
		}
	}

	v.Refs = r.list()
	return v
}

// childShareSentence says how many children live under full prohibition;
// name names a jurisdiction by code.
func childShareSentence(cs mapping.ChildShare, rows int, name func(string) string) string {
	if cs.Counted == 0 {
		return fmt.Sprintf("The share of children living under full prohibition is not known: no child population is recorded for the %d jurisdictions.", rows)
	}
	s := fmt.Sprintf("%s%% of children (0–17) live under full prohibition: %s of %s, in the %d jurisdictions whose child population is recorded",
		mapping.FormatPercent(float64(int(cs.Percent*10+0.5))/10), groupDigits(cs.Protected), groupDigits(cs.Total), cs.Counted)
	if len(cs.MissingPopulation) > 0 {
		var names []string
		for _, code := range cs.MissingPopulation {
			names = append(names, name(code))
		}
		s += " (not recorded for " + mapping.JoinWords(names) + ")"
	}
	return s + "."
}

// plural returns one or many after n.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
