package main

import (
	"encoding/json"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// importDir makes a temporary folder the working folder and returns a
// function writing files into it.
func importDir(t *testing.T) func(name, body string) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return func(name, body string) string {
		t.Helper()
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return name
	}
}

// snapshot returns the bytes of every file of a folder, by name.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return out
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

func TestImportIntoNewDataset(t *testing.T) {
	write := importDir(t)
	write("se.csv", "country;setting;status;in force;source\nSverige;hem;ja;1.07.1979;https://www.riksdagen.se/sfs-1949-381\n")
	r := runCpmap(t, fixedClock, "import", "--data", "data", "se.csv")
	if r.code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if want := "3 added, 0 unchanged, 0 changed\nwrote data\n"; r.stdout != want {
		t.Errorf("stdout = %q, want %q", r.stdout, want)
	}
	if !strings.Contains(r.stderr, "se.csv: 1 table (provisions), 1 row read into 1 record, nothing skipped, 0 problems") {
		t.Errorf("stderr lacks the file's summary:\n%s", r.stderr)
	}
	ds, ps, err := dataset.Load("data")
	if err != nil || len(ps) > 0 {
		t.Fatalf("the written dataset: %v %v", err, ps)
	}
	if got := dataset.TableByName("provisions").Values(ds, 0); !cmp.Equal(got, []string{
		"se-home-1979", "SE", "home", "prohibited", "", "", "1979-07-01", "", "", "", "", "", "riksdagen-se-sfs-1949-381", "", ""}) {
		t.Errorf("provision written: %q", got)
	}
	if v := runCpmap(t, fixedClock, "validate", "--data", "data"); v.code != exitOK {
		t.Errorf("validate: exit %d\n%s", v.code, v.stdout)
	}
}

