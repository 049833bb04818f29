package importers

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// source is one sheet of rows: a sheet of a workbook, or a CSV file.
type source struct {
	file      string
	sheet     string // empty for a CSV file
	ctx       cellCtx
	tableHint string // the sheet's (or file's) name, which may name a table
	total     int    // rows expected, for progress; 0 when unknown
	// next returns the next row's cells and number, io.EOF at the end.
	next func() ([]string, int, error)
	// percent reports whether a cell is formatted as a percentage; nil
	// when none is. It answers for any row next has returned, asked about
	// in order (a row's answers may be dropped once a later row is asked
	// about): the rows held while the header is looked for are decoded
	// after the rows below them were read.
	percent func(row, col int) bool
	// uncomputed returns the cells, {row, column}, holding a formula with
	// no stored result, of the rows read; nil for a CSV file. Asked only
	// once every row is read.
	uncomputed func() [][2]int
}

func (s *source) pos(row, col int) dataset.Pos {
	return dataset.Pos{File: s.file, Sheet: s.sheet, Row: row, Col: col}
}

// maxSheetErrors is how many errors a sheet may have before the rest of it
// is not read: past that, the sheet is not the table it seemed to be.
const maxSheetErrors = 1000

// sheetState is a sheet being read into records.
type sheetState struct {
	src      *source
	lay      *layout
	sr       *SheetReport
	jur      string // the country of rows that name none
	noSource []int  // rows that cite no source
	wideCut  bool   // a row had cells beyond maxColumns
	// The source cells' columns (the same for every row), and the source
	// references made, by the cells they were made of.
	srcCols map[string]int
	refs    map[[4]string]*sourceRef
	// unread are the columns that map to no field and are not ignored,
	// and used those of them with a value in a data row.
	unread []int
	used   map[int]bool
}

// cell returns the text of a field's cell in a row, and its column (0 when
// the sheet has no column for the field).
func (st *sheetState) cell(cells []string, field string) (string, int) {
	col := st.lay.cols[field]
	if col == 0 || col > len(cells) {
		return "", col
	}
	return cells[col-1], col
}

func (st *sheetState) percentAt(row, col int) bool {
	return col > 0 && st.src.percent != nil && st.src.percent(row, col)
}

func isBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readSheet reads one sheet: it finds the header among the first rows,
// takes the country of a title row above it, checks the header, then reads
// every row below it, streaming.
func (im *importer) readSheet(src *source, sr *SheetReport) {
	var buf []bufferedRow
	var readErr error
	wideCut := false
	cut := func(cells []string) []string {
		if len(cells) > maxColumns {
			if !isBlank(cells[maxColumns:]) {
				wideCut = true
			}
			cells = cells[:maxColumns]
		}
		return cells
	}
	for len(buf) < maxHeaderSearch {
		cells, n, err := src.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		if isBlank(cells) {
			continue
		}
		buf = append(buf, bufferedRow{n, cut(cells)})
	}
	defer func() {
		switch {
		case errors.Is(readErr, ErrTooLarge):
			im.ps.Add(CodeTooLarge, dataset.Error, src.pos(0, 0), "", "%v", readErr)
		case readErr != nil:
			im.ps.Add(dataset.CodeFile, dataset.Error, src.pos(0, 0), "", "cannot read the rest of the sheet: %v", readErr)
		}
	}()
	if len(buf) == 0 {
		sr.Skip = "empty"
		return
	}
	lay := im.lx.findHeader(buf, im.table, im.lx.tableNamed(src.tableHint))
	if lay == nil {
		sr.Skip = "no header row"
		sev := dataset.Warning
		what := "its header"
		if im.table != nil {
			sev, what = dataset.Error, "the header of "+im.table.Name
		}
		im.ps.Add(dataset.CodeHeader, sev, src.pos(buf[0].num, 0), "",
			"the sheet is not read: none of its first %d rows is %s (the names of two or more columns, as docs/schema.md names them or as headers.csv in the synonyms folder adds them)",
			len(buf), what)
		return
	}
	sr.Table, sr.Header, sr.Layout = lay.table.Name, lay.header, "rows"
	if lay.wide {
		sr.Layout = "wide"
	}
	st := &sheetState{src: src, lay: lay, sr: sr, jur: im.jur}
	if st.jur == "" {
		st.jur = im.titleCountry(buf, lay.header, src.sheet)
	}
	if !im.checkHeader(st, buf) {
		sr.Skip = "header problems"
		// The columns not read are reported too, by the rows at hand.
		for _, r := range buf {
			if r.num > lay.header {
				st.noteUsed(r.cells)
			}
		}
		im.reportUnread(st, buf)
		return
	}
	seen, errs := len(im.ps), 0
	for _, r := range buf {
		if r.num > lay.header {
			im.readRow(st, r.num, r.cells)
		}
	}
	if readErr == nil {
		label := sheetLabel(src.file, src.sheet)
		for {
			errs += im.ps[seen:].Count(dataset.Error)
			seen = len(im.ps)
			if errs >= maxSheetErrors {
				im.ps.Add(dataset.CodeFile, dataset.Error, src.pos(0, 0), "", "more than %d errors: the rest of the sheet is not read", maxSheetErrors)
				break
			}
			cells, n, err := src.next()
			if err == io.EOF {
				break
			}
			if err != nil {
				readErr = err
				break
			}
			if n%1000 == 0 {
				im.progress.update(label, n, src.total)
			}
			im.readRow(st, n, cut(cells))
		}
		im.progress.clear()
	}
	im.reportUnread(st, buf)
	if readErr == nil && src.uncomputed != nil {
		im.reportUncomputed(st, src.uncomputed())
	}
	if wideCut {
		im.ps.Add(dataset.CodeRagged, dataset.Warning, src.pos(0, 0), "", "cells beyond column %s are ignored", dataset.ColumnName(maxColumns))
	}
	if len(st.noSource) > 0 {
		verb := "cite"
		if len(st.noSource) == 1 {
			verb = "cites"
		}
		if col := lay.cols["source"]; col > 0 || lay.cols[fieldSourceURL] > 0 || lay.cols[fieldSourceTitle] > 0 {
			if col == 0 {
				col = max(lay.cols[fieldSourceURL], lay.cols[fieldSourceTitle])
			}
			im.ps.AddIn(lay.table.Name, dataset.CodeRequired, dataset.Error, src.pos(st.noSource[0], col), "source",
				"%s %s no source: the source cell is empty: give the source's id, URL or title (or pass --source URL-or-title for every row that cites none)",
				rowList(st.noSource), verb)
		} else {
			im.ps.AddIn(lay.table.Name, dataset.CodeRequired, dataset.Error, src.pos(st.noSource[0], 0), "source",
				"%s %s no source: add a source column (a URL, a title or a source id) or pass --source URL-or-title",
				rowList(st.noSource), verb)
		}
	}
}

// rowList writes row numbers compactly: "row 4", "rows 4–9, 12".
func rowList(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", rows[i], rows[j]))
		} else {
			parts = append(parts, fmt.Sprint(rows[i]))
		}
		i = j + 1
	}
	if len(rows) == 1 {
		return "row " + parts[0]
	}
	return "rows " + strings.Join(parts, ", ")
}

// titleCountry returns the one country named in the rows above the header
// (a title such as "Poland – legal reforms"), or else by the sheet's name.
func (im *importer) titleCountry(buf []bufferedRow, header int, sheet string) string {
	found := ""
	for _, r := range buf {
		if r.num >= header {
			break
		}
		for _, c := range r.cells {
			if code, ok := im.lx.countryIn(c); ok {
				if found != "" && found != code {
					return ""
				}
				found = code
			}
		}
	}
	if found == "" && sheet != "" {
		if code, ok := im.lx.countryIn(sheet); ok {
			return code
		}
	}
	return found
}

