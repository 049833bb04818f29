package exports

import (
	"bytes"
	"cmp"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/cpmap/cpmap/mapping"
	"github.com/xuri/excelize/v2"
)

// The fixed sheets of briefing.xlsx, in order; a sheet per jurisdiction
// follows Survey trends.
const (
	sheetOverview = "Overview"
	sheetProgress = "Progress"
	sheetTimeline = "Prohibition timeline"
	sheetTrends   = "Survey trends"
	sheetSources  = "Sources"
	sheetChanges  = "Changes"
	sheetAbout    = "About"
)

// maxURLLength is the longest address the workbook links: Excel refuses
// longer hyperlinks (2,079 characters).
const maxURLLength = 2000

// LinkableURL reports whether s may be written as a hyperlink: an absolute
// http or https address with a host, without user name or password, white
// space or control characters, and short enough for Excel.
func LinkableURL(s string) bool {
	if s == "" || len(s) > maxURLLength || strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return false
	}
	u, err := url.Parse(s)
	if err != nil || u.Opaque != "" || u.User != nil || u.Host == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return scheme == "http" || scheme == "https"
}

// briefBook builds briefing.xlsx.
type briefBook struct {
	b      *brief
	wb     *Workbook
	f      *excelize.File
	styles map[string]int // by class and wrap
	about  [][]string     // sheet and what it holds, for the About sheet
}

// workbook returns briefing.xlsx: the overview matrix, progress, the
// prohibition timeline and survey trends with native charts, a sheet per
// jurisdiction, sources with links, changes (with Since) and a sheet about
// the workbook. Coloured cells always hold their value in words; every text
// cell goes through SafeText (Workbook.AddSheet); no cell holds a formula.
func (b *brief) workbook() ([]byte, error) {
	wb, err := NewWorkbook()
	if err != nil {
		return nil, err
	}
	defer wb.Close()
	x := &briefBook{b: b, wb: wb, f: wb.File(), styles: map[string]int{}}
	steps := []func() error{x.overview, x.progress, x.timeline, x.surveyTrends}
	for _, code := range b.codes {
		steps = append(steps, func() error { return x.country(code) })
	}
	steps = append(steps, x.sources)
	if b.changes != nil {
		steps = append(steps, x.changes)
	}
	steps = append(steps, x.aboutSheet)
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	made := b.opt.Now
	if made.IsZero() {
		made = b.asOf
	}
	stamp := made.UTC().Truncate(time.Second).Format(time.RFC3339)
	if err := x.f.SetDocProps(&excelize.DocProperties{
		Title:       "Corporal punishment of children: law and policy briefing",
		Subject:     "Data as of " + dataset.DateOf(b.asOf).String(),
		Creator:     "cpmap",
		Description: mapping.Attribution,
		Created:     stamp,
		Modified:    stamp,
		Language:    "en",
	}); err != nil {
		return nil, err
	}
	// excelize adds the image types of the charts in an order of its
	// own, from run to run: sorting them keeps the bytes the same.
	wb.sortContentTypes = true
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// add adds a sheet that looks as look says, and notes what it holds for
// the About sheet.
func (x *briefBook) add(s Sheet, look *sheetLook, what string) error {
	if err := x.wb.writeSheet(s, look); err != nil {
		return fmt.Errorf("sheet %q: %w", s.Name, err)
	}
	x.about = append(x.about, []string{s.Name, what})
	return nil
}

// linkClass is the style class of a cell holding a hyperlink.
const linkClass = "link"

// style returns the style of a coloured cell (class from briefColours,
// linkClass for a link, or "" for none), wrapping its text when wrap is set.
func (x *briefBook) style(class string, wrap bool) (int, error) {
	key := fmt.Sprintf("%s/%t", class, wrap)
	if id, ok := x.styles[key]; ok {
		return id, nil
	}
	st := &excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: wrap}}
	if class == linkClass {
		st.Font = &excelize.Font{Color: "0563C1", Underline: "single"}
	}
	if c, ok := colourOf(class); ok {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.Fill}}
		st.Font = &excelize.Font{Bold: true, Color: c.Text}
		st.Border = []excelize.Border{
			{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1},
			{Type: "top", Color: "FFFFFF", Style: 1}, {Type: "bottom", Color: "FFFFFF", Style: 1},
		}
	}
	id, err := x.wb.NewStyle(st)
	if err != nil {
		return 0, err
	}
	x.styles[key] = id
	return id, nil
}

