package importers

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestUnreadableFiles: files that cannot be read are one problem each, and
// the other files are still read.
func TestUnreadableFiles(t *testing.T) {
	dir := inDir(t)
	good := writeFile(t, dir, "good.csv", []byte("country,setting,status,source\nSE,home,yes,https://riksdagen.se\n"))
	notZip := writeFile(t, dir, "corrupt.xlsx", []byte("PK\x03\x04 this is not really a zip file"))
	valid := xlsxtest.Write(t, dir, "valid.xlsx", xlsxtest.Sheet{Name: "S", Rows: [][]any{{"Country", "Setting", "Status", "Source"}, {"FI", "home", "yes", "https://finlex.fi"}}})
	whole, err := os.ReadFile(filepath.Join(dir, valid))
	if err != nil {
		t.Fatal(err)
	}
	truncated := writeFile(t, dir, "truncated.xlsx", whole[:len(whole)/2])
	if err := os.Mkdir(filepath.Join(dir, "folder.csv"), 0o755); err != nil {
		t.Fatal(err)
	}
	old := writeFile(t, dir, "old.xls", []byte{0xD0, 0xCF, 0x11, 0xE0})
	odd := writeFile(t, dir, "notes.docx", []byte("x"))
	res := mustImport(t, Options{}, good, notZip, truncated, "missing.csv", "folder.csv", old, odd)
	var got []string
	for _, p := range res.Problems {
		got = append(got, p.Pos.String()+" "+p.Code)
	}
	want := []string{
		"corrupt.xlsx file-error",
		"folder.csv file-error",
		"missing.csv file-error",
		"notes.docx file-error",
		"old.xls file-error",
		"truncated.xlsx file-error",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems (-want +got):\n%s\n%s", diff, strings.Join(problemLines(res.Problems), "\n"))
	}
	for _, p := range res.Problems {
		if p.Pos.File == "old.xls" && !strings.Contains(p.Message, "save it as .xlsx") {
			t.Errorf("old.xls: %q does not say what to do", p.Message)
		}
	}
	if len(res.Dataset.Provisions) != 1 || res.Dataset.Provisions[0].Jurisdiction != "SE" {
		t.Errorf("the good file was not read: %+v", res.Dataset.Provisions)
	}
}

// TestSizeLimits: a file over the size limit, and a workbook that unpacks to
// more than the unzip limit, are refused.
func TestSizeLimits(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "big.xlsx", xlsxtest.Sheet{Name: "S", Rows: [][]any{{"Country", "Setting", "Status", "Source"}, {"FI", "home", "yes", "https://finlex.fi"}}})
	res := mustImport(t, Options{MaxFileBytes: 100}, name)
	if got := problemLines(res.Problems); len(got) != 1 || !strings.Contains(got[0], "larger than the limit of 1 KiB") {
		t.Errorf("file size limit: %v", got)
	}
	res = mustImport(t, Options{MaxUnzipBytes: 2000}, name)
	if got := problemLines(res.Problems); len(got) != 1 || !strings.Contains(got[0], "unpacks to more than") {
		t.Errorf("unzip limit: %v", got)
	}
	if res.Records() != 0 {
		t.Errorf("records read from a refused file")
	}
}

