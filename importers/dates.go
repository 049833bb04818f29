package importers

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/cpmap/cpmap/dataset"
	"github.com/xuri/excelize/v2"
)

// errNotDate is a word in a date cell that is no month name, in a cell
// without a number: the cell is simply not a date.
var errNotDate = errors.New("not a date")

// dateHint is how a problem about a date says what is understood.
const dateHint = "write it as 1979, 07/1979, 1.07.1979, 1979-07-01 or July 1979"

// parseDate reads a date cell, keeping exactly the precision it gives:
//
//   - a year: 1979;
//   - a month: 1979-07, 07/1979, 7.1979, "July 1979", "lipiec 1979",
//     "heinäkuu 1979", "июль 1979" (month names of months.csv);
//   - a day: 1979-07-01, 1979.07.01, and day first, the European way,
//     1.07.1979, 01/07/1979, 1-7-1979, "1. juuli 1979", "1 lipca 1979",
//     "2017 m. vasario 14 d.". A date whose middle number cannot be a month
//     but whose first can (04/13/2010) is month first, the American way: it
//     is refused rather than guessed;
//   - in a workbook, a number: an Excel date (a serial number, day
//     precision, whatever its number format), except a whole number from
//     1000 to 9999, which is a year typed as a number. (Real Excel dates
//     before 1927 must therefore be typed as text.)
//
// A date and time (1979-07-01 00:00:00, 1979-07-01T12:00) keeps its day.
// Two-digit years, ranges and anything else are an error.
func (lx *lexicon) parseDate(raw string, ctx cellCtx) (dataset.Date, error) {
	s := clean(raw)
	if s == "" {
		return dataset.Date{}, nil
	}
	bad := func(format string, args ...any) (dataset.Date, error) {
		return dataset.Date{}, &cellError{dataset.CodeType, fmt.Sprintf(format, args...)}
	}
	if ctx.xlsx && isPlainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil {
			if v == math.Trunc(v) && v >= 1000 && v <= 9999 {
				return newDate(s, int(v), 0, 0, dataset.PrecisionYear)
			}
			if v >= 1 && v < 2958466 { // 9999-12-31
				t, err := excelize.ExcelDateToTime(v, ctx.date1904)
				if err == nil && t.Year() >= 1000 && t.Year() <= 9999 {
					return dataset.DateOf(t), nil
				}
			}
			return bad("cannot read %q as a date: as an Excel date number it is out of range; %s", s, dateHint)
		}
	}
	if len(s) > 10 && (s[10] == ' ' || s[10] == 'T') && s[4] == '-' && s[7] == '-' {
		if _, err := dataset.ParseDate(s[:10]); err == nil {
			s = s[:10]
		}
	}
	var nums []string
	month := 0
	var word strings.Builder
	var num strings.Builder
	flush := func() error {
		if num.Len() > 0 {
			nums = append(nums, num.String())
			num.Reset()
		}
		if word.Len() > 0 {
			w := dataset.Fold(word.String())
			word.Reset()
			m, ok := lx.months[w]
			switch {
			case !ok && strings.ContainsAny(s, "0123456789"):
				return fmt.Errorf("%q is not a month name (if it is one, %s)", w, lx.addLine("months.csv", "MONTH: its number, 1–12", "MONTH", w, ""))
			case !ok:
				return errNotDate
			case m > 0 && month > 0 && m != month:
				return fmt.Errorf("it names two months")
			case m > 0:
				month = m
			}
		}
		return nil
	}
	fail := func(err error) (dataset.Date, error) {
		if err == errNotDate {
			return bad("cannot read %q as a date; %s", s, dateHint)
		}
		return bad("cannot read %q as a date: %v; %s", s, err, dateHint)
	}
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if word.Len() > 0 {
				if err := flush(); err != nil {
					return fail(err)
				}
			}
			num.WriteRune(r)
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			if num.Len() > 0 {
				if err := flush(); err != nil {
					return fail(err)
				}
			}
			word.WriteRune(r)
		case unicode.IsSpace(r) || strings.ContainsRune(".-/,", r):
			if err := flush(); err != nil {
				return fail(err)
			}
		default:
			return bad("cannot read %q as a date; %s", s, dateHint)
		}
	}
	if err := flush(); err != nil {
		return fail(err)
	}
	year := func(n string) (int, bool) {
		if len(n) != 4 {
			return 0, false
		}
		v, _ := strconv.Atoi(n)
		return v, true
	}
	small := func(n string) (int, bool) {
		if len(n) == 0 || len(n) > 2 {
			return 0, false
		}
		v, _ := strconv.Atoi(n)
		return v, true
	}
	if month > 0 {
		y, d := 0, 0
		for _, n := range nums {
			if v, ok := year(n); ok && y == 0 {
				y = v
			} else if v, ok := small(n); ok && d == 0 {
				d = v
			} else {
				return bad("cannot read %q as a date; %s", s, dateHint)
			}
		}
		if y == 0 {
			return bad("cannot read %q as a date: it has no four-digit year; %s", s, dateHint)
		}
		if d == 0 {
			return newDate(s, y, month, 0, dataset.PrecisionMonth)
		}
		return newDate(s, y, month, d, dataset.PrecisionDay)
	}
	switch len(nums) {
	case 1:
		if y, ok := year(nums[0]); ok {
			return newDate(s, y, 0, 0, dataset.PrecisionYear)
		}
	case 2:
		if y, ok := year(nums[0]); ok {
			if m, ok := small(nums[1]); ok {
				return newDate(s, y, m, 0, dataset.PrecisionMonth)
			}
		}
		if y, ok := year(nums[1]); ok {
			if m, ok := small(nums[0]); ok {
				return newDate(s, y, m, 0, dataset.PrecisionMonth)
			}
		}
	case 3:
		if y, ok := year(nums[0]); ok {
			m, ok1 := small(nums[1])
			d, ok2 := small(nums[2])
			if ok1 && ok2 {
				return newDate(s, y, m, d, dataset.PrecisionDay)
			}
		}
		if y, ok := year(nums[2]); ok {
			d, ok1 := small(nums[0])
			m, ok2 := small(nums[1])
			if ok1 && ok2 {
				if m > 12 && d >= 1 && d <= 12 {
					return bad("cannot read %q as a date: dates are read day first (the European way), and %d is not a month; if it is month/day/year, write it as %04d-%02d-%02d", s, m, y, d, m)
				}
				return newDate(s, y, m, d, dataset.PrecisionDay)
			}
		}
		if _, ok := small(nums[2]); ok && len(nums[0]) <= 2 && len(nums[1]) <= 2 {
			return bad("cannot read %q as a date: the year has two digits; write all four", s)
		}
	}
	return bad("cannot read %q as a date; %s", s, dateHint)
}

func newDate(s string, y, m, d int, p dataset.Precision) (dataset.Date, error) {
	date, err := dataset.NewDate(y, m, d, p)
	if err != nil {
		return dataset.Date{}, &cellError{dataset.CodeType, fmt.Sprintf("cannot read %q as a date: %v", s, err)}
	}
	return date, nil
}

// isPlainNumber reports whether s is a number as a workbook stores one:
// digits with at most one '.', and possibly an exponent (1.5E-2).
func isPlainNumber(s string) bool {
	if s == "" {
		return false
	}
	dot, digits := false, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits = true
		case c == '.' && !dot:
			dot = true
		case (c == 'E' || c == 'e') && digits && i+1 < len(s):
			rest := s[i+1:]
			if rest[0] == '-' || rest[0] == '+' {
				rest = rest[1:]
			}
			if rest == "" {
				return false
			}
			for j := 0; j < len(rest); j++ {
				if rest[j] < '0' || rest[j] > '9' {
					return false
				}
			}
			return true
		case c == '-' && i == 0:
		default:
			return false
		}
	}
	return digits
}
