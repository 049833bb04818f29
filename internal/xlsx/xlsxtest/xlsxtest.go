package xlsxtest

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is a worksheet of a workbook that Write writes.
type Sheet struct {
	Name   string
	Rows   [][]any // from A1; nil cells stay empty
	Hidden bool
	Merges [][2]string               // top-left and bottom-right cells of merged ranges
	Styles map[string]excelize.Style // cell → style
	// Formulas are cells holding a formula, written with no stored result.
	Formulas map[string]string
}

// Write writes a workbook of sheets with excelize into dir and returns its
// file name. The first sheet takes the place of excelize's Sheet1.
func Write(t testing.TB, dir, name string, sheets ...Sheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.Name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.Name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, err := excelize.CoordinatesToCellName(c+1, r+1)
				if err != nil {
					t.Fatal(err)
				}
				if err := f.SetCellValue(s.Name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
		for cell, fm := range s.Formulas {
			if err := f.SetCellFormula(s.Name, cell, fm); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.Merges {
			if err := f.MergeCell(s.Name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
		for cell, st := range s.Styles {
			id, err := f.NewStyle(&st)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle(s.Name, cell, cell, id); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, s := range sheets {
		if s.Hidden {
			if err := f.SetSheetVisible(s.Name, false); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return name
}

// ReplacePart copies the workbook src to dst, with the part named part (such
// as xl/worksheets/sheet1.xml) holding content instead; the other parts are
// copied as they are, in their order.
func ReplacePart(t testing.TB, src, dst, part, content string) {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			w.Write([]byte(content))
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		w.Write(b.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
