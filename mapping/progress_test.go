package mapping

import (
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// stepCase is one hand-made dataset of jurisdiction XX judged on one step.
type stepCase struct {
	name string
	ds   dataset.Dataset
	date string
	want Level
	gap  string   // a phrase the gap must contain ("" = the gap must be empty)
	ids  []string // evidence ids, in order (nil = not checked)
}

// runSteps judges each case twice: as recorded, and with a complete search
// of the step's topic made on the as-of date. A level that rests on the
// absence of records is no data without the search and not met with it;
// every other level is the same either way.
func runSteps(t *testing.T, step Step, tests []stepCase) {
	t.Helper()
	for _, tt := range tests {
		for _, searched := range []bool{false, true} {
			name := tt.name + "/as recorded"
			want, gap := tt.want, tt.gap
			if searched {
				name = tt.name + "/searched"
			}
			if step != Enact {
				switch {
				case !searched && tt.want == NotMet:
					want = NoData
				case searched && tt.want == NoData:
					want = NotMet
				}
			}
			t.Run(name, func(t *testing.T) {
				ds := tt.ds
				ds.Jurisdictions = append(ds.Jurisdictions, jur("XX", "Testland", 0))
				date := tt.date
				if date == "" {
					date = "2026-06-30"
				}
				if searched {
					ds.Coverage = append(ds.Coverage, dataset.Coverage{Jurisdiction: "XX", Topic: StepTopic(step),
						CheckedOn: d(date), Complete: boolp(true), Source: "src-XX"})
				}
				ps := NewIndex(&ds).Progress([]string{"XX"}, on(date), DefaultRubric())
				if len(ps) != 1 {
					t.Fatalf("Progress returned %d results, want 1", len(ps))
				}
				res, ok := ps[0].Step(step)
				if !ok {
					t.Fatalf("no result for step %s", step)
				}
				if res.Level != want {
					t.Errorf("level = %s, want %s (reason: %s; gap: %s)", res.Level, want, res.Reason, res.Gap)
				}
				if gap == "" && res.Gap != "" {
					t.Errorf("gap = %q, want none", res.Gap)
				}
				if gap != "" && !strings.Contains(res.Gap, gap) {
					t.Errorf("gap = %q, want it to contain %q", res.Gap, gap)
				}
				if step != Enact && want == NoData && !strings.Contains(res.Gap, "no complete search speaks for this date") {
					t.Errorf("gap = %q, want it to say that no complete search speaks for the date, and what to search", res.Gap)
				}
				if res.Reason == "" {
					t.Errorf("no reason given")
				}
				if searched != (res.Coverage != nil) || res.Searched == "" {
					t.Errorf("coverage %+v, searched %q: want the search of the case, in words", res.Coverage, res.Searched)
				}
				if tt.ids != nil {
					var got []string
					for _, e := range res.Evidence {
						got = append(got, e.ID)
						if e.Source == "" || e.Table == "" || e.What == "" {
							t.Errorf("evidence %+v lacks its table, source or description", e)
						}
					}
					if diff := cmp.Diff(tt.ids, got); diff != "" {
						t.Errorf("evidence ids (-want +got):\n%s", diff)
					}
				}
			})
		}
	}
}

func TestEnact(t *testing.T) {
	runSteps(t, Enact, []stepCase{
		{name: "all six prohibited", ds: dataset.Dataset{Provisions: allProhibited("XX")}, want: Met,
			ids: []string{"XX-home", "XX-alternative_care", "XX-day_care", "XX-school", "XX-penal_institution", "XX-sentence"}},
		{name: "unlawful but not explicit does not count",
			ds: dataset.Dataset{Provisions: append(allProhibited("XX", dataset.School),
				prov("xx-school", "XX", dataset.School, dataset.UnlawfulNotExplicit, "", "", ""))},
			want: Partial, gap: "schools (unlawful, not explicitly prohibited)"},
		{name: "legislation not identified does not count",
			ds: dataset.Dataset{Provisions: append(allProhibited("XX", dataset.Sentence),
				prov("xx-sentence", "XX", dataset.Sentence, dataset.ProhibitedUnidentified, "", "", ""))},
			want: Partial, gap: "sentence for crime (reported prohibited, legislation not identified)"},
		{name: "some settings, others unknown", ds: dataset.Dataset{Provisions: []dataset.Provision{
			prov("xx-school", "XX", dataset.School, dataset.Prohibited, "", "1958", "")}},
			want: Partial, gap: "home (unknown)"},
		{name: "none prohibited", ds: dataset.Dataset{Provisions: []dataset.Provision{
			prov("xx-home", "XX", dataset.Home, dataset.NotProhibited, "", "", "")}},
			want: NotMet, gap: "home (not prohibited)", ids: []string{"xx-home"}},
		{name: "ban adopted, not yet in force", date: "2015-06-01", ds: dataset.Dataset{Provisions: []dataset.Provision{
			prov("xx-home", "XX", dataset.Home, dataset.Prohibited, "2014-11", "2016-01-01", "")}},
			want: Partial, gap: "adopted, not yet in force: home (adopted 2014-11, in force 2016-01-01)", ids: []string{"xx-home"}},
		{name: "nothing recorded", ds: dataset.Dataset{}, want: NoData, gap: "not recorded"},
		{name: "before the first ban: not prohibited, inferred", date: "1950-01-01", ds: dataset.Dataset{Provisions: []dataset.Provision{
			prov("xx-home", "XX", dataset.Home, dataset.Prohibited, "", "1979-07-01", "")}},
			want: NotMet, gap: "home (not prohibited)"},
		{name: "before an undated record is attested", date: "2019-12-31", ds: dataset.Dataset{Provisions: []dataset.Provision{
			undatedSince("xx-home", "XX", dataset.Home, dataset.Prohibited, "2020")}},
			want: NoData, gap: "not recorded"},
	})
}

func TestPlan(t *testing.T) {
	other := campaign("xx-campaign", "XX", dataset.MeasureCampaign, "2024", "", "parents")
	runSteps(t, Plan, []stepCase{
		{name: "current plan", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2020", "2026")}}, want: Met, ids: []string{"xx-plan"}},
		{name: "open-ended plan", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2010", "")}}, want: Met},
		{name: "plan ended exactly five years back", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2015", "2021-06-30")}},
			want: Partial, gap: "the last ended 2021-06-30", ids: []string{"xx-plan"}},
		{name: "plan ended a day more than five years back", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2015", "2021-06-29")}},
			want: NotMet, gap: "the last ended 2021-06-29"},
		{name: "plan starting after the date is not counted", date: "2019-12-31", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2020", "2026")}},
			want: NotMet, gap: "no national action plan recorded"},
		{name: "campaigns but no plan", ds: dataset.Dataset{Campaigns: []dataset.Campaign{other}},
			want: NotMet, gap: "no national action plan recorded"},
		{name: "no campaign records", ds: dataset.Dataset{}, want: NoData, gap: "recorded"},
	})
}

func TestCommunicate(t *testing.T) {
	plan := campaign("xx-plan", "XX", dataset.MeasureActionPlan, "2020", "")
	runSteps(t, Communicate, []stepCase{
		{name: "campaign for parents within five years", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2019", "2021-06-30", "parents", "public")}},
			want: Met, ids: []string{"xx-c"}},
		{name: "campaign for parents ended a day too early", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2019", "2021-06-29", "parents")}},
			want: Partial, gap: "no campaign reaching parents since 2021-06-29"},
		{name: "recent campaign for children only", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2024", "2025", "children")}},
			want: Partial, gap: "no recent campaign recorded as reaching parents"},
		{name: "recent campaign without audiences", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2024", "")}},
			want: Partial, gap: "no recent campaign recorded as reaching parents"},
		{name: "open-ended campaign for parents started within five years", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2021-06-30", "", "parents")}},
			want: Met, ids: []string{"xx-c"}},
		{name: "open-ended campaign for parents started long ago", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "1979", "", "parents")}},
			want: Partial, gap: "no campaign reaching parents since 1979 (it started then; no end date is recorded)"},
		{name: "old campaign for the public", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2000", "2001", "public")}},
			want: NotMet, gap: "no awareness campaign since 2001"},
		{name: "only a plan", ds: dataset.Dataset{Campaigns: []dataset.Campaign{plan}},
			want: NotMet, gap: "no awareness campaign recorded"},
		{name: "campaign starting after the date", date: "2018-12-31", ds: dataset.Dataset{Campaigns: []dataset.Campaign{
			campaign("xx-c", "XX", dataset.MeasureCampaign, "2019", "", "parents")}},
			want: NotMet, gap: "no awareness campaign recorded"},
		{name: "regional campaign listing the jurisdiction", ds: dataset.Dataset{Campaigns: []dataset.Campaign{{
			ID: "region", Jurisdictions: []string{"AA", "XX"}, Kind: dataset.MeasureCampaign, Name: "Region",
			Start: d("2023"), Audiences: []string{"parents"}, Source: "src"}}},
			want: Met, ids: []string{"region"}},
		{name: "no campaign records", ds: dataset.Dataset{}, want: NoData, gap: "recorded"},
	})
}