// colour styles the cell at 1-based col and row (row 1 is the header).
func (x *briefBook) colour(look *sheetLook, col, row int, class string) error {
	if class == "" {
		return nil
	}
	id, err := x.style(class, false)
	if err != nil {
		return err
	}
	look.set(row-2, col-1, id)
	return nil
}

// wrap makes the text of a column's body cells wrap.
func (x *briefBook) wrap(look *sheetLook, col, rows int) error {
	if rows == 0 {
		return nil
	}
	id, err := x.style("", true)
	if err != nil {
		return err
	}
	for i := range rows {
		look.set(i, col-1, id)
	}
	return nil
}

// link makes the cell a hyperlink to u, styled as one, when u is
// linkable; the cell's text is unchanged.
func (x *briefBook) link(look *sheetLook, col, row int, u string) error {
	if !LinkableURL(u) {
		return nil
	}
	id, err := x.style(linkClass, true)
	if err != nil {
		return err
	}
	look.links = append(look.links, xlsx.Link{Cell: xlsxCell(col, row), URL: u})
	look.set(row-2, col-1, id)
	return nil
}

// overview is the status matrix.
func (x *briefBook) overview() error {
	b := x.b
	s := Sheet{Name: sheetOverview, Columns: []Column{{Name: "Code"}, {Name: "Jurisdiction"}}}
	for _, st := range dataset.Settings {
		s.Columns = append(s.Columns, Column{Name: capitalise(mapping.SettingLabel(st))})
	}
	s.Columns = append(s.Columns, Column{Name: "Category"}, Column{Name: "Committed to full prohibition"}, Column{Name: "Notes"})
	var classes [][]string
	for _, r := range b.matrix.Rows {
		row := []string{r.Jurisdiction, r.Name}
		cls := []string{"", ""}
		var notes []string
		for _, c := range r.Cells {
			cv := cellView(c)
			row = append(row, cv.Text)
			cls = append(cls, cv.Class)
			if len(cv.Flags) > 0 {
				notes = append(notes, capitalise(mapping.SettingLabel(c.Setting))+": "+strings.Join(cv.Flags, "; "))
			}
		}
		cat := categoryView(r)
		for _, f := range cat.Flags {
			notes = append(notes, "Category: "+f)
		}
		row = append(row, cat.Text, mapping.CommitmentLabel(r), strings.Join(notes, "\n"))
		cls = append(cls, cat.Class, "", "")
		s.Rows = append(s.Rows, row)
		classes = append(classes, cls)
	}
	look := &sheetLook{}
	if err := x.paint(look, classes); err != nil {
		return err
	}
	if err := x.wrap(look, len(s.Columns), len(s.Rows)); err != nil {
		return err
	}
	return x.add(s, look, fmt.Sprintf("The legal status of each setting on %s, the category and any commitment to full prohibition. Colours as in the charts; the words always say the status.", dataset.DateOf(b.asOf)))
}

// paint colours the body cells by their classes.
func (x *briefBook) paint(look *sheetLook, classes [][]string) error {
	for i, cls := range classes {
		for j, c := range cls {
			if err := x.colour(look, j+1, i+2, c); err != nil {
				return err
			}
		}
	}
	return nil
}

// progress is the matrix of the five steps.
func (x *briefBook) progress() error {
	b := x.b
	s := Sheet{Name: sheetProgress, Columns: []Column{{Name: "Code"}, {Name: "Jurisdiction"}, {Name: "Category"}}}
	for _, st := range mapping.Steps {
		s.Columns = append(s.Columns, Column{Name: stepHead(st)})
	}
	s.Columns = append(s.Columns, Column{Name: "What is missing"})
	var classes [][]string
	for _, p := range b.progress {
		row := []string{p.Jurisdiction, p.Name, capitalise(mapping.CategoryLabel(p.Category))}
		cls := []string{"", "", categoryClass(p.Category)}
		var gaps []string
		for _, st := range p.Steps {
			lv := levelView(st)
			row = append(row, lv.Text)
			cls = append(cls, lv.Class)
			if st.Gap != "" {
				gaps = append(gaps, stepHead(st.Step)+": "+st.Gap)
			}
		}
		row = append(row, strings.Join(gaps, "\n"))
		s.Rows = append(s.Rows, row)
		classes = append(classes, append(cls, ""))
	}
	look := &sheetLook{}
	if err := x.paint(look, classes); err != nil {
		return err
	}
	if err := x.wrap(look, len(s.Columns), len(s.Rows)); err != nil {
		return err
	}
	return x.add(s, look, "Each jurisdiction's level on the five steps from prohibition towards elimination, and what is missing. Each jurisdiction's sheet gives the reasons and evidence.")
}

