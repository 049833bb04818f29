//go:build ignore

// Command gen writes the bundled source workbooks of sources/ from the
// dataset in data/, so that the two never drift apart by hand: each file
// is written the way a national researcher would keep it (the cpmap
// template filled in, a sheet in the state's own language with a title row,
// a Global Initiative style wide legality table, a semicolon CSV in a
// Windows code page), and importing them all gives data/ back
// (cmd/cpmap/bundled_test.go checks that byte for byte).
//
// Run it from the repository root after changing data/:
//
//	go run sources/gen/main.go
//
// It refuses to write anything when a record of data/ would end up in no
// file, in two files, or in a sheet without a column for one of its values.
// The output is the same bytes on every run.
package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func main() {
	data := flag.String("data", "data", "the dataset to write the sources of")
	out := flag.String("out", "sources", "the folder to write them to")
	flag.Parse()
	if err := run(*data, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// file is one file of sources/ and the function that writes it.
type file struct {
	name  string
	write func(g *gen, path string) error
}

// files lists every file of sources/, one function each.
var files = []file{
	{"cbss-region.xlsx", (*gen).region},
	{"gi-legality-outside-home.xlsx", (*gen).giTable},
	{"sverige.xlsx", (*gen).sweden},
	{"suomi.xlsx", (*gen).finland},
	{"norge.xlsx", (*gen).norway},
	{"danmark.xlsx", (*gen).denmark},
	{"faroe-islands.xlsx", (*gen).faroes},
	{"greenland.xlsx", (*gen).greenland},
	{"island.xlsx", (*gen).iceland},
	{"deutschland.xlsx", (*gen).germany},
	{"polska.xlsx", (*gen).poland},
	{"badanie-2017-polska-lotwa.xlsx", (*gen).plLvStudy},
	{"eesti.xlsx", (*gen).estonia},
	{"latvija.xlsx", (*gen).latvia},
	{"lietuva.xlsx", (*gen).lithuania},
	{"rossiya.csv", (*gen).russia},
}

func run(dataDir, outDir string) error {
	ds, ps, err := dataset.Load(dataDir)
	if err != nil {
		return err
	}
	if ps.HasErrors() {
		var b strings.Builder
		dataset.WriteText(&b, ps)
		return fmt.Errorf("%s has errors:\n%s", dataDir, b.String())
	}
	g := &gen{ds: ds, written: map[string]string{}}
	tmp, err := os.MkdirTemp("", "cpmap-sources-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, f := range files {
		g.file = f.name
		if err := f.write(g, filepath.Join(tmp, f.name)); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	g.checkAllWritten()
	if err := errors.Join(g.errs...); err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if err := removeStale(outDir); err != nil {
		return err
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(tmp, f.name))
		if err != nil {
			return err
		}
		if err := dataset.WriteFileAtomic(filepath.Join(outDir, f.name), b); err != nil {
			return err
		}
	}
	return nil
}

// removeStale removes the workbooks and CSV files of dir that files no
// longer lists, so that importing every file of the folder imports only
// what the generator writes.
func removeStale(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || ext != ".xlsx" && ext != ".csv" {
			continue
		}
		if !slices.ContainsFunc(files, func(f file) bool { return f.name == e.Name() }) {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}

// gen writes the files of one dataset, keeping track of the records
// written so far and of every problem found.
type gen struct {
	ds      *dataset.Dataset
	file    string            // the file being written
	written map[string]string // table + key → the file that holds the record
	errs    []error
}

func (g *gen) errorf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Errorf("%s: "+format, append([]any{g.file}, args...)...))
}

// rec is one record of the dataset: a table and a row number.
type rec struct {
	g *gen
	t *dataset.Table
	i int
}

// s returns the stored form of one of the record's fields.
func (r rec) s(field string) string {
	if r.t.Field(field) == nil {
		r.g.errorf("%s has no field %s", r.t.Name, field)
		return ""
	}
	return r.t.Value(r.g.ds, r.i, field)
}

func (r rec) key() string { return strings.ReplaceAll(r.t.KeyOf(r.g.ds, r.i), "\t", ",") }

// date returns one of the record's date fields.
func (r rec) date(field string) dataset.Date {
	v := r.s(field)
	if v == "" {
		return dataset.Date{}
	}
	d, err := dataset.ParseDate(v)
	if err != nil {
		r.g.errorf("%s %s: %s: %v", r.t.Name, r.key(), field, err)
	}
	return d
}

// pick returns the records of a table that keep accepts, in the dataset's
// order, and notes that the current file holds them: a record written
// twice is an error.
func (g *gen) pick(table string, keep func(r rec) bool) []rec {
	t := dataset.TableByName(table)
	var out []rec
	for i := 0; i < t.Len(g.ds); i++ {
		r := rec{g, t, i}
		if keep != nil && !keep(r) {
			continue
		}
		k := table + "\t" + t.KeyOf(g.ds, i)
		if prev, ok := g.written[k]; ok {
			g.errorf("%s %s is already written to %s", table, r.key(), prev)
			continue
		}
		g.written[k] = g.file
		out = append(out, r)
	}
	return out
}

// checkAllWritten reports every record of the dataset that no file holds.
func (g *gen) checkAllWritten() {
	g.file = "sources"
	for _, t := range dataset.Tables() {
		for i := 0; i < t.Len(g.ds); i++ {
			if _, ok := g.written[t.Name+"\t"+t.KeyOf(g.ds, i)]; !ok {
				g.errorf("%s %s is in no file: add it to one of the files of sources/gen/main.go", t.Name, rec{g, t, i}.key())
			}
		}
	}
}

// jurisdiction and friends select records.
func jurisdiction(code string) func(rec) bool {
	return func(r rec) bool { return r.s("jurisdiction") == code }
}

func home(code string) func(rec) bool {
	return func(r rec) bool { return r.s("jurisdiction") == code && r.s("setting") == "home" }
}

// ---------------------------------------------------------------------
// Columns: how a field of the dataset is written in a sheet.

// col is one column of a sheet: its header and the cell of a record.
type col struct {
	head  string
	field string // the dataset field it carries; "" for none
	cell  func(r rec) any
}

// pct is a percentage written as an Excel percentage cell (28 is 0.28,
// shown as 28%).
type pct float64

// text writes a field's stored form as text.
func text(head, field string) col {
	return col{head, field, func(r rec) any { return r.s(field) }}
}

// number writes an integer or decimal field as a number cell.
func number(head, field string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return nil
		}
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			r.g.errorf("%s %s: %s %q is not a number", r.t.Name, r.key(), field, v)
		}
		return f
	}}
}