func TestSupportParents(t *testing.T) {
	runSteps(t, SupportParents, []stepCase{
		{name: "evaluated universal programme", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "universal", "rct", "2015", "")}}, want: Met, ids: []string{"xx-p"}},
		{name: "universal, evaluated, ends on the date", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "universal", "evaluated", "2015", "2026-06-30")}}, want: Met},
		{name: "selective programme", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "selective", "rct", "2015", "")}},
			want: Partial, gap: "Programme xx-p: selective", ids: []string{"xx-p"}},
		{name: "universal but not evaluated", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "universal", "not_evaluated", "2015", "")}},
			want: Partial, gap: "Programme xx-p: not evaluated"},
		{name: "level and evaluation unknown", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "", "", "", "")}},
			want: Partial, gap: "Programme xx-p: level not recorded, no evaluation recorded"},
		{name: "programme ended the day before", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "universal", "rct", "2015", "2026-06-29")}},
			want: NotMet, gap: "the last ended 2026-06-29"},
		{name: "programme starting after the date", date: "2014-12-31", ds: dataset.Dataset{Programmes: []dataset.Programme{
			programme("xx-p", "XX", "universal", "rct", "2015", "")}},
			want: NotMet, gap: "no parenting programme running"},
		{name: "no programme records", ds: dataset.Dataset{}, want: NoData, gap: "recorded"},
	})
}

