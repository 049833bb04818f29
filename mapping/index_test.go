package mapping_test

import (
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/bench"
	"github.com/cpmap/cpmap/mapping"
	"github.com/google/go-cmp/cmp"
)

// dateEqual compares dates as values (their fields are unexported).
var dateEqual = cmp.Comparer(func(a, b dataset.Date) bool { return a == b })

// TestIndexReused asks one Index many questions, in turn, and checks every
// answer against that of a fresh index: answering must not change the
// index.
func TestIndexReused(t *testing.T) {
	cfg := bench.Sizes()[0]
	ds, err := bench.Dataset(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, j := range ds.Jurisdictions {
		codes = append(codes, j.Code)
	}
	r := mapping.DefaultRubric()
	ix := mapping.NewIndex(ds)
	if got := ix.Dataset(); got != ds {
		t.Errorf("Dataset() = %p, want %p", got, ds)
	}
	days := []time.Time{
		time.Date(cfg.LastYear+1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(cfg.LastYear-cfg.Years/2, 6, 30, 15, 0, 0, 0, time.UTC),
		time.Date(cfg.LastYear-cfg.Years, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	some := []string{codes[len(codes)-1], codes[0], codes[0]}
	for range 2 {
		for _, on := range days {
			for _, tc := range []struct {
				name      string
				got, want func(x *mapping.Index) any
			}{
				{name: "status all", got: func(x *mapping.Index) any { return x.Status(codes, on) }},
				{name: "status some", got: func(x *mapping.Index) any { return x.Status(some, on) }},
				{name: "progress", got: func(x *mapping.Index) any { return x.Progress(codes, on, r) }},
				{name: "trends", got: func(x *mapping.Index) any { return x.Trends(codes, on, r.StableChange) }},
				{name: "timeline", got: func(x *mapping.Index) any { return x.Timeline(some) }},
				{name: "measures", got: func(x *mapping.Index) any { return x.Measures(codes, on) }},
				{name: "cell", got: func(x *mapping.Index) any { return x.CellOn(codes[0], dataset.Home, on) }},
				{name: "summary", got: func(x *mapping.Index) any {
					s, err := x.Summarise(codes[1], on, r)
					if err != nil {
						return err.Error()
					}
					return s
				}},
			} {
				got, want := tc.got(ix), tc.got(mapping.NewIndex(ds))
				if diff := cmp.Diff(want, got, dateEqual); diff != "" {
					t.Errorf("%s on %s: reused index differs from a fresh one (-want +got):\n%s", tc.name, on.Format(time.DateOnly), diff)
				}
			}
		}
	}
}

func TestIndexSource(t *testing.T) {
	ds := &dataset.Dataset{Sources: []dataset.Source{
		{ID: "a", Title: "First A", URL: "https://example.org/a", Type: "report"},
		{ID: "b", Title: "B", Publisher: "P"},
		{ID: "a", Title: "Second A"},
	}}
	ix := mapping.NewIndex(ds)
	for _, tc := range []struct {
		name   string
		id     string
		want   mapping.SourceRef
		wantOK bool
	}{
		{"present", "b", mapping.SourceRef{ID: "b", Title: "B", Publisher: "P"}, true},
		{"duplicate id gives the first", "a", mapping.SourceRef{ID: "a", Title: "First A", URL: "https://example.org/a", Type: "report"}, true},
		{"absent keeps its id", "zz", mapping.SourceRef{ID: "zz"}, false},
		{"empty id", "", mapping.SourceRef{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := ix.Source(tc.id)
			if diff := cmp.Diff(tc.want, got, dateEqual); diff != "" || ok != tc.wantOK {
				t.Errorf("Index.Source(%q) = %v (-want +got):\n%s", tc.id, ok, diff)
			}
		})
	}
}

// TestIndexRecords checks the look-ups by code and id: the first record of
// each wins, the first name of a code even when an earlier record has none.
func TestIndexRecords(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "SE", Kind: dataset.State}, {Code: "SE", Name: "Sweden", Kind: dataset.Territory},
			{Code: "FI", Name: "Finland", Kind: dataset.State}, {Code: "FI", Name: "Suomi"},
		},
		Sources:    []dataset.Source{{ID: "a", Title: "First"}, {ID: "a", Title: "Second"}, {ID: "b"}},
		Campaigns:  []dataset.Campaign{{ID: "c1", Name: "Campaign", Source: "a"}, {ID: "c1", Name: "Other"}, {ID: "c2"}},
		Programmes: []dataset.Programme{{ID: "p1", Name: "Programme", Source: "b"}, {ID: "c1", Name: "Not a campaign"}},
	}
	ix := mapping.NewIndex(ds)
	type answer struct {
		Name, Kind, Source, Campaign, Programme string
		HasJurisdiction, HasSource              bool
		HasCampaign, HasProgramme               bool
	}
	ask := func(code, id string) answer {
		var a answer
		a.Name = ix.Name(code)
		j, ok := ix.Jurisdiction(code)
		a.Kind, a.HasJurisdiction = string(j.Kind), ok
		s, ok := ix.SourceRecord(id)
		a.Source, a.HasSource = s.Title, ok
		c, ok := ix.Campaign(id)
		a.Campaign, a.HasCampaign = c.Name, ok
		p, ok := ix.Programme(id)
		a.Programme, a.HasProgramme = p.Name, ok
		return a
	}
	tests := []struct {
		name, code, id string
		want           answer
	}{
		{"first named of two", "SE", "a", answer{Name: "Sweden", Kind: "state", Source: "First", HasJurisdiction: true, HasSource: true}},
		{"first of two names", "FI", "c1", answer{Name: "Finland", Kind: "state", Campaign: "Campaign", Programme: "Not a campaign", HasJurisdiction: true, HasCampaign: true, HasProgramme: true}},
		{"missing", "XX", "zz", answer{Name: "XX"}},
		{"programme", "SE", "p1", answer{Name: "Sweden", Kind: "state", Programme: "Programme", HasJurisdiction: true, HasProgramme: true}},
		{"campaign without name", "FI", "c2", answer{Name: "Finland", Kind: "state", HasJurisdiction: true, HasCampaign: true}},
		{"source without title", "FI", "b", answer{Name: "Finland", Kind: "state", HasJurisdiction: true, HasSource: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, ask(tt.code, tt.id)); diff != "" {
				t.Errorf("look-ups (-want +got):\n%s", diff)
			}
		})
	}
}
