package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

func TestBriefCmd(t *testing.T) {
	dir := writeMapFixture(t)
	t.Run("members of the configured group", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "pack")
		r := runCpmap(t, fixedClock, "brief", "--data", dir, "--out", out, "--as-of", "2021-06-01")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		if want := "open " + filepath.Join(out, "index.html"); !strings.Contains(r.stderr, want) {
			t.Errorf("stderr does not say what to open (%q):\n%s", want, r.stderr)
		}
		if r.stdout != "" {
			t.Errorf("stdout = %q, want nothing", r.stdout)
		}
		// Russia is a CBSS member on 2021-06-01.
		for _, name := range []string{"index.html", "index.md", "briefing.xlsx", "README.txt", "summary-RU.html", "summary-SE.md", "charts/index.html"} {
			if _, err := os.Stat(filepath.Join(out, name)); err != nil {
				t.Errorf("the pack lacks %s: %v", name, err)
			}
		}
		readme, _ := os.ReadFile(filepath.Join(out, "README.txt"))
		for _, want := range []string{"Status on:   2021-06-01", "Made:        2026-11-27 00:00 UTC", "The 4 members of CBSS on 2021-06-01", mapping.Attribution} {
			if !strings.Contains(string(readme), want) {
				t.Errorf("README.txt lacks %q:\n%s", want, readme)
			}
		}
	})
	t.Run("listed jurisdictions, since an earlier dataset", func(t *testing.T) {
		ds, _, err := dataset.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		ds.Campaigns = nil
		before := t.TempDir()
		if err := dataset.Save(before, ds); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(t.TempDir(), "pack")
		r := runCpmap(t, fixedClock, "brief", "--data", dir, "--out", out, "--jurisdictions", "se, ee", "--since", before)
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		entries, err := filepath.Glob(filepath.Join(out, "summary-*.html"))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range entries {
			got = append(got, filepath.Base(e))
		}
		if want := []string{"summary-EE.html", "summary-SE.html"}; !slices.Equal(got, want) {
			t.Errorf("country pages %v, want %v", got, want)
		}
		index, _ := os.ReadFile(filepath.Join(out, "index.md"))
		if !strings.Contains(string(index), "## What changed since") || !strings.Contains(string(index), "New campaigns and plans") {
			t.Errorf("index.md does not say that Sweden's campaign was added:\n%s", index)
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "pack")
		tests := []struct {
			name string
			args []string
			want string
		}{
			{"no --out", []string{}, "needs --out"},
			{"bad code", []string{"--out", out, "--jurisdictions", "SE,S1"}, `"S1": give an ISO 3166-1 code such as SE or a country name`},
			{"unknown code", []string{"--out", out, "--jurisdictions", "DK"}, "DK is not in the dataset"},
			{"no code", []string{"--out", out, "--jurisdictions", " , "}, "at least one code"},
			{"jurisdictions and group", []string{"--out", out, "--jurisdictions", "SE", "--group", "CBSS"}, "excludes --group"},
			{"bad date", []string{"--out", out, "--as-of", "2021"}, "--as-of"},
			{"group without members", []string{"--out", out, "--group", "EU"}, `no jurisdiction is a member of "EU"`},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				args := append([]string{"brief", "--data", dir}, tt.args...)
				r := runCpmap(t, fixedClock, args...)
				if r.code != exitUsage || !strings.Contains(r.stderr, tt.want) {
					t.Errorf("exit %d, stderr %q; want %d and a message with %q", r.code, r.stderr, exitUsage, tt.want)
				}
				if _, err := os.Stat(out); err == nil {
					t.Errorf("a refused command created %s", out)
				}
			})
		}
	})
	t.Run("dataset with errors", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "pack")
		r := runCpmap(t, fixedClock, "brief", "--data", "../../testdata/invalid", "--out", out)
		if r.code != exitProblems {
			t.Errorf("exit %d, want %d\n%s", r.code, exitProblems, r.stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("a refused dataset created %s", out)
		}
	})
}
