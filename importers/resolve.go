package importers

import (
	"errors"
	"io"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// ReadReview reads a completed review workbook, as cpmap divergence
// --review writes it (exports.NewReviewWorkbook), and returns the rows of
// its sheet divergence.ReviewSheet as resolutions for divergence.Resolve, each
// with its row and cells (Origin.Cols names them as divergence.ReviewColumns
// do). Columns are found by their headers in row 1; blank rows are
// skipped.
//
// Every cell is read as text, with the formula guard the writer added
// (exports.SafeText) taken off. A resolved value is read as the importers
// read a cell of its field: a synonym (Tak, yes), a date in any form
// import reads (1.07.1979, an Excel date) or a percentage becomes its
// stored form, and one that cannot be read is a problem at its cell (its
// row is then left out); divergence.ResolvedEmpty, in any case, stays itself.
// A row naming a table or field the dataset lacks keeps its value as
// written, for Resolve to report.
//
// A file that cannot be read as such a workbook (missing, too large, not
// an .xlsx workbook, no review sheet, a column missing) is a problem.
// Only opts.MaxFileBytes and opts.MaxUnzipBytes apply. The error is for
// synonym tables that do not load.
func ReadReview(path string, opts Options) (rs []divergence.Resolution, ps dataset.Problems, err error) {
	lx, err := loadLexicon()
	if err != nil {
		return nil, nil, err
	}
	fail := func(pos dataset.Pos, code, format string, args ...any) {
		ps.Add(code, dataset.Error, pos, "", format, args...)
	}
	file := dataset.Pos{File: path}
	defer func() {
		// As in Import: a reader library that panics on a malformed file
		// must not take the command down.
		if r := recover(); r != nil {
			rs = nil
			fail(file, dataset.CodeFile, "cannot read the file: it is malformed (%v)", r)
		}
	}()
	in, _, err := openInput(path, opts)
	if errors.Is(err, errFolder) {
		fail(file, dataset.CodeFile, "is a folder, not a review workbook")
		return nil, ps, nil
	}
	if err != nil {
		code, msg := inputProblem(err)
		if code == "" {
			code = dataset.CodeFile
		}
		fail(file, code, "%s", msg)
		return nil, ps, nil
	}
	defer in.Close()
	if ext := strings.ToLower(filepath.Ext(path)); ext != ".xlsx" && ext != ".xlsm" {
		fail(file, dataset.CodeFile, "a review is an .xlsx workbook (cpmap divergence --review FILE.xlsx writes one), not a %q file", ext)
		return nil, ps, nil
	}
	limit := opts.MaxUnzipBytes
	if limit <= 0 {
		limit = DefaultMaxUnzipBytes
	}
	f, err := excelize.OpenReader(limitReader(in, opts), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, xlsx.MaxXMLInMemory)})
	if err != nil {
		fail(file, dataset.CodeFile, "cannot open as an .xlsx workbook: %v", err)
		return nil, ps, nil
	}
	defer f.Close()
	ctx := cellCtx{xlsx: true}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		ctx.date1904 = *props.Date1904
	}
	sheet := divergence.ReviewSheet
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		fail(file, dataset.CodeHeader, "the workbook has no sheet %q: it is not a review that cpmap divergence --review wrote", sheet)
		return nil, ps, nil
	}
	rows, err := f.Rows(sheet)
	if err != nil {
		fail(dataset.Pos{File: path, Sheet: sheet}, dataset.CodeFile, "cannot read the sheet: %v", err)
		return nil, ps, nil
	}
	defer rows.Close()

	cols := map[string]int{} // ReviewColumn.Cell → 1-based column
	n := 0
	for rows.Next() {
		n++
		cells, err := rows.Columns(rawValues)
		if err != nil {
			fail(dataset.Pos{File: path, Sheet: sheet, Row: n}, dataset.CodeFile, "cannot read the row: %v", err)
			return nil, ps, nil
		}
		for i := range cells {
			cells[i] = xlsx.Unguard(clean(cells[i]))
		}
		if n == 1 {
			if !reviewHeader(path, cells, cols, &ps) {
				return nil, ps, nil
			}
			continue
		}
		get := func(cell string) string {
			if c := cols[cell]; c > 0 && c <= len(cells) {
				return cells[c-1]
			}
			return ""
		}
		if get("table") == "" && get("record") == "" && get("field") == "" && get("value") == "" {
			continue
		}
		r := divergence.Resolution{
			Table: get("table"), Record: get("record"), Field: get("field"),
			A: get("a"), B: get("b"), Value: get("value"),
			Origin: dataset.Origin{File: path, Sheet: sheet, Row: n, Cols: cols},
		}
		if v, ok := reviewValue(lx, r, ctx, &ps); ok {
			r.Value = v
			rs = append(rs, r)
		}
	}
	if err := rows.Error(); err != nil && !errors.Is(err, io.EOF) {
		fail(dataset.Pos{File: path, Sheet: sheet}, dataset.CodeFile, "reading the sheet: %v", err)
		return nil, ps, nil
	}
	if n == 0 {
		fail(dataset.Pos{File: path, Sheet: sheet, Row: 1}, dataset.CodeHeader, "the sheet is empty; it needs its header row")
		return nil, ps, nil
	}
	ps.Sort()
	return rs, ps, nil
}

// reviewHeader maps the review columns onto the header row's cells, and
// reports each that is missing.
func reviewHeader(path string, cells []string, cols map[string]int, ps *dataset.Problems) bool {
	for i, h := range cells {
		for _, c := range divergence.ReviewColumns {
			if dataset.Fold(h) == dataset.Fold(c.Header) && cols[c.Cell] == 0 {
				cols[c.Cell] = i + 1
			}
		}
	}
	ok := true
	for _, c := range divergence.ReviewColumns {
		if cols[c.Cell] == 0 && c.Cell != "note" {
			ps.Add(dataset.CodeHeader, dataset.Error, dataset.Pos{File: path, Sheet: divergence.ReviewSheet, Row: 1}, "",
				"missing column %q: keep the review sheet's header as cpmap divergence wrote it", c.Header)
			ok = false
		}
	}
	return ok
}

// reviewValue returns the stored form of a row's resolved value, decoded
// as a cell of its field; false, with a problem at the value's cell, when
// it cannot be read.
func reviewValue(lx *lexicon, r divergence.Resolution, ctx cellCtx, ps *dataset.Problems) (string, bool) {
	v := r.Value
	switch {
	case v == "":
		return "", true
	case strings.EqualFold(v, divergence.ResolvedEmpty):
		return divergence.ResolvedEmpty, true
	}
	t := dataset.TableByName(r.Table)
	if t == nil || t.Field(r.Field) == nil {
		return v, true
	}
	f := t.Field(r.Field)
	stored, err := lx.decode(f, v, false, ctx)
	if err == nil {
		return stored, true
	}
	code := dataset.CodeType
	var ce *cellError
	if errors.As(err, &ce) {
		code = ce.code
	}
	ps.AddIn(t.Name, code, dataset.Error, r.Origin.FieldPos("value"), f.Name, "%s %s %s: %v", t.Name, r.Record, f.Name, err)
	return "", false
}
