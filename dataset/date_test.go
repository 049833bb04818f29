package dataset

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string // String of the parsed date
		prec    Precision
		y, m, d int
		wantErr string // substring of the error; "" for no error
	}{
		{name: "year", in: "1979", want: "1979", prec: PrecisionYear, y: 1979},
		{name: "month", in: "1979-07", want: "1979-07", prec: PrecisionMonth, y: 1979, m: 7},
		{name: "day", in: "1979-07-01", want: "1979-07-01", prec: PrecisionDay, y: 1979, m: 7, d: 1},
		{name: "empty is missing", in: "", want: "", prec: PrecisionNone},
		{name: "leap day", in: "2024-02-29", want: "2024-02-29", prec: PrecisionDay, y: 2024, m: 2, d: 29},
		{name: "leap day 2000", in: "2000-02-29", want: "2000-02-29", prec: PrecisionDay, y: 2000, m: 2, d: 29},
		{name: "first year", in: "1000", want: "1000", prec: PrecisionYear, y: 1000},
		{name: "last day", in: "9999-12-31", want: "9999-12-31", prec: PrecisionDay, y: 9999, m: 12, d: 31},
		{name: "two-digit year", in: "79", wantErr: "is not a date"},
		{name: "month 13", in: "1979-13", wantErr: "month 13 out of range"},
		{name: "month 0", in: "1979-00", wantErr: "month 0 out of range"},
		{name: "30 February", in: "1979-02-30", wantErr: "day 30 out of range"},
		{name: "29 February, not leap", in: "2023-02-29", wantErr: "day 29 out of range"},
		{name: "29 February 1900", in: "1900-02-29", wantErr: "day 29 out of range"},
		{name: "31 April", in: "1979-04-31", wantErr: "day 31 out of range"},
		{name: "day 0", in: "1979-07-00", wantErr: "day 0 out of range"},
		{name: "one-digit month", in: "1979-7", wantErr: "is not a date"},
		{name: "one-digit day", in: "1979-07-1", wantErr: "is not a date"},
		{name: "leading space", in: " 1979", wantErr: "is not a date"},
		{name: "trailing space", in: "1979 ", wantErr: "is not a date"},
		{name: "time of day", in: "1979-07-01T00:00", wantErr: "is not a date"},
		{name: "year 999", in: "0999", wantErr: "year 999 out of range"},
		{name: "year 0", in: "0000", wantErr: "year 0 out of range"},
		{name: "signed year", in: "+979", wantErr: "is not a date"},
		{name: "negative month", in: "1979--7", wantErr: "is not a date"},
		{name: "slashes", in: "1979/07/01", wantErr: "is not a date"},
		{name: "day first", in: "01-07-1979", wantErr: "is not a date"},
		{name: "dots", in: "01.07.1979", wantErr: "is not a date"},
		{name: "non-ASCII digits", in: "١٩٧٩", wantErr: "is not a date"},
		{name: "words", in: "July", wantErr: "is not a date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseDate(tt.in)
			if tt.wantErr != "" {
				if err == nil {
					t.Fatalf("ParseDate(%q) = %v, want an error containing %q", tt.in, got, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("ParseDate(%q) error = %q, want it to contain %q", tt.in, err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.in) {
					t.Errorf("ParseDate(%q) error = %q, want it to quote the input", tt.in, err)
				}
				if !got.IsZero() {
					t.Errorf("ParseDate(%q) = %v with an error, want the zero Date", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseDate(%q) error: %v", tt.in, err)
			}
			if s := got.String(); s != tt.want {
				t.Errorf("ParseDate(%q).String() = %q, want %q", tt.in, s, tt.want)
			}
			if p := got.Precision(); p != tt.prec {
				t.Errorf("ParseDate(%q).Precision() = %d, want %d", tt.in, p, tt.prec)
			}
			if got.Year() != tt.y || got.Month() != tt.m || got.Day() != tt.d {
				t.Errorf("ParseDate(%q) = %d-%d-%d, want %d-%d-%d", tt.in, got.Year(), got.Month(), got.Day(), tt.y, tt.m, tt.d)
			}
			if z := got.IsZero(); z != (tt.in == "") {
				t.Errorf("ParseDate(%q).IsZero() = %v", tt.in, z)
			}
		})
	}
}

func TestDateStringRoundTrip(t *testing.T) {
	for _, s := range []string{"", "1979", "1979-07", "1979-07-01", "2024-02-29", "1000-01-01", "9999-12"} {
		t.Run(s, func(t *testing.T) {
			d := MustDate(s)
			if got := d.String(); got != s {
				t.Errorf("String() = %q, want %q", got, s)
			}
			again, err := ParseDate(d.String())
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", d.String(), err)
			}
			if again != d {
				t.Errorf("ParseDate(String()) = %#v, want %#v", again, d)
			}
			b, err := d.MarshalText()
			if err != nil || string(b) != s {
				t.Errorf("MarshalText() = %q, %v, want %q", b, err, s)
			}
			var u Date
			if err := u.UnmarshalText([]byte(s)); err != nil || u != d {
				t.Errorf("UnmarshalText(%q) = %#v, %v, want %#v", s, u, err, d)
			}
		})
	}
}

func TestDateUnmarshalTextError(t *testing.T) {
	d := MustDate("1979")
	if err := d.UnmarshalText([]byte("1979-13")); err == nil {
		t.Fatal("UnmarshalText(1979-13): no error")
	}
	if d != MustDate("1979") {
		t.Errorf("UnmarshalText with an error changed the date to %v", d)
	}
}

func TestNewDate(t *testing.T) {
	tests := []struct {
		name    string
		y, m, d int
		p       Precision
		want    string
		wantErr bool
	}{
		{name: "none ignores everything", y: 0, m: 99, d: 99, p: PrecisionNone, want: ""},
		{name: "year ignores month and day", y: 1979, m: 99, d: 99, p: PrecisionYear, want: "1979"},
		{name: "month ignores day", y: 1979, m: 7, d: 99, p: PrecisionMonth, want: "1979-07"},
		{name: "day", y: 1979, m: 7, d: 1, p: PrecisionDay, want: "1979-07-01"},
		{name: "year 10000", y: 10000, p: PrecisionYear, wantErr: true},
		{name: "month 13", y: 1979, m: 13, p: PrecisionMonth, wantErr: true},
		{name: "31 June", y: 1979, m: 6, d: 31, p: PrecisionDay, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NewDate(tt.y, tt.m, tt.d, tt.p)
			if (err != nil) != tt.wantErr {
				t.Fatalf("NewDate(%d, %d, %d, %d) error = %v, want error %v", tt.y, tt.m, tt.d, tt.p, err, tt.wantErr)
			}
			if err == nil && got.String() != tt.want {
				t.Errorf("NewDate(%d, %d, %d, %d) = %q, want %q", tt.y, tt.m, tt.d, tt.p, got, tt.want)
			}
		})
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestDateStartEnd(t *testing.T) {
	tests := []struct {
		in         string
		start, end time.Time
	}{
		{"", time.Time{}, time.Time{}},
		{"1979", day(1979, 1, 1), day(1979, 12, 31)},
		{"1979-07", day(1979, 7, 1), day(1979, 7, 31)},
		{"1979-06", day(1979, 6, 1), day(1979, 6, 30)},
		{"1979-12", day(1979, 12, 1), day(1979, 12, 31)},
		{"2023-02", day(2023, 2, 1), day(2023, 2, 28)},
		{"2024-02", day(2024, 2, 1), day(2024, 2, 29)},
		{"2000-02", day(2000, 2, 1), day(2000, 2, 29)},
		{"1900-02", day(1900, 2, 1), day(1900, 2, 28)},
		{"1979-07-01", day(1979, 7, 1), day(1979, 7, 1)},
		{"2024-02-29", day(2024, 2, 29), day(2024, 2, 29)},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			d := MustDate(tt.in)
			if got := d.Start(); !got.Equal(tt.start) || got.Location() != time.UTC && !got.IsZero() {
				t.Errorf("Start() = %v, want %v", got, tt.start)
			}
			if got := d.End(); !got.Equal(tt.end) || got.Location() != time.UTC && !got.IsZero() {
				t.Errorf("End() = %v, want %v", got, tt.end)
			}
		})
	}
}

