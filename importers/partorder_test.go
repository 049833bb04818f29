package importers_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/importers"
	"github.com/cpmap/cpmap/internal/bench"
	"github.com/cpmap/cpmap/internal/xlsx"
)

// TestPercentEveryOrder imports a surveys workbook whose values are stored
// as Excel stores 26.5 % (0.265 with a percent format), its parts zipped in
// several orders and its sheet at sizes around the thresholds of the
// header search (about 30 rows) and of the read-ahead (10,000 rows), and
// wants every value stored as shown: the stored value times 100. The first
// rows of a sheet read ahead were once stored as 0.318, the rest as 31.8.
func TestPercentEveryOrder(t *testing.T) {
	sizes := []int{27, 28, 29, 30, 31, 10_000, 12_000}
	if testing.Short() {
		sizes = []int{27, 28, 29}
	}
	orders := []struct {
		name string
		sort func([]*zip.File)
	}{
		{"as written", func([]*zip.File) {}},
		{"reversed", slices.Reverse[[]*zip.File]},
		{"by name", func(fs []*zip.File) {
			slices.SortFunc(fs, func(a, b *zip.File) int { return strings.Compare(a.Name, b.Name) })
		}},
		{"styles and shared strings last", func(fs []*zip.File) {
			slices.SortStableFunc(fs, func(a, b *zip.File) int { return late(a.Name) - late(b.Name) })
		}},
		{"worksheets first", func(fs []*zip.File) {
			slices.SortStableFunc(fs, func(a, b *zip.File) int {
				return worksheet(b.Name) - worksheet(a.Name)
			})
		}},
	}
	for _, rows := range sizes {
		var book bytes.Buffer
		if err := bench.WriteWorkbook(&book, bench.WorkbookOptions{Rows: rows, Table: "surveys"}); err != nil {
			t.Fatal(err)
		}
		want := shownValues(t, book.Bytes())
		if len(want) != rows {
			t.Fatalf("%d rows: the workbook has %d values", rows, len(want))
		}
		for _, order := range orders {
			t.Run(fmt.Sprintf("rows=%d/%s", rows, order.name), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "surveys.xlsx")
				if err := os.WriteFile(path, rezip(t, book.Bytes(), order.sort), 0o644); err != nil {
					t.Fatal(err)
				}
				res, err := importers.Import([]string{path}, importers.Options{})
				if err != nil {
					t.Fatal(err)
				}
				if res.Problems.HasErrors() {
					t.Fatalf("import: %s", res.Problems[0])
				}
				bad := 0
				for _, s := range res.Dataset.Surveys {
					w, ok := want[s.ID]
					if !ok {
						t.Errorf("survey %s is not in the workbook", s.ID)
						continue
					}
					if got := s.Value; !near(got, w) {
						if bad++; bad <= 5 {
							t.Errorf("survey %s: value %g, want %g (as shown)", s.ID, got, w)
						}
					}
				}
				if bad > 5 {
					t.Errorf("... %d values in all are not as shown", bad)
				}
				if got := len(res.Dataset.Surveys); got != rows {
					t.Errorf("%d surveys read, want %d", got, rows)
				}
			})
		}
	}
}

// late orders the styles and the shared strings after every other part.
func late(name string) int {
	if strings.HasSuffix(name, "styles.xml") || strings.HasSuffix(name, "sharedStrings.xml") {
		return 1
	}
	return 0
}

func worksheet(name string) int {
	if strings.Contains(name, "worksheets/") {
		return 1
	}
	return 0
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// shownValues reads the survey sheet's ids and values straight from its
// XML, raw, and returns each value as shown: times 100.
func shownValues(t *testing.T, book []byte) map[string]float64 {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	parts := xlsx.NewParts(zr, 1<<30)
	sheets, sstPart, err := parts.WorkbookParts()
	if err != nil {
		t.Fatal(err)
	}
	sst, err := xlsx.ReadPart(parts, sstPart, func(r io.Reader) (*xlsx.SharedStrings, error) {
		return xlsx.ReadSharedStrings(r, t.TempDir())
	})
	if err != nil {
		t.Fatal(err)
	}
	defer sst.Close()
	rc, err := parts.Open(sheets["surveys"])
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	rows := xlsx.NewRows(rc, sst, nil)
	header, _, err := rows.Next()
	if err != nil {
		t.Fatal(err)
	}
	id, value := slices.Index(header, "id"), slices.Index(header, "value")
	out := map[string]float64{}
	for {
		cells, _, err := rows.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		v, err := strconv.ParseFloat(cells[value], 64)
		if err != nil {
			t.Fatal(err)
		}
		shown, _ := strconv.ParseFloat(strconv.FormatFloat(v*100, 'f', 6, 64), 64)
		out[cells[id]] = shown
	}
}

// rezip returns the workbook with its parts, still compressed, in the
// order sort puts them.
func rezip(t *testing.T, book []byte, sort func([]*zip.File)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(book), int64(len(book)))
	if err != nil {
		t.Fatal(err)
	}
	files := slices.Clone(zr.File)
	sort(files)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range files {
		r, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(w, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
