package dataset_test

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/bench"
)

// benchSizes are the datasets of the benchmarks, smallest first; the last
// is bench.DefaultConfig (200 jurisdictions, 50 years, 10,000 campaigns and
// programmes, 100,000 survey rows).
var benchSizes = bench.Sizes()

var benchDatasets sync.Map // bench.Config → *dataset.Dataset

// benchDataset returns the dataset of cfg, made once per test binary. The
// benchmarks must not change it.
func benchDataset(b *testing.B, cfg bench.Config) *dataset.Dataset {
	b.Helper()
	if ds, ok := benchDatasets.Load(cfg); ok {
		return ds.(*dataset.Dataset)
	}
	ds, err := bench.Dataset(cfg)
	if err != nil {
		b.Fatal(err)
	}
	benchDatasets.Store(cfg, ds)
	return ds
}

// records counts the records of every table, for a records/s metric.
func records(ds *dataset.Dataset) int {
	n := 0
	for _, t := range dataset.Tables() {
		n += t.Len(ds)
	}
	return n
}

func reportRecords(b *testing.B, ds *dataset.Dataset) {
	b.ReportMetric(float64(records(ds))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkValidate(b *testing.B) {
	for _, cfg := range benchSizes {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds := benchDataset(b, cfg)
			opt := dataset.ValidateOptions{
				Now:            time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC),
				MaxVerifiedAge: 5 * 365 * 24 * time.Hour,
			}
			b.ReportAllocs()
			for b.Loop() {
				if ps := ds.Validate(opt); len(ps) != 0 {
					b.Fatalf("%d problems, first %s", len(ps), ps[0])
				}
			}
			reportRecords(b, ds)
		})
	}
}

func BenchmarkEncode(b *testing.B) {
	for _, cfg := range benchSizes {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds := benchDataset(b, cfg)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := dataset.Encode(ds); err != nil {
					b.Fatal(err)
				}
			}
			reportRecords(b, ds)
		})
	}
}

// BenchmarkSave writes the data package into a new folder each time (new),
// and again over an identical one (unchanged: Save reads and compares, and
// writes nothing).
func BenchmarkSave(b *testing.B) {
	for _, cfg := range benchSizes {
		b.Run(cfg.Name()+"/new", func(b *testing.B) {
			ds := benchDataset(b, cfg)
			root := b.TempDir()
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				dir := filepath.Join(root, fmt.Sprint(i))
				i++
				if err := dataset.Save(dir, ds); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				if err := os.RemoveAll(dir); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			reportRecords(b, ds)
		})
		b.Run(cfg.Name()+"/unchanged", func(b *testing.B) {
			ds := benchDataset(b, cfg)
			dir := b.TempDir()
			if err := dataset.Save(dir, ds); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if err := dataset.Save(dir, ds); err != nil {
					b.Fatal(err)
				}
			}
			reportRecords(b, ds)
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	for _, cfg := range benchSizes {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds := benchDataset(b, cfg)
			dir := b.TempDir()
			if err := dataset.Save(dir, ds); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				_, ps, err := dataset.Load(dir)
				if err != nil {
					b.Fatal(err)
				}
				if len(ps) != 0 {
					b.Fatalf("%d problems, first %s", len(ps), ps[0])
				}
			}
			reportRecords(b, ds)
		})
	}
}
