package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/mapping"
)

func TestSummaryCmd(t *testing.T) {
	dir := writeMapFixture(t)
	t.Run("markdown to stdout", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "summary", "--data", dir, "--jurisdiction", "se")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		for _, want := range []string{"# Sweden", "Status on 2026-11-27.", "Data checked up to 2026-11.", mapping.Attribution, "## References"} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("summary lacks %q", want)
			}
		}
	})
	t.Run("html to a file", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "sweden.html")
		r := runCpmap(t, fixedClock, "summary", "--data", dir, "--jurisdiction", "SE", "--format", "html", "--out", out)
		if r.code != 0 || r.stdout != "" {
			t.Fatalf("exit %d, stdout %q\n%s", r.code, r.stdout, r.stderr)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(b), "<!DOCTYPE html>") || !strings.Contains(string(b), "size: A4") {
			t.Errorf("%s is not the A4 page:\n%.300s", out, b)
		}
	})
	t.Run("into a folder, named by the checked code", func(t *testing.T) {
		folder := t.TempDir()
		r := runCpmap(t, fixedClock, "summary", "--data", dir, "--jurisdiction", "EE", "--format", "html", "--out", folder, "--as-of", "2015-06-01")
		if r.code != 0 {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		b, err := os.ReadFile(filepath.Join(folder, "summary-EE.html"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), "Adopted, not yet in force") {
			t.Errorf("Estonia on 2015-06-01 does not report the pending law")
		}
		entries, _ := os.ReadDir(folder)
		if len(entries) != 1 {
			t.Errorf("folder holds %d entries, want only the summary (no temporary files left)", len(entries))
		}
	})
	t.Run("json", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "summary", "--data", dir, "--jurisdiction", "NO", "--format", "json")
		var s mapping.Summary
		if err := json.Unmarshal([]byte(r.stdout), &s); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, r.stdout)
		}
		if s.Jurisdiction != "NO" || len(s.Steps) != 5 || s.AsOf.String() != "2026-11-27" {
			t.Errorf("json summary = %+v", s)
		}
	})
}

// TestJurisdictionNames: wherever a jurisdiction is asked for, a country
// name (in English or a language of the region) serves as well as a code,
// and a near miss is a usage error that suggests the name.
func TestJurisdictionNames(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string // in stdout, or in stderr for an error
	}{
		{"summary by English name", []string{"summary", "--jurisdiction", "Poland"}, exitOK, "# Poland: "},
		{"summary by native name", []string{"summary", "--jurisdiction", "Latvija"}, exitOK, "# Latvia: "},
		{"progress by name", []string{"progress", "--jurisdiction", "Sverige"}, exitOK, "SE"},
		{"timeline by code", []string{"timeline", "--jurisdiction", "no"}, exitOK, "NO"},
		{"a typo suggests", []string{"summary", "--jurisdiction", "Latvja"}, exitUsage, "did you mean Latvia (LV)?"},
		{"unknown", []string{"progress", "--jurisdiction", "Zzyzx"}, exitUsage, "give an ISO 3166-1 code such as SE or a country name"},
		{"list mixes names and codes", []string{"brief", "--jurisdictions", "Sweden,FI", "--out", t.TempDir()}, exitOK, "2 jurisdictions"},
		{"list with a typo", []string{"brief", "--jurisdictions", "Swedn,FI", "--out", t.TempDir()}, exitUsage, "did you mean Sweden (SE)?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, researchClock, append([]string{"--data", bundledData}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Fatalf("exit %d, want %d\n%s\n%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout+r.stderr, tt.want) {
				t.Errorf("output lacks %q:\n%s\n%s", tt.want, r.stdout, r.stderr)
			}
		})
	}
}
