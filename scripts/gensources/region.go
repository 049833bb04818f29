package main

import (
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/xuri/excelize/v2"
)

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
		"sources":  g.pick("sources", nil),
		"coverage": g.pick("coverage", nil),
	})
}

// rest is the workbook of the remaining records, in the template layout:
// the provisions whose laws and dates neither a country workbook nor the
// wide table has columns for, and anything else no other file holds.
func (g *gen) rest(path string) error {
	fill := map[string][]rec{}
	for _, t := range dataset.Tables() {
		fill[t.Name] = g.pick(t.Name, g.unwritten(t.Name))
	}
	return g.template(path, fill)
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
	fits := g.wideStates()
	recs := g.pick("provisions", func(r rec) bool {
		return fits[r.s("jurisdiction")] && r.s("setting") != "home"
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

// wideStates are the states of giStates whose rows outside the home all
// fit one row of the wide table: a status word, one source and one note,
// and no law, quote or date.
func (g *gen) wideStates() map[string]bool {
	t := dataset.TableByName("provisions")
	fits := map[string]bool{}
	for _, j := range giStates {
		fits[j] = true
	}
	src, note := map[string]string{}, map[string]string{}
	for i := 0; i < t.Len(g.ds); i++ {
		r := rec{g, t, i}
		j := r.s("jurisdiction")
		if !fits[j] || r.s("setting") == "home" {
			continue
		}
		if _, ok := giStatus[r.s("status")]; !ok {
			fits[j] = false
			continue
		}
		for _, f := range t.Fields {
			switch f.Name {
			case "id", "jurisdiction", "setting", "status", "confirmed", "source", "notes":
				continue
			}
			if r.s(f.Name) != "" {
				fits[j] = false
			}
		}
		if s, ok := src[j]; ok && (s != r.s("source") || note[j] != r.s("notes")) {
			fits[j] = false
		}
		src[j], note[j] = r.s("source"), r.s("notes")
	}
	return fits
}

// footnoteFor is the footnote of a row of the wide table: what its note
// says of how far the row was checked.
func footnoteFor(note string) string {
	if strings.Contains(note, "per-setting text has not been checked") {
		return "The state is listed by GI as prohibiting in all settings; GI's text for each setting has not been read yet."
	}
	return "GI's country report says prohibited in all settings; the law and dates for the setting are still to be recorded."
}
