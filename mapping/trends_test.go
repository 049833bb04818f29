package mapping

import (
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

func TestTrends(t *testing.T) {
	brk := func(s dataset.Survey) dataset.Survey { s.Break = boolp(true); return s }
	approval := func(s dataset.Survey) dataset.Survey { s.Indicator = dataset.CPApproval; return s }
	ds := &dataset.Dataset{Surveys: []dataset.Survey{
		survey("fall-2000", "XX", "fall", 2000, 50),
		survey("fall-2010", "XX", "fall", 2010, 30),
		survey("fall-2020", "XX", "fall", 2020, 10),
		survey("flat-2010", "XX", "flat", 2010, 20),
		survey("flat-2020", "XX", "flat", 2020, 24),
		survey("brk-2000", "XX", "brk", 2000, 80),
		brk(survey("brk-2010", "XX", "brk", 2010, 20)),
		survey("brk-2020", "XX", "brk", 2020, 40),
		survey("lone", "XX", "", 2015, 33.3),
		approval(survey("rise-2015", "XX", "rise", 2015, 10)),
		approval(survey("rise-2019", "XX", "rise", 2019, 14)),
		survey("later-2030", "XX", "later", 2030, 1),
		survey("yy-2020", "YY", "fall", 2020, 99),
	}}
	type row struct {
		Series    string
		Indicator dataset.Indicator
		Points    int
		Latest    float64
		Change    *float64
		Direction Direction
		Comp      int
	}
	f := func(v float64) *float64 { return &v }
	var got []row
	for _, tr := range NewIndex(ds).Trends([]string{"XX"}, on("2026-01-01"), 0.5) {
		if tr.Jurisdiction != "XX" {
			t.Errorf("trend of %s returned for XX", tr.Jurisdiction)
		}
		got = append(got, row{tr.Series, tr.Indicator, len(tr.Points), tr.Latest.Value, tr.ChangePerYear, tr.Direction, tr.Comparable})
	}
	want := []row{
		{"rise", dataset.CPApproval, 2, 14, f(1), Rising, 2},
		{"brk", dataset.CPUsePastYear, 3, 40, f(2), Rising, 2}, // from the break on: 20 → 40 in 10 years
		{"fall", dataset.CPUsePastYear, 3, 10, f(-2), Falling, 3},
		{"flat", dataset.CPUsePastYear, 2, 24, f(0.4), Stable, 2},
		{"lone", dataset.CPUsePastYear, 1, 33.3, nil, Single, 1},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("trends (-want +got):\n%s", diff)
	}
}

func TestSlopeOf(t *testing.T) {
	tests := []struct {
		name   string
		points []Point
		want   float64
		ok     bool
	}{
		{"none", nil, 0, false},
		{"one", []Point{{Year: 2000, Value: 1}}, 0, false},
		{"same year", []Point{{Year: 2000, Value: 1}, {Year: 2000, Value: 5}}, 0, false},
		{"least squares", []Point{{Year: 2000, Value: 0}, {Year: 2001, Value: 2}, {Year: 2002, Value: 1}}, 0.5, true},
		{"no negative zero", []Point{{Year: 2000, Value: 10}, {Year: 2010, Value: 9.9999}}, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := slopeOf(tt.points)
			if got != tt.want || ok != tt.ok {
				t.Errorf("slopeOf = %v, %v; want %v, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
}
