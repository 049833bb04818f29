package exports_test

import (
	"io"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/internal/bench"
	"github.com/cpmap/cpmap/mapping"
)

var benchDatasets sync.Map // bench.Config → *dataset.Dataset

// benchDataset returns the dataset of cfg, made once per test binary.
func benchDataset(b *testing.B, cfg bench.Config) *dataset.Dataset {
	b.Helper()
	if v, ok := benchDatasets.Load(cfg); ok {
		return v.(*dataset.Dataset)
	}
	ds, err := bench.Dataset(cfg)
	if err != nil {
		b.Fatal(err)
	}
	benchDatasets.Store(cfg, ds)
	return ds
}

// each runs f as a sub-benchmark at every size of bench.Sizes.
func each(b *testing.B, f func(b *testing.B, ds *dataset.Dataset)) {
	for _, cfg := range bench.Sizes() {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds := benchDataset(b, cfg)
			b.ReportAllocs()
			f(b, ds)
		})
	}
}

func BenchmarkDatasetJSON(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset) {
		for b.Loop() {
			if _, err := exports.DatasetJSON(ds); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkWriteDatasetXLSX(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset) {
		for b.Loop() {
			if err := exports.WriteDatasetXLSX(io.Discard, ds); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// edited returns a copy of ds with one survey value in a hundred changed,
// one campaign in a hundred removed and one provision in a hundred given a
// new status: the size of a yearly update.
func edited(ds *dataset.Dataset) *dataset.Dataset {
	out := *ds
	out.Surveys = slices.Clone(ds.Surveys)
	for i := 0; i < len(out.Surveys); i += 100 {
		out.Surveys[i].Value = 100 - out.Surveys[i].Value
	}
	out.Campaigns = nil
	for i, c := range ds.Campaigns {
		if i%100 != 0 {
			out.Campaigns = append(out.Campaigns, c)
		}
	}
	out.Provisions = slices.Clone(ds.Provisions)
	for i := 0; i < len(out.Provisions); i += 100 {
		out.Provisions[i].Status = dataset.Unknown
	}
	return &out
}

func BenchmarkDiffReport(b *testing.B) {
	each(b, func(b *testing.B, ds *dataset.Dataset) {
		next := edited(ds)
		for b.Loop() {
			r := exports.NewDiffReport(ds, next, "old", "new")
			if r.Len() == 0 {
				b.Fatal("no differences found")
			}
			if err := exports.WriteDiffText(io.Discard, r); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkWriteBrief writes the briefing pack of every jurisdiction, as
// `cpmap brief --all` does, into a fresh folder each time (the files are
// new, so every one is written).
func BenchmarkWriteBrief(b *testing.B) {
	for _, cfg := range bench.Sizes() {
		b.Run(cfg.Name(), func(b *testing.B) {
			ds := benchDataset(b, cfg)
			opt := exports.BriefOptions{
				AsOf:   time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC),
				Rubric: mapping.DefaultRubric(),
				Now:    time.Date(cfg.LastYear+1, 1, 2, 12, 0, 0, 0, time.UTC),
			}
			b.ReportAllocs()
			for b.Loop() {
				res, err := exports.WriteBrief(b.TempDir(), ds, opt)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Codes) != len(ds.Jurisdictions) {
					b.Fatalf("%d jurisdictions in the pack, want %d", len(res.Codes), len(ds.Jurisdictions))
				}
			}
		})
	}
}
