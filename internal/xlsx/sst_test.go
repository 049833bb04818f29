package xlsx

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
)

// sstOf returns a table of shared strings kept in memory.
func sstOf(strs ...string) *SharedStrings {
	s := &SharedStrings{}
	for _, v := range strs {
		s.addMemory(v)
	}
	if err := s.finish(); err != nil {
		panic(err)
	}
	return s
}

// sstStrings returns every string of a table, in order; "<missing i>" for
// one that at does not return.
func sstStrings(s *SharedStrings) []string {
	var out []string
	for i := range s.Len() {
		v, ok := s.At(i)
		if !ok {
			v = fmt.Sprintf("<missing %d>", i)
		}
		out = append(out, v)
	}
	return out
}

// sstSizes are the sizes of the package variables that say how shared
// strings are kept; zero fields keep the defaults, and memory -1 keeps
// every table in files.
type sstSizes struct {
	memory, chunk, page, textPages, indexPages int
}

// setSSTSizes sets the sizes for the test, and restores them after it.
func setSSTSizes(t testing.TB, sz sstSizes) {
	vars := []struct {
		p *int
		v int
	}{
		{&sstMemoryBytes, sz.memory}, {&sstChunkBytes, sz.chunk}, {&sstPageBytes, sz.page},
		{&sstTextPages, sz.textPages}, {&sstIndexPages, sz.indexPages},
	}
	for _, x := range vars {
		old := *x.p
		t.Cleanup(func() { *x.p = old })
		if x.v != 0 {
			*x.p = x.v
		}
	}
}

// sstModes are the ways of keeping shared strings that the tests read
// tables in.
var sstModes = []struct {
	name string
	sz   sstSizes
}{
	{"memory", sstSizes{}},
	{"memory, tiny chunks", sstSizes{chunk: 7}},
	{"files", sstSizes{memory: -1}},
	{"files, 8-byte pages", sstSizes{memory: -1, page: 8, textPages: 2, indexPages: 1}},
	{"files, 24-byte pages", sstSizes{memory: -1, page: 24, textPages: 3, indexPages: 2}},
	{"moved to files midway", sstSizes{memory: 300, chunk: 16, page: 40, textPages: 3, indexPages: 2}},
}

// inFiles reports whether a table of strs is kept in files under the
// current sizes.
func inFiles(strs []string) bool {
	used := 0
	for _, v := range strs {
		used += 8 + len(v)
	}
	return len(strs) > 0 && used > sstMemoryBytes
}

