package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// writeMapFixture saves a small dataset built like the real one and returns
// its folder: Norway (ban 1987-01 until 2010, clarified from 2010), Estonia
// (adopted 2014-11, in force 2016-01-01), Russia (CBSS member until
// 2022-05-17; lawful at home, unlawful without an explicit ban at school) and
// Sweden (lawful until "1979", prohibited from "1979").
func writeMapFixture(t *testing.T) string {
	t.Helper()
	d := dataset.MustDate
	yes := true
	prov := func(id, j string, s dataset.Setting, st dataset.Status, adopted, inForce, until string) dataset.Provision {
		return dataset.Provision{ID: id, Jurisdiction: j, Setting: s, Status: st, Confirmed: &yes,
			Adopted: d(adopted), InForce: d(inForce), Until: d(until), Instrument: "Act of " + j, Source: "gi-" + strings.ToLower(j)}
	}
	member := func(j, from, until string) dataset.Membership {
		return dataset.Membership{Jurisdiction: j, Group: "CBSS", From: d(from), Until: d(until)}
	}
	children := 2100000
	year := 2023
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "EE", Name: "Estonia", Kind: dataset.State},
			{Code: "NO", Name: "Norway", Kind: dataset.State},
			{Code: "RU", Name: "Russia", Kind: dataset.State},
			{Code: "SE", Name: "Sweden", Kind: dataset.State, ChildPopulation: &children, ChildPopulationYear: &year, ChildPopulationSource: "gi-se"},
		},
		Memberships: []dataset.Membership{
			member("EE", "1992-03-06", ""), member("NO", "1992-03-06", ""),
			member("RU", "1992-03-06", "2022-05-17"), member("SE", "1992-03-06", ""),
		},
		Provisions: []dataset.Provision{
			prov("no-home-1987", "NO", dataset.Home, dataset.Prohibited, "1987", "1987-01", "2010"),
			prov("no-home-2010", "NO", dataset.Home, dataset.Prohibited, "2010", "", ""),
			prov("ee-home-2014", "EE", dataset.Home, dataset.Prohibited, "2014-11", "2016-01-01", ""),
			prov("ru-home", "RU", dataset.Home, dataset.NotProhibited, "", "", ""),
			prov("ru-school", "RU", dataset.School, dataset.UnlawfulNotExplicit, "", "", ""),
			prov("se-home-1949", "SE", dataset.Home, dataset.NotProhibited, "", "1949", "1979"),
			prov("se-home-1979", "SE", dataset.Home, dataset.Prohibited, "1979", "", ""),
		},
		// Sweden's action plans were searched completely: their absence counts.
		Coverage: []dataset.Coverage{{Jurisdiction: "SE", Topic: dataset.TopicActionPlans, CheckedOn: d("2026-11"), Complete: &yes, Source: "gi-se"}},
		Campaigns: []dataset.Campaign{{ID: "se-campaign-2024", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureCampaign,
			Name: "=HYPERLINK(\"x\")", Start: d("2024"), Audiences: []string{"parents"}, Source: "gi-se"}},
		Surveys: []dataset.Survey{
			{ID: "se-use-1980", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 1980, Value: 51, Respondents: "parents", Source: "gi-se"},
			{ID: "se-use-2022", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2022, Value: 3, Respondents: "parents", Source: "gi-se"},
		},
	}
	for _, j := range []string{"ee", "no", "ru", "se"} {
		ds.Sources = append(ds.Sources, dataset.Source{ID: "gi-" + j, Title: "Country report " + j, Type: "report", Published: d("2020")})
	}
	dir := t.TempDir()
	if err := dataset.Save(dir, ds); err != nil {
		t.Fatal(err)
	}
	return dir
}

// readCSV parses CSV output.
func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("not CSV: %v\n%s", err, s)
	}
	return recs
}

