package bench

import (
	"fmt"
	"io"
	"time"

	"github.com/cpmap/cpmap/internal/xlsx"
)

// The writer below saves a workbook the way Excel and LibreOffice do: every
// text cell refers to the shared-strings table, each sheet declares its real
// dimension (A1:L100001), dates are numbers with a date format. excelize's
// StreamWriter (v2.11.1) writes inline strings and declares every sheet as
// "A1", which some readers take at its word (openpyxl's read-only mode sees
// one cell, csvkit's in2csv one column): such files are no fair test of them.
//
// It streams: rows are made twice, once for the sheets and once for the
// shared strings (which must come after the sheets to be known), so memory
// holds only the table of strings marked as shared, never the rows.

// cellKind says what a cell holds.
type cellKind uint8

const (
	cellEmpty  cellKind = iota // no cell written, as Excel leaves blanks out
	cellShared                 // text from a small vocabulary, stored once
	cellOwn                    // text of this row only (an id, a name): a new table entry
	cellNumber
)

// Cell styles of styles.xml, by index of cellXfs.
const (
	styleGeneral uint8 = iota
	styleDate          // yyyy-mm-dd
	stylePercent       // 0.0%
	styleHeader        // bold
)

type cell struct {
	kind  cellKind
	s     string
	n     float64
	style uint8
}

func sharedCell(s string) cell { return textCell(s, true) }

// textCell returns a text cell, empty for "".
func textCell(s string, shared bool) cell {
	switch {
	case s == "":
		return cell{}
	case shared:
		return cell{kind: cellShared, s: s}
	}
	return cell{kind: cellOwn, s: s}
}

func numberCell(n float64, style uint8) cell { return cell{kind: cellNumber, n: n, style: style} }

// excelEpoch is day 0 of Excel's 1900 date system, as serials after
// February 1900 count.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateCell returns t's day as an Excel date serial with the date style.
func dateCell(t time.Time) cell {
	days := t.Sub(excelEpoch).Hours() / 24
	return numberCell(float64(int64(days)), styleDate)
}

// sheetSpec is one sheet: a header row and rows made on demand. fill must
// give the same cells for the same row every time it is called.
type sheetSpec struct {
	name   string
	header []string
	rows   int
	fill   func(row int, cells []cell)
}

// stringTable numbers the shared-strings table in order of first appearance:
// shared text once, own text at every appearance.
type stringTable struct {
	index map[string]int
	n     int // entries so far
	refs  int // text cells so far
}

func (t *stringTable) add(c cell) int {
	t.refs++
	if c.kind == cellShared {
		if i, ok := t.index[c.s]; ok {
			return i
		}
		t.index[c.s] = t.n
	}
	t.n++
	return t.n - 1
}

// writeXLSX writes the sheets as one workbook to w.
func writeXLSX(w io.Writer, sheets []sheetSpec) error {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = s.name
	}
	xw, err := xlsx.NewWriter(w, names, stylesXML)
	if err != nil {
		return err
	}
	st := &stringTable{index: map[string]int{}}
	for _, s := range sheets {
		dim := "A1:" + xlsx.CellName(len(s.header), s.rows+1)
		if err := xw.Sheet(dim, true, func(d *xlsx.SheetData) error { return writeSheet(d, s, st) }); err != nil {
			return err
		}
	}
	if err := xw.SharedStrings(st.refs, st.n, func(sw *xlsx.SharedStringsWriter) error { return writeStrings(sw, sheets, st) }); err != nil {
		return err
	}
	return xw.Close()
}

// writeSheet writes the rows of a sheet, its header first.
func writeSheet(d *xlsx.SheetData, s sheetSpec, st *stringTable) error {
	cells := make([]cell, len(s.header))
	for r := 0; r <= s.rows; r++ {
		if r == 0 {
			for j, h := range s.header {
				cells[j] = cell{kind: cellShared, s: h, style: styleHeader}
			}
		} else {
			clear(cells)
			s.fill(r-1, cells)
		}
		d.StartRow(r+1, len(cells))
		for j, c := range cells {
			switch c.kind {
			case cellEmpty:
			case cellNumber:
				d.Float(j+1, int(c.style), c.n)
			default:
				d.Shared(j+1, int(c.style), st.add(c))
			}
		}
		d.EndRow()
	}
	return nil
}

// writeStrings writes the shared-strings table, making every row again to
// find the text in the order writeSheet numbered it.
func writeStrings(sw *xlsx.SharedStringsWriter, sheets []sheetSpec, st *stringTable) error {
	next := 0
	for _, s := range sheets {
		cells := make([]cell, len(s.header))
		for r := 0; r <= s.rows; r++ {
			if r == 0 {
				for j, h := range s.header {
					cells[j] = cell{kind: cellShared, s: h}
				}
			} else {
				clear(cells)
				s.fill(r-1, cells)
			}
			for _, c := range cells {
				switch c.kind {
				case cellShared:
					if st.index[c.s] != next {
						continue // written at its first appearance
					}
				case cellOwn:
				default:
					continue
				}
				next++
				if err := sw.Add(c.s); err != nil {
					return err
				}
			}
		}
	}
	if next != st.n {
		return fmt.Errorf("made %d strings, numbered %d: a sheet's rows are not the same when made again", next, st.n)
	}
	return nil
}

// stylesXML holds the cell styles in the order of the style constants
// (the styles part, without its XML declaration).
const stylesXML = `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
	`<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>` +
	`<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
	`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
	`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
	`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
	`<cellXfs count="4">` +
	`<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
	`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
	`<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>` +
	`</cellXfs>` +
	`<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
	`</styleSheet>`