func TestDateContains(t *testing.T) {
	cest := time.FixedZone("CEST", 2*60*60)
	tests := []struct {
		name string
		d    string
		t    time.Time
		want bool
	}{
		{"year, first day", "1979", day(1979, 1, 1), true},
		{"year, last day", "1979", day(1979, 12, 31), true},
		{"year, late on the last day", "1979", time.Date(1979, 12, 31, 23, 59, 59, 0, time.UTC), true},
		{"year, day before", "1979", day(1978, 12, 31), false},
		{"year, day after", "1979", day(1980, 1, 1), false},
		{"month, inside", "1979-07", day(1979, 7, 15), true},
		{"month, last day", "1979-07", day(1979, 7, 31), true},
		{"month, next month", "1979-07", day(1979, 8, 1), false},
		{"leap February, 29th", "2024-02", day(2024, 2, 29), true},
		{"February, 1 March", "2023-02", day(2023, 3, 1), false},
		{"day, same day", "1979-07-01", day(1979, 7, 1), true},
		{"day, same day in the evening", "1979-07-01", time.Date(1979, 7, 1, 23, 0, 0, 0, time.UTC), true},
		{"day, next day", "1979-07-01", day(1979, 7, 2), false},
		{"day, previous day", "1979-07-01", day(1979, 6, 30), false},
		{"the day of t in its own zone", "1979-07-01", time.Date(1979, 7, 1, 1, 0, 0, 0, cest), true},
		{"missing contains nothing", "", day(1979, 7, 1), false},
		{"missing, zero time", "", time.Time{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := MustDate(tt.d).Contains(tt.t); got != tt.want {
				t.Errorf("Date(%q).Contains(%v) = %v, want %v", tt.d, tt.t, got, tt.want)
			}
		})
	}
}

