package dataset

import (
	"math"
	"slices"
	"testing"
)

func TestPosString(t *testing.T) {
	tests := []struct {
		name string
		pos  Pos
		want string
	}{
		{"xlsx cell", Pos{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14, Col: 3}, "laws.xlsx:'Legal reforms'!C14"},
		{"xlsx sheet with an apostrophe", Pos{File: "laws.xlsx", Sheet: "Children's rights", Row: 2, Col: 28}, "laws.xlsx:'Children''s rights'!AB2"},
		{"xlsx row only", Pos{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14}, "laws.xlsx:'Legal reforms'!14:14"},
		{"xlsx column only", Pos{File: "laws.xlsx", Sheet: "Legal reforms", Col: 3}, "laws.xlsx:'Legal reforms'!C:C"},
		{"xlsx sheet only", Pos{File: "laws.xlsx", Sheet: "Legal reforms"}, "laws.xlsx:'Legal reforms'"},
		{"CSV cell", Pos{File: "poland.csv", Row: 14, Col: 3}, "poland.csv:14:3"},
		{"CSV row only", Pos{File: "poland.csv", Row: 14}, "poland.csv:14"},
		{"CSV column without a row", Pos{File: "poland.csv", Col: 3}, "poland.csv"},
		{"file only", Pos{File: "poland.csv"}, "poland.csv"},
		{"unicode file name", Pos{File: "łotwa.csv", Row: 2, Col: 1}, "łotwa.csv:2:1"},
		{"nothing", Pos{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.pos.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
			}
		})
	}
}

func TestColumnName(t *testing.T) {
	tests := []struct {
		col  int
		want string
	}{
		{1, "A"}, {2, "B"}, {26, "Z"}, {27, "AA"}, {28, "AB"}, {52, "AZ"}, {53, "BA"},
		{702, "ZZ"}, {703, "AAA"}, {16384, "XFD"},
		{(26*26*26*26*26*26*26*26*26 - 1) / 25, "AAAAAAAAA"}, // 1+26+…+26⁸: nine letters
		{0, ""}, {-1, ""},
	}
	for _, tt := range tests {
		if got := ColumnName(tt.col); got != tt.want {
			t.Errorf("ColumnName(%d) = %q, want %q", tt.col, got, tt.want)
		}
	}
}

func TestColumnNameHuge(t *testing.T) {
	// Every int has a name; none makes ColumnName panic.
	got := ColumnName(math.MaxInt)
	if got == "" {
		t.Fatal("ColumnName(MaxInt) is empty")
	}
	for _, c := range got {
		if c < 'A' || c > 'Z' {
			t.Fatalf("ColumnName(MaxInt) = %q: not letters", got)
		}
	}
}

func TestPosIsZero(t *testing.T) {
	if !(Pos{}).IsZero() {
		t.Error("Pos{}.IsZero() = false")
	}
	if (Pos{Col: 1}).IsZero() {
		t.Error("Pos{Col: 1}.IsZero() = true")
	}
}

func TestPosCompare(t *testing.T) {
	// Already in order: file, then sheet, then row, then column.
	want := []Pos{
		{},
		{File: "a.csv", Row: 2, Col: 9},
		{File: "a.csv", Row: 10, Col: 1},
		{File: "a.csv", Row: 10, Col: 2},
		{File: "a.xlsx", Sheet: "A", Row: 99},
		{File: "a.xlsx", Sheet: "B", Row: 1},
		{File: "b.csv", Row: 1},
	}
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, Pos.Compare)
	if !slices.Equal(got, want) {
		t.Errorf("sorted positions = %v, want %v", got, want)
	}
	for _, p := range want {
		if c := p.Compare(p); c != 0 {
			t.Errorf("%v.Compare(itself) = %d", p, c)
		}
	}
}

func TestOriginPos(t *testing.T) {
	o := Origin{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14, Cols: map[string]int{"status": 3}}
	if got, want := o.Pos().String(), "laws.xlsx:'Legal reforms'!14:14"; got != want {
		t.Errorf("Pos() = %q, want %q", got, want)
	}
	if got, want := o.FieldPos("status").String(), "laws.xlsx:'Legal reforms'!C14"; got != want {
		t.Errorf("FieldPos(status) = %q, want %q", got, want)
	}
	if got, want := o.FieldPos("notes"), o.Pos(); got != want {
		t.Errorf("FieldPos(unknown field) = %v, want the row %v", got, want)
	}
	if got := (Origin{}).FieldPos("status"); !got.IsZero() {
		t.Errorf("Origin{}.FieldPos = %v, want zero", got)
	}
}