// percent writes a percent field as an Excel percentage cell.
func percent(head, field string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			r.g.errorf("%s %s: %s %q is not a number", r.t.Name, r.key(), field, v)
		}
		return pct(f)
	}}
}

// word writes a coded value (an enum or a yes/no) in a language.
func word(head, field string, w map[string]string) col {
	return col{head, field, func(r rec) any { return r.g.word(r, field, w, r.s(field)) }}
}

// words writes a list of coded values in a language, joined by sep.
func words(head, field string, w map[string]string, sep string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return ""
		}
		var out []string
		for _, item := range strings.Split(v, ";") {
			out = append(out, r.g.word(r, field, w, item))
		}
		return strings.Join(out, sep)
	}}
}

func (g *gen) word(r rec, field string, w map[string]string, code string) string {
	if code == "" {
		return ""
	}
	v, ok := w[code]
	if !ok {
		g.errorf("%s %s: %s: no word for %q in this file's language", r.t.Name, r.key(), field, code)
		return code
	}
	return v
}

// country writes a country code as the country's name in a language.
func country(head, field string, names map[string]string) col {
	return word(head, field, names)
}

// date writes a date field with format.
func date(head, field string, format func(dataset.Date) any) col {
	return col{head, field, func(r rec) any {
		d := r.date(field)
		if d.IsZero() {
			return nil
		}
		return format(d)
	}}
}

// source writes the source a record cites: its id, its URL or its title.
func source(head, how string) col {
	return col{head, "source", func(r rec) any {
		id := r.s("source")
		if how == "id" {
			return id
		}
		i := slices.IndexFunc(r.g.ds.Sources, func(s dataset.Source) bool { return s.ID == id })
		if i < 0 {
			r.g.errorf("%s %s: source %s is not in sources.csv", r.t.Name, r.key(), id)
			return id
		}
		s := r.g.ds.Sources[i]
		switch {
		case how == "url" && s.URL != "":
			return s.URL
		case how == "title":
			return s.Title
		}
		r.g.errorf("%s %s: source %s has no %s to cite it by", r.t.Name, r.key(), id, how)
		return id
	}}
}

// ---------------------------------------------------------------------
// Dates, never more precise than the dataset.

// excelDate writes a date known to the day as an Excel date cell, and any
// other as other would (a year as the number 1979, a month as text):
// a year or a month must never become a date cell, which is a day.
func excelDate(other func(dataset.Date) any) func(dataset.Date) any {
	return func(d dataset.Date) any {
		if d.Precision() == dataset.PrecisionDay {
			return time.Date(d.Year(), time.Month(d.Month()), d.Day(), 0, 0, 0, 0, time.UTC)
		}
		return other(d)
	}
}

// iso writes a date as stored: 1979, 1979-07, 1979-07-01.
func iso(d dataset.Date) any { return d.String() }

// yearNumber writes a year as a number cell and other dates as stored.
func yearNumber(d dataset.Date) any {
	if d.Precision() == dataset.PrecisionYear {
		return d.Year()
	}
	return d.String()
}

// dotted writes a date day first with dots: 1.07.1979, 07.1979, 1979.
func dotted(d dataset.Date) any {
	switch d.Precision() {
	case dataset.PrecisionDay:
		return fmt.Sprintf("%d.%02d.%d", d.Day(), d.Month(), d.Year())
	case dataset.PrecisionMonth:
		return fmt.Sprintf("%02d.%d", d.Month(), d.Year())
	}
	return d.Year()
}

// monthNames are the month names of a language: as they stand alone with a
// year ("lipiec 2010") and as they stand after a day ("6 maja 2010").
type monthNames struct {
	alone, ofDay [12]string
	day          string // the format of a day: day, month, year
	month        string // the format of a month: month, year
}

