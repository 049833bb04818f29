package xlsx

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

func TestCellNames(t *testing.T) {
	tests := []struct {
		col, row int
		want     string
	}{
		{1, 1, "A1"}, {12, 9, "L9"}, {26, 1, "Z1"}, {27, 14, "AA14"}, {52, 1, "AZ1"},
		{53, 1, "BA1"}, {702, 1, "ZZ1"}, {703, 1, "AAA1"}, {MaxColumns, MaxRows, "XFD1048576"},
	}
	for _, tt := range tests {
		got := CellName(tt.col, tt.row)
		if got != tt.want {
			t.Errorf("CellName(%d, %d) = %q, want %q", tt.col, tt.row, got, tt.want)
		}
		want, _ := excelize.CoordinatesToCellName(tt.col, tt.row)
		if got != want {
			t.Errorf("CellName(%d, %d) = %q, excelize says %q", tt.col, tt.row, got, want)
		}
		col, row, err := ParseCell("$" + strings.ToLower(got))
		if err != nil || col != tt.col || row != tt.row {
			t.Errorf("ParseCell(%q) = %d, %d, %v", got, col, row, err)
		}
	}
	for _, bad := range []string{"", "A", "1", "A0", "A1B", "XFE1", "A1048577", "-A1"} {
		if _, _, err := ParseCell(bad); err == nil {
			t.Errorf("ParseCell(%q) reports no error", bad)
		}
	}
}

func TestAppendSI(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Positive Parenting", "<si><t>Positive Parenting</t></si>"},
		{"markup", `a < b & c > "d"`, `<si><t>a &lt; b &amp; c &gt; &#34;d&#34;</t></si>`},
		{"outer space kept", " x ", `<si><t xml:space="preserve"> x </t></si>`},
		{"control character", "a\x01b", "<si><t>a_x0001_b</t></si>"},
		{"text like an escape", "x _x0041_ y", "<si><t>x _x005F_x0041_ y</t></si>"},
		{"not an escape", "_x00G1_", "<si><t>_x00G1_</t></si>"},
		{"non-ASCII", "Väkivallaton Без", "<si><t>Väkivallaton Без</t></si>"},
		{"invalid UTF-8", "a\xffb", "<si><t>a\uFFFDb</t></si>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(appendSI(nil, Escape(tc.in))); got != tc.want {
				t.Errorf("appendSI(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

// writeBook writes a workbook of one sheet, "S", with Writer: a row per
// text, the text in A and its length in B.
func writeBook(t testing.TB, texts []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, []string{"S"}, `<styleSheet xmlns="`+nsMain+`"><cellXfs count="1"><xf/></cellXfs></styleSheet>`)
	if err != nil {
		t.Fatal(err)
	}
	err = w.Sheet("A1:"+CellName(2, len(texts)), true, func(d *SheetData) error {
		for i, s := range texts {
			d.StartRow(i+1, 2)
			d.Shared(1, 0, i)
			d.Float(2, 0, float64(len(s)))
			d.EndRow()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	err = w.SharedStrings(len(texts), len(texts), func(sw *SharedStringsWriter) error {
		for _, s := range texts {
			if err := sw.Add(s); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// readBook reads the first sheet of a workbook with Rows, and with
// excelize.
func readBook(t testing.TB, data []byte) (ours, theirs [][]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	defer f.Close()
	theirs, err = f.GetRows("S", rawValues)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	zr, err := zipReader(data)
	if err != nil {
		t.Fatal(err)
	}
	parts := NewParts(zr, testLimit)
	sheets, sstPart, err := parts.WorkbookParts()
	if err != nil {
		t.Fatal(err)
	}
	sst, err := ReadPart(parts, sstPart, func(r io.Reader) (*SharedStrings, error) { return ReadSharedStrings(r, t.TempDir()) })
	if err != nil {
		t.Fatal(err)
	}
	defer sst.Close()
	rc, err := parts.Open(sheets["S"])
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	rows := NewRows(rc, sst, nil)
	for {
		cells, _, err := rows.Next()
		if err == io.EOF {
			return ours, theirs
		}
		if err != nil {
			t.Fatal(err)
		}
		ours = append(ours, cells)
	}
}

// TestWriterRoundTrip writes texts that need escaping with Writer and
// reads them back with Rows and with excelize.
func TestWriterRoundTrip(t *testing.T) {
	texts := []string{"a < b & c", "a\x01b", "x _x0041_ y", " lead and trail ", "line\nbreak\ttab", `"quoted" 'too'`, "Без", "=1", "_x005F_", ""}
	var want [][]string
	for _, s := range texts {
		want = append(want, []string{s, strconv.Itoa(len(s))})
	}
	ours, theirs := readBook(t, writeBook(t, texts))
	if diff := cmp.Diff(want, ours); diff != "" {
		t.Errorf("Rows (-written +read):\n%s", diff)
	}
	if diff := cmp.Diff(want, theirs); diff != "" {
		t.Errorf("excelize (-written +read):\n%s", diff)
	}
}

// FuzzWriter writes fuzzed text with Writer and wants Rows and excelize
// to read it back as written (text with the characters XML cannot hold at
// all, invalid UTF-8 and lone carriage returns, aside).
func FuzzWriter(f *testing.F) {
	for _, s := range []string{"", "a<b", "_x0041_", "\x01", " x ", "Ω", "'=1", "\uFFFF"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) || strings.Contains(s, "\r") {
			t.Skip()
		}
		want := [][]string{{s, strconv.Itoa(len(s))}}
		ours, theirs := readBook(t, writeBook(t, []string{s}))
		if diff := cmp.Diff(want, ours); diff != "" {
			t.Errorf("Rows (-written +read):\n%s", diff)
		}
		if diff := cmp.Diff(want, theirs); diff != "" {
			t.Errorf("excelize (-written +read):\n%s", diff)
		}
	})
}

// FuzzEscape checks that Unescape undoes Escape, and that the escaped
// text holds nothing XML cannot.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "_x0041_", "_x005F_x0041_", "\x00\x1f", "\uFFFE", "__x00", "_X0041_"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8Valid(s) {
			t.Skip()
		}
		e := Escape(s)
		if got := Unescape(e); got != s {
			t.Errorf("Unescape(Escape(%q)) = %q (escaped %q)", s, got, e)
		}
		for _, r := range e {
			if !isXMLChar(r) {
				t.Errorf("Escape(%q) = %q holds %U", s, e, r)
			}
		}
	})
}