// sheetRef returns an absolute reference to a range of a sheet's column:
// 'Sheet name'!$B$2:$B$9.
func sheetRef(sheet string, col, from, to int) string {
	name := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	c := dataset.ColumnName(col)
	ref := fmt.Sprintf("%s$%s$%d", name, c, from)
	if to != from {
		ref += fmt.Sprintf(":$%s$%d", c, to)
	}
	return ref
}

func chartTitle(s string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: s,
		Font: &excelize.Font{Family: FontFamily, Size: 10, Color: chartText}}}}
}

// chartText is the colour of a chart's axis labels and titles: dark
// enough to read in print (excelize's default is a grey of 15%).
const chartText = "404040"

// chartAxisFont is the font of a chart's tick labels.
var chartAxisFont = excelize.Font{Family: FontFamily, Size: 9, Color: chartText}

// labelSkip returns how many categories a category axis of n labels
// steps between labels, so that at most about 16 labels show: 1, 2, 5, 10
// or a multiple of 10.
func labelSkip(n int) int {
	for _, k := range []int{1, 2, 5, 10} {
		if (n+k-1)/k <= 16 {
			return k
		}
	}
	return 10 * ((n + 159) / 160)
}

// yearUnit returns the step between labelled years of an axis from lo to
// hi: 1, 2, 5 or 10 years, so that at most about 12 labels show.
func yearUnit(lo, hi float64) float64 {
	for _, k := range []float64{1, 2, 5, 10} {
		if (hi-lo)/k <= 12 {
			return k
		}
	}
	return 20
}

// timeline is the number of states with full prohibition at the end of
// each year, with a column chart of it.
func (x *briefBook) timeline() error {
	b := x.b
	s := Sheet{Name: sheetTimeline, Columns: []Column{
		{Name: "Year"}, {Name: "States with full prohibition", Number: true}, {Name: "States", Number: true},
		{Name: "Reached full prohibition"}, {Name: "No longer"},
	}}
	for _, p := range b.road() {
		s.Rows = append(s.Rows, []string{p.Label, strconv.Itoa(p.States), strconv.Itoa(p.Of), strings.Join(p.Reached, ", "), strings.Join(p.Lost, ", ")})
	}
	return x.add(s, &sheetLook{extra: func() error { return x.timelineChart(s) }},
		"The number of states (not territories) prohibiting corporal punishment in all settings at the end of each year, and on the as-of date, with a chart.")
}

// timelineChart is the column chart of the timeline sheet s.
func (x *briefBook) timelineChart(s Sheet) error {
	n := len(s.Rows)
	if n == 0 {
		return nil
	}
	zero := 0.0
	return x.f.AddChart(s.Name, "G2", &excelize.Chart{
		Type: excelize.Col,
		Series: []excelize.ChartSeries{{
			Name:       sheetRef(s.Name, 2, 1, 1),
			Categories: sheetRef(s.Name, 1, 2, n+1),
			Values:     sheetRef(s.Name, 2, 2, n+1),
			Fill:       excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"0072B2"}},
		}},
		Format:    excelize.GraphicOptions{AltText: "Column chart: the number of states with full prohibition at the end of each year."},
		Dimension: excelize.ChartDimension{Width: 760, Height: 380},
		Title:     chartTitle("States prohibiting corporal punishment in all settings"),
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis: excelize.ChartAxis{Title: chartTitle("Year (end of year; the last bar is the as-of date)"),
			TickLabelSkip: labelSkip(n), Font: chartAxisFont},
		YAxis: excelize.ChartAxis{Title: chartTitle("States with full prohibition"), MajorUnit: 1, Minimum: &zero, MajorGridLines: true,
			Font: chartAxisFont},
	})
}