var months = map[string]monthNames{
	"en": {
		alone: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"da": {
		alone: [12]string{"januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"de": {
		alone: [12]string{"Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"et": {
		alone: [12]string{"jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september", "oktoober", "november", "detsember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"is": {
		alone: [12]string{"janúar", "febrúar", "mars", "apríl", "maí", "júní", "júlí", "ágúst", "september", "október", "nóvember", "desember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"lt": {
		ofDay: [12]string{"sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio", "rugsėjo", "spalio", "lapkričio", "gruodžio"},
		day:   "%[3]d m. %[2]s %[1]d d.",
	},
	"lv": {
		ofDay: [12]string{"janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī", "oktobrī", "novembrī", "decembrī"},
		day:   "%[3]d. gada %[1]d. %[2]s",
	},
	"no": {
		alone: [12]string{"januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"},
		day:   "%[1]d. %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"pl": {
		alone: [12]string{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		ofDay: [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
	"sv": {
		alone: [12]string{"januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"},
		day:   "%[1]d %[2]s %[3]d", month: "%[1]s %[2]d",
	},
}

// inWords writes a date with the month in words in a language ("6 maja
// 2010", "lipiec 2010") and a year as the number 2010.
func (g *gen) inWords(lang string) func(dataset.Date) any {
	m := months[lang]
	return func(d dataset.Date) any {
		switch d.Precision() {
		case dataset.PrecisionDay:
			name := m.ofDay[d.Month()-1]
			if name == "" {
				name = m.alone[d.Month()-1]
			}
			if name == "" || m.day == "" {
				g.errorf("no day format in %s", lang)
				return d.String()
			}
			return fmt.Sprintf(m.day, d.Day(), name, d.Year())
		case dataset.PrecisionMonth:
			name := m.alone[d.Month()-1]
			if name == "" || m.month == "" {
				g.errorf("no month format in %s", lang)
				return d.String()
			}
			return fmt.Sprintf(m.month, name, d.Year())
		}
		return d.Year()
	}
}

// ---------------------------------------------------------------------
// Workbooks.

// book is a workbook being written.
type book struct {
	g      *gen
	f      *excelize.File
	sheets int
	styles struct{ title, header, date, pct, wrap int }
}

// newBook starts a workbook whose date cells show as dateFormat
// (an Excel number format such as "dd.mm.yyyy").
func (g *gen) newBook(dateFormat string) (*book, error) {
	b := &book{g: g, f: excelize.NewFile()}
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = b.f.NewStyle(s)
		return id
	}
	b.styles.title = style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 13}})
	b.styles.header = style(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E2EFDA"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"},
	})
	b.styles.date = style(&excelize.Style{CustomNumFmt: &dateFormat, Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}})
	b.styles.pct = style(&excelize.Style{NumFmt: 9, Alignment: &excelize.Alignment{Vertical: "top"}})
	b.styles.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

// table is a sheet of rows: a title above the header, one row per record,
// footnotes below.
type table struct {
	name    string   // the sheet's name
	title   []string // lines above the header (an empty line leaves a blank row)
	cols    []col
	foot    []string // lines below the rows, after a blank row
	implied []string // fields the sheet gives without a column (the country of a title)
	noID    bool     // the sheet has no id column: the importer makes the ids
}

// cover checks that the sheet has a column for every value of its records.
func (g *gen) cover(tb table, recs []rec) {
	have := map[string]bool{}
	for _, c := range tb.cols {
		have[c.field] = true
	}
	for _, f := range tb.implied {
		have[f] = true
	}
	if tb.noID {
		have["id"] = true
	}
	for _, r := range recs {
		for _, f := range r.t.Fields {
			if !have[f.Name] && r.s(f.Name) != "" {
				g.errorf("sheet %q: %s %s has a %s (%q) but the sheet has no column for it", tb.name, r.t.Name, r.key(), f.Name, r.s(f.Name))
			}
		}
	}
}

// add writes a sheet of records.
func (b *book) add(tb table, recs []rec) error {
	b.g.cover(tb, recs)
	if err := b.newSheet(tb.name); err != nil {
		return err
	}
	row := 1
	for _, line := range tb.title {
		if line != "" {
			if err := b.f.SetCellStr(tb.name, cellName(1, row), line); err != nil {
				return err
			}
			if err := b.f.SetCellStyle(tb.name, cellName(1, row), cellName(1, row), b.styles.title); err != nil {
				return err
			}
		}
		row++
	}
	header := row
	for j, c := range tb.cols {
		if err := b.f.SetCellStr(tb.name, cellName(j+1, row), c.head); err != nil {
			return err
		}
	}
	if err := b.f.SetCellStyle(tb.name, cellName(1, row), cellName(len(tb.cols), row), b.styles.header); err != nil {
		return err
	}
	for _, r := range recs {
		row++
		for j, c := range tb.cols {
			if err := b.set(tb.name, cellName(j+1, row), c.cell(r)); err != nil {
				return err
			}
		}
	}
	if len(tb.foot) > 0 {
		row++
		for _, line := range tb.foot {
			row++
			if err := b.f.SetCellStr(tb.name, cellName(1, row), line); err != nil {
				return err
			}
		}
	}
	for j, c := range tb.cols {
		if err := b.f.SetColWidth(tb.name, dataset.ColumnName(j+1), dataset.ColumnName(j+1), width(c)); err != nil {
			return err
		}
	}
	return b.f.SetPanes(tb.name, &excelize.Panes{Freeze: true, YSplit: header, TopLeftCell: cellName(1, header+1), ActivePane: "bottomLeft"})
}

// newSheet adds a sheet; the first one takes the place of excelize's Sheet1.
func (b *book) newSheet(name string) error {
	b.sheets++
	if b.sheets == 1 {
		return b.f.SetSheetName("Sheet1", name)
	}
	_, err := b.f.NewSheet(name)
	return err
}

// set writes one cell: text, a number, a percentage or a date.
func (b *book) set(sheet, cell string, v any) error {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		if err := b.f.SetCellStr(sheet, cell, v); err != nil {
			return err
		}
		if len(v) > 40 {
			return b.f.SetCellStyle(sheet, cell, cell, b.styles.wrap)
		}
		return nil
	case int:
		return b.f.SetCellInt(sheet, cell, int64(v))
	case float64:
		return b.f.SetCellFloat(sheet, cell, v, -1, 64)
	case pct:
		if err := b.f.SetCellFloat(sheet, cell, float64(v)/100, -1, 64); err != nil {
			return err
		}
		return b.f.SetCellStyle(sheet, cell, cell, b.styles.pct)
	case time.Time:
		if err := b.f.SetCellStyle(sheet, cell, cell, b.styles.date); err != nil {
			return err
		}
		return b.f.SetCellValue(sheet, cell, v)
	}
	return fmt.Errorf("cell %s: cannot write a %T", cell, v)
}

// width is a column's width: wide for long text.
func width(c col) float64 {
	switch c.field {
	case "notes", "note", "quote", "instrument", "name", "title", "population", "lead", "provider", "url":
		return 45
	}
	return max(14, float64(len([]rune(c.head)))+2)
}

func cellName(col, row int) string { return dataset.ColumnName(col) + strconv.Itoa(row) }

// save writes the workbook to path.
func (b *book) save(path string) error {
	defer b.f.Close()
	b.f.SetActiveSheet(0)
	var buf bytes.Buffer
	if _, err := b.f.WriteTo(&buf); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// ---------------------------------------------------------------------
// The template layout: cpmap template, filled in.

// template fills the sheets of the cpmap template with records, their
// values as a researcher picks them from its drop-down lists (the stored
// forms), dates typed as text in its text-formatted date columns. blank
// names fields left empty for cpmap to fill in (ids it makes).
func (g *gen) template(path string, fill map[string][]rec, blank ...string) error {
	var buf bytes.Buffer
	if err := importers.WriteTemplate(&buf); err != nil {
		return err
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		return err
	}
	defer f.Close()
	for _, t := range dataset.Tables() {
		recs := fill[t.Name]
		for n, r := range recs {
			for j, fd := range t.Fields {
				v := r.s(fd.Name)
				if v == "" || slices.Contains(blank, t.Name+"."+fd.Name) {
					continue
				}
				if err := setTemplateCell(f, t.Name, cellName(j+1, n+2), fd, v); err != nil {
					return fmt.Errorf("%s %s: %s: %w", t.Name, r.key(), fd.Name, err)
				}
			}
		}
	}
	var out bytes.Buffer
	if _, err := f.WriteTo(&out); err != nil {
		return err
	}
	return os.WriteFile(path, out.Bytes(), 0o644)
}

// setTemplateCell types a stored value into a template cell: a number as a
// number, anything else as text.
func setTemplateCell(f *excelize.File, sheet, cell string, fd dataset.Field, v string) error {
	switch fd.Kind {
	case dataset.KindInteger, dataset.KindPercent:
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return err
		}
		return f.SetCellFloat(sheet, cell, x, -1, 64)
	}
	return f.SetCellStr(sheet, cell, v)
}

// ---------------------------------------------------------------------
// Words of each language, for the coded values the files hold.

var (
	yesNo = map[string]map[string]string{
		"da": {"true": "ja", "false": "nej"},
		"de": {"true": "ja", "false": "nein"},
		"en": {"true": "Yes", "false": "No"},
		"et": {"true": "jah", "false": "ei"},
		"fi": {"true": "kyllä", "false": "ei"},
		"is": {"true": "já", "false": "nei"},
		"lt": {"true": "taip", "false": "ne"},
		"lv": {"true": "jā", "false": "nē"},
		"no": {"true": "ja", "false": "nei"},
		"pl": {"true": "tak", "false": "nie"},
		"ru": {"true": "да", "false": "нет"},
		"sv": {"true": "ja", "false": "nej"},
	}
	countryNames = map[string]map[string]string{
		"da": {"DK": "Danmark"},
		"de": {"DE": "Deutschland"},
		"et": {"EE": "Eesti"},
		"fi": {"FI": "Suomi"},
		"lt": {"LT": "Lietuva"},
		"no": {"NO": "Norge"},
		"pl": {"PL": "Polska", "LV": "Łotwa"},
		"ru": {"RU": "Россия"},
	}
)

// ---------------------------------------------------------------------
// The files, one function each.

// region is the coordinator's workbook, in the template layout: every
// jurisdiction, the CBSS memberships, the regional campaign and the
// sources every other file cites.
func (g *gen) region(path string) error {
	return g.template(path, map[string][]rec{
		"jurisdictions": g.pick("jurisdictions", nil),
		"memberships":   g.pick("memberships", nil),
		"campaigns": g.pick("campaigns", func(r rec) bool {
			return strings.Contains(r.s("jurisdictions"), ";")
		}),
		"sources": g.pick("sources", nil),
	})
}

// giStates are the states whose settings outside the home the wide table
// holds: GI reports them as prohibiting in all settings, unconfirmed.
var giStates = []string{"DE", "DK", "EE", "FI", "IS", "LT", "LV", "NO", "PL", "SE"}

// giSettings are the wide table's columns, in GI's order, with GI's headers.
var giSettings = []struct{ setting, head string }{
	{"alternative_care", "Alternative care settings"},
	{"day_care", "Day care"},
	{"school", "Schools"},
	{"penal_institution", "Penal institutions"},
	{"sentence", "Sentence for crime"},
}

var giStatus = map[string]string{
	"prohibited": "YES", "not_prohibited": "NO", "partial": "SOME",
}

// giTable is a legality table in the Global Initiative's style: one row per
// state, one column per setting outside the home, YES in square brackets
// where unconfirmed, a footnote number on each status, the source and a
// note per state. The importer makes the provisions' ids.
func (g *gen) giTable(path string) error {
	recs := g.pick("provisions", func(r rec) bool {
		return slices.Contains(giStates, r.s("jurisdiction")) && r.s("setting") != "home"
	})
	byState := map[string]map[string]rec{}
	for _, r := range recs {
		j := r.s("jurisdiction")
		if byState[j] == nil {
			byState[j] = map[string]rec{}
		}
		byState[j][r.s("setting")] = r
		// A row of the table shares its source and note among its
		// settings and has no room for dates or laws.
		for _, f := range r.t.Fields {
			switch f.Name {
			case "id", "jurisdiction", "setting", "status", "confirmed", "source", "notes":
				continue
			}
			if v := r.s(f.Name); v != "" {
				g.errorf("provisions %s: %s %q does not fit the wide table", r.key(), f.Name, v)
			}
		}
	}
	// Footnote 1 marks the states whose per-setting text was not read.
	notes := map[string]int{}
	var footnotes []string
	foot := func(note string) int {
		if n, ok := notes[note]; ok {
			return n
		}
		footnotes = append(footnotes, note)
		notes[note] = len(footnotes)
		return len(footnotes)
	}
	b, err := g.newBook("yyyy-mm-dd")
	if err != nil {
		return err
	}
	const sheet = "Legality table"
	if err := b.newSheet(sheet); err != nil {
		return err
	}
	title := []string{
		"Legality of corporal punishment of children outside the home, Baltic Sea Region",
		"Compiled from the Global Initiative to End All Corporal Punishment of Children (country reports and prohibiting-states pages). [YES] = reported prohibited, not yet confirmed against the law.",
	}
	for i, line := range title {
		if err := b.f.SetCellStr(sheet, cellName(1, i+1), line); err != nil {
			return err
		}
	}
	if err := b.f.SetCellStyle(sheet, "A1", "A1", b.styles.title); err != nil {
		return err
	}
	if err := b.f.MergeCell(sheet, "A1", cellName(len(giSettings)+3, 1)); err != nil {
		return err
	}
	header := []string{"State"}
	for _, s := range giSettings {
		header = append(header, s.head)
	}
	header = append(header, "Source", "Notes")
	const hrow = 4
	for j, h := range header {
		if err := b.f.SetCellStr(sheet, cellName(j+1, hrow), h); err != nil {
			return err
		}
	}
	if err := b.f.SetCellStyle(sheet, cellName(1, hrow), cellName(len(header), hrow), b.styles.header); err != nil {
		return err
	}
	row := hrow
	for _, j := range giStates {
		settings := byState[j]
		if len(settings) == 0 {
			continue
		}
		row++
		name, _ := dataset.LookupCountry(j)
		cells := []any{name.Name}
		var src, note string
		first := true
		for _, s := range giSettings {
			r, ok := settings[s.setting]
			if !ok {
				cells = append(cells, "")
				continue
			}
			if first {
				src, note, first = r.s("source"), r.s("notes"), false
			} else if r.s("source") != src || r.s("notes") != note {
				g.errorf("provisions %s: its source or note differs from the other settings of %s, which one row of the wide table shares", r.key(), j)
			}
			w, ok := giStatus[r.s("status")]
			if !ok {
				g.errorf("provisions %s: status %s has no word in the wide table", r.key(), r.s("status"))
			}
			if r.s("confirmed") == "false" {
				w = "[" + w + "]"
			} else if r.s("confirmed") == "" {
				g.errorf("provisions %s: confirmed is empty, which the wide table cannot say", r.key())
			}
			cells = append(cells, fmt.Sprintf("%s%d", w, foot(footnoteFor(note))))
		}
		url := ""
		for _, s := range g.ds.Sources {
			if s.ID == src {
				url = s.URL
			}
		}
		if url == "" {
			g.errorf("%s: source %s has no URL", j, src)
		}
		cells = append(cells, url, note)
		for c, v := range cells {
			if err := b.set(sheet, cellName(c+1, row), v); err != nil {
				return err
			}
		}
	}
	row++
	for i, fn := range footnotes {
		row++
		if err := b.f.SetCellStr(sheet, cellName(1, row), fmt.Sprintf("%d %s", i+1, fn)); err != nil {
			return err
		}
	}
	for j := range header {
		w := 16.0
		if j >= len(header)-2 {
			w = 50
		}
		if err := b.f.SetColWidth(sheet, dataset.ColumnName(j+1), dataset.ColumnName(j+1), w); err != nil {
			return err
		}
	}
	if err := b.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: hrow, XSplit: 1, TopLeftCell: cellName(2, hrow+1), ActivePane: "bottomRight"}); err != nil {
		return err
	}
	return b.save(path)
}

