package charts

import (
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
	"github.com/google/go-cmp/cmp"
)

// TestMetaIndexed checks that the look-ups of an indexed Meta give what the
// table scans give, duplicates and missing records included.
func TestMetaIndexed(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "SE", Kind: dataset.State}, {Code: "SE", Name: "Sweden", Kind: dataset.Territory},
			{Code: "FI", Name: "Finland", Kind: dataset.State}, {Code: "FI", Name: "Suomi"},
		},
		Sources:    []dataset.Source{{ID: "a", Title: "First"}, {ID: "a", Title: "Second"}, {ID: "b"}},
		Campaigns:  []dataset.Campaign{{ID: "c1", Name: "Campaign", Source: "a"}, {ID: "c1", Name: "Other"}, {ID: "c2"}},
		Programmes: []dataset.Programme{{ID: "p1", Name: "Programme", Source: "b"}, {ID: "c1", Name: "Not a campaign"}},
	}
	plain := Meta{Dataset: ds}
	indexed := plain.indexed()
	if indexed.lookup == nil {
		t.Fatal("indexed() built no lookup")
	}
	if again := indexed.indexed(); again.lookup != indexed.lookup {
		t.Error("indexed() built the lookup again")
	}
	if got := (Meta{}).indexed(); got.lookup != nil {
		t.Error("a Meta without dataset got a lookup")
	}
	type answer struct {
		Name, NameIfKnown, Kind, SourceTitle string
		Source                               dataset.Source
		Campaign, CampaignSource             string
		Programme, ProgrammeSource           string
	}
	ask := func(m Meta, code, id string) answer {
		var a answer
		a.Name, a.NameIfKnown, a.Kind = m.name(code), m.nameIfKnown(code), string(m.kind(code))
		a.Source, a.SourceTitle = m.source(id), m.sourceTitle(id)
		a.Campaign, a.CampaignSource = m.record("campaign", id)
		a.Programme, a.ProgrammeSource = m.record(mapping.ProgrammeMeasure, id)
		return a
	}
	dateEqual := cmp.Comparer(func(a, b dataset.Date) bool { return a == b })
	for _, tc := range []struct{ name, code, id string }{
		{"first named of two", "SE", "a"},
		{"first of two names", "FI", "c1"},
		{"missing", "XX", "zz"},
		{"empty", "", ""},
		{"programme", "SE", "p1"},
		{"campaign without name", "FI", "c2"},
		{"source without title", "FI", "b"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want, got := ask(plain, tc.code, tc.id), ask(indexed, tc.code, tc.id)
			if diff := cmp.Diff(want, got, dateEqual); diff != "" {
				t.Errorf("indexed Meta differs from table scans (-want +got):\n%s", diff)
			}
		})
	}
}
