package mapping

import (
	"fmt"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

func TestTimeline(t *testing.T) {
	ds := timelines()
	var got []string
	for _, c := range NewIndex(ds).Timeline([]string{"SE", "NO", "EE", "LV", "RU"}) {
		adopted := ""
		if c.FromAdopted {
			adopted = " (adopted)"
		}
		got = append(got, fmt.Sprintf("%s%s %s %s %s→%s %s", c.Date, adopted, c.Jurisdiction, c.Setting, c.From, c.To, c.Provision.ID))
	}
	want := []string{
		"1949 SE home unknown→not_prohibited se-home-1949",
		"1979 (adopted) SE home not_prohibited→prohibited se-home-1979",
		"1987-01 NO home not_prohibited→prohibited no-home-1987",
		"1990-05 LV school unknown→partial lv-school-1990",
		"1992 EE school unknown→not_prohibited ee-school-1992",
		"1998-07-08 LV school partial→unknown lv-school-1990",
		"2010 (adopted) NO home prohibited→prohibited no-home-2010",
		"2016-01-01 EE home not_prohibited→prohibited ee-home-2014",
		"2016-01-01 EE school not_prohibited→prohibited ee-school-2014",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
	if got := NewIndex(ds).Timeline([]string{"RU"}); len(got) != 0 {
		t.Errorf("undated provisions gave changes: %+v", got)
	}
	for _, c := range NewIndex(ds).Timeline([]string{"NO"}) {
		if c.Name != "Norway" || c.Provision.Source == "" {
			t.Errorf("change %+v lacks its name or source", c)
		}
	}
}

func TestMeasures(t *testing.T) {
	ds := &dataset.Dataset{
		Campaigns: []dataset.Campaign{
			campaign("a", "XX", dataset.MeasureCampaign, "2017-02", "2018"),
			campaign("b", "XX", dataset.MeasureCampaign, "2017", ""),
			campaign("c", "XX", dataset.MeasureActionPlan, "2017", ""),
			campaign("late", "XX", dataset.MeasureCampaign, "2030", ""),
			{ID: "region", Jurisdictions: []string{"XX", "YY"}, Kind: dataset.MeasureTraining, Name: "R", Start: d("2019"), Source: "s"},
		},
		Programmes: []dataset.Programme{
			programme("p", "XX", "", "", "2019", ""),
			programme("undated", "XX", "", "", "", ""),
		},
	}
	got := NewIndex(ds).Measures([]string{"YY", "XX"}, on("2026-01-01"))
	want := []MeasureCount{
		{Jurisdiction: "XX", Year: 2017, Kind: "action_plan", Count: 1, IDs: []string{"c"}},
		{Jurisdiction: "XX", Year: 2017, Kind: "campaign", Count: 2, IDs: []string{"a", "b"}},
		{Jurisdiction: "XX", Year: 2019, Kind: ProgrammeMeasure, Count: 1, IDs: []string{"p"}},
		{Jurisdiction: "XX", Year: 2019, Kind: "training", Count: 1, IDs: []string{"region"}},
		{Jurisdiction: "YY", Year: 2019, Kind: "training", Count: 1, IDs: []string{"region"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("measures (-want +got):\n%s", diff)
	}
}
