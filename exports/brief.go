package exports

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cpmap/cpmap/charts"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// The files of a briefing pack that do not depend on the jurisdictions.
const (
	BriefIndexHTML = "index.html"
	BriefIndexMD   = "index.md"
	BriefWorkbook  = "briefing.xlsx"
	BriefReadme    = "README.txt"
	// BriefChartsDir is the folder of the chart pages inside the pack.
	BriefChartsDir = "charts"
)

// BriefOptions says what a briefing pack covers.
type BriefOptions struct {
	// Codes are the jurisdictions to cover. When empty, the pack covers the
	// members of Group on AsOf, or every jurisdiction of the dataset when
	// Group is empty too.
	Codes []string
	// Group names the group of jurisdictions covered (e.g. CBSS): it selects
	// them when Codes is empty and names them in titles.
	Group string
	// AsOf is the day the pack answers for; zero means the day of Now.
	AsOf time.Time
	// Since is an earlier version of the dataset: with it, the pack says
	// what changed since then. It may be nil.
	Since *dataset.Dataset
	// SinceName names the earlier dataset the way the reader knows it, such
	// as its folder.
	SinceName string
	// Rubric judges the five steps of progress; it must be valid (see
	// mapping.DefaultRubric).
	Rubric mapping.Rubric
	// Now is when the pack is made, printed in README.txt and stored in the
	// workbook's properties. Packages never read the clock: the caller
	// passes it.
	Now time.Time
}

// BriefResult says what WriteBrief wrote.
type BriefResult struct {
	// Dir is the pack's folder, as given.
	Dir string
	// Files are the files written, relative to Dir with "/" separators:
	// those of Dir itself, then those of its sub-folders, each sorted.
	Files []string
	// Open is the page to open first: Dir's index.html.
	Open string
	// Codes are the jurisdictions covered, sorted.
	Codes []string
	// AsOf is the day the pack answers for.
	AsOf dataset.Date
}

// WriteBrief writes a briefing pack into dir, creating it if needed:
//
//	index.html, index.md   the overview: status matrix, categories, progress,
//	                       the road to prohibition, survey trends, links to
//	                       the country pages and charts and, with Since,
//	                       what changed
//	summary-XX.html, .md   one progress summary per jurisdiction
//	briefing.xlsx          the workbook: overview, progress, timeline and
//	                       survey trends with native charts, a sheet per
//	                       jurisdiction, sources, changes
//	charts/                the interactive chart pages (package charts)
//	README.txt             what each file is, the as-of date, attribution
//
// Every page is self-contained and works offline: no script, style, image
// or frame is fetched from elsewhere, and URLs of sources are printed as
// text, as the summaries print them; only the workbook links to sources. The
// pages print on A4.
//
// WriteBrief writes only the pack's own files, each atomically, and deletes
// nothing: other files in dir are left alone. Everything is computed before
// the first file is written, so that an error in the data leaves dir as it
// was. A jurisdiction code names a file only when it is two capital letters.
func WriteBrief(dir string, ds *dataset.Dataset, opt BriefOptions) (BriefResult, error) {
	b, err := newBrief(ds, opt)
	if err != nil {
		return BriefResult{}, err
	}
	// The workbook takes about as long as every other file together (a
	// second at a few jurisdictions, seconds at two hundred): it is made
	// alongside them. Both only read b.
	var (
		workbook    []byte
		workbookErr error
		done        = make(chan struct{})
	)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return BriefResult{}, fmt.Errorf("brief: %w", err)
	}
	go func() {
		defer close(done)
		workbook, workbookErr = b.workbook()
	}()
	files, err := b.files()
	if err == nil {
		// The chart pages are written as they are rendered: at two hundred
		// jurisdictions one runs to tens of megabytes.
		if err = charts.Write(filepath.Join(dir, BriefChartsDir), b.pages, b.meta); err != nil {
			err = fmt.Errorf("brief: %w", err)
		}
	}
	<-done
	if err != nil {
		return BriefResult{}, err
	}
	if workbookErr != nil {
		return BriefResult{}, fmt.Errorf("brief: %s: %w", BriefWorkbook, workbookErr)
	}
	files[BriefWorkbook] = workbook
	files[BriefReadme] = nil
	chartNames := charts.FileNames(b.pages)
	for _, name := range chartNames {
		files[BriefChartsDir+"/"+name] = nil
	}
	names := sortedNames(files)
	files[BriefReadme] = b.readme(names)

	for _, name := range names {
		if strings.HasPrefix(name, BriefChartsDir+"/") {
			continue // written above
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return BriefResult{}, fmt.Errorf("brief: %w", err)
		}
		if err := dataset.WriteFileAtomic(p, files[name]); err != nil {
			return BriefResult{}, fmt.Errorf("brief: %w", err)
		}
	}
	return BriefResult{
		Dir:   dir,
		Files: names,
		Open:  filepath.Join(dir, BriefIndexHTML),
		Codes: slices.Clone(b.codes),
		AsOf:  dataset.DateOf(b.asOf),
	}, nil
}