// The series styles of the survey charts: colours of the Okabe–Ito
// palette, and marker shapes and dashes so that series stay apart without
// colour.
var (
	trendColours = []string{"0072B2", "E69F00", "009E73", "D55E00", "56B4E9", "CC79A7", "000000", "F0E442"}
	trendMarkers = []string{"circle", "square", "triangle", "diamond", "x", "star", "plus", "dash"}
	trendDashes  = []excelize.LineDashType{excelize.LineDashSolid, excelize.LineDashDash, excelize.LineDashSysDot, excelize.LineDashLgDashDot}
)

// surveyTrends lists every survey point by indicator and series, with one
// line chart per indicator; a series is split at each break, so that no
// line joins points that are not comparable.
func (x *briefBook) surveyTrends() error {
	b := x.b
	s := Sheet{Name: sheetTrends, Columns: []Column{
		{Name: "Indicator"}, {Name: "Jurisdiction"}, {Name: "Series"}, {Name: "Respondents"},
		{Name: "Year", Number: true}, {Name: "Value (%)", Number: true}, {Name: "Break"}, {Name: "Source"}, {Name: "Chart line"},
	}}
	trends := slices.Clone(b.trends)
	slices.SortStableFunc(trends, func(a, b mapping.Trend) int {
		return cmp.Or(cmp.Compare(a.Indicator, b.Indicator), cmp.Compare(a.Jurisdiction, b.Jurisdiction), cmp.Compare(a.Series, b.Series))
	})
	type line struct{ first, last int } // rows of the sheet
	var indicators []dataset.Indicator
	lines := map[dataset.Indicator][]line{}
	for _, tr := range trends {
		if !slices.Contains(indicators, tr.Indicator) {
			indicators = append(indicators, tr.Indicator)
		}
		resp := mapping.Label("respondents", tr.Respondents)
		if tr.Population != "" {
			resp += " (" + tr.Population + ")"
		}
		name := fmt.Sprintf("%s: %s", b.name(tr.Jurisdiction), mapping.SeriesName(tr))
		label := name
		for i, p := range tr.Points {
			row := len(s.Rows) + 2
			if i == 0 || p.Break {
				if i > 0 {
					label = fmt.Sprintf("%s (from %d)", name, p.Year)
				}
				lines[tr.Indicator] = append(lines[tr.Indicator], line{row, row})
			} else {
				ls := lines[tr.Indicator]
				ls[len(ls)-1].last = row
			}
			brk := ""
			if p.Break {
				brk = "yes: not comparable with earlier points"
			}
			s.Rows = append(s.Rows, []string{mapping.IndicatorTitle(tr.Indicator), jurisdictionLabel(tr.Jurisdiction, b.name),
				tr.Series, resp, strconv.Itoa(p.Year), mapping.FormatPercent(p.Value), brk, p.Source, label})
		}
	}
	charts := func() error {
		placed := 0 // charts added so far, one below the other
		for _, ind := range indicators {
			var series []excelize.ChartSeries
			minYear, maxYear := 9999, 0
			for j, l := range lines[ind] {
				series = append(series, excelize.ChartSeries{
					Name:       sheetRef(s.Name, 9, l.first, l.first),
					Categories: sheetRef(s.Name, 5, l.first, l.last),
					Values:     sheetRef(s.Name, 6, l.first, l.last),
					Line:       excelize.LineOptions{Type: excelize.LineSolid, Width: 2, Dash: trendDashes[j/len(trendColours)%len(trendDashes)]},
					Marker: excelize.ChartMarker{Symbol: trendMarkers[j%len(trendMarkers)], Size: 7,
						Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{trendColours[j%len(trendColours)]}}},
					Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{trendColours[j%len(trendColours)]}},
				})
				for r := l.first; r <= l.last; r++ {
					y, _ := strconv.Atoi(s.Rows[r-2][4])
					minYear, maxYear = min(minYear, y), max(maxYear, y)
				}
			}
			lo, hi, zero, hundred := float64(minYear-1), float64(maxYear+1), 0.0, 100.0
			words := mapping.IndicatorTitle(ind)
			parts := chartParts(len(series), maxChartSeries)
			for k, part := range parts {
				title := words
				if len(parts) > 1 {
					title += fmt.Sprintf(" (part %d of %d)", k+1, len(parts))
				}
				// Below the table, one under another, each on a printed page
				// of its own, so that a page as wide as the table holds each
				// chart whole.
				at := xlsxCell(1, len(s.Rows)+4+placed*24)
				if err := x.f.InsertPageBreak(s.Name, at); err != nil {
					return err
				}
				err := x.f.AddChart(s.Name, at, &excelize.Chart{
					Type:      excelize.Scatter,
					Series:    series[part[0]:part[1]],
					Format:    excelize.GraphicOptions{AltText: "Line chart of survey results: " + words + ", percent by fieldwork year, one line per series."},
					Dimension: excelize.ChartDimension{Width: 760, Height: 420},
					Title:     chartTitle(title),
					Legend:    excelize.ChartLegend{Position: "bottom"},
					XAxis: excelize.ChartAxis{Title: chartTitle("Fieldwork year"), Minimum: &lo, Maximum: &hi,
						MajorUnit: yearUnit(lo, hi), NumFmt: excelize.ChartNumFmt{CustomNumFmt: "0"}, Font: chartAxisFont},
					YAxis: excelize.ChartAxis{Title: chartTitle("Percent"), Minimum: &zero, Maximum: &hundred, MajorUnit: 20,
						MajorGridLines: true, Font: chartAxisFont},
				})
				if err != nil {
					return err
				}
				placed++
			}
		}
		return nil
	}
	return x.add(s, &sheetLook{extra: charts}, "Every survey point of each series, with a chart per indicator: one line per series of comparable surveys, split where the method or definition changed.")
}

