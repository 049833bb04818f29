package mapping_test

import (
	"sync"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/bench"
	"github.com/cpmap/cpmap/mapping"
)

var benchDatasets sync.Map // bench.Config → *dataset.Dataset

// benchDataset returns the dataset of cfg, made once per test binary, with
// every jurisdiction code and the day after its history.
func benchDataset(b *testing.B, cfg bench.Config) (*dataset.Dataset, []string, time.Time) {
	b.Helper()
	v, ok := benchDatasets.Load(cfg)
	if !ok {
		ds, err := bench.Dataset(cfg)
		if err != nil {
			b.Fatal(err)
		}
		benchDatasets.Store(cfg, ds)
		v = ds
	}
	ds := v.(*dataset.Dataset)
	codes := make([]string, len(ds.Jurisdictions))
	for i, j := range ds.Jurisdictions {
		codes[i] = j.Code
	}
	return ds, codes, time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
}

// each runs f as a sub-benchmark at every size of bench.Sizes.
func each(b *testing.B, f func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time)) {
	for _, cfg := range bench.Sizes() {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds, codes, on := benchDataset(b, cfg)
			b.ReportAllocs()
			f(b, ds, codes, on)
		})
	}
}

func BenchmarkStatus(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
		for b.Loop() {
			if m := mapping.NewIndex(ds).Status(codes, on); len(m.Rows) != len(codes) {
				b.Fatalf("%d rows for %d jurisdictions", len(m.Rows), len(codes))
			}
		}
	})
}

func BenchmarkProgress(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
		r := mapping.DefaultRubric()
		for b.Loop() {
			if ps := mapping.NewIndex(ds).Progress(codes, on, r); len(ps) != len(codes) {
				b.Fatalf("%d results for %d jurisdictions", len(ps), len(codes))
			}
		}
	})
}

func BenchmarkTimeline(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
		for b.Loop() {
			if cs := mapping.NewIndex(ds).Timeline(codes); len(cs) == 0 {
				b.Fatal("no changes")
			}
		}
	})
}

func BenchmarkTrends(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
		for b.Loop() {
			if ts := mapping.NewIndex(ds).Trends(codes, on, 0.5); len(ts) == 0 {
				b.Fatal("no trends")
			}
		}
	})
}

func BenchmarkMeasures(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
		for b.Loop() {
			if ms := mapping.NewIndex(ds).Measures(codes, on); len(ms) == 0 {
				b.Fatal("no measures")
			}
		}
	})
}

// BenchmarkSummarise summarises one jurisdiction (one), every jurisdiction
// one call at a time, each from an Index of its own (all, as the package
// function Summarise did), and every jurisdiction from one Index, built
// inside the timed loop (all-index), as a briefing pack does.
func BenchmarkSummarise(b *testing.B) {
	for _, name := range []string{"one", "all", "all-index"} {
		b.Run(name, func(b *testing.B) {
			each(b, func(b *testing.B, ds *dataset.Dataset, codes []string, on time.Time) {
				r := mapping.DefaultRubric()
				some := codes[:1]
				if name != "one" {
					some = codes
				}
				for b.Loop() {
					summarise := func(code string) (*mapping.Summary, error) { return mapping.NewIndex(ds).Summarise(code, on, r) }
					if name == "all-index" {
						ix := mapping.NewIndex(ds)
						summarise = func(code string) (*mapping.Summary, error) { return ix.Summarise(code, on, r) }
					}
					for _, code := range some {
						if _, err := summarise(code); err != nil {
							b.Fatal(err)
						}
					}
				}
			})
		})
	}
}
