package bench

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// WorkbookTables are the tables whose rows Workbook can write, the default
// first. Each has twelve columns named exactly as the table's fields, so that
// cpmap import maps the sheet without synonyms:
//
//   - programmes: strings, integers (ages, reach) and two dates (start, end),
//     the mix of the workbook perf-notes measured;
//   - campaigns: strings, ';'-joined lists and two dates;
//   - surveys: strings, integers and a percentage (value, stored as Excel
//     stores 26.5 %: 0.265 with a percent format), no dates.
var WorkbookTables = []string{"programmes", "campaigns", "surveys"}

// workbookColumns are the columns of each table's sheet.
var workbookColumns = map[string][]string{
	"programmes": {"id", "jurisdiction", "name", "model", "provider", "level", "age_from", "age_to", "start", "end", "reach", "source"},
	"campaigns":  {"id", "jurisdictions", "kind", "name", "name_original", "start", "end", "lead", "lead_type", "audiences", "channels", "source"},
	"surveys":    {"id", "jurisdiction", "series", "indicator", "year", "value", "respondents", "population", "sample_size", "question", "method", "source"},
}

// sourceColumns are the columns of the sources sheet.
var sourceColumns = []string{"id", "title", "publisher", "url", "published", "type"}

// WorkbookOptions says what Workbook writes. Zero fields take the defaults.
type WorkbookOptions struct {
	// Rows is the number of data rows (beside the header row).
	Rows int
	// Table is one of WorkbookTables; "" is the first.
	Table string
	// Seed chooses the data.
	Seed uint64
	// Jurisdictions is the number of ISO codes rows are spread over; 0 is
	// 200.
	Jurisdictions int
	// Sources is the number of rows of the sources sheet, which the rows
	// cite in turn; 0 is 100.
	Sources int
	// LastYear is the last year of any date or survey; 0 is 2025. Dates lie
	// in the 50 years up to it.
	LastYear int
}

// WorkbookHeader returns the columns of a table's sheet.
func WorkbookHeader(table string) ([]string, error) {
	cols, ok := workbookColumns[table]
	if !ok {
		return nil, fmt.Errorf("bench: no workbook of table %q: use one of %s", table, strings.Join(WorkbookTables, ", "))
	}
	return slices.Clone(cols), nil
}

// Workbook writes a workbook of rows programmes to w: see WriteWorkbook.
func Workbook(w io.Writer, rows int) error {
	return WriteWorkbook(w, WorkbookOptions{Rows: rows})
}

// WriteWorkbook writes an .xlsx workbook to w, saved the way Excel and
// LibreOffice save one: a first sheet named after the table with a header
// row and opt.Rows rows of twelve columns, and a second sheet "sources" with
// the sources the rows cite. Text is in the shared-strings table; each sheet
// declares its real dimension (A1:L100001 for 100,000 rows); dates are Excel
// date serials with the format yyyy-mm-dd; blank cells are left out. Rows
// are made as they are written, so memory does not grow with opt.Rows.
func WriteWorkbook(w io.Writer, opt WorkbookOptions) error {
	if opt.Table == "" {
		opt.Table = WorkbookTables[0]
	}
	header, err := WorkbookHeader(opt.Table)
	if err != nil {
		return err
	}
	if opt.Rows < 0 || opt.Jurisdictions < 0 || opt.Sources < 0 {
		return fmt.Errorf("bench: rows %d, jurisdictions %d, sources %d: want 0 or more", opt.Rows, opt.Jurisdictions, opt.Sources)
	}
	if opt.Jurisdictions == 0 {
		opt.Jurisdictions = 200
	}
	if opt.Sources == 0 {
		opt.Sources = 100
	}
	if opt.LastYear == 0 {
		opt.LastYear = 2025
	}
	if opt.LastYear < 1100 || opt.LastYear > 9000 {
		return fmt.Errorf("bench: last year %d: want 1100–9000", opt.LastYear)
	}
	b := &book{
		opt:     opt,
		codes:   Jurisdictions(opt.Seed, opt.Jurisdictions),
		first:   opt.LastYear - 49,
		width:   len(fmt.Sprint(opt.Rows)),
		sources: make([]string, opt.Sources),
	}
	for i := range b.sources {
		b.sources[i] = fmt.Sprintf("src-%0*d", len(fmt.Sprint(opt.Sources)), i+1)
	}
	fill := map[string]func(int, []cell){
		"programmes": b.programme,
		"campaigns":  b.campaign,
		"surveys":    b.survey,
	}[opt.Table]
	return writeXLSX(w, []sheetSpec{
		{name: opt.Table, header: header, rows: opt.Rows, fill: fill},
		{name: "sources", header: sourceColumns, rows: opt.Sources, fill: b.source},
	})
}

