package importers

import (
	"errors"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
)

func TestParseDate(t *testing.T) {
	lx := lexiconT(t)
	xlsx := cellCtx{xlsx: true}
	tests := []struct {
		name string
		in   string
		ctx  cellCtx
		want string // stored form, or the start of the error after "cannot read ..."
		err  string
	}{
		{"empty", "", cellCtx{}, "", ""},
		{"year", "1979", cellCtx{}, "1979", ""},
		{"ISO month", "1979-07", cellCtx{}, "1979-07", ""},
		{"ISO day", "1979-07-01", cellCtx{}, "1979-07-01", ""},
		{"ISO date and time", "1979-07-01 00:00:00", cellCtx{}, "1979-07-01", ""},
		{"ISO with T", "2010-05-06T12:30", cellCtx{}, "2010-05-06", ""},
		{"year first with dots", "1979.07.01", cellCtx{}, "1979-07-01", ""},
		{"month/year", "07/1979", cellCtx{}, "1979-07", ""},
		{"month.year", "7.1979", cellCtx{}, "1979-07", ""},
		{"D.M.YYYY", "1.07.1979", cellCtx{}, "1979-07-01", ""},
		{"DD.MM.YYYY", "20.11.2014", cellCtx{}, "2014-11-20", ""},
		{"D/M/Y day first", "03/04/2010", cellCtx{}, "2010-04-03", ""},
		{"D-M-Y", "1-7-1979", cellCtx{}, "1979-07-01", ""},
		{"day above 12", "25/12/2010", cellCtx{}, "2010-12-25", ""},
		{"month/day/year refused", "04/13/2010", cellCtx{}, "", "dates are read day first"},
		{"English month", "July 1979", cellCtx{}, "1979-07", ""},
		{"English day month", "1 July 1979", cellCtx{}, "1979-07-01", ""},
		{"English ordinal", "1st of July 1979", cellCtx{}, "1979-07-01", ""},
		{"English month day", "July 1, 1979", cellCtx{}, "1979-07-01", ""},
		{"Polish", "lipiec 1979", cellCtx{}, "1979-07", ""},
		{"Polish genitive", "1 sierpnia 2010", cellCtx{}, "2010-08-01", ""},
		{"Polish with r.", "6 maja 2010 r.", cellCtx{}, "2010-05-06", ""},
		{"Swedish", "juli 1979", cellCtx{}, "1979-07", ""},
		{"Swedish den", "den 1 juli 1979", cellCtx{}, "1979-07-01", ""},
		{"Finnish", "heinäkuu 1979", cellCtx{}, "1979-07", ""},
		{"Finnish partitive", "1. heinäkuuta 1983", cellCtx{}, "1983-07-01", ""},
		{"Estonian", "1. juuli 1979", cellCtx{}, "1979-07-01", ""},
		{"German", "1. März 2000", cellCtx{}, "2000-03-01", ""},
		{"Latvian", "1998. gada 19. jūnijs", cellCtx{}, "1998-06-19", ""},
		{"Lithuanian", "2017 m. vasario 14 d.", cellCtx{}, "2017-02-14", ""},
		{"Lithuanian month", "2017 m. vasario mėn.", cellCtx{}, "2017-02", ""},
		{"Russian", "июль 1979", cellCtx{}, "1979-07", ""},
		{"Russian with г.", "1 июля 1979 г.", cellCtx{}, "1979-07-01", ""},
		{"Icelandic", "1. júlí 2014", cellCtx{}, "2014-07-01", ""},
		{"excel serial", "29037", xlsx, "1979-07-01", ""},
		{"excel serial with time", "29037.75", xlsx, "1979-07-01", ""},
		{"year typed as a number", "1979", xlsx, "1979", ""},
		{"serial in a CSV is not a date", "29037", cellCtx{}, "", `cannot read "29037" as a date`},
		{"1904 workbook", "27575", cellCtx{xlsx: true, date1904: true}, "1979-07-01", ""},
		{"word", "sen", cellCtx{}, "", `cannot read "sen" as a date`},
		{"unknown month word", "Juli-ish 1979", cellCtx{}, "", "is not a month name"},
		{"two-digit year", "1.7.79", cellCtx{}, "", "the year has two digits"},
		{"range", "1979–1980", cellCtx{}, "", "cannot read"},
		{"approximate", "ca. 1979", cellCtx{}, "", "cannot read"},
		{"no such day", "31.02.2010", cellCtx{}, "", "day 31 out of range"},
		{"month without year", "July", cellCtx{}, "", "no four-digit year"},
		{"two months", "July August 1979", cellCtx{}, "", "names two months"},
		{"tiny serial", "0.5", xlsx, "", "out of range"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := lx.parseDate(tt.in, tt.ctx)
			if tt.err != "" {
				var ce *cellError
				if err == nil || !errors.As(err, &ce) || ce.code != dataset.CodeType {
					t.Fatalf("parseDate(%q) = %v, %v; want a type-error", tt.in, d, err)
				}
				if !strings.Contains(err.Error(), tt.err) {
					t.Errorf("parseDate(%q) error = %q, want it to say %q", tt.in, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseDate(%q): %v", tt.in, err)
			}
			if got := d.String(); got != tt.want {
				t.Errorf("parseDate(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
