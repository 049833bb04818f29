package importers_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/dataset"
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
			if err := bench.WriteWorkbookFile(path, bench.WorkbookOptions{Rows: tc.rows, Table: tc.table}); err != nil {
				b.Fatal(err)
			}
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

// BenchmarkImportCSV imports CSV files: the data package of bench.Dataset
// at each size (bench.Sizes) as cpmap writes it, its sources,
// jurisdictions, programmes and surveys, read back as a researcher's CSV
// files would be, header by header.
func BenchmarkImportCSV(b *testing.B) {
	for _, cfg := range bench.Sizes() {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds, err := bench.Dataset(cfg)
			if err != nil {
				b.Fatal(err)
			}
			dir := b.TempDir()
			if err := dataset.Save(dir, ds); err != nil {
				b.Fatal(err)
			}
			var files []string
			rows := 0
			for _, name := range []string{"sources", "jurisdictions", "programmes", "surveys"} {
				files = append(files, filepath.Join(dir, name+".csv"))
				rows += dataset.TableByName(name).Len(ds)
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := importers.Import(files, importers.Options{})
				if err != nil {
					b.Fatal(err)
				}
				if res.Problems.HasErrors() {
					b.Fatalf("import: %s", res.Problems[0])
				}
			}
			b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