// footnoteFor is the footnote of a row of the wide table: what its note
// says of how far the row was checked.
func footnoteFor(note string) string {
	if strings.Contains(note, "per-setting text has not been checked") {
		return "The state is listed by GI as prohibiting in all settings; GI's text for each setting has not been read yet."
	}
	return "GI's country report says prohibited in all settings; the law and dates for the setting are still to be recorded."
}

// sweden is a Swedish workbook: the 1979 law, the information campaign and
// the parent and youth surveys, each sheet under a title naming Sverige.
func (g *gen) sweden(path string) error {
	b, err := g.newBook("yyyy-mm-dd")
	if err != nil {
		return err
	}
	yes := yesNo["sv"]
	if err := b.add(table{
		name:    "Lagstiftning",
		title:   []string{"Sverige – förbud mot aga: lagstiftning", ""},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Miljö", "setting", map[string]string{"home": "i hemmet"}),
			word("Förbud", "status", map[string]string{"prohibited": "förbjudet"}),
			word("Bekräftad", "confirmed", yes),
			date("Antagen", "adopted", yearNumber),
			date("Ikraftträdande", "in_force", dotted),
			text("Lag", "instrument"),
			text("Bestämmelse", "provision"),
			text("Lydelse", "quote"),
			word("Översättning", "translation", map[string]string{"unofficial": "inofficiell"}),
			source("Källa", "id"),
			date("Kontrollerad", "verified_on", excelDate(iso)),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("provisions", home("SE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Kampanjer",
		title:   []string{"Sverige – informationskampanjer"},
		implied: []string{"jurisdictions"},
		cols: []col{
			text("ID", "id"),
			word("Slag", "kind", map[string]string{"campaign": "kampanj"}),
			text("Namn", "name"),
			date("Början", "start", yearNumber),
			date("Slutdatum", "end", dotted),
			text("Arrangör", "lead"),
			word("Sektor", "lead_type", map[string]string{"government": "departementet"}),
			words("Målgrupp", "audiences", map[string]string{"parents": "föräldrar", "public": "allmänheten"}, ", "),
			words("Kanaler", "channels", map[string]string{"print": "tryck", "tv": "TV"}, ", "),
			source("Källa", "url"),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "SE" })); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Undersökningar",
		title:   []string{"Sverige – undersökningar om aga"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			text("Serie", "series"),
			word("Indikator", "indicator", map[string]string{
				"cp_use_past_year":    "använt aga senaste året",
				"cp_experienced_ever": "upplevt aga",
			}),
			number("År", "year"),
			number("Andel (%)", "value"),
			word("Respondenter", "respondents", map[string]string{"parents": "föräldrar", "youth": "ungdomar"}),
			text("Population", "population"),
			number("Urval", "sample_size"),
			source("Källa", "id"),
			text("Anmärkningar", "notes"),
		},
	}, g.pick("surveys", jurisdiction("SE"))); err != nil {
		return err
	}
	return b.save(path)
}

