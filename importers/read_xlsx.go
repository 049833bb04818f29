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
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// readXLSX reads every sheet of a workbook. excelize reads the workbook's
// sheets, their visibility and its styles; the rows are streamed from each
// worksheet's part of the zip by sheetRows (xlsx_rows.go), with their raw
// cell values (never the formatted text, whose dates and numbers depend on
// the locale that wrote it): the field a column is read into decides what
// a value means.
func (im *importer) readXLSX(path string, r io.ReaderAt, size int64, rep *FileReport) {
	fail := func(format string, args ...any) {
		im.ps.Add(dataset.CodeFile, dataset.Error, dataset.Pos{File: path}, "", format, args...)
	}
	limit := im.opts.MaxUnzipBytes
	if limit <= 0 {
		limit = DefaultMaxUnzipBytes
	}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		fail("cannot open as an .xlsx workbook: it is not a valid zip file (%v); save it again from Excel as .xlsx", unwrapPath(err))
		return
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
	}
	if total > uint64(limit) {
		fail("the workbook unpacks to more than %s; it is refused as a precaution", mib(limit))
		return
	}
	parts := xlsx.NewParts(zr, limit)
	sheetPaths, sstPart, err := parts.WorkbookParts()
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	skeleton, err := parts.Skeleton(append(slices.Collect(maps.Values(sheetPaths)), sstPart))
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	f, err := excelize.OpenReader(bytes.NewReader(skeleton), excelize.Options{UnzipSizeLimit: limit, UnzipXMLSizeLimit: min(limit, xlsx.MaxXMLInMemory)})
	if err != nil {
		fail("cannot open as an .xlsx workbook: %v", err)
		return
	}
	defer f.Close()
	ctx := cellCtx{xlsx: true}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		ctx.date1904 = *props.Date1904
	}
	pct := xlsx.PercentStyles(f)
	var sst *xlsx.SharedStrings // read with the first sheet that has rows
	defer func() {
		if err := sst.Close(); err != nil {
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
			read := func(r io.Reader) (*xlsx.SharedStrings, error) {
				return xlsx.ReadSharedStringsIn(r, im.opts.TempDir, dataset.TempPattern(sharedStringsPrefix))
			}
			if sst, err = xlsx.ReadPart(parts, sstPart, read); err != nil {
				fail("cannot read the workbook's shared strings: %v", err)
				return
			}
		}
		sc, err := xlsx.ReadPart(parts, part, xlsx.ScanSheet)
		if err != nil {
			im.ps.Add(dataset.CodeFile, dataset.Error, pos, "", "cannot read the sheet: %v", err)
			sr.Skip = "unreadable"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		for _, ref := range sc.Huge {
			im.ps.Add(dataset.CodeFile, dataset.Warning, pos, "", "merged range %s covers more than %d cells: it is not resolved", ref, xlsx.MaxMergeCells)
		}
		rc, err := parts.Open(part)
		if err != nil {
			im.ps.Add(dataset.CodeFile, dataset.Error, pos, "", "cannot read the sheet: %v", err)
			sr.Skip = "unreadable"
			rep.Sheets = append(rep.Sheets, sr)
			continue
		}
		rows := xlsx.NewRows(rc, sst, pct)
		xr := &xlsxRows{rows: rows, merges: sc.Merges}
		src := &source{
			file: path, sheet: name, ctx: ctx, next: xr.next, total: sc.LastRow,
			tableHint: name, uncomputed: func() [][2]int { return xr.uncomputed },
		}
		if len(pct) > 0 {
			src.percent = rows.Percent
		}
		stop := func() {}
		if sc.LastRow >= readAheadRows {
			stop = readAhead(src)
		}
		im.readSheet(src, &sr)
		stop()
		rc.Close()
		rep.Sheets = append(rep.Sheets, sr)
	}
}

// xlsxRows streams a sheet's rows, raw values, with merged ranges resolved:
// every cell of a merged range reads as its top-left cell.
type xlsxRows struct {
	rows    *xlsx.Rows
	n       int
	merges  []xlsx.MergeRange // sorted by first row
	pending int               // the first merge not yet reached
	active  []activeMerge
	// uncomputed are the cells, {row, column}, holding a formula with no
	// stored result, of the rows read.
	uncomputed [][2]int
}

type activeMerge struct {
	m xlsx.MergeRange
	v string
}

// rawValues asks excelize for stored values, not formatted ones (for the
// review workbooks of resolve.go, read with excelize).
var rawValues = excelize.Options{RawCellValue: true}

func (x *xlsxRows) next() ([]string, int, error) {
	cells, n, err := x.rows.Next()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, n, fmt.Errorf("row %d: %w", n, err)
	}
	x.n = n
	for _, c := range x.rows.Uncomputed(n) {
		if len(x.uncomputed) < maxUncomputed {
			x.uncomputed = append(x.uncomputed, [2]int{n, c})
		}
	}
	return x.fill(cells), x.n, nil
}

// fill copies the top-left value of every merged range that covers this row
// into the range's other cells of the row.
func (x *xlsxRows) fill(cells []string) []string {
	for x.pending < len(x.merges) && x.merges[x.pending].R1 <= x.n {
		m := x.merges[x.pending]
		x.pending++
		if m.R2 < x.n || m.C1 > maxColumns {
			continue
		}
		v := ""
		if m.R1 == x.n && m.C1 <= len(cells) {
			v = cells[m.C1-1]
		}
		x.active = append(x.active, activeMerge{m, v})
	}
	if len(x.active) == 0 {
		return cells
	}
	keep := x.active[:0]
	for _, a := range x.active {
		if a.v != "" {
			last := min(a.m.C2, maxColumns)
			for len(cells) < last {
				cells = append(cells, "")
			}
			for c := a.m.C1; c <= last; c++ {
				if x.n == a.m.R1 && c == a.m.C1 {
					continue
				}
				cells[c-1] = a.v
			}
		}
		if a.m.R2 > x.n {
			keep = append(keep, a)
		}
	}
	x.active = keep
	return cells
}

// maxUncomputed bounds the formula cells without a result a sheet keeps to
// report.
const maxUncomputed = 1000

// sheetLabel is how progress and messages name a sheet.
func sheetLabel(file, sheet string) string {
	if sheet == "" {
		return file
	}
	return fmt.Sprintf("%s:'%s'", file, strings.ReplaceAll(sheet, "'", "''"))
}
