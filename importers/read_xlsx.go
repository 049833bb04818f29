package importers

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/xuri/excelize/v2"
)

// maxXMLInMemory is the largest part of a workbook excelize keeps in
// memory; larger ones go to temporary files, so that memory does not grow
// with the size of a sheet.
const maxXMLInMemory = 16 << 20

// readXLSX reads every sheet of a workbook. excelize reads the workbook's
// sheets, their visibility and its styles; the rows are streamed from each
// worksheet's part of the zip by sheetRows (xlsx_rows.go), with their raw
// cell values (never the formatted text, whose dates and numbers depend on
// the locale that wrote it): the field a column is read into decides what
// a value means.
func (im *importer) readXLSX(path string, rep *FileReport) {
	fail := func(format string, args ...any) {
		im.ps.Add(dataset.CodeFile, dataset.Error, dataset.Pos{File: path}, "", format, args...)
	}
	limit := im.opts.MaxUnzipBytes
	if limit <= 0 {
		limit = DefaultMaxUnzipBytes
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		fail("cannot open as an .xlsx workbook: it is not a valid zip file (%v); save it again from Excel as .xlsx", unwrapPath(err))
		return
	}
	defer zr.Close()
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > uint64(limit) {
		fail("the workbook unpacks to more than %s; it is refused as a precaution", mib(limit))
		return
	}
	parts := newZipParts(&zr.Reader, limit)
	sheetPaths, sstPart, err := parts.workbookParts()
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	skeleton, err := parts.skeleton(append(slices.Collect(maps.Values(sheetPaths)), sstPart))
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	f, err := excelize.OpenReader(bytes.NewReader(skeleton), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, maxXMLInMemory)})
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	defer f.Close()
	ctx := cellCtx{xlsx: true}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		ctx.date1904 = *props.Date1904
	}
	pct := percentStyles(f)
	var sst *sharedStrings // read with the first sheet that has rows
	defer func() {
		if err := sst.close(); err != nil {
			im.ps.Add(dataset.CodeFile, dataset.Warning, dataset.Pos{File: path}, "", "cannot remove the temporary files of the shared strings: %v", err)
		}
	}()
	sstRead := false
	for _, name := range f.GetSheetList() {
		sr := SheetReport{Name: name}
		visible, _ := f.GetSheetVisible(name)
		switch {
		case !visible:
			sr.Skip = "hidden sheet"
		case im.lx.sheetMarker("instructions", name):
			sr.Skip = "instructions"
		case im.lx.sheetMarker("lists", name):
			sr.Skip = "drop-down lists"
		}
		if sr.Skip != "" {
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		pos := dataset.Pos{File: path, Sheet: name}
		part, ok := sheetPaths[name]
		if !ok {
			// A chart sheet or a dialog sheet has no rows.
			sr.Skip = "not a worksheet"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		if !sstRead && sstPart != "" {
			sstRead = true
			read := func(r io.Reader) (*sharedStrings, error) { return readSharedStrings(r, im.opts.TempDir) }
			if sst, err = readPart(parts, sstPart, read); err != nil {
				fail("cannot read the workbook's shared strings: %v", err)
				return
			}
		}
		sc, err := readPart(parts, part, scanSheet)
		if err != nil {
			im.ps.Add(dataset.CodeFile, dataset.Error, pos, "", "cannot read the sheet: %v", err)
			sr.Skip = "unreadable"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		for _, ref := range sc.huge {
			im.ps.Add(dataset.CodeFile, dataset.Warning, pos, "", "merged range %s covers more than %d cells: it is not resolved", ref, maxMergeCells)
		}
		rc, err := parts.open(part)
		if err != nil {
			im.ps.Add(dataset.CodeFile, dataset.Error, pos, "", "cannot read the sheet: %v", err)
			sr.Skip = "unreadable"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		rows := newSheetRows(rc, sst, pct)
		xr := &xlsxRows{rows: rows, merges: sc.merges}
		src := &source{
			file: path, sheet: name, ctx: ctx, next: xr.next, total: sc.lastRow,
			tableHint: name,
		}
		if len(pct) > 0 {
			src.percent = rows.percent
		}
		stop := func() {}
		if sc.lastRow >= readAheadRows {
			stop = readAhead(src)
		}
		im.readSheet(src, &sr)
		stop()
		rc.Close()
		rep.Sheets = append(rep.Sheets, sr)
	}
}

// skeleton returns the workbook as a zip without the given parts (its
// worksheets and shared strings, which are read here, not by excelize),
// so that excelize, which unpacks every part when it opens a workbook,
// reads only the small parts it is asked about: the sheets, their
// visibility, the styles. The parts kept are copied still compressed.
func (z *zipParts) skeleton(leave []string) ([]byte, error) {
	skip := map[string]bool{}
	for _, p := range leave {
		skip[p] = true
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range z.zr.File {
		if skip[strings.TrimPrefix(f.Name, "/")] {
			continue
		}
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			return nil, err
		}
		if _, err := io.Copy(w, r); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// readPart reads a part of the workbook with read.
func readPart[T any](parts *zipParts, part string, read func(io.Reader) (T, error)) (T, error) {
	rc, err := parts.open(part)
	if err != nil {
		var zero T
		return zero, err
	}
	defer rc.Close()
	return read(rc)
}

// percentStyles returns the cell styles whose number format is a
// percentage: the built-in 0% and 0.00%, or a custom format with a '%'
// outside quotes; nil when there are none.
func percentStyles(f *excelize.File) map[int]bool {
	out := map[int]bool{}
	for i := 0; i < excelize.MaxCellStyles; i++ {
		st, err := f.GetStyle(i)
		if err != nil || st == nil {
			break
		}
		if st.NumFmt == 9 || st.NumFmt == 10 || st.CustomNumFmt != nil && isPercentFormat(*st.CustomNumFmt) {
			out[i] = true
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// isPercentFormat reports whether a number format code shows a percentage:
// it has a '%' that is not quoted or escaped.
func isPercentFormat(code string) bool {
	quoted := false
	for i := 0; i < len(code); i++ {
		switch code[i] {
		case '"':
			quoted = !quoted
		case '\\':
			i++
		case '%':
			if !quoted {
				return true
			}
		}
	}
	return false
}

// xlsxRows streams a sheet's rows, raw values, with merged ranges resolved:
// every cell of a merged range reads as its top-left cell.
type xlsxRows struct {
	rows    *sheetRows
	n       int
	merges  []mergeRange // sorted by first row
	pending int          // the first merge not yet reached
	active  []activeMerge
}

type activeMerge struct {
	m mergeRange
	v string
}

// rawValues asks excelize for stored values, not formatted ones (for the
// review workbooks of resolve.go, read with excelize).
var rawValues = excelize.Options{RawCellValue: true}

func (x *xlsxRows) next() ([]string, int, error) {
	cells, n, err := x.rows.next()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, n, fmt.Errorf("row %d: %w", n, err)
	}
	x.n = n
	return x.fill(cells), x.n, nil
}

// fill copies the top-left value of every merged range that covers this row
// into the range's other cells of the row.
func (x *xlsxRows) fill(cells []string) []string {
	for x.pending < len(x.merges) && x.merges[x.pending].r1 <= x.n {
		m := x.merges[x.pending]
		x.pending++
		if m.r2 < x.n || m.c1 > maxColumns {
			continue
		}
		v := ""
		if m.r1 == x.n && m.c1 <= len(cells) {
			v = cells[m.c1-1]
		}
		x.active = append(x.active, activeMerge{m, v})
	}
	if len(x.active) == 0 {
		return cells
	}
	keep := x.active[:0]
	for _, a := range x.active {
		if a.v != "" {
			last := min(a.m.c2, maxColumns)
			for len(cells) < last {
				cells = append(cells, "")
			}
			for c := a.m.c1; c <= last; c++ {
				if x.n == a.m.r1 && c == a.m.c1 {
					continue
				}
				cells[c-1] = a.v
			}
		}
		if a.m.r2 > x.n {
			keep = append(keep, a)
		}
	}
	x.active = keep
	return cells
}

// sheetLabel is how progress and messages name a sheet.
func sheetLabel(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return fmt.Sprintf("%s:'%s'", file, strings.ReplaceAll(sheet, "'", "''"))
}