// finland is a Finnish workbook with a country column: the 1983 law, the
// national action plan, and surveys with their shares as Excel
// percentages.
func (g *gen) finland(path string) error {
	b, err := g.newBook("d.m.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["fi"], countryNames["fi"]
	if err := b.add(table{
		name: "Lainsäädäntö",
		noID: true,
		cols: []col{
			country("Maa", "jurisdiction", names),
			word("Ympäristö", "setting", map[string]string{"home": "koti"}),
			word("Tila", "status", map[string]string{"prohibited": "kielletty"}),
			word("Vahvistettu", "confirmed", yes),
			date("Hyväksytty", "adopted", yearNumber),
			date("Voimaantulo", "in_force", yearNumber),
			text("Laki", "instrument"),
			text("Pykälä", "provision"),
			text("Sanamuoto", "quote"),
			word("Käännös", "translation", map[string]string{"unofficial": "epävirallinen"}),
			source("Lähde", "id"),
			text("Huomautukset", "notes"),
		},
	}, g.pick("provisions", home("FI"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Toimintaohjelmat",
		cols: []col{
			text("Tunniste", "id"),
			country("Maa", "jurisdictions", names),
			word("Laji", "kind", map[string]string{"action_plan": "toimintaohjelma"}),
			text("Nimi", "name"),
			date("Alku", "start", yearNumber),
			date("Loppu", "end", yearNumber),
			text("Vastuutaho", "lead"),
			word("Sektori", "lead_type", map[string]string{"government": "ministeriö"}),
			source("Lähde", "id"),
			text("Lisätiedot", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "FI" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kyselyt",
		noID: true,
		cols: []col{
			country("Maa", "jurisdiction", names),
			text("Sarja", "series"),
			word("Indikaattori", "indicator", map[string]string{"cp_approval": "hyväksyntä", "ban_awareness": "kiellon tunnettuus"}),
			number("Vuosi", "year"),
			percent("Osuus", "value"),
			word("Vastaajat", "respondents", map[string]string{"adults": "aikuiset", "parents": "vanhemmat"}),
			source("Lähde", "url"),
			text("Huomautukset", "notes"),
		},
	}, g.pick("surveys", jurisdiction("FI"))); err != nil {
		return err
	}
	return b.save(path)
}

// norway is a Norwegian workbook: the 1987 ban and its 2010 clarification,
// and PMTO.
func (g *gen) norway(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["no"], countryNames["no"]
	if err := b.add(table{
		name: "Lover",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			word("Arena", "setting", map[string]string{"home": "hjem"}),
			word("Forbudt", "status", map[string]string{"prohibited": "ja"}),
			word("Bekreftet", "confirmed", yes),
			date("Vedtatt", "adopted", yearNumber),
			date("Ikrafttredelse", "in_force", g.inWords("no")),
			date("Opphevet", "until", yearNumber),
			text("Lovverk", "instrument"),
			text("Paragraf", "provision"),
			text("Sitat", "quote"),
			word("Oversettelse", "translation", map[string]string{"unofficial": "uoffisiell"}),
			source("Kilde", "id"),
			date("Kontrollert", "verified_on", dotted),
			text("Merknader", "notes"),
		},
	}, g.pick("provisions", home("NO"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Program",
		cols: []col{
			text("ID", "id"),
			country("Land", "jurisdiction", names),
			text("Program", "name"),
			text("Modell", "model"),
			text("Tilbyder", "provider"),
			words("Format", "delivery", map[string]string{"group": "gruppe", "individual": "individuell", "online": "digital"}, ", "),
			date("Start", "start", yearNumber),
			word("Evidens", "evidence", map[string]string{"rct": "randomisert kontrollert studie"}),
			source("Kilde", "url"),
			text("Merknader", "notes"),
		},
	}, g.pick("programmes", jurisdiction("NO"))); err != nil {
		return err
	}
	return b.save(path)
}

// denmark is a Danish workbook: the 1997 amendment and the 1984 poll.
func (g *gen) denmark(path string) error {
	b, err := g.newBook("dd-mm-yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["da"], countryNames["da"]
	if err := b.add(table{
		name: "Lovgivning",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			word("Område", "setting", map[string]string{"home": "i hjemmet"}),
			word("Forbudt", "status", map[string]string{"prohibited": "ja"}),
			word("Bekræftet", "confirmed", yes),
			date("Vedtaget", "adopted", g.inWords("da")),
			date("I kraft", "in_force", g.inWords("da")),
			text("Lov", "instrument"),
			text("Bestemmelse", "provision"),
			text("Ordlyd", "quote"),
			word("Oversættelse", "translation", map[string]string{"unofficial": "uofficiel"}),
			source("Kilde", "id"),
			text("Bemærkninger", "notes"),
		},
	}, g.pick("provisions", home("DK"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Undersøgelser",
		noID: true,
		cols: []col{
			country("Land", "jurisdiction", names),
			text("Serie", "series"),
			word("Indikator", "indicator", map[string]string{"ban_support": "støtte til forbuddet"}),
			number("År", "year"),
			number("Procent", "value"),
			word("Respondenter", "respondents", map[string]string{"adults": "voksne"}),
			source("Kilde", "url"),
			text("Bemærkninger", "notes"),
		},
	}, g.pick("surveys", jurisdiction("DK"))); err != nil {
		return err
	}
	return b.save(path)
}

// faroes is the Faroe Islands' workbook: the cpmap template with every
// setting filled in; the ids are left for cpmap to make.
func (g *gen) faroes(path string) error {
	return g.template(path, map[string][]rec{
		"provisions": g.pick("provisions", jurisdiction("FO")),
	}, "provisions.id")
}

// greenland is an English sheet under a title naming Greenland, citing its
// source by title, with the day of the bill's passage an Excel date.
func (g *gen) greenland(path string) error {
	b, err := g.newBook("d mmmm yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Greenland",
		title:   []string{"Greenland – corporal punishment of children: legal status by setting", "Compiled for the Baltic Sea Region mapping.", ""},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Setting", "setting", map[string]string{
				"home": "Home", "alternative_care": "Alternative care", "day_care": "Day care",
				"school": "School", "penal_institution": "Penal institutions", "sentence": "Sentence",
			}),
			word("Status", "status", map[string]string{"prohibited": "Prohibited", "unknown": "Unknown"}),
			word("Confirmed", "confirmed", yesNo["en"]),
			date("Adopted", "adopted", excelDate(g.inWords("en"))),
			date("In force", "in_force", excelDate(g.inWords("en"))),
			text("Instrument", "instrument"),
			text("Article", "provision"),
			text("Wording", "quote"),
			word("Translation", "translation", map[string]string{"unofficial": "unofficial translation"}),
			source("Source title", "title"),
			date("Verified on", "verified_on", excelDate(iso)),
			text("Notes", "notes"),
		},
	}, g.pick("provisions", jurisdiction("GL"))); err != nil {
		return err
	}
	return b.save(path)
}

// iceland is an Icelandic sheet under a title naming Ísland, with its dates
// in words.
func (g *gen) iceland(path string) error {
	b, err := g.newBook("d.m.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Löggjöf",
		title:   []string{"Ísland – bann við líkamlegum refsingum barna"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Svið", "setting", map[string]string{"home": "heimili"}),
			word("Staða", "status", map[string]string{"prohibited": "bannað"}),
			word("Staðfest", "confirmed", yesNo["is"]),
			date("Samþykkt", "adopted", g.inWords("is")),
			date("Gildistaka", "in_force", g.inWords("is")),
			text("Lög", "instrument"),
			text("Grein", "provision"),
			source("Heimild", "id"),
			text("Athugasemdir", "notes"),
		},
	}, g.pick("provisions", home("IS"))); err != nil {
		return err
	}
	return b.save(path)
}