// TestImportMerge walks an existing dataset through the cases of a merge.
func TestImportMerge(t *testing.T) {
	write := importDir(t)
	header := "country,setting,status,in force,source\n"
	write("a.csv", header+"SE,home,prohibited,1979,https://riksdagen.se/fb\n")
	if r := runCpmap(t, fixedClock, "import", "--data", "data", "a.csv"); r.code != exitOK {
		t.Fatalf("first import: exit %d\n%s", r.code, r.stderr)
	}
	steps := []struct {
		name     string
		files    map[string]string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
		written  bool
	}{
		{
			name: "identical records are left alone", args: []string{"a.csv"},
			wantCode: exitOK, wantOut: "0 added, 1 unchanged, 0 changed\ndata is up to date\n",
		},
		{
			name:  "a change is refused",
			files: map[string]string{"b.csv": header + "SE,home,partial,1979,https://riksdagen.se/fb\n"},
			args:  []string{"b.csv"}, wantCode: exitProblems,
			wantOut: "provisions se-home-1979 would change:\n" +
				"  status: \"prohibited\" → \"partial\"   (" + filepath.Join("data", "provisions.csv") + ":2:4 → b.csv:2:3)\n" +
				"0 added, 0 unchanged, 1 would change\n",
			wantErr: "import refused: 1 record would change; nothing written",
		},
		{
			name: "a dry run writes nothing", args: []string{"--dry-run", "--update", "b.csv"},
			wantCode: exitOK,
			wantOut: "provisions se-home-1979 would change:\n" +
				"  status: \"prohibited\" → \"partial\"   (" + filepath.Join("data", "provisions.csv") + ":2:4 → b.csv:2:3)\n" +
				"0 added, 0 unchanged, 1 would change\ndry run: nothing written to data\n",
		},
		{
			name: "--update applies the change", args: []string{"--update", "b.csv"},
			wantCode: exitOK, written: true,
			wantOut: "provisions se-home-1979 changed:\n" +
				"  status: \"prohibited\" → \"partial\"   (" + filepath.Join("data", "provisions.csv") + ":2:4 → b.csv:2:3)\n" +
				"0 added, 0 unchanged, 1 changed\nwrote data\n",
		},
		{
			name: "new records are added, the source they cite is known",
			args: []string{"c.csv"}, wantCode: exitOK, written: true,
			wantOut: "2 added, 0 unchanged, 0 changed\nwrote data\n",
		},
		{
			name: "two files that disagree are a conflict",
			files: map[string]string{
				"d1.csv": header + "NO,home,yes,1987,https://lovdata.no/a\n",
				"d2.csv": header + "Norway,home,no,1987,https://lovdata.no/a\n",
			},
			args: []string{"d1.csv", "d2.csv"}, wantCode: exitProblems,
			wantErr: `d2.csv:2:3: error conflict-error: provisions no-home-1987: status is "not_prohibited" here but "prohibited" at d1.csv:2:3`,
		},
		{
			name:  "an invalid result is refused",
			files: map[string]string{"e.csv": "country,setting,status,adopted,in force,source\nDK,home,yes,1997,1990,https://retsinformation.dk\n"},
			args:  []string{"e.csv"}, wantCode: exitProblems,
			wantErr: "date-order-error: in_force 1990 is before adopted 1997",
		},
	}
	write("c.csv", header+"FI,home,yes,1984,https://riksdagen.se/fb\n")
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			for name, body := range st.files {
				if body != "" {
					write(name, body)
				}
			}
			before := snapshot(t, "data")
			r := runCpmap(t, fixedClock, append([]string{"import", "--data", "data"}, st.args...)...)
			if r.code != st.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, st.wantCode, r.stdout, r.stderr)
			}
			if st.wantOut != "" && r.stdout != st.wantOut {
				t.Errorf("stdout:\n%s\nwant:\n%s", r.stdout, st.wantOut)
			}
			if !strings.Contains(r.stderr, st.wantErr) {
				t.Errorf("stderr:\n%s\nwant it to say %q", r.stderr, st.wantErr)
			}
			changed := !cmp.Equal(before, snapshot(t, "data"))
			if changed != st.written {
				t.Errorf("dataset written: %v, want %v", changed, st.written)
			}
		})
	}
	ds, _, err := dataset.Load("data")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, p := range ds.Provisions {
		got[p.ID] = string(p.Status)
	}
	if diff := cmp.Diff(map[string]string{"se-home-1979": "partial", "fi-home-1984": "prohibited"}, got); diff != "" {
		t.Errorf("provisions at the end (-want +got):\n%s", diff)
	}
}

func TestImportTemplate(t *testing.T) {
	importDir(t)
	r := runCpmap(t, fixedClock, "template", "--out", "template.xlsx")
	if r.code != exitOK || r.stdout != "wrote template.xlsx\n" {
		t.Fatalf("template: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	r = runCpmap(t, fixedClock, "import", "--data", "data", "template.xlsx")
	if r.code != exitOK || r.stdout != "no records found\n" {
		t.Errorf("untouched template: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat("data"); err == nil {
		t.Errorf("importing nothing created the dataset folder")
	}
	for _, want := range []string{"skipped template.xlsx:'Instructions': instructions", "skipped template.xlsx:'lists': hidden sheet"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

func TestImportRefusals(t *testing.T) {
	write := importDir(t)
	write("ok.csv", "country,setting,status,source\nSE,home,yes,https://riksdagen.se\n")
	write("big.csv", "country,setting,status,source\n"+strings.Repeat("SE,home,yes,https://riksdagen.se\n", 40000))
	write("small.yaml", "import:\n  max_file_mb: 1\n")
	if err := os.MkdirAll("notdata", 0o755); err != nil {
		t.Fatal(err)
	}
	write("notdata/readme.txt", "x")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no files", []string{"import"}, exitUsage, "requires at least 1 arg"},
		{"unknown table", []string{"import", "--table", "laws", "ok.csv"}, exitUsage, `table "laws": use one of jurisdictions`},
		{"unknown encoding", []string{"import", "--encoding", "ebcdic", "ok.csv"}, exitUsage, `unknown encoding "ebcdic"`},
		{"unknown country", []string{"import", "--jurisdiction", "Atlantis", "ok.csv"}, exitUsage, `jurisdiction "Atlantis"`},
		{"file over the size limit", []string{"--config", "small.yaml", "import", "--data", "d1", "big.csv"}, exitProblems, "big.csv: error file-too-large: the file is 1.3 MiB, larger than the limit of 1.0 MiB; to read it, raise import.max_file_mb in config.yaml"},
		{"missing file", []string{"import", "--data", "d2", "nope.xlsx"}, exitProblems, "nope.xlsx: error file-error: no such file"},
		{"a folder that is not a dataset", []string{"import", "--data", "notdata", "ok.csv"}, exitProblems, "notdata is not empty and holds no data package"},
		{"template without --out", []string{"template"}, exitUsage, "--out FILE.xlsx is required"},
		{"template to another format", []string{"template", "--out", "t.ods"}, exitUsage, "must end in .xlsx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstderr:\n%s", r.code, tt.wantCode, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("stderr:\n%s\nwant it to say %q", r.stderr, tt.wantErr)
			}
			if strings.Contains(tt.wantErr, "larger than the limit") && strings.Contains(r.stderr, "no table found") {
				t.Errorf("stderr goes on after the size error:\n%s", r.stderr)
			}
		})
	}
	for _, d := range []string{"d1", "d2"} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("a refused import created %s", d)
		}
	}
}

