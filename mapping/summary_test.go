package mapping

import (
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

func TestSummarise(t *testing.T) {
	ds := timelines()
	ds.Provisions = append(ds.Provisions, prov("ee-day-care", "EE", dataset.DayCare, dataset.Prohibited, "", "", ""))
	ds.Provisions[len(ds.Provisions)-1].Confirmed = boolp(false)
	ds.Provisions[len(ds.Provisions)-1].Source = "gi-ee"
	ds.Provisions[len(ds.Provisions)-1].VerifiedOn = d("2025-03-01")
	ds.Sources = []dataset.Source{
		{ID: "gi-ee", Title: "Country Report for Estonia", Publisher: "Global Initiative", URL: "https://example.org/ee", Type: "report"},
		{ID: "src-EE", Title: "Child Protection Act", Type: "legislation"},
	}
	ds.Surveys = []dataset.Survey{survey("ee-2018", "EE", "ee", 2018, 30)}
	sum, err := NewIndex(ds).Summarise("EE", on("2026-01-01"), DefaultRubric())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sum.Status.Category, SomeSettings; got != want {
		t.Errorf("category = %s, want %s", got, want)
	}
	if got, want := sum.AsOf, d("2026-01-01"); got != want {
		t.Errorf("as of = %s, want %s", got, want)
	}
	if got, want := sum.LastVerified, d("2025-03-01"); got != want {
		t.Errorf("last verified = %s, want %s", got, want)
	}
	if got, want := sum.Attribution, Attribution; got != want {
		t.Errorf("attribution = %q", got)
	}
	var ids []string
	for _, s := range sum.Sources {
		ids = append(ids, s.ID)
	}
	if diff := cmp.Diff([]string{"gi-ee", "src-EE"}, ids); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"not confirmed: day care prohibited"}, sum.Unconfirmed); diff != "" {
		t.Errorf("unconfirmed (-want +got):\n%s", diff)
	}
	for _, want := range []string{
		"alternative care: legal status not recorded for this date",
		"day care: no instrument recorded; recorded without a date; attested from 2025-03-01",
		"plan: no national action plan recorded; no complete search speaks for this date: search the government's and ministries' strategies and action plans on violence against children, and record the search in coverage",
		"child population not recorded",
	} {
		if !containsString(sum.Gaps, want) {
			t.Errorf("gaps lack %q; they are:\n%s", want, strings.Join(sum.Gaps, "\n"))
		}
	}
	if len(sum.Steps) != len(Steps) || len(sum.Trends) != 1 {
		t.Errorf("%d steps and %d trends, want %d and 1", len(sum.Steps), len(sum.Trends), len(Steps))
	}
	var changed []string
	for _, c := range sum.Changes {
		changed = append(changed, c.Provision.ID)
	}
	if diff := cmp.Diff([]string{"ee-school-1992", "ee-home-2014", "ee-school-2014"}, changed); diff != "" {
		t.Errorf("changes (-want +got):\n%s", diff)
	}
	// Changes after the as-of date are left out.
	early, err := NewIndex(ds).Summarise("EE", on("2015-06-01"), DefaultRubric())
	if err != nil {
		t.Fatal(err)
	}
	if len(early.Changes) != 1 || early.Changes[0].Provision.ID != "ee-school-1992" {
		t.Errorf("changes on 2015-06-01 = %+v, want only ee-school-1992", early.Changes)
	}

	if _, err := NewIndex(ds).Summarise("ZZ", on("2026-01-01"), DefaultRubric()); err == nil || !strings.Contains(err.Error(), `"ZZ"`) {
		t.Errorf("unknown jurisdiction: err = %v, want one naming ZZ", err)
	}
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

func TestCitation(t *testing.T) {
	tests := []struct {
		name string
		src  SourceRef
		want string
	}{
		{"full", SourceRef{ID: "a", Title: "T", Publisher: "P", URL: "https://x", Published: d("2017-02"), Accessed: d("2024-01-02")},
			"T. P. 2017-02. https://x. accessed 2024-01-02"},
		{"missing from the table", SourceRef{ID: "gone"}, "gone (not in the sources table)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.src.Citation(); got != tt.want {
				t.Errorf("Citation() = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct{ from, until, want string }{
		{"", "", ""},
		{"1979", "", "1979–"},
		{"", "2015", "–2015"},
		{"2010", "2015-06", "2010–2015-06"},
		{"1979", "1979", "1979"},
	}
	for _, tt := range tests {
		if got := Period(d(tt.from), d(tt.until)); got != tt.want {
			t.Errorf("Period(%q, %q) = %q, want %q", tt.from, tt.until, got, tt.want)
		}
	}
}
