package importers

import (
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// record is a record read from a sheet, before ids, sources and
// jurisdictions are settled (assemble.go).
type record struct {
	table  *dataset.Table
	values []string // stored forms, aligned with table.Fields
	origin dataset.Origin
	src    *sourceRef // the source the record cites (for tables with a source field)
	seq    int        // its place in the order read, once kept on disk (parts.go)
}

// sourceRef is the source a row cites, as the sheet gives it: an id, a URL,
// a title, or a URL and a title, with the cells they came from.
type sourceRef struct {
	id, url, title, typ string
	origin              dataset.Origin // Cols: id, url, title, type
	resolved            string         // the id it resolves to (assemble.go)
}

// parseSourceRef makes a source reference of a source cell's text (an id, a
// URL or a title) and of the separate URL, title and type cells a sheet may
// have. It returns nil when all are empty.
func parseSourceRef(text, url, title, typ string, o dataset.Origin) *sourceRef {
	r := &sourceRef{url: clean(url), title: clean(title), typ: typ, origin: o}
	switch text = clean(text); {
	case text == "":
	case isURL(text):
		if r.url == "" {
			r.url = text
		} else if r.title == "" {
			r.title = text
		}
	case isID(text):
		r.id = text
	case r.title == "":
		r.title = text
	}
	if r.id == "" && r.url == "" && r.title == "" {
		return nil
	}
	return r
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return (strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")) && !strings.ContainsAny(s, " \t\n")
}

// citesSource reports whether a table's records cite a source.
func citesSource(t *dataset.Table) bool {
	f := t.Field("source")
	return f != nil && f.Ref == "sources"
}

// footnoteStart matches the start of a footnote line: "1 ", "1) ", "(1) ",
// "[1] ", "* ", "† ".
var footnoteStart = regexp.MustCompile(`^\s*(\(?\d{1,2}[).:]?|\[\d{1,2}\]|\*+|†|‡|[¹²³⁴⁵⁶⁷⁸⁹])\s`)

// skipReason says why a row below the header is not data, or "" when it is:
// a totals row, a footnote or note (a row with one cell of text that starts
// like a footnote, with a note word such as "Source:", or that is a
// sentence), in a wide legality table a row of counts or a regional heading
// (wideSkipReason), or a row whose only values are in columns that are not
// read.
func (im *importer) skipReason(st *sheetState, cells []string) string {
	first, n := "", 0
	for _, c := range cells {
		if c = clean(c); c != "" {
			if n == 0 {
				first = c
			}
			n++
		}
	}
	if im.lx.marker("total", first) || im.lx.marker("total", strings.TrimRight(first, ":")) {
		return "totals row"
	}
	if n == 1 {
		words := strings.Fields(dataset.Fold(first))
		switch {
		case footnoteStart.MatchString(first):
			return "footnote"
		case len(words) > 0 && im.lx.marker("footnote", words[0]) && len(words) > 1:
			return "note"
		case len([]rune(first)) > 60 && len(words) > 6:
			return "note"
		}
	}
	if st.lay.wide {
		if r := im.wideSkipReason(st, cells); r != "" {
			return r
		}
	}
	for _, c := range st.lay.cols {
		if c <= len(cells) && clean(cells[c-1]) != "" {
			return ""
		}
	}
	for _, w := range st.lay.settings {
		if w.col <= len(cells) && clean(cells[w.col-1]) != "" {
			return ""
		}
	}
	return reasonNoValues
}

// wideSkipReason says why a row of a wide legality table, as the Global
// Initiative publishes them, is not data: a totals row ("Fully prohibited",
// "Not fully prohibited" with counts: a row whose country cell names no
// country and whose setting cells hold whole numbers), or a regional
// heading ("Europe": one text, perhaps merged across the row, that is not a
// country, and no status). It returns "" for any other row: a row with
// statuses whose country is mistyped is data, and an error.
func (im *importer) wideSkipReason(st *sheetState, cells []string) string {
	at := func(col int) string {
		if col > 0 && col <= len(cells) {
			return clean(cells[col-1])
		}
		return ""
	}
	country := at(st.lay.cols["jurisdiction"])
	if country != "" {
		if _, ok := im.lx.country(country); ok {
			return ""
		}
	}
	counts, other := 0, 0
	for _, w := range st.lay.settings {
		v := at(w.col)
		if v == "" {
			continue
		}
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			counts++
		} else {
			other++
		}
	}
	if counts > 0 && other == 0 {
		return "totals row (counts per setting)"
	}
	text := ""
	for _, c := range cells {
		if c = clean(c); c == "" {
			continue
		}
		if text != "" && c != text {
			return ""
		}
		text = c
	}
	if text != "" && text == country {
		return "regional heading"
	}
	return ""
}

// reasonNoValues skips a row whose only values are in columns not read
// (which refuse the import unless ignored).
const reasonNoValues = "no values in the columns read"

// readRow reads one row below the header.
func (im *importer) readRow(st *sheetState, num int, cells []string) {
	if isBlank(cells) {
		return
	}
	reason := im.skipReason(st, cells)
	if reason == "" || reason == reasonNoValues {
		st.noteUsed(cells)
	}
	if reason != "" {
		st.sr.Skipped = append(st.sr.Skipped, Skip{Pos: st.src.pos(num, 0), Reason: reason})
		return
	}
	st.sr.Rows++
	if st.lay.wide {
		im.wideRow(st, num, cells)
	} else {
		im.longRow(st, num, cells)
	}
}

// cellProblem reports a cell that cannot be read.
func (im *importer) cellProblem(st *sheetState, row, col int, field string, err error) {
	code := dataset.CodeType
	var ce *cellError
	if errors.As(err, &ce) {
		code = ce.code
	}
	im.ps.AddIn(st.lay.table.Name, code, dataset.Error, st.src.pos(row, col), field, "%s: %v", field, err)
}

// stage keeps a record for assembly.
func (im *importer) stage(st *sheetState, r *record) {
	st.sr.Records++
	if im.spill != nil && isBulk(r.table) {
		if err := im.stageBulk(r); err != nil && im.spillErr == nil {
			im.spillErr = err
		}
		return
	}
	im.recs = append(im.recs, r)
}

// longRow reads a row of the "rows" layout: one record.
func (im *importer) longRow(st *sheetState, num int, cells []string) {
	t := st.lay.table
	vals := make([]string, len(t.Fields))
	ok := true
	unconfirmed := false
	var cleared []string
	for j := range t.Fields {
		f := &t.Fields[j]
		if f.Name == "source" && citesSource(t) {
			continue // rowSource reads it
		}
		raw, col := st.cell(cells, f.Name)
		if im.lx.clears(raw) {
			cleared = append(cleared, f.Name)
			continue
		}
		var v string
		var err error
		if t.Name == "provisions" && f.Name == "status" {
			v, unconfirmed, err = im.lx.decodeStatus(raw)
		} else {
			v, err = im.lx.decode(f, raw, st.percentAt(num, col), st.src.ctx)
		}
		if err != nil {
			im.cellProblem(st, num, col, f.Name, err)
			ok = false
			continue
		}
		vals[j] = v
	}
	if !im.fillDefaults(st, num, vals, unconfirmed) {
		ok = false
	}
	ref, refOK := im.rowSource(st, num, cells)
	if !ok || !refOK {
		return
	}
	if citesSource(t) && ref == nil {
		// A row updating a stored record keeps its source.
		src, ok := im.storedSource(t, vals)
		if !ok {
			st.noSource = append(st.noSource, num)
			return
		}
		vals[fieldIndex(t, "source")] = src
	}
	o := st.origin(num, st.lay.origin)
	o.Cleared = cleared
	im.stage(st, &record{table: t, values: vals, origin: o, src: ref})
}

func (st *sheetState) origin(num int, cols map[string]int) dataset.Origin {
	return dataset.Origin{File: st.src.file, Sheet: st.src.sheet, Row: num, Cols: cols}
}

// fillDefaults gives a record the values its sheet implies: the sheet's
// country, confirmed=false for a status in square brackets, a jurisdiction's
// English name and kind from ISO 3166 and territories.csv, a source's type
// and title from its URL. It reports false after reporting a problem.
func (im *importer) fillDefaults(st *sheetState, num int, vals []string, unconfirmed bool) bool {
	t := st.lay.table
	idx := func(name string) int {
		return slices.IndexFunc(t.Fields, func(f dataset.Field) bool { return f.Name == name })
	}
	set := func(name, v string) {
		if i := idx(name); i >= 0 && vals[i] == "" {
			vals[i] = v
		}
	}
	if st.jur != "" {
		set("jurisdiction", st.jur)
		set("jurisdictions", st.jur)
	}
	switch t.Name {
	case "provisions":
		if unconfirmed {
			i := idx("confirmed")
			if vals[i] == "true" {
				im.ps.AddIn(t.Name, CodeConflict, dataset.Error, st.src.pos(num, st.lay.cols["confirmed"]), "confirmed",
					"confirmed: the status is in square brackets (unconfirmed) but confirmed says yes")
				return false
			}
			vals[i] = "false"
		}
	case "jurisdictions":
		code := vals[idx("code")]
		if c, ok := dataset.LookupCountry(code); ok {
			set("name", c.Name)
			if parent, ok := im.lx.parents[code]; ok {
				set("kind", string(dataset.Territory))
				if vals[idx("kind")] == string(dataset.Territory) {
					set("parent", parent)
				}
			} else {
				set("kind", string(dataset.State))
			}
		}
	case "sources":
		if url := vals[idx("url")]; url != "" {
			set("type", "website")
			set("title", url)
		}
	}
	return true
}

// rowSource reads the source a row cites: its source cell (an id, a URL or
// a title) and any source URL, title and type cells, else the --source
// default. It reports false after reporting a problem.
func (im *importer) rowSource(st *sheetState, num int, cells []string) (*sourceRef, bool) {
	if !citesSource(st.lay.table) {
		return nil, true
	}
	text, cText := st.cell(cells, "source")
	url, cURL := st.cell(cells, fieldSourceURL)
	title, cTitle := st.cell(cells, fieldSourceTitle)
	typRaw, cType := st.cell(cells, fieldSourceType)
	typ := ""
	if clean(typRaw) != "" {
		v, err := im.lx.decodeEnum("source_type", typRaw)
		if err != nil {
			im.cellProblem(st, num, cType, fieldSourceType, err)
			return nil, false
		}
		typ = v
	}
	or := func(a, b int) int {
		if a > 0 {
			return a
		}
		return b
	}
	// Rows that cite the same source share its reference: the first of
	// them is where a source it creates comes from, as it would be anyway.
	key := [4]string{text, url, title, typ}
	if r, ok := st.refs[key]; ok {
		return r, true
	}
	if st.srcCols == nil {
		st.srcCols = map[string]int{"id": cText, "url": or(cURL, cText), "title": or(cTitle, cText), "type": cType}
	}
	if r := parseSourceRef(text, url, title, typ, st.origin(num, st.srcCols)); r != nil {
		if st.refs == nil {
			st.refs = map[[4]string]*sourceRef{}
		}
		if len(st.refs) < maxSharedRefs {
			st.refs[key] = r
		}
		return r, true
	}
	return im.source, true
}

// maxSharedRefs bounds the source references a sheet keeps to share.
const maxSharedRefs = 10000

// wideRow reads a row of a wide legality table: one provision per setting
// column with a status, the country and any other columns shared by all.
func (im *importer) wideRow(st *sheetState, num int, cells []string) {
	t := st.lay.table
	hasStatus := false
	for _, w := range st.lay.settings {
		if w.col <= len(cells) && clean(cells[w.col-1]) != "" {
			hasStatus = true
		}
	}
	if !hasStatus {
		st.sr.Rows--
		st.sr.Skipped = append(st.sr.Skipped, Skip{Pos: st.src.pos(num, 0), Reason: "no status in any setting column"})
		return
	}
	shared := make([]string, len(t.Fields))
	ok := true
	var cleared []string
	for j := range t.Fields {
		f := &t.Fields[j]
		switch f.Name {
		case "setting", "status", "source":
			continue
		}
		raw, col := st.cell(cells, f.Name)
		if col == 0 {
			continue
		}
		if im.lx.clears(raw) {
			cleared = append(cleared, f.Name)
			continue
		}
		v, err := im.lx.decode(f, raw, st.percentAt(num, col), st.src.ctx)
		if err != nil {
			im.cellProblem(st, num, col, f.Name, err)
			ok = false
			continue
		}
		shared[j] = v
	}
	if !im.fillDefaults(st, num, shared, false) {
		ok = false
	}
	ref, refOK := im.rowSource(st, num, cells)
	if !ok || !refOK {
		return
	}
	if ref == nil {
		st.noSource = append(st.noSource, num)
		return
	}
	iSetting, iStatus, iConfirmed := fieldIndex(t, "setting"), fieldIndex(t, "status"), fieldIndex(t, "confirmed")
	for _, w := range st.lay.settings {
		raw := ""
		if w.col <= len(cells) {
			raw = cells[w.col-1]
		}
		if clean(raw) == "" {
			continue
		}
		status, unconfirmed, err := im.lx.decodeStatus(raw)
		if err != nil {
			im.cellProblem(st, num, w.col, "status", err)
			continue
		}
		vals := slices.Clone(shared)
		vals[iSetting], vals[iStatus] = w.setting, status
		origin := w.origin
		if unconfirmed {
			origin = w.bracketed
			if vals[iConfirmed] == "true" {
				im.cellProblem(st, num, w.col, "confirmed", &cellError{CodeConflict,
					"the status is in square brackets (unconfirmed) but confirmed says yes"})
				continue
			}
			vals[iConfirmed] = "false"
		}
		o := st.origin(num, origin)
		o.Cleared = cleared
		im.stage(st, &record{table: t, values: vals, origin: o, src: ref})
	}
}

// fieldIndex returns the index of a table's field, or -1.
func fieldIndex(t *dataset.Table, name string) int {
	return slices.IndexFunc(t.Fields, func(f dataset.Field) bool { return f.Name == name })
}

// storedSource returns the source of the stored record (Options.Existing)
// whose id a row gives, for a row that updates it and cites no source.
func (im *importer) storedSource(t *dataset.Table, vals []string) (string, bool) {
	ex := im.opts.Existing
	i := fieldIndex(t, "id")
	if ex == nil || i < 0 || vals[i] == "" || len(t.Key) != 1 || t.Key[0] != "id" {
		return "", false
	}
	if im.stored == nil {
		im.stored = map[*dataset.Table]map[string]string{}
	}
	ids := im.stored[t]
	if ids == nil {
		ids = map[string]string{}
		for j := range t.Len(ex) {
			ids[t.Value(ex, j, "id")] = t.Value(ex, j, "source")
		}
		im.stored[t] = ids
	}
	src, ok := ids[vals[i]]
	return src, ok && src != ""
}
