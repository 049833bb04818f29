package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSourcesUpToDate writes the source workbooks of data/ afresh and
// checks that sources/ holds exactly those bytes: no file changed, missing
// or left over.
func TestSourcesUpToDate(t *testing.T) {
	const (
		data    = "../../data"
		sources = "../../sources"
		fix     = "run go generate ./... from the repository root"
	)
	out := t.TempDir()
	if err := run(data, out); err != nil {
		t.Fatalf("run(%s, %s): %v", data, out, err)
	}
	for _, f := range files {
		want, err := os.ReadFile(filepath.Join(out, f.name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(sources, f.name))
		if err != nil {
			t.Errorf("sources/%s: %v: %s", f.name, err, fix)
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("sources/%s is not what data/ gives (%d bytes, want %d): %s", f.name, len(got), len(want), fix)
		}
	}
	entries, err := os.ReadDir(sources)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || ext != ".xlsx" && ext != ".csv" {
			continue
		}
		if !slices.ContainsFunc(files, func(f file) bool { return f.name == e.Name() }) {
			t.Errorf("sources/%s is written by no function of files: %s", e.Name(), fix)
		}
	}
}
