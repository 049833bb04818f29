package charts_test

import (
	"testing"
	"time"

	"github.com/cpmap/cpmap/charts"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/bench"
	"github.com/cpmap/cpmap/mapping"
)

// benchInput returns the chart input of every jurisdiction of the dataset
// of cfg on the day after its history, with the yearly matrices of the
// road to prohibition, as a briefing pack makes it.
func benchInput(b *testing.B, cfg bench.Config) charts.Input {
	b.Helper()
	ds, err := bench.Dataset(cfg)
	if err != nil {
		b.Fatal(err)
	}
	var codes []string
	for _, j := range ds.Jurisdictions {
		codes = append(codes, j.Code)
	}
	on := time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC)
	ix := mapping.NewIndex(ds)
	r := mapping.DefaultRubric()
	in := charts.Input{
		Meta:     charts.Meta{AsOf: dataset.DateOf(on), Index: ix},
		Matrix:   ix.Status(codes, on),
		Progress: ix.Progress(codes, on, r),
		Trends:   ix.Trends(codes, on, r.StableChange),
		Measures: ix.Measures(codes, on),
	}
	for _, t := range charts.RoadDates(cfg.LastYear-cfg.Years, on) {
		in.History = append(in.History, ix.Status(codes, t))
	}
	return in
}

// BenchmarkPages builds the chart pages (Pages) and renders them (Files) at
// every size of bench.Sizes.
func BenchmarkPages(b *testing.B) {
	for _, cfg := range bench.Sizes() {
		in := benchInput(b, cfg)
		b.Run("pages/"+cfg.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := charts.Pages(in); err != nil {
					b.Fatal(err)
				}
			}
		})
		pages, err := charts.Pages(in)
		if err != nil {
			b.Fatal(err)
		}
		b.Run("files/"+cfg.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := charts.Files(pages, in.Meta); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