// TestHostileContent: formula-looking text and markup are kept as text,
// never evaluated or interpreted; a formula cell without a stored result is
// an error.
func TestHostileContent(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "hostile.xlsx", xlsxtest.Sheet{Name: "Kampanjer", Rows: [][]any{
		{"</script><script>alert('title')</script> Sverige"},
		{"Namn", "Typ", "Start", "Källa", "Anmärkningar"},
		{"</script><img src=x onerror=alert(1)>", "kampanj", "2010", "https://example.org/a", `=HYPERLINK("http://evil.example","click")`},
		{"@SUM(1+1)", "kampanj", "2011", "https://example.org/b", "+cmd|' /C calc'!A0"},
	}})
	// A formula cell, as Excel saves one.
	f, err := excelize.OpenFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellFormula("Kampanjer", "E5", "1+1"); err != nil {
		t.Fatal(err)
	}
	for c, v := range map[string]string{"A5": "Formula", "B5": "kampanj", "C5": "2012", "D5": "https://example.org/c"} {
		f.SetCellValue("Kampanjer", c, v)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	res := mustImport(t, Options{}, name)
	// excelize writes the formula without a stored result: its value is
	// unknown, and the import says so rather than read it as empty.
	wantErrs := []string{`hostile.xlsx:'Kampanjer'!E5: error type-error: notes: the cell holds a formula with no stored result, so its value is unknown: open and save the workbook in a spreadsheet program, or type the value`}
	if diff := cmp.Diff(wantErrs, errorsOf(res.Problems)); diff != "" {
		t.Fatalf("errors (-want +got):\n%s", diff)
	}
	got := map[string][2]string{}
	for _, c := range res.Dataset.Campaigns {
		got[c.Name] = [2]string{strings.Join(c.Jurisdictions, ";"), c.Notes}
	}
	want := map[string][2]string{
		"</script><img src=x onerror=alert(1)>": {"SE", `=HYPERLINK("http://evil.example","click")`},
		"@SUM(1+1)":                             {"SE", "+cmd|' /C calc'!A0"},
		"Formula":                               {"SE", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("campaigns (-want +got):\n%s", diff)
	}
}

// TestVeryWideRow: a row of 10,000 columns is read up to the widest column
// read, with a warning, in a workbook and in a CSV file.
func TestVeryWideRow(t *testing.T) {
	dir := inDir(t)
	header := []any{"Country", "Setting", "Status", "Source"}
	row := []any{"SE", "home", "yes", "https://riksdagen.se"}
	wide := make([]any, 10000)
	copy(wide, row)
	for i := len(row); i < len(wide); i++ {
		wide[i] = "x"
	}
	x := xlsxtest.Write(t, dir, "wide.xlsx", xlsxtest.Sheet{Name: "S", Rows: [][]any{header, wide}})
	var csv strings.Builder
	csv.WriteString("country,setting,status,source\nFI,home,yes,https://finlex.fi")
	csv.WriteString(strings.Repeat(",x", 9996))
	csv.WriteString("\n")
	c := writeFile(t, dir, "wide.csv", []byte(csv.String()))
	res := mustImport(t, Options{}, x, c)
	if errs := errorsOf(res.Problems); len(errs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
	}
	var warned []string
	for _, p := range res.Problems {
		if p.Code == dataset.CodeRagged {
			warned = append(warned, p.Pos.File)
		}
	}
	if diff := cmp.Diff([]string{"wide.csv", "wide.xlsx"}, warned); diff != "" {
		t.Errorf("warnings about the cut (-want +got):\n%s", diff)
	}
	if len(res.Dataset.Provisions) != 2 {
		t.Errorf("%d provisions, want 2", len(res.Dataset.Provisions))
	}
}

// TestMalformedSheetXML: a workbook whose sheet XML is cut short or names a
// shared string that does not exist is a problem, not a crash.
func TestMalformedSheetXML(t *testing.T) {
	dir := inDir(t)
	valid := xlsxtest.Write(t, dir, "valid.xlsx", xlsxtest.Sheet{Name: "S", Rows: [][]any{{"Country", "Setting", "Status", "Source"}, {"FI", "home", "yes", "https://finlex.fi"}}})
	for name, sheetXML := range map[string]string{
		"cut.xlsx":         `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Coun`,
		"badstring.xlsx":   `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row></sheetData></worksheet>`,
		"badref.xlsx":      `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="!!" t="inlineStr"><is><t>x</t></is></c></row></sheetData><mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`,
		"hugemerge.xlsx":   `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Country</t></is></c><c r="B1" t="inlineStr"><is><t>Status</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>SE</t></is></c></row><row r="1048576"><c r="A1048576" t="inlineStr"><is><t>SE</t></is></c></row></sheetData><mergeCells><mergeCell ref="A2:XFD1048575"/></mergeCells></worksheet>`,
		"noworksheet.xlsx": `not xml at all`,
	} {
		t.Run(name, func(t *testing.T) {
			xlsxtest.ReplacePart(t, filepath.Join(dir, valid), filepath.Join(dir, name), "xl/worksheets/sheet1.xml", sheetXML)
			res, err := Import([]string{name}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			// Whatever it says, it says it about this file, and it did not panic.
			for _, p := range res.Problems {
				if p.Pos.File != name {
					t.Errorf("problem about another file: %v", p)
				}
			}
			if name == "hugemerge.xlsx" {
				want := "hugemerge.xlsx:'S': warning file-error: merged range A2:XFD1048575 covers more than 10000 cells: it is not resolved"
				if got := problemLines(res.Problems); len(got) == 0 || got[0] != want {
					t.Errorf("problems %q, want first %q", got, want)
				}
			}
		})
	}
}

// TestTooManyErrors: a sheet that is mostly errors is not read to its end.
func TestTooManyErrors(t *testing.T) {
	dir := inDir(t)
	var b strings.Builder
	b.WriteString("country,setting,status,source\n")
	for range 1500 {
		b.WriteString("SE,home,perhaps,https://riksdagen.se\n")
	}
	name := writeFile(t, dir, "bad.csv", []byte(b.String()))
	res := mustImport(t, Options{}, name)
	if got := res.Problems.Count(dataset.Error); got != maxSheetErrors+1 {
		t.Errorf("%d errors, want %d and one saying the rest is not read", got, maxSheetErrors)
	}
	last := res.Problems[0]
	if !strings.Contains(last.Message, "the rest of the sheet is not read") {
		t.Errorf("first problem (sorted, the sheet-wide one): %v", last)
	}
}

// TestBoundedReader: a reader past the limit fails with ErrTooLarge,
// naming the setting, whatever its size claims; one at the limit is read
// whole.
func TestBoundedReader(t *testing.T) {
	opts := Options{MaxFileBytes: 1 << 20, MaxFileSetting: "max_file in settings"}
	tests := []struct {
		name    string
		size    int64
		wantErr bool
	}{
		{"under", 1<<20 - 1, false},
		{"at the limit", 1 << 20, false},
		{"one past", 1<<20 + 1, true},
		{"endless", 1 << 40, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n, err := io.Copy(io.Discard, limitReader(io.LimitReader(zeros{}, tt.size), opts))
			if got := err != nil; got != tt.wantErr {
				t.Fatalf("read %d bytes, error %v; want an error: %v", n, err, tt.wantErr)
			}
			if tt.wantErr && (!errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "raise max_file in settings")) {
				t.Errorf("error %q: want ErrTooLarge naming the setting", err)
			}
			if n > opts.MaxFileBytes {
				t.Errorf("handed on %d bytes, past the limit", n)
			}
		})
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}
