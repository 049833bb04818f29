package dataset

import (
	"slices"
	"strconv"
	"strings"
)

// Pos is where a value came from, 1-based as a spreadsheet user reads it.
// Sheet is empty for CSV files. Row or Col may be 0 when unknown.
type Pos struct {
	File  string
	Sheet string
	Row   int
	Col   int
}

// String prints the position the way a spreadsheet user reads it:
// laws.xlsx:'Legal reforms'!C14 for a workbook cell, poland.csv:14:3 for a CSV
// cell, with the parts that are unknown left out.
func (p Pos) String() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Sheet != "" {
		b.WriteString(":'")
		b.WriteString(strings.ReplaceAll(p.Sheet, "'", "''"))
		b.WriteString("'")
		switch {
		case p.Row > 0 && p.Col > 0:
			b.WriteString("!" + ColumnName(p.Col) + strconv.Itoa(p.Row))
		case p.Row > 0:
			b.WriteString("!" + strconv.Itoa(p.Row) + ":" + strconv.Itoa(p.Row))
		case p.Col > 0:
			b.WriteString("!" + ColumnName(p.Col) + ":" + ColumnName(p.Col))
		}
		return b.String()
	}
	if p.Row > 0 {
		b.WriteString(":" + strconv.Itoa(p.Row))
		if p.Col > 0 {
			b.WriteString(":" + strconv.Itoa(p.Col))
		}
	}
	return b.String()
}

// IsZero reports whether nothing is known of the position.
func (p Pos) IsZero() bool { return p == Pos{} }

// Compare orders positions by file, sheet, row and column.
func (p Pos) Compare(q Pos) int {
	if c := strings.Compare(p.File, q.File); c != 0 {
		return c
	}
	if c := strings.Compare(p.Sheet, q.Sheet); c != 0 {
		return c
	}
	if p.Row != q.Row {
		return p.Row - q.Row
	}
	return p.Col - q.Col
}

// ColumnName returns the spreadsheet letters of a 1-based column: 1 → A, 27 → AA.
func ColumnName(col int) string {
	if col < 1 {
		return ""
	}
	var buf [14]byte // 26^14 > math.MaxInt64: room for any int
	i := len(buf)
	for col > 0 {
		col--
		i--
		buf[i] = byte('A' + col%26)
		col /= 26
	}
	return string(buf[i:])
}

// Origin records where a record came from: the row of a file (and sheet),
// and the source column of each of its fields. Cols is shared by all records
// read from one table and must not be modified. Cleared names the fields
// whose cells held the clear marker: an empty value of any other field means
// "not given", and merging keeps the stored value (MergeInto).
type Origin struct {
	File    string
	Sheet   string
	Row     int
	Cols    map[string]int
	Cleared []string
}

// Clears reports whether the record's cell of field says to clear its value.
func (o Origin) Clears(field string) bool { return slices.Contains(o.Cleared, field) }

// Pos returns the position of the record's row.
func (o Origin) Pos() Pos { return Pos{File: o.File, Sheet: o.Sheet, Row: o.Row} }

// FieldPos returns the position of one field's cell, or of the row when the
// field's column is not known.
func (o Origin) FieldPos(field string) Pos {
	p := o.Pos()
	p.Col = o.Cols[field]
	return p
}
