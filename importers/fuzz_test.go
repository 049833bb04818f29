package importers

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/dataset"
)

// The readers and decoders take any input without panicking, and what they
// return is well formed. Run one with e.g. go test -fuzz FuzzReadCSV ./importers.

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"country,setting,status,source\nSE,home,yes,https://riksdagen.se\n",
		"sep=;\nKraj;Obszar;Zakaz;Źródło\nPolska;dom;Tak;x\n",
		"\xff\xfeC\x00o\x00u\x00n\x00t\x00r\x00y\x00\t\x00S\x00",
		"State\tHome\tSchools\nSweden1\t[YES]\tYES2\nTotal\t1\t1\n1 footnote text here\n",
		"\"unterminated,quote\n\"a\"\"b\",c\n",
		"\xc0\xc1\xf5\xff;\xe0\xe8\n",
		"",
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("a;b\n\xe0;\xe8\n"), "windows-1257")
	f.Fuzz(func(t *testing.T, data []byte, enc string) {
		if _, err := lookupEncoding(enc); err != nil {
			enc = ""
		}
		dir := t.TempDir()
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := Import([]string{path}, Options{Encoding: enc, Source: "https://example.org", Jurisdiction: "SE"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range res.Problems {
			if p.Pos.File != path {
				t.Errorf("problem not about the file: %v", p)
			}
		}
		checkStoredForms(t, res.Dataset)
	})
}

// checkStoredForms fails when a record holds a value that is not of its
// field's kind (range and required are the validator's business).
func checkStoredForms(t *testing.T, ds *dataset.Dataset) {
	t.Helper()
	for _, tb := range dataset.Tables() {
		for i := range tb.Len(ds) {
			for j, v := range tb.Values(ds, i) {
				for _, p := range tb.Fields[j].Check(v, dataset.Pos{}) {
					switch p.Code {
					case dataset.CodeRange, dataset.CodeRequired, dataset.CodeISO:
					default:
						if tb.Fields[j].Kind != dataset.KindURL && tb.Fields[j].Kind != dataset.KindText {
							t.Errorf("%s.%s = %q: %v", tb.Name, tb.Fields[j].Name, v, p)
						}
					}
				}
			}
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"1979", "07/1979", "1.07.1979", "1979-07-01", "July 1979", "lipiec 1979",
		"2017 m. vasario 14 d.", "29037", "29037.5", "04/13/2010", "sen", "1e308", "-5", "0", "99999999999"} {
		f.Add(s, true, false)
		f.Add(s, false, true)
	}
	lx, err := loadLexicon()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, xlsx, date1904 bool) {
		d, err := lx.parseDate(s, cellCtx{xlsx: xlsx, date1904: date1904})
		if err != nil {
			return
		}
		back, err := dataset.ParseDate(d.String())
		if err != nil || back != d {
			t.Errorf("parseDate(%q) = %q, which does not read back: %v", s, d, err)
		}
	})
}

func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"26", "26 %", "26,5 %", "1.234,5", "1,234.5", "12.000", "1e5", "−3", "NaN", "Inf", "0x10", ".", ","} {
		f.Add(s, true, false)
		f.Add(s, false, true)
	}
	f.Fuzz(func(t *testing.T, s string, integer, raw bool) {
		v, _, err := parseNumber(s, integer, raw)
		if err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Errorf("parseNumber(%q) = %v", s, v)
		}
	})
}

// FuzzDecode runs every cell decoder on the same text.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{"Tak", "[YES]2", "Sverige; Suomi", "26,5 %", "0.265", "1.07.1979", "SE Home", "§", "\x00\xff", "=1+1"} {
		f.Add(s, false, false)
		f.Add(s, true, true)
	}
	lx, err := loadLexicon()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string, percent, xlsx bool) {
		for _, tb := range dataset.Tables() {
			for i := range tb.Fields {
				fd := &tb.Fields[i]
				v, err := lx.decode(fd, s, percent, cellCtx{xlsx: xlsx})
				if err != nil || v == "" {
					continue
				}
				for _, p := range fd.Check(v, dataset.Pos{}) {
					if p.Code != dataset.CodeRange && fd.Kind != dataset.KindURL && fd.Kind != dataset.KindText {
						t.Errorf("decode %s.%s(%q) = %q: %v", tb.Name, fd.Name, s, v, p)
					}
				}
			}
		}
		lx.decodeStatus(s)
		if id := slug(s, 40); id != "" && (!isID(id) || len(id) > 40) {
			t.Errorf("slug(%q) = %q", s, id)
		}
	})
}
