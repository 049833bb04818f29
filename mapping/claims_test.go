package mapping

import (
	"fmt"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// TestStatusTimeRules checks, at the boundaries, the rules of what a status
// on a date may claim: an undated provision speaks from when it is attested
// (at the precision given) and not before; before a setting's first dated
// ban the status is inferred not prohibited; a recorded earlier row wins over
// the inference; a provision with no date at all speaks for no date.
func TestStatusTimeRules(t *testing.T) {
	withSource := func(p dataset.Provision, src string) dataset.Provision {
		p.Source = src
		p.VerifiedOn = dataset.Date{}
		return p
	}
	ds := &dataset.Dataset{
		Provisions: []dataset.Provision{
			// AA school: undated, verified in May 2020.
			undatedSince("aa-school", "AA", dataset.School, dataset.Prohibited, "2020-05"),
			// AA day care: undated, not verified; its source was published in 2017.
			withSource(prov("aa-day-care", "AA", dataset.DayCare, dataset.Prohibited, "", "", ""), "published-2017"),
			// AA sentence: undated; its source has only an accessed day.
			withSource(prov("aa-sentence", "AA", dataset.Sentence, dataset.Prohibited, "", "", ""), "accessed-2026"),
			// AA penal institutions: undated, and nothing dates it.
			withSource(prov("aa-penal", "AA", dataset.PenalInstitution, dataset.Prohibited, "", "", ""), "undated"),
			// AA home: unlawful without an explicit ban from 1990, then a ban in force 2010-08-01.
			prov("aa-home-1990", "AA", dataset.Home, dataset.UnlawfulNotExplicit, "", "1990", "2010-08-01"),
			prov("aa-home-2010", "AA", dataset.Home, dataset.Prohibited, "2010-06-10", "2010-08-01", ""),
			// AA alternative care: a ban adopted in 2014-11 whose in-force date is not recorded.
			prov("aa-care-2014", "AA", dataset.AlternativeCare, dataset.Prohibited, "2014-11", "", ""),
		},
		Sources: []dataset.Source{
			{ID: "published-2017", Title: "Report", Published: d("2017"), Accessed: d("2026-01-10"), Type: "report"},
			{ID: "accessed-2026", Title: "Page", Accessed: d("2026-01-10"), Type: "website"},
			{ID: "undated", Title: "Note", Type: "report"},
		},
	}
	tests := []struct {
		name     string
		setting  dataset.Setting
		date     string
		status   dataset.Status
		possible []dataset.Status
		attested string // AttestedFrom
		inferred string // InferredBefore
		unplaced []string
	}{
		{"verified: the day before its month", dataset.School, "2020-04-30", dataset.Unknown, nil, "", "", nil},
		{"verified: within its month", dataset.School, "2020-05-15", Uncertain, []dataset.Status{dataset.Prohibited, dataset.Unknown}, "2020-05", "", nil},
		{"verified: the last day of its month", dataset.School, "2020-05-31", dataset.Prohibited, nil, "2020-05", "", nil},
		{"source published: the year before", dataset.DayCare, "2016-12-31", dataset.Unknown, nil, "", "", nil},
		{"source published: the last day of the year", dataset.DayCare, "2017-12-31", dataset.Prohibited, nil, "2017", "", nil},
		{"source accessed only: the day before", dataset.Sentence, "2026-01-09", dataset.Unknown, nil, "", "", nil},
		{"source accessed only: that day", dataset.Sentence, "2026-01-10", dataset.Prohibited, nil, "2026-01-10", "", nil},
		{"no date at all: speaks for no date", dataset.PenalInstitution, "2026-01-10", dataset.Unknown, nil, "", "", []string{"aa-penal"}},
		{"recorded earlier row wins over the inference", dataset.Home, "2000-01-01", dataset.UnlawfulNotExplicit, nil, "", "", nil},
		{"before the earlier row: inferred", dataset.Home, "1989-12-31", dataset.NotProhibited, nil, "", "aa-home-2010", nil},
		{"the day before the ban's entry into force", dataset.Home, "2010-07-31", dataset.UnlawfulNotExplicit, nil, "", "", nil},
		{"the day of entry into force", dataset.Home, "2010-08-01", dataset.Prohibited, nil, "", "", nil},
		{"adopted only: before its month", dataset.AlternativeCare, "2014-10-31", dataset.NotProhibited, nil, "", "aa-care-2014", nil},
		{"adopted only: within its month", dataset.AlternativeCare, "2014-11-15", Uncertain, []dataset.Status{dataset.Prohibited, dataset.NotProhibited}, "", "aa-care-2014", nil},
		{"adopted only: the last day of its month", dataset.AlternativeCare, "2014-11-30", dataset.Prohibited, nil, "", "", nil},
	}
	ix := NewIndex(ds)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ix.CellOn("AA", tt.setting, on(tt.date))
			if c.Status != tt.status {
				t.Errorf("status = %s, want %s", c.Status, tt.status)
			}
			if diff := cmp.Diff(tt.possible, c.Possible); diff != "" {
				t.Errorf("possible (-want +got):\n%s", diff)
			}
			if got := c.AttestedFrom.String(); got != tt.attested || c.Undated != (tt.attested != "") {
				t.Errorf("attested from %q (undated %v), want %q", got, c.Undated, tt.attested)
			}
			var inferred string
			if c.InferredBefore != nil {
				inferred = c.InferredBefore.ID
			}
			if inferred != tt.inferred || c.Inferred != (tt.inferred != "") {
				t.Errorf("inferred %v before %q, want before %q", c.Inferred, inferred, tt.inferred)
			}
			if diff := cmp.Diff(tt.unplaced, refIDs(c.Unplaced)); diff != "" {
				t.Errorf("unplaced (-want +got):\n%s", diff)
			}
		})
	}
}