func TestEvaluate(t *testing.T) {
	ban := allProhibited("XX", dataset.Home)
	ban = append(ban, prov("xx-home", "XX", dataset.Home, dataset.Prohibited, "2014-11", "2016-01-01", ""))
	with := func(ss ...dataset.Survey) dataset.Dataset { return dataset.Dataset{Provisions: ban, Surveys: ss} }
	runSteps(t, Evaluate, []stepCase{
		{name: "series after the ban, latest five years back", ds: with(
			survey("s-2015", "XX", "s", 2015, 40), survey("s-2021", "XX", "s", 2021, 20)),
			want: Met, ids: []string{"s-2015", "s-2021"}},
		{name: "fieldwork in the year the ban took effect on 1 January counts as after", ds: with(
			survey("s-2010", "XX", "s", 2010, 40), survey("s-2016", "XX", "s", 2016, 30), survey("s-2025", "XX", "s", 2025, 20)),
			want: Met},
		{name: "latest six years back", ds: with(
			survey("s-2016", "XX", "s", 2016, 40), survey("s-2020", "XX", "s", 2020, 20)),
			want: Partial, gap: "no survey since 2020"},
		{name: "both points before the ban", ds: with(
			survey("s-2014", "XX", "s", 2014, 40), survey("s-2015", "XX", "s", 2015, 20)),
			want: Partial, gap: "no comparable point after full prohibition came into force (2016-01-01)"},
		{name: "different series are never joined", ds: with(
			survey("a-2015", "XX", "a", 2015, 40), survey("b-2024", "XX", "b", 2024, 20)),
			want: Partial, gap: "no series with 2 comparable points"},
		{name: "a break cuts the series", ds: with(
			survey("s-2015", "XX", "s", 2015, 40),
			func() dataset.Survey { s := survey("s-2024", "XX", "s", 2024, 20); s.Break = boolp(true); return s }()),
			want: Partial, gap: "no series with 2 comparable points"},
		{name: "surveys without a series stand alone", ds: with(
			survey("x-2017", "XX", "", 2017, 40), survey("y-2024", "XX", "", 2024, 20)),
			want: Partial, gap: "no series with 2 comparable points"},
		{name: "single old survey", ds: with(survey("s-2017", "XX", "s", 2017, 40)),
			want: NotMet, gap: "no survey since 2017"},
		{name: "no full prohibition", ds: dataset.Dataset{Surveys: []dataset.Survey{
			survey("s-2020", "XX", "s", 2020, 40), survey("s-2024", "XX", "s", 2024, 20)}},
			want: Partial, gap: "no dated full prohibition in force"},
		{name: "surveys only after the date", date: "2016-06-30", ds: with(survey("s-2020", "XX", "s", 2020, 40)),
			want: NotMet, gap: "no survey by this date"},
		{name: "no survey records", ds: with(), want: NoData, gap: "recorded"},
	})
}

func TestRubricValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*Rubric)
		want   string // "" = valid
	}{
		{"default", func(*Rubric) {}, ""},
		{"negative years", func(r *Rubric) { r.SurveyYears = -1 }, "survey_years"},
		{"one survey point", func(r *Rubric) { r.MinSurveyPoints = 1 }, "min_survey_points"},
		{"negative stable change", func(r *Rubric) { r.StableChange = -0.1 }, "stable_change"},
		{"unknown audience", func(r *Rubric) { r.CampaignAudiences = []string{"Parents"} }, `"Parents"`},
		{"no level", func(r *Rubric) { r.ProgrammeLevels = nil }, "programme_levels"},
		{"unknown evidence", func(r *Rubric) { r.ProgrammeEvidence = []string{"rct", "anecdote"} }, "anecdote"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := DefaultRubric()
			tt.change(&r)
			err := r.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("Validate() = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.want)
			}
		})
	}
}

func TestProgressOrderAndCategory(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{jur("SE", "Sweden", 0), jur("DK", "Denmark", 0)},
		Provisions:    allProhibited("SE"),
	}
	ps := NewIndex(ds).Progress([]string{"SE", "DK"}, on("2026-01-01"), DefaultRubric())
	var got []string
	for _, p := range ps {
		var steps []string
		for _, s := range p.Steps {
			steps = append(steps, string(s.Step))
		}
		got = append(got, p.Jurisdiction+" "+p.Name+" "+string(p.Category)+" "+p.AsOf.String()+" "+strings.Join(steps, ","))
	}
	want := []string{
		"DK Denmark none 2026-01-01 enact,plan,communicate,support_parents,evaluate",
		"SE Sweden all_settings 2026-01-01 enact,plan,communicate,support_parents,evaluate",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("progress (-want +got):\n%s", diff)
	}
}

// TestEnactSince checks the date full prohibition is said to hold from: the
// latest start over the six settings, where an undated setting starts on the
// day it is attested (its verified_on), never at the home ban alone.
func TestEnactSince(t *testing.T) {
	home := prov("xx-home", "XX", dataset.Home, dataset.Prohibited, "1979-03", "1979-07-01", "")
	tests := []struct {
		name  string
		provs []dataset.Provision
		want  string
	}{
		{"every setting dated", append(datedOthers("1958"), home), "prohibited in all settings since 1979-07-01"},
		{"a setting undated, attested later", append(append(datedOthers("1958")[:4],
			undatedSince("xx-sentence", "XX", dataset.Sentence, dataset.Prohibited, "2017-02")), home),
			"prohibited in all settings since 2017-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := dataset.Dataset{Jurisdictions: []dataset.Jurisdiction{jur("XX", "Testland", 0)}, Provisions: tt.provs}
			ps := NewIndex(&ds).Progress([]string{"XX"}, on("2026-06-30"), DefaultRubric())
			res, ok := ps[0].Step(Enact)
			if !ok || res.Level != Met {
				t.Fatalf("enact = %+v, want met", res)
			}
			if res.Reason != tt.want {
				t.Errorf("reason = %q, want %q", res.Reason, tt.want)
			}
		})
	}
}

// datedOthers returns prohibited provisions of XX for the five settings
// outside the home, in force from inForce.
func datedOthers(inForce string) []dataset.Provision {
	var out []dataset.Provision
	for _, s := range dataset.Settings {
		if s != dataset.Home {
			out = append(out, prov("xx-"+string(s), "XX", s, dataset.Prohibited, "", inForce, ""))
		}
	}
	return out
}