// checkHeader reports the header's problems: a column naming a field that an
// earlier one names (an error), a column naming nothing known (a warning),
// and a required field with no column and no other way to get a value (an
// error). It reports whether the rows can be read.
func (im *importer) checkHeader(st *sheetState, buf []bufferedRow) bool {
	l, t, src := st.lay, st.lay.table, st.src
	var header []string
	for _, r := range buf {
		if r.num == l.header {
			header = r.cells
		}
	}
	ok := true
	for _, d := range l.dups {
		im.ps.AddIn(t.Name, dataset.CodeHeader, dataset.Error, src.pos(l.header, d[0]), "",
			"column %q says the same as column %s (%q): keep one of them", clean(header[d[0]-1]), dataset.ColumnName(d[1]), clean(header[d[1]-1]))
		ok = false
	}
	for _, c := range l.unknown {
		if !im.ignored(header[c-1]) {
			st.unread = append(st.unread, c)
		}
	}
	has := func(f string) bool { return l.cols[f] > 0 }
	for _, f := range t.Fields {
		if !f.Required || has(f.Name) {
			continue
		}
		covered := false
		switch f.Name {
		case "id":
			covered = generatesIDs(t) || t.Name == "sources" && (has("url") || has("title"))
		case "jurisdiction", "jurisdictions":
			covered = st.jur != ""
		case "source":
			covered = true // rows without one are named together
		case "setting", "status":
			covered = l.wide
		case "name", "kind":
			covered = t.Name == "jurisdictions" && has("code")
		case "title", "type":
			covered = t.Name == "sources" && has("url")
		}
		if covered {
			continue
		}
		pos := src.pos(l.header, 0)
		switch f.Name {
		case "jurisdiction", "jurisdictions":
			im.ps.AddIn(t.Name, dataset.CodeRequired, dataset.Error, pos, f.Name,
				"the rows of %s name no country: add a country column, name the country in a title above the header, or pass --jurisdiction", t.Name)
		default:
			im.ps.AddIn(t.Name, dataset.CodeRequired, dataset.Error, pos, f.Name,
				"%s needs %s %s column (required): name it %q, or if a column of yours holds it under another name, %s",
				t.Name, article(f.Name), f.Name, f.Name, im.lx.addLine("headers.csv", "", t.Name, f.Name, "YOUR HEADER", ""))
		}
		ok = false
	}
	return ok
}

// ignored reports whether a header is one of Options.IgnoreColumns.
func (im *importer) ignored(h string) bool {
	k := dataset.Fold(h)
	return slices.ContainsFunc(im.opts.IgnoreColumns, func(c string) bool { return dataset.Fold(c) == k })
}

// noteUsed notes the columns read by no field that have a value in a data row.
func (st *sheetState) noteUsed(cells []string) {
	for _, c := range st.unread {
		if c <= len(cells) && clean(cells[c-1]) != "" {
			if st.used == nil {
				st.used = map[int]bool{}
			}
			st.used[c] = true
		}
	}
}

// reportUnread reports the columns that map to no field: an error for one
// with values (nothing read is dropped), a warning for one with a header only.
// Each says the two ways out: a synonym line, or --ignore-column.
func (im *importer) reportUnread(st *sheetState, buf []bufferedRow) {
	if len(st.unread) == 0 {
		return
	}
	l, t := st.lay, st.lay.table
	var header []string
	for _, r := range buf {
		if r.num == l.header {
			header = r.cells
		}
	}
	fields := make([]string, 0, len(t.Fields)+len(virtualFields))
	for _, f := range t.Fields {
		fields = append(fields, f.Name)
	}
	if citesSource(t) {
		fields = append(fields, virtualFields...)
	}
	for _, c := range st.unread {
		h := clean(header[c-1])
		fix := fmt.Sprintf("if it holds data, %s; if it is not data, pass --ignore-column %q",
			im.lx.addLine("headers.csv", "FIELD: one of "+strings.Join(fields, ", "), t.Name, "FIELD", h, ""), h)
		if st.used[c] {
			im.ps.AddIn(t.Name, dataset.CodeHeader, dataset.Error, st.src.pos(l.header, c), "",
				"column %q maps to no column of %s, and its values would be lost: %s", h, l.describe(), fix)
		} else {
			im.ps.AddIn(t.Name, dataset.CodeHeader, dataset.Warning, st.src.pos(l.header, c), "",
				"column %q maps to no column of %s and is not read (it holds no values): %s", h, l.describe(), fix)
		}
	}
}

// reportUncomputed reports the cells of data rows, in the columns read,
// that hold a formula with no stored result: their value is unknown, and
// reading them as empty would lose it (or, in an update, keep a stale one).
func (im *importer) reportUncomputed(st *sheetState, cells [][2]int) {
	if len(cells) == 0 {
		return
	}
	read := map[int]string{}
	for f, c := range st.lay.cols {
		read[c] = f
	}
	for _, w := range st.lay.settings {
		read[w.col] = "status"
	}
	skipped := map[int]bool{}
	for _, s := range st.sr.Skipped {
		skipped[s.Pos.Row] = true
	}
	for _, c := range cells {
		f, ok := read[c[1]]
		if c[0] <= st.lay.header || !ok || skipped[c[0]] {
			continue
		}
		im.ps.AddIn(st.lay.table.Name, dataset.CodeType, dataset.Error, st.src.pos(c[0], c[1]), f,
			"%s: the cell holds a formula with no stored result, so its value is unknown: open and save the workbook in a spreadsheet program, or type the value", f)
	}
}