// maxChartSeries is the most series Excel draws in one chart.
const maxChartSeries = 255

// chartParts splits n series into consecutive [from, to) parts of at most
// max series each, so that every part fits in one Excel chart.
func chartParts(n, max int) [][2]int {
	var parts [][2]int
	for from := 0; from < n; from += max {
		parts = append(parts, [2]int{from, min(from+max, n)})
	}
	return parts
}

// countrySheetName returns the name of a jurisdiction's sheet: its code and
// name, with the characters a sheet name cannot hold left out, within 31
// characters.
func countrySheetName(code, name string) string {
	clean := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' ' || r == '-' || r == '.' || r == ',' || r == '(' || r == ')':
			return r
		case unicode.IsSpace(r):
			return ' '
		}
		return -1
	}, name)
	full := []rune(strings.TrimSpace(code + " " + strings.Join(fields(clean), " ")))
	if len(full) > 31 {
		full = full[:31]
	}
	return strings.TrimSpace(string(full))
}

// The columns of a jurisdiction's sheet.
var countryColumns = []Column{
	{Name: "Section"}, {Name: "Item"}, {Name: "Status"}, {Name: "Value (%)", Number: true},
	{Name: "Law, name or description"}, {Name: "Provision or details"}, {Name: "Adopted"}, {Name: "In force, start or year"},
	{Name: "Until or end"}, {Name: "Source"}, {Name: "Source URL"}, {Name: "Record"}, {Name: "Notes"},
}

// countryRow is one row of a jurisdiction's sheet.
type countryRow struct {
	section, item, status, class, value string
	law, details, adopted, start, until string
	sources                             []string
	record, notes                       string
}

