package importers

import (
	"fmt"
	"slices"

	"github.com/cpmap/cpmap/dataset"
)

// maxHeaderSearch is how many non-blank rows at the top of a sheet are
// searched for its header (titles, notes and blank rows may come first).
const maxHeaderSearch = 30

// maxColumns is the widest row read; cells beyond are ignored (and said to be).
const maxColumns = 1024

// layout is how a sheet's columns map onto a table.
type layout struct {
	table  *dataset.Table
	wide   bool           // one row per country, one column per setting
	header int            // the header's row
	cols   map[string]int // field (or virtual field) → 1-based column
	origin map[string]int // the table's fields only: dataset.Origin.Cols (shared, never modified)
	// settings are a wide table's setting columns, in column order.
	settings []wideColumn
	unknown  []int    // columns whose header names nothing the table has
	dups     [][2]int // a column naming a field an earlier column names: {column, earlier}
	score    int      // how many columns were recognised
}

// wideColumn is one setting's column of a wide legality table.
type wideColumn struct {
	setting string
	col     int
	origin  map[string]int // dataset.Origin.Cols of the provisions read from it
	// bracketed is origin for a status in square brackets, which also
	// gives confirmed=false from this column.
	bracketed map[string]int
}

// match maps one row, taken as a header, onto table t. A provisions header
// with a country column and at least two columns named after settings (and
// no setting or status column) is a wide legality table.
func (lx *lexicon) match(t *dataset.Table, row []string, rowNum int) *layout {
	l := &layout{table: t, header: rowNum, cols: map[string]int{}}
	var settings []wideColumn
	var settingDups [][2]int
	for i, c := range row {
		if i >= maxColumns {
			break
		}
		if clean(c) == "" {
			continue
		}
		col := i + 1
		f := lx.header(t, c)
		if f == "" && t.Name == "provisions" {
			if s, ok := lx.lookup("setting", c); ok {
				if j := slices.IndexFunc(settings, func(w wideColumn) bool { return w.setting == s }); j >= 0 {
					settingDups = append(settingDups, [2]int{col, settings[j].col})
				} else {
					settings = append(settings, wideColumn{setting: s, col: col})
				}
				continue
			}
		}
		if f == "" {
			l.unknown = append(l.unknown, col)
			continue
		}
		if first, dup := l.cols[f]; dup {
			l.dups = append(l.dups, [2]int{col, first})
			continue
		}
		l.cols[f] = col
	}
	if t.Name == "provisions" && l.cols["jurisdiction"] > 0 && len(settings) >= 2 && l.cols["setting"] == 0 && l.cols["status"] == 0 {
		l.wide = true
		l.settings = settings
		l.dups = append(l.dups, settingDups...)
	} else {
		for _, s := range settings {
			l.unknown = append(l.unknown, s.col)
		}
		for _, d := range settingDups {
			l.unknown = append(l.unknown, d[0])
		}
		slices.Sort(l.unknown)
	}
	l.score = len(l.cols) + len(l.settings)
	l.origin = map[string]int{}
	for f, c := range l.cols {
		if t.Field(f) != nil {
			l.origin[f] = c
		}
	}
	for i := range l.settings {
		w := &l.settings[i]
		w.origin = map[string]int{}
		for f, c := range l.origin {
			w.origin[f] = c
		}
		w.origin["setting"] = w.col
		w.origin["status"] = w.col
		w.bracketed = w.origin
		if _, ok := w.origin["confirmed"]; !ok {
			w.bracketed = map[string]int{"confirmed": w.col}
			for f, c := range w.origin {
				w.bracketed[f] = c
			}
		}
	}
	return l
}

// bufferedRow is a row read while looking for the header.
type bufferedRow struct {
	num   int
	cells []string
}

// findHeader returns the best header among the rows: the row and table that
// recognise the most columns (at least two; one when the table is forced),
// preferring the table the sheet's name names, then the earlier row, then
// the table that comes first in the data package. It returns nil when no
// row is a header.
func (lx *lexicon) findHeader(rows []bufferedRow, forced, named *dataset.Table) *layout {
	tables := dataset.Tables()
	least := 2
	if forced != nil {
		tables = []*dataset.Table{forced}
		least = 1
	}
	var best *layout
	bestNamed := false
	for _, r := range rows {
		for _, t := range tables {
			l := lx.match(t, r.cells, r.num)
			if l.score < least {
				continue
			}
			isNamed := named != nil && t == named
			if best == nil || l.score > best.score || l.score == best.score && isNamed && !bestNamed {
				best, bestNamed = l, isNamed
			}
		}
	}
	return best
}

// describe says which table a layout reads, for messages.
func (l *layout) describe() string {
	if l.wide {
		return fmt.Sprintf("a wide legality table (%d settings)", len(l.settings))
	}
	return l.table.Name
}