// TestNoProhibitionBeforeEvidence checks the promise of the map on every
// date from 1900 to 2030: no cell reads prohibited on a day before the first
// dated evidence for it (an adopted, in_force or attested date).
func TestNoProhibitionBeforeEvidence(t *testing.T) {
	ds := timelines()
	ds.Provisions = append(ds.Provisions,
		undatedSince("se-school", "SE", dataset.School, dataset.Prohibited, "2017-02"),
		undatedSince("fi-school", "FI", dataset.School, dataset.Prohibited, "2020"))
	ix := NewIndex(ds)
	evidence := map[string]map[dataset.Setting]dataset.Date{}
	for i := range ds.Provisions {
		p := &ds.Provisions[i]
		start, _ := ix.x.speaksFrom(p)
		m := evidence[p.Jurisdiction]
		if m == nil {
			m = map[dataset.Setting]dataset.Date{}
			evidence[p.Jurisdiction] = m
		}
		if first, ok := m[p.Setting]; !ok || start.Compare(first) < 0 {
			m[p.Setting] = start
		}
	}
	for y := 1900; y <= 2030; y++ {
		for _, md := range []string{"01-01", "06-30", "12-31"} {
			day := on(fmt.Sprintf("%d-%s", y, md))
			m := ix.Status(Select(ds, "", day), day)
			for _, r := range m.Rows {
				for _, c := range r.Cells {
					first, ok := evidence[r.Jurisdiction][c.Setting]
					if c.Status == dataset.Prohibited && (!ok || day.Before(first.Start())) {
						t.Errorf("%s %s reads prohibited on %s, before its first evidence %s", r.Jurisdiction, c.Setting, day.Format("2006-01-02"), first)
					}
				}
			}
		}
	}
}