// country is one jurisdiction's facts with their citations: the legal
// status of each setting, laws adopted and not yet in force, the commitment,
// the five steps, measures and surveys.
func (x *briefBook) country(code string) error {
	b := x.b
	var sum *mapping.Summary
	for _, s := range b.summaries {
		if s.Jurisdiction == code {
			sum = s
		}
	}
	if sum == nil {
		return fmt.Errorf("no summary of %s", code)
	}
	var rows []countryRow
	if sum.ChildPopulation > 0 {
		what := groupDigits(sum.ChildPopulation)
		if sum.ChildPopulationYear > 0 {
			what += fmt.Sprintf(" in %d", sum.ChildPopulationYear)
		}
		var src []string
		for _, j := range b.ds.Jurisdictions {
			if j.Code == code && j.ChildPopulationSource != "" {
				src = []string{j.ChildPopulationSource}
			}
		}
		rows = append(rows, countryRow{section: "Jurisdiction", item: "Children (0–17)", law: what, sources: src, record: code})
	}
	provisionRow := func(section string, c mapping.Cell, ps []mapping.ProvisionRef, status, class string, flags []string) countryRow {
		r := countryRow{section: section, item: capitalise(mapping.SettingLabel(c.Setting)), status: status, class: class}
		var laws, provs, adopted, inForce, until, ids, notes []string
		for _, p := range ps {
			laws = appendNonEmpty(laws, p.Instrument)
			provs = appendNonEmpty(provs, p.Provision)
			adopted = appendNonEmpty(adopted, p.Adopted.String())
			inForce = appendNonEmpty(inForce, p.InForce.String())
			until = appendNonEmpty(until, p.Until.String())
			ids = append(ids, p.ID)
			if !slices.Contains(r.sources, p.Source) {
				r.sources = append(r.sources, p.Source)
			}
			if p.Quote != "" {
				q := "Wording: “" + p.Quote + "”"
				if p.Translation != "" {
					q += " (" + p.Translation + ")"
				}
				notes = append(notes, q)
			}
		}
		r.law, r.details = strings.Join(laws, "\n"), strings.Join(provs, "\n")
		r.adopted, r.start, r.until = strings.Join(adopted, "\n"), strings.Join(inForce, "\n"), strings.Join(until, "\n")
		r.record = strings.Join(ids, "\n")
		r.notes = strings.Join(append(slices.Clone(flags), notes...), "\n")
		return r
	}
	for _, c := range sum.Status.Cells {
		cv := cellView(c)
		rows = append(rows, provisionRow("Legal status", c, c.Provisions, cv.Text, cv.Class, cv.Flags))
	}
	for _, c := range sum.Status.Cells {
		for _, p := range c.Pending {
			rows = append(rows, provisionRow("Adopted, not yet in force", c, []mapping.ProvisionRef{p},
				mapping.StatusLabel(p.Status), statusClass(string(p.Status)), nil))
		}
	}
	if cm := sum.Status.Commitment; cm != nil {
		rows = append(rows, countryRow{section: "Commitment", item: "Commitment to full prohibition", status: "committed",
			start: cm.From.String(), until: cm.Until.String(), sources: []string{cm.Source}, notes: cm.Notes,
			record: code + "/" + cm.From.String()})
	}
	for _, st := range sum.Steps {
		lv := levelView(st)
		r := countryRow{section: "Progress", item: mapping.StepLabel(st.Step), status: lv.Text, class: lv.Class,
			law: capitalise(st.Reason), details: capitalise(st.Gap)}
		var ids, what []string
		for _, e := range st.Evidence {
			ids = append(ids, e.ID)
			what = append(what, e.What)
			if e.Source != "" && !slices.Contains(r.sources, e.Source) {
				r.sources = append(r.sources, e.Source)
			}
		}
		r.record, r.notes = strings.Join(ids, "\n"), strings.Join(what, "\n")
		rows = append(rows, r)
	}
	for _, c := range b.campaigns(code) {
		name := c.Name
		if c.NameOriginal != "" {
			name += " (" + c.NameOriginal + ")"
		}
		var details []string
		if c.Lead != "" {
			lead := "lead: " + c.Lead
			if c.LeadType != "" {
				lead += " (" + c.LeadType + ")"
			}
			details = append(details, lead)
		}
		if len(c.Audiences) > 0 {
			details = append(details, "audiences: "+strings.ReplaceAll(strings.Join(c.Audiences, ", "), "_", " "))
		}
		if len(c.Channels) > 0 {
			details = append(details, "channels: "+strings.ReplaceAll(strings.Join(c.Channels, ", "), "_", " "))
		}
		if c.Evaluated != nil {
			details = append(details, "evaluated: "+yesNo(*c.Evaluated))
		}
		if len(c.Jurisdictions) > 1 {
			details = append(details, "also in: "+strings.Join(slices.DeleteFunc(slices.Clone(c.Jurisdictions), func(j string) bool { return j == code }), ", "))
		}
		rows = append(rows, countryRow{section: "Measure", item: capitalise(strings.ReplaceAll(string(c.Kind), "_", " ")),
			law: name, details: strings.Join(details, "\n"), start: c.Start.String(), until: c.End.String(),
			sources: []string{c.Source}, record: c.ID, notes: c.Notes})
	}
	for _, p := range b.programmes(code) {
		var details []string
		for _, d := range []struct{ k, v string }{{"model", p.Model}, {"provider", p.Provider}, {"level", p.Level},
			{"delivery", strings.ReplaceAll(strings.Join(p.Delivery, ", "), "_", " ")}, {"evidence", strings.ReplaceAll(p.Evidence, "_", " ")}} {
			if d.v != "" {
				details = append(details, d.k+": "+d.v)
			}
		}
		if p.AgeFrom != nil || p.AgeTo != nil {
			details = append(details, "ages: "+optInt(p.AgeFrom)+"–"+optInt(p.AgeTo))
		}
		if p.Reach != nil {
			reach := "reach: " + strconv.Itoa(*p.Reach) + " a year"
			if p.ReachYear != nil {
				reach += " (" + strconv.Itoa(*p.ReachYear) + ")"
			}
			details = append(details, reach)
		}
		rows = append(rows, countryRow{section: "Measure", item: "Parenting programme", law: p.Name,
			details: strings.Join(details, "\n"), start: p.Start.String(), until: p.End.String(),
			sources: []string{p.Source}, record: p.ID, notes: p.Notes})
	}
	for _, sv := range b.surveys(code) {
		details := []string{"respondents: " + sv.Respondents}
		if sv.Question != "" {
			details = append(details, "question: "+sv.Question)
		}
		if sv.Method != "" {
			details = append(details, "method: "+strings.ReplaceAll(sv.Method, "_", " "))
		}
		if sv.SampleSize != nil {
			details = append(details, "sample: "+strconv.Itoa(*sv.SampleSize))
		}
		notes := sv.Notes
		if sv.Break != nil && *sv.Break {
			notes = strings.TrimSpace("Break in the series: not comparable with earlier points.\n" + notes)
		}
		series := sv.Population
		if sv.Series != "" {
			series = strings.TrimSpace("series " + sv.Series + "\n" + series)
		}
		rows = append(rows, countryRow{section: "Survey", item: strings.ReplaceAll(string(sv.Indicator), "_", " "),
			value: mapping.FormatPercent(sv.Value), law: series, details: strings.Join(details, "\n"),
			start: strconv.Itoa(sv.Year), sources: []string{sv.Source}, record: sv.ID, notes: notes})
	}

	s := Sheet{Name: countrySheetName(code, b.name(code)), Columns: countryColumns}
	var classes [][]string
	for _, r := range rows {
		var urls []string
		for _, id := range r.sources {
			if src, ok := b.ix.Source(id); ok && src.URL != "" {
				urls = append(urls, src.URL)
			}
		}
		s.Rows = append(s.Rows, []string{r.section, r.item, r.status, r.value, r.law, r.details, r.adopted, r.start, r.until,
			strings.Join(r.sources, "\n"), strings.Join(urls, "\n"), r.record, r.notes})
		classes = append(classes, []string{"", "", r.class})
	}
	look := &sheetLook{}
	if err := x.paint(look, classes); err != nil {
		return err
	}
	for _, col := range []int{5, 6, 7, 8, 9, 10, 11, 12, 13} {
		if err := x.wrap(look, col, len(s.Rows)); err != nil {
			return err
		}
	}
	for i, row := range s.Rows {
		if u := row[10]; !strings.Contains(u, "\n") {
			if err := x.link(look, 11, i+2, u); err != nil {
				return err
			}
		}
	}
	return x.add(s, look, fmt.Sprintf("%s: the legal status of each setting with the law, provision, dates and source; the five steps with reasons, gaps and evidence; measures; surveys.", jurisdictionLabel(code, b.name)))
}

