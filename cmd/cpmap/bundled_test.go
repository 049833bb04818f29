package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/cpmap/cpmap/dataset"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The bundled mapping: data/ must be exactly what importing the workbooks
// and CSV files of sources/ gives (scripts/gensources writes them from
// data/, docs/data.md describes both).
const (
	bundledData    = "../../data"
	bundledSources = "../../sources"
)

// bundledFiles returns the files of sources/ that cpmap import reads, in
// directory order.
func bundledFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(bundledSources)
	if err != nil {
		t.Fatalf("reading the bundled sources: %v", err)
	}
	var files []string
	for _, e := range entries {
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".xlsx", ".csv", ".tsv":
			if !e.IsDir() {
				files = append(files, filepath.Join(bundledSources, e.Name()))
			}
		}
	}
	if len(files) == 0 {
		t.Fatalf("%s holds no .xlsx or .csv files", bundledSources)
	}
	return files
}

func TestBundledSourcesImportToData(t *testing.T) {
	sorted := bundledFiles(t)
	reversed := slices.Clone(sorted)
	slices.Reverse(reversed)
	tests := []struct {
		name  string
		files []string
	}{
		{"files in directory order", sorted},
		{"files in reverse order", reversed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			r := runCpmap(t, researchClock, append([]string{"import", "--data", dir}, tt.files...)...)
			if r.code != 0 {
				t.Fatalf("cpmap import of sources/ exit %d, want 0\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			// The only problems the import may report are the unused
			// sources docs/data.md explains (memberships cite their
			// sources in notes); anything else, such as a column the
			// importer does not read, means a workbook lost a value.
			for _, line := range strings.Split(r.stderr, "\n") {
				if (strings.Contains(line, ": warning ") || strings.Contains(line, ": error ")) && !strings.Contains(line, " unused-source: ") {
					t.Errorf("cpmap import of sources/ reported: %s", line)
				}
			}
			compareDirs(t, bundledData, dir)
		})
	}
}

// compareDirs reports every file that is in one folder but not the other,
// and the first differing line of every file that differs.
func compareDirs(t *testing.T, want, got string) {
	t.Helper()
	names := func(dir string) []string {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			// The import log records how the files came in (paths and
			// dates differ here), not what the dataset holds.
			if !e.IsDir() && e.Name() != dataset.ImportsFile {
				out = append(out, e.Name())
			}
		}
		return out
	}
	wantNames, gotNames := names(want), names(got)
	for _, n := range wantNames {
		if !slices.Contains(gotNames, n) {
			t.Errorf("data/%s is not written by importing sources/", n)
		}
	}
	for _, n := range gotNames {
		if !slices.Contains(wantNames, n) {
			t.Errorf("importing sources/ writes %s, which data/ does not have", n)
		}
	}
	for _, n := range wantNames {
		if !slices.Contains(gotNames, n) {
			continue
		}
		w, err := os.ReadFile(filepath.Join(want, n))
		if err != nil {
			t.Fatal(err)
		}
		g, err := os.ReadFile(filepath.Join(got, n))
		if err != nil {
			t.Fatal(err)
		}
		if msg := firstDifference(w, g); msg != "" {
			t.Errorf("data/%s differs from the import of sources/ %s\n"+
				"(after changing data/, run go generate ./...; after changing the importer, "+
				"import sources/ again and check the change with cpmap diff)", n, msg)
		}
	}
}

// firstDifference describes where got first differs from want, line by
// line, or returns "" when they are the same bytes.
func firstDifference(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	lines := func(b []byte) []string { return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") }
	wl, gl := lines(want), lines(got)
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		switch {
		case i >= len(wl):
			return fmt.Sprintf("at line %d: data/ ends, the import goes on with %q", i+1, g)
		case i >= len(gl):
			return fmt.Sprintf("at line %d: the import ends, data/ goes on with %q", i+1, w)
		case w != g:
			return fmt.Sprintf("at line %d:\n  data/:  %q\n  import: %q", i+1, w, g)
		}
	}
	return "only in its last line end"
}

func TestFirstDifference(t *testing.T) {
	tests := []struct {
		name      string
		want, got string
		wantMsg   string // a part of the message; "" for none
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"second line differs", "a\nb\nc\n", "a\nx\nc\n", "at line 2:"},
		{"import shorter", "a\nb\n", "a\n", "at line 2: the import ends"},
		{"import longer", "a\n", "a\nb\n", "at line 2: data/ ends"},
		{"line ends", "a\r\n", "a\n", "at line 1:"},
		{"last line end", "a\n", "a", "only in its last line end"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := firstDifference([]byte(tt.want), []byte(tt.got))
			if tt.wantMsg == "" && got != "" || !strings.Contains(got, tt.wantMsg) {
				t.Errorf("firstDifference(%q, %q) = %q, want it to contain %q", tt.want, tt.got, got, tt.wantMsg)
			}
		})
	}
}

func TestBundledDataValidates(t *testing.T) {
	r := runCpmap(t, researchClock, "validate", "--data", bundledData, "--format", "json")
	if r.code != 0 {
		t.Errorf("cpmap validate of data/ exit %d, want 0\nstderr:\n%s", r.code, r.stderr)
	}
	var rep struct {
		Valid bool `json:"valid"`
		Stats struct {
			Errors, Warnings, Rows int
		} `json:"stats"`
		Errors []struct {
			Type, Severity, Message, Position string
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("validate --format json is not JSON: %v\n%s", err, r.stdout)
	}
	if !rep.Valid || rep.Stats.Errors != 0 {
		t.Errorf("data/ is not valid: %d errors", rep.Stats.Errors)
	}
	for _, p := range rep.Errors {
		if p.Severity == "error" {
			t.Errorf("%s: %s %s: %s", p.Position, p.Severity, p.Type, p.Message)
		} else {
			t.Logf("%s: %s %s: %s (see docs/data.md, expected validator warnings)", p.Position, p.Severity, p.Type, p.Message)
		}
	}
	if rep.Stats.Rows == 0 {
		t.Errorf("data/ holds no records")
	}
}
