package xlsx

import (
	"archive/zip"
	"bytes"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// testLimit bounds what a test workbook may unpack to.
const testLimit = 1 << 30

// rawValues asks excelize for stored values, not formatted ones.
var rawValues = excelize.Options{RawCellValue: true}

// zipReader reads a zip in memory.
func zipReader(data []byte) (*zip.Reader, error) {
	return zip.NewReader(bytes.NewReader(data), int64(len(data)))
}

func utf8Valid(s string) bool { return utf8.ValidString(s) }
