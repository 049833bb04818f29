package main

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/xuri/excelize/v2"
)

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

// fitting returns the records whose every value the sheet can hold, and
// marks the others as written by no file yet.
func (g *gen) fitting(tb table, recs []rec) []rec {
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
	var out []rec
	for _, r := range recs {
		fits := true
		for _, f := range r.t.Fields {
			if !have[f.Name] && r.s(f.Name) != "" {
				fits = false
			}
		}
		n := len(g.errs)
		for _, c := range tb.cols {
			c.cell(r)
		}
		if len(g.errs) > n {
			g.errs, fits = g.errs[:n], false
		}
		if !fits {
			delete(g.written, r.t.Name+"\t"+r.t.KeyOf(g.ds, r.i))
			continue
		}
		out = append(out, r)
	}
	return out
}

// add writes a sheet of records. A record with a value the sheet has no
// column or word for is left out and given back, so that the workbook of
// the remaining records holds it.
func (b *book) add(tb table, recs []rec) error {
	recs = b.g.fitting(tb, recs)
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