// WriteWorkbookFile writes the workbook of WriteWorkbook to path, through a
// temporary file beside it (dataset.WriteFileAtomicFunc), so that a failed
// run leaves no half-written workbook and an identical one is left alone.
func WriteWorkbookFile(path string, opt WorkbookOptions) error {
	if err := dataset.WriteFileAtomicFunc(path, func(w io.Writer) error { return WriteWorkbook(w, opt) }); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// book makes the rows of one workbook. Each row draws from its own random
// stream, so that it can be made again, alone, for the shared strings.
type book struct {
	opt     WorkbookOptions
	codes   []string
	first   int
	width   int      // digits of row numbers in ids
	sources []string // ids
}

// Streams of the workbook's random source, by sheet.
const (
	sheetSources uint64 = iota
	sheetProgrammes
	sheetCampaigns
	sheetSurveySeries
	sheetSurveyRows
)

func (b *book) rng(sheet uint64, row int) *rng {
	return newRNG(b.opt.Seed, streamWorkbook, sheet, uint64(row))
}

func (b *book) id(prefix string, row int) cell {
	return textCell(fmt.Sprintf("%s-%0*d", prefix, b.width, row+1), false)
}

func (b *book) cite(row int) cell { return sharedCell(b.sources[row%len(b.sources)]) }

func intCell(p *int) cell {
	if p == nil {
		return cell{}
	}
	return numberCell(float64(*p), styleGeneral)
}

func (b *book) source(row int, c []cell) {
	r := b.rng(sheetSources, row)
	id := b.sources[row]
	c[0] = sharedCell(id)
	c[1] = textCell(fmt.Sprintf("Report %d on %s", row+1, pick(r, topics)), false)
	c[2] = sharedCell(pick(r, publishers))
	c[3] = textCell("https://example.org/sources/"+id, false)
	c[4] = dateCell(date(r, r.between(b.first, b.opt.LastYear), dataset.PrecisionDay).Start())
	c[5] = sharedCell(pick(r, sourceTypes))
}

func (b *book) programme(row int, c []cell) {
	p := programme(b.rng(sheetProgrammes, row), b.codes, b.first, b.opt.LastYear, row+1)
	c[0] = b.id("programme", row)
	c[1] = sharedCell(p.Jurisdiction)
	c[2] = textCell(p.Name, false)
	c[3] = sharedCell(p.Model)
	c[4] = sharedCell(p.Provider)
	c[5] = sharedCell(p.Level)
	c[6] = intCell(p.AgeFrom)
	c[7] = intCell(p.AgeTo)
	c[8] = dateCell(p.Start.Start())
	if !p.End.IsZero() {
		c[9] = dateCell(p.End.Start())
	}
	c[10] = intCell(p.Reach)
	c[11] = b.cite(row)
}

func (b *book) campaign(row int, c []cell) {
	k := campaign(b.rng(sheetCampaigns, row), b.codes, b.first, b.opt.LastYear, row+1)
	c[0] = b.id("campaign", row)
	c[1] = textCell(strings.Join(k.Jurisdictions, ";"), len(k.Jurisdictions) == 1)
	c[2] = sharedCell(string(k.Kind))
	c[3] = textCell(k.Name, false)
	c[4] = textCell(k.NameOriginal, false)
	c[5] = dateCell(k.Start.Start())
	if !k.End.IsZero() {
		c[6] = dateCell(k.End.Start())
	}
	c[7] = sharedCell(k.Lead)
	c[8] = sharedCell(k.LeadType)
	c[9] = sharedCell(strings.Join(k.Audiences, ";"))
	c[10] = sharedCell(strings.Join(k.Channels, ";"))
	c[11] = b.cite(row)
}

// surveyWaves is the length of the workbook's survey series.
const surveyWaves = 10

func (b *book) survey(row int, c []cell) {
	series, wave := row/surveyWaves, row%surveyWaves
	r := b.rng(sheetSurveySeries, series)
	s := surveyRow(r, b.codes, b.first, b.opt.LastYear, surveyWaves)
	tenths := int(math.Round(s.Value * 10))
	for range wave {
		tenths = min(1000, max(0, tenths+r.between(-40, 30)))
	}
	year := min(s.Year+wave*surveyGap(b.opt.LastYear-b.first+1, surveyWaves), b.opt.LastYear)
	c[0] = b.id("survey", row)
	c[1] = sharedCell(s.Jurisdiction)
	c[2] = sharedCell(fmt.Sprintf("series-%0*d", b.width, series+1))
	c[3] = sharedCell(string(s.Indicator))
	c[4] = numberCell(float64(year), styleGeneral)
	c[5] = numberCell(float64(tenths)/1000, stylePercent)
	c[6] = sharedCell(s.Respondents)
	c[7] = sharedCell(s.Population)
	c[8] = numberCell(float64(b.rng(sheetSurveyRows, row).between(300, 5_000)), styleGeneral)
	c[9] = sharedCell(s.Question)
	c[10] = sharedCell(s.Method)
	c[11] = b.cite(row)
}