// sstXML is a shared-strings part with strs, none of which has "_x".
func sstXML(strs []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+
		`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, len(strs), len(strs))
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", "\r", "&#13;")
	for _, v := range strs {
		b.WriteString(`<si><t xml:space="preserve">`)
		r.WriteString(&b, v)
		b.WriteString(`</t></si>`)
	}
	b.WriteString(`</sst>`)
	return b.String()
}

// randomStrings returns n strings of up to maxLen bytes, deterministically:
// ASCII, multi-byte letters, spaces and line ends, some empty.
func randomStrings(n, maxLen int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	letters := []rune("abcXYZ019 -&<>\"'\nåäöÅÄÖłżšõ✓𝄞")
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for b.Len() < rng.IntN(maxLen+1) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		out[i] = b.String()
	}
	return out
}

// TestSharedStringsModes reads shared-strings parts in memory and in files,
// with chunks and pages of several sizes, and wants every string as the
// part has it, whatever order the strings are read in.
func TestSharedStringsModes(t *testing.T) {
	long := strings.Repeat("é", 50_000) + "!" // 100,001 bytes: more than a page
	many := randomStrings(3000, 40)
	cases := []struct {
		name string
		xml  string
		want []string
	}{
		{
			name: "plain, rich, empty",
			xml: `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">` +
				`<si><t>plain</t></si><si><t xml:space="preserve"> spaced </t></si><si/><si><t></t></si>` +
				`<si><r><t>ri</t></r><r><rPr><i/></rPr><t>ch</t></r><rPh><t>ignored</t></rPh><phoneticPr fontId="1"/></si>` +
				`<si><t>x</t></si></sst>`,
			want: []string{"plain", " spaced ", "", "", "rich", "x"},
		},
		{
			name: "escapes and entities",
			xml: `<sst><si><t>a_x000A_b &amp; _x005F_x0041_</t></si><si><t>_x000D__x0041_ &#x1F600; &lt;&gt;&quot;&apos;</t></si>` +
				"<si><t><![CDATA[a<b &amp;]]>\r\nc\rd</t></si><si><t>_xD800_ lone</t></si></sst>",
			want: []string{"a\nb & _x0041_", "\rA 😀 <>\"'", "a<b &amp;\nc\nd", " lone"},
		},
		{
			name: "multi-byte",
			xml:  `<sst><si><t>ünïcødé ✓ 𝄞</t></si><si><r><t>東京</t></r><rPh sb="0" eb="2"><t>とうきょう</t></rPh></si><si><t>Łódź</t></si></sst>`,
			want: []string{"ünïcødé ✓ 𝄞", "東京", "Łódź"},
		},
		{
			name: "longer than a page",
			xml:  sstXML([]string{"before", long, "", long + long, "after"}),
			want: []string{"before", long, "", long + long, "after"},
		},
		{
			name: "many",
			xml:  sstXML(many),
			want: many,
		},
		{
			name: "none",
			xml:  `<sst count="0" uniqueCount="0"/>`,
			want: nil,
		},
	}
	for _, mode := range sstModes {
		for _, tc := range cases {
			t.Run(mode.name+"/"+tc.name, func(t *testing.T) {
				setSSTSizes(t, mode.sz)
				dir := t.TempDir()
				sst, err := ReadSharedStrings(strings.NewReader(tc.xml), dir)
				if err != nil {
					t.Fatal(err)
				}
				files := 0
				if inFiles(tc.want) {
					files = 2
				}
				if got := dirEntries(t, dir); len(got) != files {
					t.Errorf("while open, the temporary folder has %q, want %d files", got, files)
				}
				if got, want := sst.Len(), len(tc.want); got != want {
					t.Errorf("len() = %d, want %d", got, want)
				}
				n := len(tc.want)
				rng := rand.New(rand.NewPCG(3, 4))
				pattern := make([]int, 0, 2*n) // new strings in order, and some again
				for i := range n {
					pattern = append(pattern, i, rng.IntN(i+1)%8)
				}
				orders := []struct {
					name string
					idx  []int
				}{
					{"forwards", seq(n, func(i int) int { return i })},
					{"backwards", seq(n, func(i int) int { return n - 1 - i })},
					{"at random", rng.Perm(n)},
					{"as rows use them", pattern},
				}
				for _, o := range orders {
					var got, want []string
					for _, i := range o.idx {
						v, ok := sst.At(i)
						if !ok {
							v = fmt.Sprintf("<missing %d>", i)
						}
						got = append(got, v)
						want = append(want, tc.want[i])
					}
					if diff := cmp.Diff(want, got); diff != "" {
						t.Errorf("%s (-want +got):\n%s", o.name, diff)
					}
				}
				for _, i := range []int{-1, n, n + 1, 1 << 30} {
					if v, ok := sst.At(i); ok {
						t.Errorf("at(%d) = %q, true; want false", i, v)
					}
				}
				if err := sst.Failed(); err != nil {
					t.Errorf("failed() = %v", err)
				}
				if err := sst.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
				if got := dirEntries(t, dir); len(got) != 0 {
					t.Errorf("after close, the temporary folder has %q", got)
				}
				if _, ok := sst.At(0); ok || sst.Len() != 0 {
					t.Errorf("after close, the strings can still be read")
				}
				if err := sst.Close(); err != nil {
					t.Errorf("second close: %v", err)
				}
			})
		}
	}
}

