package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// The hand-made before/after pair of package exports, and its goldens.
const (
	diffBefore  = "../../exports/testdata/diff/before"
	diffAfter   = "../../exports/testdata/diff/after"
	diffGoldens = "../../exports/testdata/diff/"
)

func TestDiffFormats(t *testing.T) {
	tests := []struct {
		format, golden string
	}{
		{"text", "report.txt"},
		{"md", "report.md"},
		{"json", "report.json"},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			r := runCpmap(t, nil, "diff", diffBefore, diffAfter, "--format", tt.format)
			if r.code != exitOK {
				t.Fatalf("exit %d, want 0 (changes alone do not fail)\nstderr:\n%s", r.code, r.stderr)
			}
			want, err := os.ReadFile(diffGoldens + tt.golden)
			if err != nil {
				t.Fatal(err)
			}
			// The goldens name the folders relative to package exports.
			got := strings.ReplaceAll(r.stdout, "../../exports/testdata/", "testdata/")
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("stdout differs from %s (-want +got):\n%s", tt.golden, diff)
			}
		})
	}
	t.Run("status change line", func(t *testing.T) {
		r := runCpmap(t, nil, "diff", diffBefore, diffAfter)
		want := "provisions ee-home-2014: status not_prohibited → prohibited (" +
			diffBefore + "/provisions.csv:2:4 → " + diffAfter + "/provisions.csv:2:4)\n"
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	})
}

func TestDiffExitCodes(t *testing.T) {
	broken := t.TempDir()
	if err := dataset.Save(broken, &dataset.Dataset{}); err != nil {
		t.Fatal(err)
	}
	bad := "id,title,publisher,url,published,accessed,type,reliability,licence\nx,A report,,,,,not-a-type,,\n"
	if err := os.WriteFile(filepath.Join(broken, "sources.csv"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantStdout string
		wantStderr string
	}{
		{"changes", []string{"diff", diffBefore, diffAfter}, exitOK, "2 added, 1 removed, 4 changed", ""},
		{"changes with --exit-code", []string{"diff", diffBefore, diffAfter, "--exit-code"}, exitProblems, "2 added, 1 removed, 4 changed", ""},
		{"no changes", []string{"diff", diffBefore, diffBefore}, exitOK, "no changes between", ""},
		{"no changes with --exit-code", []string{"diff", diffBefore, diffBefore, "--exit-code"}, exitOK, "no changes between", ""},
		{"one argument", []string{"diff", diffBefore}, exitUsage, "", "accepts 2 arg(s)"},
		{"three arguments", []string{"diff", diffBefore, diffAfter, diffAfter}, exitUsage, "", "accepts 2 arg(s)"},
		{"bad format", []string{"diff", diffBefore, diffAfter, "--format", "html"}, exitUsage, "", `--format "html"`},
		{"no data package", []string{"diff", t.TempDir(), diffAfter}, exitProblems, "", "datapackage.json is missing"},
		{"dataset with errors", []string{"diff", diffBefore, broken}, exitProblems, "", "enum-error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, nil, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.wantStdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantStdout, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.wantStderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantStderr, r.stderr)
			}
			if tt.wantCode != exitOK && tt.wantStdout == "" && r.stdout != "" {
				t.Errorf("a failed diff printed a report:\n%s", r.stdout)
			}
		})
	}
}
