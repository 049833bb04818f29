package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/mapping"
	"github.com/google/go-cmp/cmp"
)

func TestProgressCSV(t *testing.T) {
	dir := writeMapFixture(t)
	tests := []struct {
		name string
		args []string
		want [][]string
	}{
		{"group today", nil, [][]string{
			{"jurisdiction", "name", "enact", "plan", "communicate", "support_parents", "evaluate"},
			{"EE", "Estonia", "partial", "no_data", "no_data", "no_data", "no_data"},
			{"NO", "Norway", "partial", "no_data", "no_data", "no_data", "no_data"},
			{"SE", "Sweden", "partial", "not_met", "met", "no_data", "partial"},
		}},
		{"one jurisdiction, outside the group", []string{"--jurisdiction", "ru"}, [][]string{
			{"jurisdiction", "name", "enact", "plan", "communicate", "support_parents", "evaluate"},
			{"RU", "Russia", "not_met", "no_data", "no_data", "no_data", "no_data"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, append([]string{"progress", "--data", dir, "--format", "csv"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if diff := cmp.Diff(tt.want, readCSV(t, r.stdout)); diff != "" {
				t.Errorf("CSV (-want +got):\n%s", diff)
			}
		})
	}
}

func TestProgressDetails(t *testing.T) {
	dir := writeMapFixture(t)
	t.Run("text", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "progress", "--data", dir, "--jurisdiction", "SE")
		for _, want := range []string{
			"Sweden: prohibited in some settings",
			"5. Evaluate: repeated surveys: partly met.",
			"Missing: no dated full prohibition in force to evaluate against",
			"- survey of parents: used corporal punishment in the past year, 2022: 3% [1]",
			"4. Support parents: parenting programmes: no data.",
			"Searched: National action plans: searched 2026-11, complete.",
			"[1] Country report se. 2020.",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("text lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("md", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "progress", "--data", dir, "--format", "md")
		if !strings.Contains(r.stdout, "| Sweden | partly met | not met | met | no data | partly met |") {
			t.Errorf("md lacks Sweden's row:\n%s", r.stdout)
		}
	})
	t.Run("json carries the rubric", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "progress", "--data", dir, "--format", "json", "--as-of", "2020-01-01")
		var got struct {
			AsOf   string `json:"as_of"`
			Rubric struct {
				SurveyYears int `json:"survey_years"`
			}
			Jurisdictions []struct {
				Jurisdiction string
				Steps        []struct{ Step, Level string }
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, r.stdout)
		}
		if got.AsOf != "2020-01-01" || got.Rubric.SurveyYears != 5 || len(got.Jurisdictions) != 4 || len(got.Jurisdictions[0].Steps) != 5 {
			t.Errorf("json = %+v", got)
		}
	})
}

func TestProgressRubricFromConfig(t *testing.T) {
	dir := writeMapFixture(t)
	cfgDir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(cfgDir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A campaign must now reach children: Sweden's campaign for parents no longer meets the step.
	children := write("children.yaml", "progress:\n  campaign_audiences: [children]\n")
	r := runCpmap(t, fixedClock, "--config", children, "progress", "--data", dir, "--jurisdiction", "SE", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	if got := readCSV(t, r.stdout)[1][4]; got != "partial" {
		t.Errorf("communicate with campaign_audiences [children] = %s, want partial", got)
	}
	cfg, err := loadConfig(children, true)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.Progress.SurveyYears, 5; got != want {
		t.Errorf("an unset key lost its default: survey_years = %d, want %d", got, want)
	}
	for name, body := range map[string]string{
		"negative years": "progress:\n  survey_years: -1\n",
		"bad audience":   "progress:\n  campaign_audiences: [Parents]\n",
		"unknown key":    "progress:\n  survey_year: 3\n",
	} {
		t.Run(name, func(t *testing.T) {
			p := write(strings.ReplaceAll(name, " ", "-")+".yaml", body)
			r := runCpmap(t, fixedClock, "--config", p, "progress", "--data", dir)
			if r.code != exitUsage || !strings.Contains(r.stderr, "progress") {
				t.Errorf("exit %d, stderr %q; want a usage error about progress", r.code, r.stderr)
			}
		})
	}
}

// TestConfigDocumentsRubric keeps config.yaml's progress section equal to the
// defaults, so that the documented values are the ones in force.
func TestConfigDocumentsRubric(t *testing.T) {
	cfg, err := loadConfig("../../config.yaml", true)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(progressConfigOf(mapping.DefaultRubric()), cfg.Progress); diff != "" {
		t.Errorf("config.yaml progress differs from mapping.DefaultRubric (-want +got):\n%s", diff)
	}
}
