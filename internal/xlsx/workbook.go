package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxXMLInMemory is the largest part of a workbook excelize keeps in
// memory; larger ones go to temporary files, so that memory does not grow
// with the size of a sheet.
const MaxXMLInMemory = 16 << 20

// Skeleton returns the workbook as a zip without the given parts (its
// worksheets and shared strings, which are read here, not by excelize),
// so that excelize, which unpacks every part when it opens a workbook,
// reads only the small parts it is asked about: the sheets, their
// visibility, the styles. The parts kept are copied still compressed.
func (z *Parts) Skeleton(leave []string) ([]byte, error) {
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

// ReadPart reads a part of the workbook with read.
func ReadPart[T any](parts *Parts, part string, read func(io.Reader) (T, error)) (T, error) {
	rc, err := parts.Open(part)
	if err != nil {
		var zero T
		return zero, err
	}
	defer rc.Close()
	return read(rc)
}

// PercentStyles returns the cell styles whose number format is a
// percentage: the built-in 0% and 0.00%, or a custom format with a '%'
// outside quotes; nil when there are none.
func PercentStyles(f *excelize.File) map[int]bool {
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
