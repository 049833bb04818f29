package importers_test

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/importers"
	"github.com/cpmap/cpmap/internal/bench"
)

// BenchmarkImport imports an Excel-style workbook (internal/bench) of each
// table's rows and a sources sheet: programmes (text, integers, two dates)
// at three sizes, campaigns (lists, dates) and surveys (a percentage) at
// 10,000 rows.
func BenchmarkImport(b *testing.B) {
	cases := []struct {
		table string
		rows  int
	}{
		{"programmes", 1_000},
		{"programmes", 10_000},
		{"programmes", 100_000},
		{"campaigns", 10_000},
		{"surveys", 10_000},
	}
	for _, tc := range cases {
		b.Run(fmt.Sprintf("%s/rows=%d", tc.table, tc.rows), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), tc.table+".xlsx")
			writeWorkbook(b, path, bench.WorkbookOptions{Rows: tc.rows, Table: tc.table})
			b.ReportAllocs()
			for b.Loop() {
				res, err := importers.Import([]string{path}, importers.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Problems.HasErrors() {
					b.Fatalf("import: %s", res.Problems[0])
				}
			}
			b.ReportMetric(float64(tc.rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

func writeWorkbook(b *testing.B, path string, opt bench.WorkbookOptions) {
	b.Helper()
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	err = bench.WriteWorkbook(w, opt)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
}