func appendNonEmpty(list []string, s string) []string {
	if s == "" {
		return list
	}
	return append(list, s)
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func optInt(p *int) string {
	if p == nil {
		return "?"
	}
	return strconv.Itoa(*p)
}

// citedBy returns, for each source the pack cites, the jurisdictions whose
// facts cite it, sorted.
func (b *brief) citedBy() map[string][]string {
	by := map[string][]string{}
	add := func(id, code string) {
		if id != "" && !slices.Contains(by[id], code) {
			by[id] = append(by[id], code)
		}
	}
	for _, s := range b.summaries {
		for _, src := range s.Sources {
			add(src.ID, s.Jurisdiction)
		}
	}
	for _, code := range b.codes {
		for _, c := range b.campaigns(code) {
			add(c.Source, code)
		}
		for _, p := range b.programmes(code) {
			add(p.Source, code)
		}
		for _, s := range b.surveys(code) {
			add(s.Source, code)
		}
	}
	for _, codes := range by {
		slices.Sort(codes)
	}
	return by
}

// sources lists every source the pack cites, with a working link for each
// http or https address.
func (x *briefBook) sources() error {
	b := x.b
	s := Sheet{Name: sheetSources, Columns: []Column{
		{Name: "Source"}, {Name: "Title"}, {Name: "Publisher"}, {Name: "Type"}, {Name: "Reliability"},
		{Name: "Published"}, {Name: "Accessed"}, {Name: "URL"}, {Name: "Licence"}, {Name: "Cited for"},
	}}
	by := b.citedBy()
	for _, id := range b.citedSources() {
		row := []string{id, id + " (not in the sources table)", "", "", "", "", "", "", "", strings.Join(by[id], ", ")}
		i := slices.IndexFunc(b.ds.Sources, func(src dataset.Source) bool { return src.ID == id })
		if i >= 0 {
			src := b.ds.Sources[i]
			row = []string{src.ID, src.Title, src.Publisher, src.Type, src.Reliability, src.Published.String(), src.Accessed.String(),
				src.URL, src.Licence, strings.Join(by[id], ", ")}
		}
		s.Rows = append(s.Rows, row)
	}
	look := &sheetLook{}
	for i, row := range s.Rows {
		if err := x.link(look, 8, i+2, row[7]); err != nil {
			return err
		}
	}
	if err := x.wrap(look, 2, len(s.Rows)); err != nil {
		return err
	}
	return x.add(s, look, "Every source the workbook cites, with a link to its address and the jurisdictions whose facts cite it.")
}

// changes lists every change since the earlier dataset that concerns the
// pack's jurisdictions.
func (x *briefBook) changes() error {
	b := x.b
	v := newChangesView(*b.changes, b.ds, b.name)
	s := Sheet{Name: sheetChanges, Columns: []Column{
		{Name: "Table"}, {Name: "Record"}, {Name: "Change"}, {Name: "Field"}, {Name: "Before"}, {Name: "After"},
	}}
	for _, r := range v.Rows {
		s.Rows = append(s.Rows, []string{r.Table, r.Record, r.Change, r.Field, strings.Join(r.Old, "\n"), strings.Join(r.New, "\n")})
	}
	look := &sheetLook{}
	for _, col := range []int{5, 6} {
		if err := x.wrap(look, col, len(s.Rows)); err != nil {
			return err
		}
	}
	return x.add(s, look, fmt.Sprintf("Every record concerning these jurisdictions that differs between %s and %s: a row per changed field, or per record added or removed.", v.Old, v.New))
}

// aboutSheet says what the workbook covers and what each sheet holds.
func (x *briefBook) aboutSheet() error {
	b := x.b
	s := Sheet{Name: sheetAbout, Columns: []Column{{Name: "About"}, {Name: "Value"}}}
	s.Rows = [][]string{
		{"Title", "Corporal punishment of children: law and policy briefing"},
		{"Covers", b.scope()},
		{"Data as of", dataset.DateOf(b.asOf).String()},
	}
	if !b.opt.Now.IsZero() {
		s.Rows = append(s.Rows, []string{"Made", b.opt.Now.UTC().Format("2006-01-02 15:04 UTC")})
	}
	if b.changes != nil {
		s.Rows = append(s.Rows, []string{"Changes since", b.changes.Old})
	}
	s.Rows = append(s.Rows,
		[]string{"Attribution", mapping.Attribution + "."},
		[]string{"Colours", "Coloured cells use the Okabe–Ito palette of the charts and always say their value in words."},
	)
	for _, a := range x.about {
		s.Rows = append(s.Rows, []string{"Sheet: " + a[0], a[1]})
	}
	s.Rows = append(s.Rows, []string{"Sheet: " + sheetAbout, "This sheet."})
	look := &sheetLook{}
	if err := x.wrap(look, 2, len(s.Rows)); err != nil {
		return err
	}
	if err := x.wb.writeSheet(s, look); err != nil {
		return fmt.Errorf("sheet %q: %w", s.Name, err)
	}
	return nil
}
