package dataset

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"", "1979", "1979-07", "1979-07-01", "2024-02-29", "1979-02-30", "1979-13", "79", "1979-7",
		" 1979", "1979-07-01T00:00", "0999", "9999-12-31", "+979", "1979-0a", "١٩٧٩",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Errorf("ParseDate(%q) = %#v with error %v, want the zero Date", s, d, err)
			}
			return
		}
		// The stored form is the only form ParseDate accepts.
		if got := d.String(); got != s {
			t.Fatalf("ParseDate(%q).String() = %q", s, got)
		}
		again, err := ParseDate(d.String())
		if err != nil || again != d {
			t.Fatalf("ParseDate(%q) = %#v, %v, want %#v", d.String(), again, err, d)
		}
		if d.IsZero() {
			return
		}
		start, end := d.Start(), d.End()
		if end.Before(start) || !d.Contains(start) || !d.Contains(end) {
			t.Errorf("%q: period [%v, %v] is empty or does not contain its ends", s, start, end)
		}
		if d.Contains(start.AddDate(0, 0, -1)) || d.Contains(end.AddDate(0, 0, 1)) {
			t.Errorf("%q: contains a day outside [%v, %v]", s, start, end)
		}
	})
}

func FuzzReadCSV(f *testing.F) {
	// Seeds: every golden table (each a valid file of its table), and
	// small broken ones.
	for _, tb := range Tables() {
		b, err := os.ReadFile(filepath.Join(goldenDir, tb.Path))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"\ufeffid,title,publisher,url,published,accessed,type,reliability,licence\na,b,,,,,report,,\n",
		"id,title,publisher,url,published,accessed,type,reliability,licence\na,\"b\nc\",,,,,report,,\r\n",
		"jurisdiction,from,until,source,notes\nSE,1979,,s,\"x\"\"y\"\n",
		"notes,source,until,from,jurisdiction\n,s,,1979-13,SE\n",
		"id,title,title\n",
		"id,jurisdiction,series,indicator,year,value,respondents,population,sample_size,question,method,break,source,notes\n" +
			"a,PL,,cp_approval,+2013,026.50,adults,,007,,,,s,\n",
		"a,\"b\n",
		"\xff\xfe",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, tb := range Tables() {
			var ds Dataset
			ps, err := tb.ReadCSV(&ds, bytes.NewReader(data), "fuzz.csv")
			if err != nil {
				t.Fatalf("%s: ReadCSV from memory: %v", tb.Name, err)
			}
			for _, p := range ps {
				if p.Pos.File != "fuzz.csv" || p.Table != tb.Name || p.Code == "" || p.Message == "" {
					t.Errorf("%s: problem without its file, table, code or message: %#v", tb.Name, p)
				}
			}
			if len(ps) != 0 {
				continue
			}
			var buf bytes.Buffer
			if err := tb.WriteCSV(&buf, &ds); err != nil {
				t.Fatalf("%s: WriteCSV: %v", tb.Name, err)
			}
			written := buf.String()
			var back Dataset
			ps, err = tb.ReadCSV(&back, &buf, "again.csv")
			if err != nil || len(ps) != 0 {
				t.Fatalf("%s: reading what WriteCSV wrote: %v %v\n%q", tb.Name, err, ps, written)
			}
			if got, want := tb.Len(&back), tb.Len(&ds); got != want {
				t.Fatalf("%s: %d records after the round trip, want %d\n%q", tb.Name, got, want, written)
			}
			for i := range tb.Len(&ds) {
				if diff := cmp.Diff(tb.Values(&ds, i), tb.Values(&back, i)); diff != "" {
					t.Errorf("%s record %d changed in the round trip (-want +got):\n%s", tb.Name, i, diff)
				}
			}
			var again bytes.Buffer
			if err := tb.WriteCSV(&again, &back); err != nil || again.String() != written {
				t.Errorf("%s: writing again gives other bytes: %v\n%q\n%q", tb.Name, err, written, again.String())
			}
		}
	})
}