// germany is a German workbook: the 2000 law (its in-force day an Excel
// date), the campaign and the smack-on-the-bottom series.
func (g *gen) germany(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["de"], countryNames["de"]
	if err := b.add(table{
		name: "Gesetze",
		noID: true,
		cols: []col{
			country("Staat", "jurisdiction", names),
			word("Bereich", "setting", map[string]string{"home": "Familie"}),
			word("Rechtslage", "status", map[string]string{"prohibited": "verboten"}),
			word("Bestätigt", "confirmed", yes),
			date("Verabschiedet", "adopted", excelDate(g.inWords("de"))),
			date("Inkrafttreten", "in_force", excelDate(g.inWords("de"))),
			text("Gesetz", "instrument"),
			text("Vorschrift", "provision"),
			text("Wortlaut", "quote"),
			word("Übersetzung", "translation", map[string]string{"unofficial": "inoffiziell"}),
			source("Quelle", "id"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("provisions", home("DE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampagnen",
		cols: []col{
			text("Kennung", "id"),
			country("Staat", "jurisdictions", names),
			word("Typ", "kind", map[string]string{"campaign": "Kampagne"}),
			text("Kampagnenname", "name"),
			text("Originalname", "name_original"),
			date("Beginn", "start", yearNumber),
			date("Ende", "end", excelDate(g.inWords("de"))),
			text("Träger", "lead"),
			word("Organisationstyp", "lead_type", map[string]string{"government": "Regierung"}),
			word("Evaluiert", "evaluated", yes),
			source("Quelle", "url"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "DE" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Umfragen",
		noID: true,
		cols: []col{
			country("Staat", "jurisdiction", names),
			text("Reihe", "series"),
			word("Indikator", "indicator", map[string]string{"cp_approval": "Zustimmung"}),
			number("Jahr", "year"),
			number("Anteil (%)", "value"),
			word("Befragte", "respondents", map[string]string{"adults": "Erwachsene"}),
			text("Grundgesamtheit", "population"),
			source("Quelle", "id"),
			text("Anmerkungen", "notes"),
		},
	}, g.pick("surveys", jurisdiction("DE"))); err != nil {
		return err
	}
	return b.save(path)
}

// poland is a Polish workbook: the 2010 law with its dates in words, the
// government's commitment under a title naming Polska, and the campaigns,
// whose days are Excel dates; sources are cited by URL.
func (g *gen) poland(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	yes, names := yesNo["pl"], countryNames["pl"]
	if err := b.add(table{
		name: "Przepisy",
		noID: true,
		cols: []col{
			country("Kraj", "jurisdiction", names),
			word("Obszar", "setting", map[string]string{"home": "dom"}),
			word("Czy zakazane", "status", map[string]string{"prohibited": "tak"}),
			word("Potwierdzone", "confirmed", yes),
			date("Data uchwalenia", "adopted", g.inWords("pl")),
			date("Data wejścia w życie", "in_force", g.inWords("pl")),
			text("Ustawa", "instrument"),
			text("Przepis", "provision"),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("provisions", home("PL"))); err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Zobowiązania",
		title:   []string{"Polska – zobowiązanie rządu do pełnego zakazu kar cielesnych"},
		implied: []string{"jurisdiction"},
		cols: []col{
			date("Od", "from", g.inWords("pl")),
			date("Do", "until", dotted),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("commitments", jurisdiction("PL"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampanie",
		cols: []col{
			text("Identyfikator", "id"),
			country("Kraj", "jurisdictions", names),
			word("Rodzaj", "kind", map[string]string{"campaign": "kampania"}),
			text("Nazwa (ang.)", "name"),
			text("Nazwa oryginalna", "name_original"),
			date("Data rozpoczęcia", "start", excelDate(yearNumber)),
			date("Data zakończenia", "end", excelDate(yearNumber)),
			text("Organizator", "lead"),
			word("Rodzaj organizacji", "lead_type", map[string]string{"ngo": "fundacja", "mixed": "partnerstwo"}),
			words("Grupa docelowa", "audiences", map[string]string{"children": "dzieci", "parents": "rodzice"}, ", "),
			words("Kanały", "channels", map[string]string{"events": "wydarzenia", "outdoor": "billboardy", "radio": "radio", "tv": "telewizja"}, ", "),
			source("Źródło", "url"),
			text("Uwagi", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "PL" })); err != nil {
		return err
	}
	return b.save(path)
}

// plLvStudy is the Polish report of the 2017 study in Poland and Latvia:
// one sheet of results with a country column, under a title, with a
// source line below.
func (g *gen) plLvStudy(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name: "Wyniki",
		title: []string{
			"Metody dyscyplinowania dzieci w Polsce, Chorwacji i na Łotwie – wyniki badania ilościowego (2017)",
			"Odsetki w procentach; wiersze dla Polski i Łotwy.",
			"",
		},
		foot: []string{"Źródło: Makaruk K., Szredzińska R., Dziecko Krzywdzone 16(4), 2017."},
		noID: true,
		cols: []col{
			country("Kraj", "jurisdiction", countryNames["pl"]),
			text("Seria", "series"),
			word("Wskaźnik", "indicator", map[string]string{
				"ban_awareness":    "znajomość zakazu",
				"ban_support":      "poparcie dla zakazu",
				"cp_use_past_year": "stosowanie kar cielesnych w ostatnim roku",
			}),
			number("Rok", "year"),
			number("Odsetek", "value"),
			word("Respondenci", "respondents", map[string]string{"adults": "dorośli", "parents": "rodzice"}),
			text("Populacja", "population"),
			number("Liczebność próby", "sample_size"),
			word("Metoda", "method", map[string]string{"online": "CAWI"}),
			source("Źródło", "id"),
			text("Uwagi", "notes"),
		},
	}, g.pick("surveys", func(r rec) bool {
		j := r.s("jurisdiction")
		return (j == "PL" || j == "LV") && r.s("source") == "makaruk-szredzinska-2017"
	})); err != nil {
		return err
	}
	return b.save(path)
}

// estonia is an Estonian workbook: the Child Protection Act and Incredible
// Years.
func (g *gen) estonia(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	names := countryNames["et"]
	if err := b.add(table{
		name: "Seadused",
		noID: true,
		cols: []col{
			country("Riik", "jurisdiction", names),
			word("Valdkond", "setting", map[string]string{"home": "kodu"}),
			word("Staatus", "status", map[string]string{"prohibited": "keelatud"}),
			word("Kinnitatud", "confirmed", yesNo["et"]),
			date("Vastu võetud", "adopted", g.inWords("et")),
			date("Jõustumine", "in_force", g.inWords("et")),
			text("Seadus", "instrument"),
			text("Paragrahv", "provision"),
			source("Allikas", "url"),
			text("Märkused", "notes"),
		},
	}, g.pick("provisions", home("EE"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Programmid",
		noID: true,
		cols: []col{
			country("Riik", "jurisdiction", names),
			text("Programm", "name"),
			text("Mudel", "model"),
			text("Pakkuja", "provider"),
			word("Tase", "level", map[string]string{"selective": "selektiivne"}),
			words("Vorm", "delivery", map[string]string{"group": "rühm"}, ", "),
			date("Algus", "start", yearNumber),
			source("Allikas", "url"),
			text("Märkused", "notes"),
		},
	}, g.pick("programmes", jurisdiction("EE"))); err != nil {
		return err
	}
	return b.save(path)
}

// latvia is a Latvian sheet under a title naming Latvija: the 1998 law,
// adopted on a day written in words, in force on a day that is an Excel
// date.
func (g *gen) latvia(path string) error {
	b, err := g.newBook("dd.mm.yyyy")
	if err != nil {
		return err
	}
	if err := b.add(table{
		name:    "Likumi",
		title:   []string{"Latvija – fizisko sodu aizliegums: tiesību akti"},
		implied: []string{"jurisdiction"},
		noID:    true,
		cols: []col{
			word("Joma", "setting", map[string]string{"home": "ģimene"}),
			word("Statuss", "status", map[string]string{"prohibited": "aizliegts"}),
			word("Apstiprināts", "confirmed", yesNo["lv"]),
			date("Pieņemts", "adopted", g.inWords("lv")),
			date("Stāšanās spēkā", "in_force", excelDate(g.inWords("lv"))),
			text("Likums", "instrument"),
			text("Pants", "provision"),
			source("Avots", "id"),
			text("Piezīmes", "notes"),
		},
	}, g.pick("provisions", home("LV"))); err != nil {
		return err
	}
	return b.save(path)
}

// lithuania is a Lithuanian workbook: the 2017 amendments, the campaign,
// Incredible Years and the 2017 poll.
func (g *gen) lithuania(path string) error {
	b, err := g.newBook("yyyy-mm-dd")
	if err != nil {
		return err
	}
	names := countryNames["lt"]
	if err := b.add(table{
		name: "Teisės aktai",
		noID: true,
		cols: []col{
			country("Šalis", "jurisdiction", names),
			word("Sritis", "setting", map[string]string{"home": "šeima"}),
			word("Statusas", "status", map[string]string{"prohibited": "uždrausta"}),
			word("Patvirtinta", "confirmed", yesNo["lt"]),
			date("Priimta", "adopted", g.inWords("lt")),
			date("Įsigaliojo", "in_force", excelDate(g.inWords("lt"))),
			text("Teisės aktas", "instrument"),
			text("Straipsnis", "provision"),
			source("Šaltinis", "id"),
			text("Pastabos", "notes"),
		},
	}, g.pick("provisions", home("LT"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Kampanijos",
		cols: []col{
			text("Identifikatorius", "id"),
			country("Šalis", "jurisdictions", names),
			word("Rūšis", "kind", map[string]string{"campaign": "kampanija"}),
			text("Pavadinimas", "name"),
			date("Pradžia", "start", g.inWords("lt")),
			date("Pabaiga", "end", g.inWords("lt")),
			text("Organizatorius", "lead"),
			word("Organizacijos tipas", "lead_type", map[string]string{"ngo": "NVO"}),
			words("Tikslinė grupė", "audiences", map[string]string{"parents": "tėvai", "professionals": "specialistai"}, ", "),
			words("Kanalai", "channels", map[string]string{"print": "spauda"}, ", "),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("campaigns", func(r rec) bool { return r.s("jurisdictions") == "LT" })); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Programos",
		cols: []col{
			text("Identifikatorius", "id"),
			country("Šalis", "jurisdiction", names),
			text("Pavadinimas", "name"),
			text("Modelis", "model"),
			text("Teikėjas", "provider"),
			word("Lygis", "level", map[string]string{"indicated": "indikuota"}),
			words("Forma", "delivery", map[string]string{"group": "grupė"}, ", "),
			number("Amžius nuo", "age_from"),
			number("Amžius iki", "age_to"),
			date("Pradžia", "start", excelDate(iso)),
			date("Pabaiga", "end", excelDate(iso)),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("programmes", jurisdiction("LT"))); err != nil {
		return err
	}
	if err := b.add(table{
		name: "Apklausos",
		noID: true,
		cols: []col{
			country("Šalis", "jurisdiction", names),
			text("Serija", "series"),
			word("Rodiklis", "indicator", map[string]string{"ban_support": "draudimo palaikymas"}),
			number("Metai", "year"),
			number("Procentai", "value"),
			word("Respondentai", "respondents", map[string]string{"adults": "suaugusieji"}),
			text("Populiacija", "population"),
			number("Imtis", "sample_size"),
			source("Šaltinis", "url"),
			text("Pastabos", "notes"),
		},
	}, g.pick("surveys", jurisdiction("LT"))); err != nil {
		return err
	}
	return b.save(path)
}

// russia is a Russian CSV as Excel saves one on a Russian Windows:
// semicolons, CRLF line ends, code page 1251; every setting, sources by URL.
func (g *gen) russia(path string) error {
	tb := table{
		name: "rossiya.csv",
		noID: true,
		cols: []col{
			country("Страна", "jurisdiction", countryNames["ru"]),
			word("Сфера", "setting", map[string]string{
				"home": "в семье", "alternative_care": "замещающий уход", "day_care": "детский сад",
				"school": "школа", "penal_institution": "исправительные учреждения", "sentence": "приговор",
			}),
			word("Статус", "status", map[string]string{"not_prohibited": "не запрещено", "unlawful_not_explicit": "незаконно"}),
			word("Подтверждено", "confirmed", yesNo["ru"]),
			text("Закон", "instrument"),
			text("Статья", "provision"),
			source("Источник", "url"),
			date("Дата проверки", "verified_on", dotted),
			text("Примечания", "notes"),
		},
	}
	recs := g.pick("provisions", jurisdiction("RU"))
	g.cover(tb, recs)
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma, w.UseCRLF = ';', true
	header := make([]string, len(tb.cols))
	for j, c := range tb.cols {
		header[j] = c.head
	}
	if err := w.Write(header); err != nil {
		return err
	}
	for _, r := range recs {
		row := make([]string, len(tb.cols))
		for j, c := range tb.cols {
			switch v := c.cell(r).(type) {
			case nil:
			case string:
				row[j] = v
			case int:
				row[j] = strconv.Itoa(v)
			default:
				return fmt.Errorf("%s: cannot write a %T in a CSV", c.head, v)
			}
		}
		if err := w.Write(row); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	enc, err := charmap.Windows1251.NewEncoder().Bytes(buf.Bytes())
	if err != nil {
		return fmt.Errorf("not all of it can be written in windows-1251: %w", err)
	}
	return os.WriteFile(path, enc, 0o644)
}
