package bench

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// smallConfigs are sizes that keep the tests fast; the benchmarks use
// DefaultConfig.
var smallConfigs = []struct {
	name string
	cfg  Config
}{
	{"fifty years", Config{Seed: 1, Jurisdictions: 30, Years: 50, LastYear: 2025, Campaigns: 300, Programmes: 300, Surveys: 2_000, SeriesLength: 10, Sources: 100}},
	{"every country", Config{Seed: 7, Jurisdictions: len(dataset.Countries()), Years: 20, LastYear: 2024, Campaigns: 50, Programmes: 50, Surveys: 95, SeriesLength: 10, Sources: 40}},
	{"one country one year", Config{Seed: 3, Jurisdictions: 1, Years: 1, LastYear: 2000, Campaigns: 5, Programmes: 5, Surveys: 7, SeriesLength: 3, Sources: 2}},
	{"long series short history", Config{Seed: 9, Jurisdictions: 5, Years: 4, LastYear: 2025, Campaigns: 0, Programmes: 0, Surveys: 40, SeriesLength: 20, Sources: 5}},
}

// validateOptions validates as of 1 January after the history, with a
// stale-verification check that every generated verification passes.
func validateOptions(cfg Config) dataset.ValidateOptions {
	return dataset.ValidateOptions{
		Now:            time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC),
		MaxVerifiedAge: 5 * 365 * 24 * time.Hour,
	}
}

func TestDatasetValidates(t *testing.T) {
	for _, tc := range smallConfigs {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := Dataset(tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range ds.Validate(validateOptions(tc.cfg)) {
				t.Errorf("%s", p)
			}
			got := map[string]int{
				"jurisdictions": len(ds.Jurisdictions),
				"campaigns":     len(ds.Campaigns),
				"programmes":    len(ds.Programmes),
				"surveys":       len(ds.Surveys),
				"sources":       len(ds.Sources),
			}
			want := map[string]int{
				"jurisdictions": tc.cfg.Jurisdictions,
				"campaigns":     tc.cfg.Campaigns,
				"programmes":    tc.cfg.Programmes,
				"surveys":       tc.cfg.Surveys,
				"sources":       tc.cfg.Sources,
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("record counts (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDatasetHistory checks the shape of the history: every jurisdiction
// has a timeline for every setting, statuses change over time, and survey
// series have the configured length.
func TestDatasetHistory(t *testing.T) {
	cfg := smallConfigs[0].cfg
	ds, err := Dataset(cfg)
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		code    string
		setting dataset.Setting
	}
	statuses := map[key][]dataset.Status{}
	first, last := 9999, 0
	for _, p := range ds.Provisions {
		k := key{p.Jurisdiction, p.Setting}
		statuses[k] = append(statuses[k], p.Status)
		start, _ := p.Start()
		first, last = min(first, start.Year()), max(last, start.Year())
	}
	if got, want := len(statuses), cfg.Jurisdictions*len(dataset.Settings); got != want {
		t.Errorf("%d timelines, want %d (every jurisdiction and setting)", got, want)
	}
	changed := 0
	for _, ss := range statuses {
		if len(slices.Compact(slices.Clone(ss))) > 1 {
			changed++
		}
	}
	if changed < len(statuses)/2 {
		t.Errorf("status changes in %d of %d timelines, want at least half", changed, len(statuses))
	}
	if span := last - first + 1; span < cfg.Years*3/4 {
		t.Errorf("provisions start in %d–%d, want most of the %d years up to %d", first, last, cfg.Years, cfg.LastYear)
	}
	waves := map[string]int{}
	for _, s := range ds.Surveys {
		waves[s.Series]++
	}
	if got, want := len(waves), cfg.Surveys/cfg.SeriesLength; got != want {
		t.Errorf("%d survey series, want %d", got, want)
	}
	for series, n := range waves {
		if n != cfg.SeriesLength {
			t.Errorf("series %s has %d waves, want %d", series, n, cfg.SeriesLength)
		}
	}
}

// TestDatasetDeterministic checks that a config always gives the same bytes
// and that the seed changes them.
func TestDatasetDeterministic(t *testing.T) {
	encode := func(cfg Config) map[string][]byte {
		t.Helper()
		ds, err := Dataset(cfg)
		if err != nil {
			t.Fatal(err)
		}
		files, err := dataset.Encode(ds)
		if err != nil {
			t.Fatal(err)
		}
		return files
	}
	cfg := smallConfigs[0].cfg
	a, b := encode(cfg), encode(cfg)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("two runs differ (-first +second):\n%s", diff)
	}
	cfg.Seed++
	c := encode(cfg)
	if bytes.Equal(a["provisions.csv"], c["provisions.csv"]) {
		t.Errorf("seeds %d and %d gave the same provisions", cfg.Seed-1, cfg.Seed)
	}
}

// TestDatasetSaveLoad checks that the dataset survives the data package on
// disk unchanged and loads with no problem.
func TestDatasetSaveLoad(t *testing.T) {
	cfg := smallConfigs[0].cfg
	ds, err := Dataset(cfg)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "data")
	if err := dataset.Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	loaded, ps, err := dataset.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Errorf("load: %s", p)
	}
	want, err := dataset.Encode(ds)
	if err != nil {
		t.Fatal(err)
	}
	got, err := dataset.Encode(loaded)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("loaded dataset differs (-saved +loaded):\n%s", diff)
	}
}

func TestDatasetBadConfig(t *testing.T) {
	good := smallConfigs[0].cfg
	tests := []struct {
		name   string
		change func(*Config)
	}{
		{"no jurisdictions", func(c *Config) { c.Jurisdictions = 0 }},
		{"more jurisdictions than codes", func(c *Config) { c.Jurisdictions = len(dataset.Countries()) + 1 }},
		{"no years", func(c *Config) { c.Years = 0 }},
		{"history before 1100", func(c *Config) { c.LastYear, c.Years = 1200, 200 }},
		{"last year too late", func(c *Config) { c.LastYear = 9500 }},
		{"negative campaigns", func(c *Config) { c.Campaigns = -1 }},
		{"negative surveys", func(c *Config) { c.Surveys = -1 }},
		{"series of no waves", func(c *Config) { c.SeriesLength = 0 }},
		{"no sources", func(c *Config) { c.Sources = 0 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := good
			tc.change(&cfg)
			ds, err := Dataset(cfg)
			if err == nil {
				t.Errorf("Dataset(%+v) = %d jurisdictions, nil error; want an error", cfg, len(ds.Jurisdictions))
			}
		})
	}
}

func TestJurisdictions(t *testing.T) {
	all := len(dataset.Countries())
	for _, n := range []int{1, 2, 10, 200, all} {
		got := Jurisdictions(5, n)
		if len(got) != n {
			t.Errorf("Jurisdictions(5, %d) gave %d codes", n, len(got))
		}
		if !slices.IsSorted(got) || len(slices.Compact(slices.Clone(got))) != len(got) {
			t.Errorf("Jurisdictions(5, %d) = %v: want sorted unique codes", n, got)
		}
		for _, c := range got {
			if _, ok := dataset.LookupCountry(c); !ok {
				t.Errorf("Jurisdictions(5, %d): %q is not an ISO code", n, c)
			}
			if parent, ok := territories[c]; ok && !slices.Contains(got, parent) {
				t.Errorf("Jurisdictions(5, %d): territory %s without its parent %s", n, c, parent)
			}
		}
	}
	if a, b := Jurisdictions(5, 10), Jurisdictions(6, 10); slices.Equal(a, b) {
		t.Errorf("seeds 5 and 6 chose the same codes %v", a)
	}
}