// TestImportFileWithNoTable refuses files in which no table is recognised:
// an empty file, binary junk, a row of unknown headers.
func TestImportFileWithNoTable(t *testing.T) {
	for name, body := range map[string]string{
		"empty.csv":   "",
		"junk.csv":    "\xff\xfe\x00garbage\x01\x02",
		"unknown.csv": "colour,size\nblue,3\n",
		"junk.xlsx":   "PK\x03\x04 not really a zip",
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, name)
			if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			data := filepath.Join(dir, "data")
			r := runCpmap(t, fixedClock, "--data", data, "import", file)
			if r.code != exitProblems {
				t.Errorf("exit %d, want %d\n%s", r.code, exitProblems, r.stderr)
			}
			if !strings.Contains(r.stderr, file) {
				t.Errorf("stderr does not name the file %s:\n%s", file, r.stderr)
			}
			if _, err := os.Stat(data); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("a refused import created %s (%v)", data, err)
			}
		})
	}
}

// TestImportDryRunNamesRecords: a dry run names each record it would add
// and each field it would change; --format json gives the same plan.
func TestImportDryRunNamesRecords(t *testing.T) {
	write := importDir(t)
	header := "country,setting,status,in force,source\n"
	write("a.csv", header+"SE,home,prohibited,1979,https://riksdagen.se/fb\n")
	if r := runCpmap(t, fixedClock, "import", "--data", "data", "a.csv"); r.code != exitOK {
		t.Fatalf("first import: exit %d\n%s", r.code, r.stderr)
	}
	write("b.csv", header+"SE,home,partial,1979,https://riksdagen.se/fb\nFI,school,prohibited,1983,https://finlex.fi/x\n")
	before := snapshot(t, "data")

	r := runCpmap(t, fixedClock, "import", "--data", "data", "--dry-run", "--update", "b.csv")
	if r.code != exitOK {
		t.Fatalf("dry run: exit %d\n%s", r.code, r.stderr)
	}
	for _, want := range []string{
		"provisions fi-school-1983 would be added: FI school   (b.csv:3)\n",
		"jurisdictions FI would be added: Finland",
		"provisions se-home-1979 would change:\n  status: \"prohibited\" → \"partial\"",
		"dry run: nothing written to data\n",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, r.stdout)
		}
	}

	r = runCpmap(t, fixedClock, "import", "--data", "data", "--dry-run", "--format", "json", "b.csv")
	if r.code != exitProblems {
		t.Fatalf("json dry run without --update: exit %d, want %d\n%s", r.code, exitProblems, r.stderr)
	}
	var got importPlan
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("--format json wrote no JSON object: %v\n%s", err, r.stdout)
	}
	if !got.DryRun || got.Written || got.Refused == "" {
		t.Errorf("plan dry_run=%v written=%v refused=%q, want true, false, a reason", got.DryRun, got.Written, got.Refused)
	}
	wantAdded := planRecord{Table: "provisions", Key: "fi-school-1983", Label: "FI school", Pos: "b.csv:3"}
	if !slices.Contains(got.Added, wantAdded) {
		t.Errorf("plan.added lacks %+v: %+v", wantAdded, got.Added)
	}
	wantChanged := []planChange{{Table: "provisions", Key: "se-home-1979", Fields: []planField{
		{Field: "status", Old: "prohibited", New: "partial", OldPos: filepath.Join("data", "provisions.csv") + ":2:4", NewPos: "b.csv:2:3"}}}}
	if diff := cmp.Diff(wantChanged, got.Changed); diff != "" {
		t.Errorf("plan.changed (-want +got):\n%s", diff)
	}
	if got.Counts.Changed != 1 || got.Cleared == nil {
		t.Errorf("plan counts %+v, cleared %v", got.Counts, got.Cleared)
	}
	var raw map[string]any
	json.Unmarshal([]byte(r.stdout), &raw)
	for _, k := range []string{"data", "dry_run", "written", "refused", "counts", "added", "changed", "cleared"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("the JSON plan has no %q", k)
		}
	}
	if after := snapshot(t, "data"); !maps.Equal(after, before) {
		t.Errorf("a dry run changed the dataset")
	}
	if r := runCpmap(t, fixedClock, "import", "--data", "data", "--format", "yaml", "b.csv"); r.code != exitUsage {
		t.Errorf("--format yaml: exit %d, want %d", r.code, exitUsage)
	}
}

