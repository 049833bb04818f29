package xlsx

import (
	"fmt"
	"strconv"
)

// Cell references: a cell is named by its column's letters and its row's
// number, both 1-based, as a spreadsheet user reads them: C14 is column 3,
// row 14.

// ColumnName returns the letters of a 1-based column: 1 → A, 27 → AA; ""
// for a column before the first.
func ColumnName(col int) string {
	return string(appendColumnName(nil, col))
}

// appendColumnName appends the letters of a 1-based column to dst.
func appendColumnName(dst []byte, col int) []byte {
	if col < 1 {
		return dst
	}
	var buf [14]byte // 26^14 > math.MaxInt64: room for any int
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return append(dst, buf[i:]...)
}

// CellName returns the name of the cell at a 1-based column and row: C14.
func CellName(col, row int) string {
	return string(AppendCellName(nil, col, row))
}

// AppendCellName appends the name of the cell at a 1-based column and row
// to dst.
func AppendCellName(dst []byte, col, row int) []byte {
	return strconv.AppendInt(appendColumnName(dst, col), int64(row), 10)
}

// ParseCell returns the 1-based column and row of a cell name such as C14
// or $C$14.
func ParseCell(name string) (col, row int, err error) {
	col, row, ok := ParseCellRef([]byte(name))
	if !ok || col > MaxColumns || row > MaxRows {
		return 0, 0, fmt.Errorf("bad cell reference %q", name)
	}
	return col, row, nil
}

// ParseCellRef reads a cell reference such as B12 (or $B$12): its column
// and row. It reports false for anything else; the column and row may be
// past the last of a sheet.
func ParseCellRef(b []byte) (col, row int, ok bool) {
	i := 0
	if i < len(b) && b[i] == '$' {
		i++
	}
	for ; i < len(b); i++ {
		c := b[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a') + 1
		if col > 1<<20 {
			return 0, 0, false
		}
	}
	if i < len(b) && b[i] == '$' {
		i++
	}
	start := i
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(b[i]-'0')
		if row > 1<<21 {
			return 0, 0, false
		}
	}
	return col, row, col > 0 && row > 0 && i > start
}
