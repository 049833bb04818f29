package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTimelineCSV(t *testing.T) {
	dir := writeMapFixture(t)
	header := []string{"date", "from_adopted", "jurisdiction", "name", "setting", "from", "to", "provision_id", "instrument", "provision", "source", "kind"}
	tests := []struct {
		name string
		args []string
		want [][]string
	}{
		{"every change of the group, in date order", nil, [][]string{
			header,
			{"1949", "false", "SE", "Sweden", "home", "unknown", "not_prohibited", "se-home-1949", "Act of SE", "", "gi-se", "change"},
			{"1979", "true", "SE", "Sweden", "home", "not_prohibited", "prohibited", "se-home-1979", "Act of SE", "", "gi-se", "change"},
			{"1987-01", "false", "NO", "Norway", "home", "not_prohibited", "prohibited", "no-home-1987", "Act of NO", "", "gi-no", "change"},
			{"2010", "true", "NO", "Norway", "home", "prohibited", "prohibited", "no-home-2010", "Act of NO", "", "gi-no", "restated"},
			{"2016-01-01", "false", "EE", "Estonia", "home", "not_prohibited", "prohibited", "ee-home-2014", "Act of EE", "", "gi-ee", "change"},
		}},
		{"up to the as-of date", []string{"--as-of", "2015-12-31", "--jurisdiction", "EE"}, [][]string{header}},
		{"on the as-of date", []string{"--as-of", "2016-01-01", "--jurisdiction", "EE"}, [][]string{
			header,
			{"2016-01-01", "false", "EE", "Estonia", "home", "not_prohibited", "prohibited", "ee-home-2014", "Act of EE", "", "gi-ee", "change"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, append([]string{"timeline", "--data", dir, "--format", "csv"}, tt.args...)...)
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if diff := cmp.Diff(tt.want, readCSV(t, r.stdout)); diff != "" {
				t.Errorf("CSV (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTimelineText(t *testing.T) {
	dir := writeMapFixture(t)
	r := runCpmap(t, fixedClock, "timeline", "--data", dir, "--jurisdiction", "NO")
	for _, want := range []string{"1987-01", "Norway, home: not prohibited → prohibited [1]", "2010 (adopted)", "still prohibited; the law was re-enacted or strengthened"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text lacks %q:\n%s", want, r.stdout)
		}
	}
	r = runCpmap(t, fixedClock, "timeline", "--data", dir, "--jurisdiction", "RU", "--format", "md")
	if !strings.Contains(r.stdout, "No dated change is recorded.") {
		t.Errorf("md for undated provisions:\n%s", r.stdout)
	}
}
