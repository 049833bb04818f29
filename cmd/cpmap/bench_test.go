package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/cpmap/cpmap/internal/bench"
)

// BenchmarkImportCommand runs cpmap import (read, merge into a new dataset,
// validate, write) of a programmes workbook of 100,000 rows, holding every
// record in memory (part_records=0) and in parts of the default size. B/op
// is what is allocated in all; the peak a process holds is measured by
// scripts/bench-peers.sh (docs/performance.md).
func BenchmarkImportCommand(b *testing.B) {
	dir := b.TempDir()
	book := filepath.Join(dir, "programmes.xlsx")
	f, err := os.Create(book)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	err = bench.WriteWorkbook(w, bench.WorkbookOptions{Rows: 100_000})
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	for _, parts := range []int{0, defaultConfig().Import.PartRecords} {
		b.Run(fmt.Sprintf("part_records=%d", parts), func(b *testing.B) {
			cfg := filepath.Join(dir, fmt.Sprintf("config-%d.yaml", parts))
			if err := os.WriteFile(cfg, fmt.Appendf(nil, "import:\n  max_file_mb: 1000\n  part_records: %d\n", parts), 0o644); err != nil {
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
			b.ReportMetric(100_000*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}