// TestCoverageSpeaks checks when a search makes the absence of an action
// plan count as not met: a complete search speaks for the dates up to the
// last day it was made and for Rubric.CoverageMonths after it; an incomplete
// one never does.
func TestCoverageSpeaks(t *testing.T) {
	tests := []struct {
		name      string
		checkedOn string
		complete  bool
		asOf      string
		want      Level
	}{
		{"searched after the date", "2026-11", true, "2010-01-01", NotMet},
		{"searched that day", "2026-06-30", true, "2026-06-30", NotMet},
		{"searched in the month of the date", "2026-06", true, "2026-06-30", NotMet},
		{"the last day of the window", "2025-06-30", true, "2026-06-30", NotMet},
		{"the day after the window", "2025-06-30", true, "2026-07-01", NoData},
		{"a year-precision search speaks to its year's end and 12 months on", "2025", true, "2026-12-31", NotMet},
		{"incomplete search", "2026-06-30", false, "2026-06-30", NoData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := &dataset.Dataset{
				Jurisdictions: []dataset.Jurisdiction{jur("XX", "Testland", 0)},
				Coverage: []dataset.Coverage{{Jurisdiction: "XX", Topic: dataset.TopicActionPlans,
					CheckedOn: d(tt.checkedOn), Complete: boolp(tt.complete), Source: "src-XX"}},
			}
			res, _ := NewIndex(ds).Progress([]string{"XX"}, on(tt.asOf), DefaultRubric())[0].Step(Plan)
			if res.Level != tt.want {
				t.Errorf("level = %s, want %s (reason: %s; gap: %s; searched: %s)", res.Level, tt.want, res.Reason, res.Gap, res.Searched)
			}
		})
	}
}

// TestRecordingACampaignKeepsThePlanStep checks that recording a campaign
// can never, by itself, change a state's plan step: no data stays no data,
// and not met (after a complete search for plans) stays not met.
func TestRecordingACampaignKeepsThePlanStep(t *testing.T) {
	for _, searched := range []bool{false, true} {
		ds := &dataset.Dataset{Jurisdictions: []dataset.Jurisdiction{jur("XX", "Testland", 0)}}
		if searched {
			ds.Coverage = []dataset.Coverage{{Jurisdiction: "XX", Topic: dataset.TopicActionPlans, CheckedOn: d("2026-06"), Complete: boolp(true)}}
		}
		before, _ := NewIndex(ds).Progress([]string{"XX"}, on("2026-06-30"), DefaultRubric())[0].Step(Plan)
		ds.Campaigns = append(ds.Campaigns, campaign("xx-c", "XX", dataset.MeasureCampaign, "2024", "2025", "parents"))
		after, _ := NewIndex(ds).Progress([]string{"XX"}, on("2026-06-30"), DefaultRubric())[0].Step(Plan)
		if before.Level != after.Level {
			t.Errorf("searched %v: plan step %s before recording a campaign, %s after", searched, before.Level, after.Level)
		}
	}
}

// TestDataDate checks that the data's own date is the latest day a fact in
// scope was checked, whatever the clock, and that each jurisdiction keeps its
// own.
func TestDataDate(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{jur("AA", "A", 0), jur("BB", "B", 0), jur("CC", "C", 0)},
		Provisions: []dataset.Provision{
			undatedSince("aa-home", "AA", dataset.Home, dataset.Prohibited, "2025-03"),
			prov("bb-home-2010", "BB", dataset.Home, dataset.Prohibited, "", "2010", ""),
		},
		Campaigns: []dataset.Campaign{{ID: "ab", Jurisdictions: []string{"AA", "BB"}, Kind: dataset.MeasureCampaign,
			Name: "Regional", Start: d("2008"), Source: "regional"}},
		Coverage: []dataset.Coverage{{Jurisdiction: "BB", Topic: dataset.TopicSurveys, CheckedOn: d("2026-11-20"), Complete: boolp(false)}},
		Sources:  []dataset.Source{{ID: "regional", Title: "Regional", Published: d("2026-12"), Accessed: d("2025-06-01"), Type: "report"}},
	}
	got := NewIndex(ds).DataDate([]string{"AA", "BB", "CC"})
	if got.Latest.String() != "2026-11-20" {
		t.Errorf("latest = %s, want 2026-11-20", got.Latest)
	}
	by := map[string]string{}
	for code, date := range got.ByJurisdiction {
		by[code] = date.String()
	}
	if diff := cmp.Diff(map[string]string{"AA": "2025-06-01", "BB": "2026-11-20"}, by); diff != "" {
		t.Errorf("by jurisdiction (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"AA"}, got.Differs()); diff != "" {
		t.Errorf("Differs (-want +got):\n%s", diff)
	}
}