func seq(n int, f func(int) int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

// dirEntries returns the names in dir.
func dirEntries(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// TestSharedStringsErrors: a part that is cut short or has too many strings
// is the error it always was, in memory and in files, and leaves no file
// behind.
func TestSharedStringsErrors(t *testing.T) {
	strs := randomStrings(2000, 30)
	whole := sstXML(strs)
	cut := whole[:len(whole)*3/4]
	cutInItem := whole[:strings.LastIndex(whole, "<si>")+len("<si><t>ab")]
	cases := []struct {
		name string
		r    func() io.Reader
		want string // the error's text; errXMLEnd is also wanted for a cut
		cut  bool
	}{
		{"cut between items", func() io.Reader { return strings.NewReader(cut) }, "", true},
		{"cut in an item", func() io.Reader { return strings.NewReader(cutInItem) },
			"shared strings: item 1999: the XML ends in the middle of an element", true},
		{"bad entity", func() io.Reader {
			return strings.NewReader(strings.Replace(whole, "</sst>", "<si><t>&nbsp;</t></si></sst>", 1))
		},
			"shared strings: item 2000: unknown entity &nbsp;", false},
	}
	if !testing.Short() {
		cases = append(cases, struct {
			name string
			r    func() io.Reader
			want string
			cut  bool
		}{"too many", func() io.Reader {
			return io.MultiReader(strings.NewReader("<sst>"), &repeatReader{s: "<si/>", n: maxSharedStrings + 1}, strings.NewReader("</sst>"))
		}, fmt.Sprintf("shared strings: more than %d", maxSharedStrings), false})
	}
	for _, mode := range []string{"memory", "files"} {
		for _, tc := range cases {
			t.Run(mode+"/"+tc.name, func(t *testing.T) {
				if mode == "files" {
					setSSTSizes(t, sstSizes{memory: -1, page: 64})
				}
				dir := t.TempDir()
				sst, err := ReadSharedStrings(tc.r(), dir)
				if err == nil {
					sst.Close()
					t.Fatal("no error")
				}
				if sst != nil {
					t.Errorf("a table with the error %v", err)
				}
				if tc.cut && !errors.Is(err, errXMLEnd) {
					t.Errorf("error %v, want %v", err, errXMLEnd)
				}
				if tc.want != "" && err.Error() != tc.want {
					t.Errorf("error %q, want %q", err, tc.want)
				}
				if got := dirEntries(t, dir); len(got) != 0 {
					t.Errorf("after the error, the temporary folder has %q", got)
				}
			})
		}
	}
}

// repeatReader reads s n times.
type repeatReader struct {
	s   string
	n   int
	off int // in the current copy of s
}

func (r *repeatReader) Read(p []byte) (int, error) {
	k := 0
	for k < len(p) && r.n > 0 {
		c := copy(p[k:], r.s[r.off:])
		k += c
		if r.off += c; r.off == len(r.s) {
			r.off = 0
			r.n--
		}
	}
	if k == 0 {
		return 0, io.EOF
	}
	return k, nil
}

// TestSharedStringsReadFailure: a string that cannot be read back from its
// file is not a string, and the cell that uses it says why.
func TestSharedStringsReadFailure(t *testing.T) {
	setSSTSizes(t, sstSizes{memory: -1, page: 16, textPages: 1, indexPages: 1})
	dir := t.TempDir()
	sst, err := ReadSharedStrings(strings.NewReader(sstXML([]string{"first string", "second string"})), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer sst.Close()
	if v, ok := sst.At(0); !ok || v != "first string" {
		t.Errorf("at(0) = %q, %v; want %q, true", v, ok, "first string")
	}
	sst.text.Close() // behind its back: the next page cannot be read
	if v, ok := sst.At(1); ok {
		t.Errorf("at(1) = %q, true from a closed file", v)
	}
	if sst.Failed() == nil {
		t.Error("failed() = nil after a read failed")
	}
	rd := NewRows(strings.NewReader(`<sheetData><row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData>`), sst, nil)
	_, _, err = rd.Next()
	if want := "cell A1: shared string 1: "; err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Rows: error %v, want one starting %q", err, want)
	}
}

// TestSheetRowsSharedStringsInFiles reads a workbook's first sheet with
// its shared strings in files, with tiny pages, and wants what excelize
// reads.
func TestSheetRowsSharedStringsInFiles(t *testing.T) {
	dir := t.TempDir()
	strs := randomStrings(400, 20)
	var rows [][]any
	for i := 0; i < len(strs); i += 4 {
		rows = append(rows, []any{strs[i], fmt.Sprintf("code %d", i%7), strs[i+1] + strs[i+2], i, strs[i+3]})
	}
	path := filepath.Join(dir, xlsxtest.Write(t, dir, "s.xlsx", xlsxtest.Sheet{Name: "S", Rows: rows}))
	want := excelizeRows(t, path)
	for _, mode := range sstModes {
		t.Run(mode.name, func(t *testing.T) {
			setSSTSizes(t, mode.sz)
			got, err := ourRows(t, path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows (-excelize +Rows):\n%s", diff)
			}
		})
	}
}

// BenchmarkSharedStrings reads a table of 200,000 shared strings like those
// of a generated workbook (a few hundred codes, then ids and names), and
// looks its strings up as rows do: new strings in order, mixed with codes.
func BenchmarkSharedStrings(b *testing.B) {
	const codes, rows = 200, 100_000
	strs := make([]string, 0, codes+2*rows)
	for i := range codes {
		strs = append(strs, fmt.Sprintf("code %d", i))
	}
	for i := range rows {
		strs = append(strs, fmt.Sprintf("programme-%07d", i), fmt.Sprintf("Circle of Security group %d", i))
	}
	xml := sstXML(strs)
	lookups := make([]int, 0, 4*rows)
	for i := range rows {
		lookups = append(lookups, codes+2*i, (i*7919)%codes, codes+2*i+1, (i*31)%codes)
	}
	for _, mode := range []struct {
		name   string
		memory int
	}{{"memory", 1 << 30}, {"files", -1}} {
		b.Run("read/"+mode.name, func(b *testing.B) {
			setSSTSizes(b, sstSizes{memory: mode.memory})
			dir := b.TempDir()
			b.ReportAllocs()
			b.SetBytes(int64(len(xml)))
			for b.Loop() {
				sst, err := ReadSharedStrings(strings.NewReader(xml), dir)
				if err != nil {
					b.Fatal(err)
				}
				sst.Close()
			}
		})
		b.Run("at/"+mode.name, func(b *testing.B) {
			setSSTSizes(b, sstSizes{memory: mode.memory})
			sst, err := ReadSharedStrings(strings.NewReader(xml), b.TempDir())
			if err != nil {
				b.Fatal(err)
			}
			defer sst.Close()
			b.ReportAllocs()
			k := 0
			for b.Loop() {
				if _, ok := sst.At(lookups[k]); !ok {
					b.Fatalf("no string %d", lookups[k])
				}
				if k++; k == len(lookups) {
					k = 0
				}
			}
		})
	}
}
