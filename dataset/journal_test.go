package dataset

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// changedDataset is goldenDataset with changes to several tables, so that
// saving it over goldenDataset renames several files.
func changedDataset() *Dataset {
	ds := goldenDataset()
	ds.Sources[0].Title = "changed"
	ds.Surveys[0].Value = 1
	ds.Campaigns[0].Name = "changed"
	ds.Jurisdictions[0].Name = "Sverige"
	return ds
}

// whichDataset loads dir and reports whether it reads as wholly old, wholly
// new, or neither ("mixed"), and that no journal or temporary file remains.
func whichDataset(t *testing.T, dir string, old, new *Dataset) string {
	t.Helper()
	ds, ps, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if ps.HasErrors() {
		t.Errorf("Load problems:\n%v", ps)
	}
	got := encodeAll(t, ds)
	switch {
	case filesEqual(got, encodeAll(t, old)):
		return "old"
	case filesEqual(got, encodeAll(t, new)):
		return "new"
	}
	return "mixed"
}

func encodeAll(t *testing.T, ds *Dataset) map[string][]byte {
	t.Helper()
	files, err := Encode(ds)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func filesEqual(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !bytes.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

// failRename makes the rename number n (from 0) of the saves that follow
// fail, and restores renameFunc at the end of the test. It returns a
// counter of the renames tried.
func failRename(t *testing.T, n int) *int {
	t.Helper()
	calls := 0
	renameFunc = func(from, to string) error {
		defer func() { calls++ }()
		if calls == n {
			return errors.New("injected rename failure")
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { renameFunc = os.Rename })
	return &calls
}

func TestSaveFailsAtEachRename(t *testing.T) {
	// The renames of a save: the journal's first, then one per changed file.
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	calls := failRename(t, -1)
	if err := Save(dir, changedDataset()); err != nil {
		t.Fatal(err)
	}
	renames := *calls
	renameFunc = os.Rename
	if renames < 4 {
		t.Fatalf("the save made %d renames; the test needs several", renames)
	}
	for n := range renames {
		dir := t.TempDir()
		if err := Save(dir, goldenDataset()); err != nil {
			t.Fatal(err)
		}
		failRename(t, n)
		err := Save(dir, changedDataset())
		renameFunc = os.Rename
		if err == nil {
			t.Errorf("rename %d failed: Save = nil, want the error", n)
		}
		// The journal's rename, or the first file's, failing calls the
		// save off; a later one leaves the journal, which Load finishes.
		want := "new"
		if n <= 1 {
			want = "old"
		}
		if got := whichDataset(t, dir, goldenDataset(), changedDataset()); got != want {
			t.Errorf("rename %d failed: the next Load reads the %s dataset, want the %s one", n, got, want)
		}
		assertNoTemps(t, dir)
		if _, err := os.Stat(filepath.Join(dir, JournalFile)); err == nil {
			t.Errorf("rename %d failed: the journal remains after Load", n)
		}
	}
}

func TestRecoverRefusesForeignJournal(t *testing.T) {
	for _, tc := range []struct{ name, journal string }{
		{"not json", "{"},
		{"outside the folder", `{"renames":[{"from":"../.x.tmp-1-2","to":"sources.csv"}]}`},
		{"not a temporary file", `{"renames":[{"from":"sources.csv","to":"surveys.csv"}]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, JournalFile), []byte(tc.journal), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Recover(dir); err == nil || !strings.Contains(err.Error(), "interrupted save") {
				t.Errorf("Recover = %v, want an error about the interrupted save", err)
			}
		})
	}
}

func TestLoadWithoutJournalWritesNothing(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	if _, _, err := Load(dir); err != nil {
		t.Errorf("Load of a read-only dataset: %v", err)
	}
}

func TestLeftovers(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	dead := deadPID(t)
	for _, name := range []string{
		".sources.csv.tmp-" + itoa(dead) + "-123",
		".surveys.csv.tmp-" + itoa(os.Getpid()) + "-456",
		".campaigns.csv.tmp-789",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var codes []string
	for _, p := range Leftovers(dir) {
		codes = append(codes, p.Code+" "+filepath.Base(p.Pos.File))
	}
	want := []string{
		CodeLeftover + " .campaigns.csv.tmp-789",
		CodeLeftover + " .sources.csv.tmp-" + itoa(dead) + "-123",
		CodeLeftover + " .surveys.csv.tmp-" + itoa(os.Getpid()) + "-456",
	}
	if d := cmpDiff(want, codes); d != "" {
		t.Errorf("Leftovers (-want +got):\n%s", d)
	}
	removed, err := CleanLeftovers(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range removed {
		names = append(names, filepath.Base(r))
	}
	if d := cmpDiff([]string{".sources.csv.tmp-" + itoa(dead) + "-123"}, names); d != "" {
		t.Errorf("CleanLeftovers removed (-want +got):\n%s", d)
	}
}
