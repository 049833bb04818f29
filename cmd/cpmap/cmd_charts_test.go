package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestChartsWritesPages(t *testing.T) {
	dir := writeMapFixture(t)
	out := filepath.Join(t.TempDir(), "charts")
	r := runCpmap(t, fixedClock, "charts", "--data", dir, "--as-of", "2022-05-16", "--group", "CBSS", "--out", out)
	if r.code != exitOK {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	if want := "wrote " + out + ": index.html and 6 pages, 6 charts, as of 2022-05-16 (members of CBSS on that day (4))"; !strings.Contains(r.stderr, want) {
		t.Errorf("stderr = %q, want %q", r.stderr, want)
	}
	if r.stdout != "" {
		t.Errorf("stdout = %q, want nothing", r.stdout)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		files = append(files, e.Name())
	}
	want := []string{"ECHARTS-LICENSE", "ECHARTS-NOTICE", "ZRENDER-LICENSE", "index.html", "measures.html",
		"progress.html", "region-map.html", "road-to-prohibition.html", "status-matrix.html", "survey-trends.html"}
	if diff := cmp.Diff(want, files); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		file string
		want []string
	}{
		{"index.html", []string{"Status on 2022-05-16 · CBSS", `href="status-matrix.html"`, `href="region-map.html"`}},
		// Russia was a member the day before it left; the formula-like
		// campaign name is data like any other.
		{"status-matrix.html", []string{`id="status-matrix"`, "<th scope=\"row\">Russia</th>", "Country report se"}},
		// The series is named in words: who answered and its years.
		{"survey-trends.html", []string{`id="survey-trends-cp-use-past-year"`, "Sweden: parents, 1980–2022"}},
		// The campaign of 2024 is after the as-of date.
		{"measures.html", []string{"The dataset records no measure with a start year for these jurisdictions."}},
	}
	if page := read("survey-trends.html"); strings.Contains(page, "se-use") {
		t.Errorf("survey-trends.html shows a series or survey id (se-use…)")
	}
	for _, tt := range tests {
		page := read(tt.file)
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s lacks %q", tt.file, w)
			}
		}
	}
}

func TestChartsDefaultOut(t *testing.T) {
	data := writeMapFixture(t)
	base := t.TempDir()
	cfg := filepath.Join(base, "config.yaml")
	if err := os.WriteFile(cfg, []byte("data: "+data+"\nout: results\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCpmap(t, fixedClock, "--config", cfg, "charts", "--all")
	if r.code != exitOK {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(base, "results", "charts", "index.html")); err != nil {
		t.Errorf("charts did not go to charts/ under the configured out folder: %v", err)
	}
	// Today by the clock (2026-11-27), the campaign of 2024 counts; its
	// formula-like name is text like any other.
	b, err := os.ReadFile(filepath.Join(base, "results", "charts", "measures.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`=HYPERLINK(\"x\")`, "<td>2024</td>", "Status on 2026-11-27"} {
		if !strings.Contains(string(b), w) {
			t.Errorf("measures.html lacks %q", w)
		}
	}
}

func TestChartsUsage(t *testing.T) {
	dir := writeMapFixture(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad date", []string{"--as-of", "2022-13-01"}, `--as-of "2022-13-01"`},
		{"year only", []string{"--as-of", "2022"}, `--as-of "2022"`},
		{"unknown group", []string{"--group", "NATO"}, `no jurisdiction is a member of "NATO"`},
		{"all and group", []string{"--all", "--group", "CBSS"}, "--all and --group exclude each other"},
		{"argument", []string{"extra"}, "unknown command"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "charts")
			r := runCpmap(t, fixedClock, append([]string{"charts", "--data", dir, "--out", out}, tt.args...)...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr = %q, want it to contain %q", r.stderr, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed run wrote the output folder")
			}
		})
	}
}

func TestChartsBadData(t *testing.T) {
	bad := t.TempDir()
	if err := os.WriteFile(filepath.Join(bad, "jurisdictions.csv"), []byte("code,name\nXX\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "charts")
	r := runCpmap(t, fixedClock, "charts", "--data", bad, "--out", out)
	if r.code != exitProblems {
		t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, exitProblems, r.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("charts were written from a dataset with errors")
	}
}
