package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDir copies the regular files of src (not sub-folders) into dst.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// readTree returns every file under dir by its slash path relative to dir.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// researchClock pins the clock to 2026-12-03, the day the bundled dataset
// was last checked against its sources: its accessed and verified_on dates
// are that day, and a clock before it would call them future dates.
var researchClock = map[string]string{"SOURCE_DATE_EPOCH": "1796256000"}

// TestBuildBundled runs the main job as the README's first command does, on
// a copy of the bundled dataset and the bundled sources, twice.
func TestBuildBundled(t *testing.T) {
	root := moduleRoot(t)
	tmp := t.TempDir()
	copyDir(t, filepath.Join(root, "data"), filepath.Join(tmp, "data"))
	cfg := filepath.Join(tmp, "config.yaml")
	body := "data: data\nout: out\nsources: " + filepath.Join(root, "sources") + "\n"
	if err := os.WriteFile(cfg, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, filepath.Join(tmp, "data"))

	r := runCpmap(t, researchClock, "--config", cfg, "build")
	if r.code != 0 {
		t.Fatalf("build exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(tmp, "out")
	if !strings.Contains(r.stdout, "open "+filepath.Join(out, "index.html")) {
		t.Errorf("build does not say what to open:\n%s", r.stdout)
	}
	first := readTree(t, out)
	want := []string{"index.html", "index.md", "briefing.xlsx", "README.txt", "charts/index.html", "charts/status-matrix.html"}
	for _, line := range strings.Split(strings.TrimSpace(string(before["jurisdictions.csv"])), "\n")[1:] {
		code := line[:2]
		want = append(want, "summary-"+code+".html", "summary-"+code+".md")
	}
	for _, f := range want {
		if len(first[f]) == 0 {
			t.Errorf("the pack has no %s (or it is empty)", f)
		}
	}
	for name, b := range first {
		if strings.HasSuffix(name, ".html") && (bytes.Contains(b, []byte(`src="http`)) || bytes.Contains(b, []byte(`href="http`)) && bytes.Contains(b, []byte("<link"))) {
			t.Errorf("%s references a remote script or style", name)
		}
	}
	if got := readTree(t, filepath.Join(tmp, "data")); !mapsEqual(got, before) {
		t.Errorf("build changed the dataset although sources and data agree")
	}

	r = runCpmap(t, researchClock, "--config", cfg, "build")
	if r.code != 0 {
		t.Fatalf("second build exit %d\n%s", r.code, r.stderr)
	}
	second := readTree(t, out)
	for name, b := range first {
		if !bytes.Equal(second[name], b) {
			t.Errorf("%s differs between two builds of the same inputs", name)
		}
	}
}

func mapsEqual(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(b[k], v) {
			return false
		}
	}
	return true
}

func TestSourceFiles(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.xlsx", "a.csv", "c.TSV", "README.md", "~$lock.xlsx", ".hidden.csv"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "gen"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := sourceFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.xlsx"), filepath.Join(dir, "c.TSV")}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("sourceFiles = %v, want %v", got, want)
	}
}