func TestStatusCSV(t *testing.T) {
	dir := writeMapFixture(t)
	tests := []struct {
		name string
		args []string
		want [][]string
	}{
		{"Russia still a member the day before it left", []string{"--as-of", "2022-05-16"}, [][]string{
			{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"},
			{"EE", "Estonia", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"NO", "Norway", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"RU", "Russia", "not_prohibited", "unknown", "unknown", "unlawful_not_explicit", "unknown", "unknown", "none", "false"},
			{"SE", "Sweden", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
		}},
		{"Russia gone on the day it left", []string{"--as-of", "2022-05-17"}, [][]string{
			{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"},
			{"EE", "Estonia", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"NO", "Norway", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"SE", "Sweden", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
		}},
		{"all, today by the clock", []string{"--all"}, [][]string{
			{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"},
			{"EE", "Estonia", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"NO", "Norway", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
			{"RU", "Russia", "not_prohibited", "unknown", "unknown", "unlawful_not_explicit", "unknown", "unknown", "none", "false"},
			{"SE", "Sweden", "prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "some_settings", "false"},
		}},
		{"1979: before their bans not prohibited; Russia's undated rows not yet attested; Sweden uncertain", []string{"--as-of", "1979-03-01", "--all"}, [][]string{
			{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"},
			{"EE", "Estonia", "not_prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "none", "false"},
			{"NO", "Norway", "not_prohibited", "unknown", "unknown", "unknown", "unknown", "unknown", "none", "false"},
			{"RU", "Russia", "unknown", "unknown", "unknown", "unknown", "unknown", "unknown", "none", "false"},
			{"SE", "Sweden", "uncertain", "unknown", "unknown", "unknown", "unknown", "unknown", "none", "false"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, append([]string{"status", "--data", dir, "--format", "csv"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if diff := cmp.Diff(tt.want, readCSV(t, r.stdout)); diff != "" {
				t.Errorf("CSV (-want +got):\n%s", diff)
			}
		})
	}
}

func TestStatusFormats(t *testing.T) {
	dir := writeMapFixture(t)
	t.Run("text names the pending law and the uncertainty", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "status", "--data", dir, "--all", "--as-of", "2015-06-01")
		for _, want := range []string{
			"Legal status on 2015-06-01: all jurisdictions (4)",
			"Estonia         no¹²",
			"¹ Inferred: before the ban in force on 2016-01-01: Estonia (home).",
			"² New law adopted 2014-11, in force 2016-01-01: prohibited: Estonia (home).",
			"No entry-into-force date recorded (counted from adoption): Norway (home)",
			"Children under full prohibition: 0.0% (0 of 2\u202f100\u202f000 children in the one jurisdiction with a\nrecorded child population; 3 without one: Estonia, Norway, Russia).",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("text lacks %q:\n%s", want, r.stdout)
			}
		}
		r = runCpmap(t, fixedClock, "status", "--data", dir, "--all", "--as-of", "1979-03-01")
		if want := "uncertain on this date:\n    prohibited or not prohibited: Sweden (home)."; !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	})
	t.Run("json", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "status", "--data", dir, "--format", "json")
		var got struct {
			Group string `json:"group"`
			AsOf  string `json:"as_of"`
			Rows  []struct {
				Jurisdiction string
				Cells        []struct{ Status string }
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, r.stdout)
		}
		if got.Group != "CBSS" || got.AsOf != "2026-11-27" || len(got.Rows) != 3 || len(got.Rows[0].Cells) != 6 {
			t.Errorf("json: group %q, as_of %q, %d rows; want CBSS, 2026-11-27, 3 rows of 6 cells", got.Group, got.AsOf, len(got.Rows))
		}
	})
	t.Run("md", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "status", "--data", dir, "--format", "md")
		if !strings.Contains(r.stdout, "| Sweden | prohibited") {
			t.Errorf("md lacks Sweden's row:\n%s", r.stdout)
		}
	})
}

func TestMappingUsageErrors(t *testing.T) {
	dir := writeMapFixture(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad date", []string{"status", "--as-of", "2010-13-01"}, "--as-of"},
		{"reduced date", []string{"status", "--as-of", "2010"}, "YYYY-MM-DD"},
		{"all and group", []string{"status", "--all", "--group", "CBSS"}, "exclude"},
		{"unknown group", []string{"status", "--group", "Nordic"}, `no jurisdiction is a member of "Nordic"`},
		{"before the group existed", []string{"status", "--as-of", "1990-01-01"}, "groups in the dataset: CBSS"},
		{"bad format", []string{"status", "--format", "xlsx"}, "--format"},
		{"bad jurisdiction", []string{"progress", "--jurisdiction", "../x"}, "--jurisdiction"},
		{"absent jurisdiction", []string{"timeline", "--jurisdiction", "FI"}, "FI"},
		{"summary without jurisdiction", []string{"summary"}, "--jurisdiction"},
		{"summary of an absent jurisdiction", []string{"summary", "--jurisdiction", "fi"}, `"FI"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, append(tt.args, "--data", dir)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, exitUsage, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr %q does not mention %q", r.stderr, tt.want)
			}
		})
	}
}

func TestMappingDataProblems(t *testing.T) {
	dir := writeMapFixture(t)
	path := filepath.Join(dir, "provisions.csv")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), ",prohibited,", ",forbidden,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"status", "progress", "timeline"} {
		r := runCpmap(t, fixedClock, cmd, "--data", dir)
		if r.code != exitProblems || !strings.Contains(r.stderr, "enum-error") || r.stdout != "" {
			t.Errorf("%s on a bad dataset: exit %d, stdout %q, stderr %q; want exit 1 and the problem on stderr only", cmd, r.code, r.stdout, r.stderr)
		}
	}
	r := runCpmap(t, fixedClock, "summary", "--jurisdiction", "SE", "--data", dir)
	if r.code != exitProblems {
		t.Errorf("summary on a bad dataset: exit %d, want 1", r.code)
	}
}