// brief is everything a pack is written from: mapping's answers for one
// day and one set of jurisdictions.
type brief struct {
	ds        *dataset.Dataset
	ix        *mapping.Index // of ds, built once: every question of the pack is asked of it
	opt       BriefOptions
	asOf      time.Time
	codes     []string
	matrix    mapping.Matrix
	history   []mapping.Matrix
	progress  []mapping.JurisdictionProgress
	trends    []mapping.Trend
	summaries []*mapping.Summary
	changes   *DiffReport // in scope; nil without Since
	pages     []charts.Page
	meta      charts.Meta
}

// newBrief checks the options and computes the pack's answers.
func newBrief(ds *dataset.Dataset, opt BriefOptions) (*brief, error) {
	if ds == nil {
		return nil, errors.New("brief: no dataset")
	}
	if err := opt.Rubric.Validate(); err != nil {
		return nil, fmt.Errorf("brief: rubric: %w", err)
	}
	asOf := opt.AsOf
	if asOf.IsZero() {
		asOf = opt.Now
	}
	if asOf.IsZero() {
		return nil, errors.New("brief: no as-of date: set AsOf or Now")
	}
	asOf = dataset.DateOf(asOf).Start()
	b := &brief{ds: ds, ix: mapping.NewIndex(ds), opt: opt, asOf: asOf}

	if len(opt.Codes) > 0 {
		b.codes = slices.Clone(opt.Codes)
		slices.Sort(b.codes)
		b.codes = slices.Compact(b.codes)
	} else {
		b.codes = mapping.Select(ds, opt.Group, asOf)
	}
	if len(b.codes) == 0 {
		if opt.Group != "" {
			return nil, fmt.Errorf("brief: no jurisdiction is a member of %q on %s", opt.Group, dataset.DateOf(asOf))
		}
		return nil, errors.New("brief: the dataset has no jurisdictions")
	}
	for _, code := range b.codes {
		if _, err := SummaryFileName(code, "html"); err != nil {
			return nil, fmt.Errorf("brief: %w", err)
		}
		if _, ok := b.ix.Jurisdiction(code); !ok {
			return nil, fmt.Errorf("brief: jurisdiction %s is not in the dataset", code)
		}
	}

	b.matrix = b.ix.Status(b.codes, asOf)
	for _, t := range charts.RoadDates(roadFirstYear(b.ix, b.codes, asOf), asOf) {
		b.history = append(b.history, b.ix.Status(b.codes, t))
	}
	b.progress = b.ix.Progress(b.codes, asOf, opt.Rubric)
	b.trends = b.ix.Trends(b.codes, asOf, opt.Rubric.StableChange)
	for _, code := range b.codes {
		s, err := b.ix.Summarise(code, asOf, opt.Rubric)
		if err != nil {
			return nil, fmt.Errorf("brief: %w", err)
		}
		b.summaries = append(b.summaries, s)
	}
	if opt.Since != nil {
		// The earlier data are named by their date, never by their folder
		// (SinceName), which is the reader's machine's business.
		old := "the previous data"
		if d := mapping.NewIndex(opt.Since).DataDate(b.codes).Latest; !d.IsZero() {
			old += " (checked up to " + d.String() + ")"
		}
		r := scopeDiff(NewDiffReport(opt.Since, ds, old, "this data"), opt.Since, ds, b.codes)
		b.changes = &r
	}
	b.meta = charts.Meta{AsOf: dataset.DateOf(asOf), Group: opt.Group, Index: b.ix}
	pages, err := charts.Pages(charts.Input{
		Meta:     b.meta,
		Matrix:   b.matrix,
		History:  b.history,
		Progress: b.progress,
		Trends:   b.trends,
		Measures: b.ix.Measures(b.codes, asOf),
	})
	if err != nil {
		return nil, fmt.Errorf("brief: %w", err)
	}
	b.pages = pages
	return b, nil
}

