package xlsx

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// testLimit bounds what a test workbook may unpack to.
const testLimit = 1 << 30

// rawValues asks excelize for stored values, not formatted ones.
var rawValues = excelize.Options{RawCellValue: true}

// testSheet is a sheet of a workbook that writeXLSX writes.
type testSheet struct {
	name string
	rows [][]any // from A1; nil cells stay empty
}

// writeXLSX writes a workbook with excelize into dir and returns its file
// name.
func writeXLSX(t *testing.T, dir, name string, sheets ...testSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				if err := f.SetCellValue(s.name, CellName(c+1, r+1), v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, name)); err != nil {
		t.Fatal(err)
	}
	return name
}

// replacePart copies a workbook, replacing one part.
func replacePart(t *testing.T, src, dst, part, content string) {
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

// zipReader reads a zip in memory.
func zipReader(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
