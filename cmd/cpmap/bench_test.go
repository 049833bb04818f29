package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/internal/bench"
)

// BenchmarkImportCommand runs cpmap import (read, merge into a new dataset,
// validate, write) of programmes workbooks of 10,000, 100,000 and
// 1,000,000 rows, in parts of the default size, and of the smaller two
// holding every record in memory (part_records=0). B/op is what is
// allocated in all; the peak a process holds is measured by
// scripts/bench-peers.sh (docs/performance.md). The million-row workbook
// takes about half a minute to make, and is not made with -short.
func BenchmarkImportCommand(b *testing.B) {
	dir := b.TempDir()
	for _, rows := range []int{10_000, 100_000, 1_000_000} {
		if rows > 100_000 && testing.Short() {
			continue
		}
		book := filepath.Join(dir, fmt.Sprintf("programmes-%d.xlsx", rows))
		if err := bench.WriteWorkbookFile(book, bench.WorkbookOptions{Rows: rows}); err != nil {
			b.Fatal(err)
		}
		parts := []int{defaultConfig().Import.PartRecords}
		if rows <= 100_000 {
			parts = append(parts, 0)
		}
		for _, n := range parts {
			b.Run(fmt.Sprintf("rows=%d/part_records=%d", rows, n), func(b *testing.B) {
				cfg := filepath.Join(dir, fmt.Sprintf("config-%d.yaml", n))
				if err := os.WriteFile(cfg, fmt.Appendf(nil, "import:\n  max_file_mb: 1000\n  part_records: %d\n", n), 0o644); err != nil {
					b.Fatal(err)
				}
				data := filepath.Join(dir, "data")
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					os.RemoveAll(data)
					b.StartTimer()
					r := runCpmap(b, fixedClock, "--config", cfg, "import", "--data", data, book)
					if r.code != exitOK {
						b.Fatalf("exit %d: %s", r.code, r.stderr)
					}
				}
				b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
			})
		}
		os.Remove(book)
	}
}