// TestPlanChanges: a stored value that becomes empty is a clearing, listed
// apart from the changes.
func TestPlanChanges(t *testing.T) {
	pos := dataset.Pos{File: "data/provisions.csv", Row: 2, Col: 15}
	in := []dataset.Change{{Table: "provisions", Key: "lv-school", Kind: dataset.Changed, Fields: []dataset.FieldChange{
		{Field: "confirmed", Old: "false", New: "true", OldPos: pos, NewPos: dataset.Pos{File: "lv.csv", Row: 2, Col: 5}},
		{Field: "notes", Old: "GI reports", New: "", OldPos: pos, NewPos: dataset.Pos{File: "lv.csv", Row: 2, Col: 8}},
	}}, {Table: "sources", Key: "s", Kind: dataset.Changed, Fields: []dataset.FieldChange{
		{Field: "url", Old: "https://x", New: "", OldPos: pos},
	}}}
	changed, cleared := planChanges(in)
	wantChanged := []planChange{{Table: "provisions", Key: "lv-school", Fields: []planField{
		{Field: "confirmed", Old: "false", New: "true", OldPos: pos.String(), NewPos: "lv.csv:2:5"}}}}
	wantCleared := []planCleared{
		{Table: "provisions", Key: "lv-school", Field: "notes", Old: "GI reports", OldPos: pos.String(), NewPos: "lv.csv:2:8"},
		{Table: "sources", Key: "s", Field: "url", Old: "https://x", OldPos: pos.String(), NewPos: "?"},
	}
	if diff := cmp.Diff(wantChanged, changed); diff != "" {
		t.Errorf("changed (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantCleared, cleared); diff != "" {
		t.Errorf("cleared (-want +got):\n%s", diff)
	}
	var b strings.Builder
	(&importPlan{Changed: changed, Cleared: cleared}).writeText(&b, true, false)
	if want := "provisions lv-school would clear notes: was \"GI reports\"   (" + pos.String() + " → lv.csv:2:8)\n"; !strings.Contains(b.String(), want) {
		t.Errorf("text lacks %q:\n%s", want, b.String())
	}
}
