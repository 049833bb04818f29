package dataset

import (
	"fmt"
	"strconv"
	"time"
)

// Precision says how much of a Date is known.
type Precision uint8

// The precisions of a Date, from none (the zero Date, a missing value) to a day.
const (
	PrecisionNone Precision = iota
	PrecisionYear
	PrecisionMonth
	PrecisionDay
)

// Date is a date of reduced precision, ISO 8601 style: 1979, 1979-07 or
// 1979-07-01. The zero Date is a missing value. A Date never carries more
// precision than its source gave.
type Date struct {
	year  int16
	month uint8
	day   uint8
}

// NewDate returns the date of the given precision: month and day are ignored
// below PrecisionMonth and PrecisionDay. It reports an error for a day or month
// that does not exist or a year outside 1000–9999.
func NewDate(year, month, day int, p Precision) (Date, error) {
	switch p {
	case PrecisionNone:
		return Date{}, nil
	case PrecisionYear:
		month, day = 0, 0
	case PrecisionMonth:
		day = 0
	}
	if year < 1000 || year > 9999 {
		return Date{}, fmt.Errorf("year %d out of range 1000–9999", year)
	}
	if p >= PrecisionMonth && (month < 1 || month > 12) {
		return Date{}, fmt.Errorf("month %d out of range 1–12", month)
	}
	if p == PrecisionDay {
		if day < 1 || day > daysIn(year, month) {
			return Date{}, fmt.Errorf("day %d out of range for %04d-%02d", day, year, month)
		}
	}
	return Date{year: int16(year), month: uint8(month), day: uint8(day)}, nil
}

// MustDate is NewDate for literals in code and tests; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// ParseDate parses the stored form: "" (missing), YYYY, YYYY-MM or YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	bad := func() (Date, error) {
		return Date{}, fmt.Errorf("%q is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	digits := func(t string) (int, bool) {
		if len(t) == 0 {
			return 0, false
		}
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(t)
		return n, err == nil
	}
	var y, m, d int
	var ok bool
	p := PrecisionNone
	switch len(s) {
	case 4:
		y, ok = digits(s)
		p = PrecisionYear
	case 7:
		if s[4] != '-' {
			return bad()
		}
		y, ok = digits(s[:4])
		if ok {
			m, ok = digits(s[5:])
		}
		p = PrecisionMonth
	case 10:
		if s[4] != '-' || s[7] != '-' {
			return bad()
		}
		y, ok = digits(s[:4])
		if ok {
			m, ok = digits(s[5:7])
		}
		if ok {
			d, ok = digits(s[8:])
		}
		p = PrecisionDay
	}
	if !ok {
		return bad()
	}
	date, err := NewDate(y, m, d, p)
	if err != nil {
		return Date{}, fmt.Errorf("%q: %w", s, err)
	}
	return date, nil
}

// IsZero reports whether the date is missing.
func (d Date) IsZero() bool { return d.year == 0 }

// Precision reports how much of the date is known.
func (d Date) Precision() Precision {
	switch {
	case d.year == 0:
		return PrecisionNone
	case d.month == 0:
		return PrecisionYear
	case d.day == 0:
		return PrecisionMonth
	}
	return PrecisionDay
}

// Year returns the year, or 0 for a missing date.
func (d Date) Year() int { return int(d.year) }

// Month returns the month, or 0 when it is not known.
func (d Date) Month() int { return int(d.month) }

// Day returns the day, or 0 when it is not known.
func (d Date) Day() int { return int(d.day) }

// String returns the stored form: "", "1979", "1979-07" or "1979-07-01".
func (d Date) String() string {
	switch d.Precision() {
	case PrecisionYear:
		return fmt.Sprintf("%04d", d.year)
	case PrecisionMonth:
		return fmt.Sprintf("%04d-%02d", d.year, d.month)
	case PrecisionDay:
		return fmt.Sprintf("%04d-%02d-%02d", d.year, d.month, d.day)
	}
	return ""
}

// Start returns the first day of the period the date names (UTC midnight),
// the reading used for "from" dates. It returns the zero time for a missing date.
func (d Date) Start() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(int(d.year), 1, 1, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(int(d.year), time.Month(d.month), 1, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return time.Date(int(d.year), time.Month(d.month), int(d.day), 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// End returns the last day of the period the date names (UTC midnight),
// the reading used for "until" dates. It returns the zero time for a missing date.
func (d Date) End() time.Time {
	switch d.Precision() {
	case PrecisionYear:
		return time.Date(int(d.year), 12, 31, 0, 0, 0, 0, time.UTC)
	case PrecisionMonth:
		return time.Date(int(d.year), time.Month(d.month)+1, 0, 0, 0, 0, 0, time.UTC)
	case PrecisionDay:
		return d.Start()
	}
	return time.Time{}
}

// Contains reports whether the day t (its UTC date) lies within the period
// the date names: inside 1979 for "1979", inside July 1979 for "1979-07".
func (d Date) Contains(t time.Time) bool {
	if d.IsZero() {
		return false
	}
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return !day.Before(d.Start()) && !day.After(d.End())
}

// DateOf returns the day of t as a Date of day precision.
func DateOf(t time.Time) Date {
	return Date{year: int16(t.Year()), month: uint8(t.Month()), day: uint8(t.Day())}
}

// Compare orders dates by their start, then by precision (coarser first), so
// that sorting is total and deterministic. A missing date sorts first.
func (d Date) Compare(e Date) int {
	if c := d.Start().Compare(e.Start()); c != 0 {
		return c
	}
	return int(d.Precision()) - int(e.Precision())
}

// MarshalText implements encoding.TextMarshaler (the stored form).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler (the stored form).
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