// TestTimelineKinds checks that a row restating the same status is a
// restatement, not a change of status, and that commitments are listed.
func TestTimelineKinds(t *testing.T) {
	ds := timelines()
	ds.Commitments = []dataset.Commitment{{Jurisdiction: "EE", From: d("2014-11"), Until: d("2016-01-01"), Source: "src-EE"}}
	var got []string
	for _, c := range NewIndex(ds).Timeline([]string{"EE", "NO"}) {
		got = append(got, fmt.Sprintf("%s %s %s %s %s→%s", c.Date, c.Jurisdiction, c.Kind, c.Setting, c.From, c.To))
	}
	want := []string{
		"1987-01 NO change home not_prohibited→prohibited",
		"1992 EE change school unknown→not_prohibited",
		"2010 NO restated home prohibited→prohibited",
		"2014-11 EE commitment  →",
		"2016-01-01 EE change home not_prohibited→prohibited",
		"2016-01-01 EE change school not_prohibited→prohibited",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("timeline (-want +got):\n%s", diff)
	}
}

// TestBundledDataClaims checks the promises of the map on the bundled data
// (../data): no setting reads prohibited on a day before its first dated
// evidence, and the years before each dated home ban read not prohibited,
// marked as inferred, unless an earlier row is recorded.
func TestBundledDataClaims(t *testing.T) {
	ds, _, err := dataset.Load("../data")
	if err != nil {
		t.Fatal(err)
	}
	ix := NewIndex(ds)
	first := map[string]map[dataset.Setting]dataset.Date{}
	earliest := map[string]map[dataset.Setting]*dataset.Provision{}
	for i := range ds.Provisions {
		p := &ds.Provisions[i]
		start, kind := ix.x.speaksFrom(p)
		if kind == fromNothing {
			continue
		}
		if first[p.Jurisdiction] == nil {
			first[p.Jurisdiction] = map[dataset.Setting]dataset.Date{}
			earliest[p.Jurisdiction] = map[dataset.Setting]*dataset.Provision{}
		}
		if f, ok := first[p.Jurisdiction][p.Setting]; !ok || start.Compare(f) < 0 {
			first[p.Jurisdiction][p.Setting] = start
			earliest[p.Jurisdiction][p.Setting] = p
		}
	}
	codes := Select(ds, "", on("2026-01-01"))
	for y := 1900; y <= 2030; y++ {
		day := on(fmt.Sprintf("%d-06-30", y))
		for _, r := range ix.Status(codes, day).Rows {
			for _, c := range r.Cells {
				f, ok := first[r.Jurisdiction][c.Setting]
				if c.Status == dataset.Prohibited && (!ok || day.Before(f.Start())) {
					t.Errorf("%s %s reads prohibited on %d-06-30, before its first evidence %s", r.Jurisdiction, c.Setting, y, f)
				}
			}
		}
	}
	checked := 0
	for code, m := range earliest {
		p := m[dataset.Home]
		if p == nil || p.Status != dataset.Prohibited || p.InForce.IsZero() {
			continue
		}
		checked++
		before := p.InForce.Start().AddDate(-1, 0, 0)
		c := ix.CellOn(code, dataset.Home, before)
		if c.Status != dataset.NotProhibited || !c.Inferred {
			t.Errorf("%s home a year before its ban in force %s: %s (inferred %v), want not prohibited, inferred", code, p.InForce, c.Status, c.Inferred)
		}
	}
	if checked < 5 {
		t.Errorf("only %d home bans with an in-force date and nothing recorded before them; the bundled data has more", checked)
	}
}