// roadFirstYear is the first year of the road to prohibition: the year
// before the earliest ban in any setting of the jurisdictions (or before
// their earliest recorded change of legal status), and no later than the
// as-of year.
func roadFirstYear(ix *mapping.Index, codes []string, asOf time.Time) int {
	first, firstBan := 0, 0
	for _, c := range ix.Timeline(codes) {
		y := c.Date.Year()
		if y == 0 || y > asOf.Year() {
			continue
		}
		if first == 0 || y < first {
			first = y
		}
		if c.To == dataset.Prohibited && (firstBan == 0 || y < firstBan) {
			firstBan = y
		}
	}
	switch {
	case firstBan > 0:
		return firstBan - 1
	case first > 0:
		return first - 1
	}
	return asOf.Year()
}

// files renders every file of the pack but the workbook, the charts and
// README.txt, and the files of the charts folder.
func (b *brief) files() (files map[string][]byte, err error) {
	files = map[string][]byte{}
	v := b.view()
	html, err := renderBriefHTML(v)
	if err != nil {
		return nil, err
	}
	files[BriefIndexHTML] = html
	files[BriefIndexMD] = renderBriefMarkdown(v)
	for _, s := range b.summaries {
		for _, format := range SummaryFormats {
			name, err := SummaryFileName(s.Jurisdiction, format)
			if err != nil {
				return nil, fmt.Errorf("brief: %w", err)
			}
			var buf strings.Builder
			if err := WriteSummary(&buf, s, format); err != nil {
				return nil, fmt.Errorf("brief: %s: %w", name, err)
			}
			files[name] = []byte(buf.String())
		}
	}
	return files, nil
}

// sortedNames returns the file names of a pack, sorted.
func sortedNames(files map[string][]byte) []string {
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.SortFunc(names, func(a, b string) int {
		// Files of the top folder first, then those of sub-folders.
		da, db := path.Dir(a) != ".", path.Dir(b) != "."
		switch {
		case da && !db:
			return 1
		case db && !da:
			return -1
		}
		return strings.Compare(a, b)
	})
	return names
}

// name returns the jurisdiction's name, or its code.
func (b *brief) name(code string) string { return b.ix.Name(code) }

// scope says in words what the pack covers.
func (b *brief) scope() string {
	if len(b.opt.Codes) == 0 && b.opt.Group != "" {
		return fmt.Sprintf("The %d members of %s on %s", len(b.codes), b.opt.Group, dataset.DateOf(b.asOf))
	}
	names := make([]string, len(b.codes))
	for i, c := range b.codes {
		names[i] = b.name(c)
	}
	what := fmt.Sprintf("%d jurisdictions", len(b.codes))
	if len(b.codes) == 1 {
		what = "1 jurisdiction"
	}
	if b.opt.Group != "" {
		what += " of " + b.opt.Group
	}
	return fmt.Sprintf("%s: %s", capitalise(what), strings.Join(names, ", "))
}

// citedSources returns the ids of every source the pack cites, sorted: those
// of the summaries and of the measures and surveys the workbook lists.
func (b *brief) citedSources() []string {
	var ids []string
	for _, s := range b.summaries {
		for _, src := range s.Sources {
			ids = append(ids, src.ID)
		}
	}
	for _, code := range b.codes {
		for _, c := range b.campaigns(code) {
			ids = append(ids, c.Source)
		}
		for _, p := range b.programmes(code) {
			ids = append(ids, p.Source)
		}
		for _, s := range b.surveys(code) {
			ids = append(ids, s.Source)
		}
	}
	ids = slices.DeleteFunc(ids, func(s string) bool { return s == "" })
	slices.Sort(ids)
	return slices.Compact(ids)
}

// campaigns returns the campaigns, plans, trainings and guidance of a
// jurisdiction that started by the as-of date, by start and id.
func (b *brief) campaigns(code string) []*dataset.Campaign { return b.ix.Campaigns(code, b.asOf) }

// programmes returns the parenting programmes of a jurisdiction that started
// by the as-of date (or whose start is not recorded), by start and id.
func (b *brief) programmes(code string) []*dataset.Programme {
	return b.ix.Programmes(code, b.asOf)
}

// surveys returns the surveys of a jurisdiction with fieldwork up to the
// as-of year, by indicator, series, year and id.
func (b *brief) surveys(code string) []*dataset.Survey {
	out := b.ix.Surveys(code, b.asOf)
	slices.SortStableFunc(out, func(a, b *dataset.Survey) int {
		for _, c := range []int{
			strings.Compare(string(a.Indicator), string(b.Indicator)),
			strings.Compare(a.Series, b.Series),
			a.Year - b.Year,
		} {
			if c != 0 {
				return c
			}
		}
		return strings.Compare(a.ID, b.ID)
	})
	return out
}
