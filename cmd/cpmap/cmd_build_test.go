package main

import (
	"bytes"
	"fmt"
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
	copyDir(t, filepath.Join(root, "sources"), filepath.Join(tmp, "sources"))
	cfg := filepath.Join(tmp, "config.yaml")
	body := "data: data\nout: out\nsources: sources\n"
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

// TestBuildKeepsUpdate follows a researcher's round trip: a build records
// the sources in the import log, an import --update then changes a Latvian
// provision, and the next build skips the unchanged workbooks, so that the
// update survives; a further build writes the same bytes.
func TestBuildKeepsUpdate(t *testing.T) {
	root := moduleRoot(t)
	tmp := t.TempDir()
	copyDir(t, filepath.Join(root, "data"), filepath.Join(tmp, "data"))
	copyDir(t, filepath.Join(root, "sources"), filepath.Join(tmp, "sources"))
	cfg := filepath.Join(tmp, "config.yaml")
	if err := os.WriteFile(cfg, []byte("data: data\nout: out\nsources: sources\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	build := func(step string) cpmapResult {
		t.Helper()
		r := runCpmap(t, researchClock, "--config", cfg, "build")
		if r.code != exitOK {
			t.Fatalf("%s: build exit %d\nstdout:\n%s\nstderr:\n%s", step, r.code, r.stdout, r.stderr)
		}
		return r
	}
	build("first build")

	lv := filepath.Join(tmp, "lv.csv")
	body := "id,jurisdiction,setting,status,confirmed,instrument,source\n" +
		"lv-school,Latvia,school,prohibited,yes,Law on Protection of the Rights of the Child,gi-latvia-report\n"
	if err := os.WriteFile(lv, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCpmap(t, researchClock, "--config", cfg, "import", "--update", lv)
	if r.code != exitOK {
		t.Fatalf("import --update: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	provisions := func() string {
		b, err := os.ReadFile(filepath.Join(tmp, "data", "provisions.csv"))
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "lv-school,") {
				return line
			}
		}
		return ""
	}
	updated := provisions()
	if !strings.Contains(updated, ",true,") || !strings.Contains(updated, "Law on Protection") {
		t.Fatalf("the import did not update lv-school: %s", updated)
	}

	r = build("build after the update")
	if got := provisions(); got != updated {
		t.Errorf("build undid the update:\n got %s\nwant %s", got, updated)
	}
	entries, err := os.ReadDir(filepath.Join(tmp, "sources"))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); ext == ".xlsx" || ext == ".csv" {
			n++
		}
	}
	if !strings.Contains(r.stderr, fmt.Sprintf("skipped %d source files", n)) || !strings.Contains(r.stderr, "latvija.xlsx") {
		t.Errorf("build does not name the unchanged sources it skipped:\n%s", r.stderr)
	}
	before := readTree(t, filepath.Join(tmp, "data"))
	build("build again")
	if got := readTree(t, filepath.Join(tmp, "data")); !mapsEqual(got, before) {
		t.Errorf("a second build changed the dataset")
	}
	log, err := os.ReadFile(filepath.Join(tmp, "data", "imports.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"path": "sources/latvija.xlsx"`, `"path": "lv.csv"`, `"date": "2026-12-03T00:00:00Z"`, `"sha256": "`} {
		if !strings.Contains(string(log), want) {
			t.Errorf("the import log lacks %s:\n%s", want, log)
		}
	}
}

// TestBuildChangedSourceConflicts: a source workbook changed after an
// update that it contradicts is refused, naming the cell and the ways on.
func TestBuildChangedSourceConflicts(t *testing.T) {
	tmp := t.TempDir()
	src := filepath.Join(tmp, "sources")
	if err := os.MkdirAll(src, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(tmp, "config.yaml")
	if err := os.WriteFile(cfg, []byte("data: data\nout: out\nsources: sources\ngroup: ''\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	header := "country,setting,status,in force,source,notes\n"
	write := func(name, body string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("sources/se.csv", header+"SE,home,prohibited,1979,https://riksdagen.se/fb,first\n")
	if r := runCpmap(t, fixedClock, "--config", cfg, "import", filepath.Join(src, "se.csv")); r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	later := map[string]string{"SOURCE_DATE_EPOCH": "1795824000"} // a day later
	up := write("up.csv", header+"SE,home,prohibited,1979,https://riksdagen.se/fb,updated\n")
	if r := runCpmap(t, later, "--config", cfg, "import", "--update", up); r.code != exitOK {
		t.Fatalf("import --update: exit %d\n%s", r.code, r.stderr)
	}
	write("sources/se.csv", header+"SE,home,prohibited,1979,https://riksdagen.se/fb,edited\n")
	r := runCpmap(t, later, "--config", cfg, "build")
	if r.code != exitProblems {
		t.Fatalf("build exit %d, want %d\n%s\n%s", r.code, exitProblems, r.stdout, r.stderr)
	}
	for _, want := range []string{"se.csv:2:6", "sources/se.csv (changed since imported 2026-11-27", "up.csv on 2026-11-28", "cpmap build --update", "correct those cells in the workbook"} {
		if !strings.Contains(r.stdout+r.stderr, want) {
			t.Errorf("build's refusal does not say %q:\n%s\n%s", want, r.stdout, r.stderr)
		}
	}
}