func TestDateCompare(t *testing.T) {
	tests := []struct {
		a, b string
		want int // sign
	}{
		{"1979", "1979", 0},
		{"1979-07-01", "1979-07-01", 0},
		{"1979", "1980", -1},
		{"1980", "1979", 1},
		{"1979", "1979-01", -1}, // same start, coarser first
		{"1979-01", "1979-01-01", -1},
		{"1979-01-01", "1979", 1},
		{"1979", "1979-07", -1},   // earlier start
		{"1979-12-31", "1979", 1}, // later start, though inside 1979
		{"1979-07", "1979-06-30", 1},
		{"", "1000", -1}, // missing first
		{"", "", 0},
		{"9999-12-31", "", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			got := MustDate(tt.a).Compare(MustDate(tt.b))
			if sign(got) != tt.want {
				t.Errorf("Compare(%q, %q) = %d, want sign %d", tt.a, tt.b, got, tt.want)
			}
			if back := MustDate(tt.b).Compare(MustDate(tt.a)); sign(back) != -tt.want {
				t.Errorf("Compare(%q, %q) = %d, want sign %d", tt.b, tt.a, back, -tt.want)
			}
		})
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestDatePrecision(t *testing.T) {
	tests := map[string]Precision{
		"":           PrecisionNone,
		"1979":       PrecisionYear,
		"1979-07":    PrecisionMonth,
		"1979-07-01": PrecisionDay,
	}
	for in, want := range tests {
		if got := MustDate(in).Precision(); got != want {
			t.Errorf("Date(%q).Precision() = %d, want %d", in, got, want)
		}
	}
	if !(PrecisionNone < PrecisionYear && PrecisionYear < PrecisionMonth && PrecisionMonth < PrecisionDay) {
		t.Error("precisions are not ordered none < year < month < day")
	}
}

func TestDateOf(t *testing.T) {
	got := DateOf(time.Date(2022, 5, 17, 13, 45, 0, 0, time.UTC))
	if want := MustDate("2022-05-17"); got != want {
		t.Errorf("DateOf = %v, want %v", got, want)
	}
}

func TestMustDatePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(1979-13) did not panic")
		}
	}()
	MustDate("1979-13")
}
