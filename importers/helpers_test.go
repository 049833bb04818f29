package importers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
)

// writeFile writes bytes into dir and returns the file name.
func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
	return name
}

// inDir makes dir the working folder for the test, so that positions name
// files as given (pl.xlsx, not /tmp/.../pl.xlsx).
func inDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Chdir(dir)
	return dir
}

// mustImport imports files and fails the test on an error.
func mustImport(t *testing.T, opts Options, files ...string) *Result {
	t.Helper()
	res, err := Import(files, opts)
	if err != nil {
		t.Fatalf("Import: %v", err)
	}
	return res
}

// problemLines returns the problems as their one-line strings.
func problemLines(ps dataset.Problems) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// errorsOf returns only the error lines.
func errorsOf(ps dataset.Problems) []string {
	var out []string
	for _, p := range ps {
		if p.Severity == dataset.Error {
			out = append(out, p.String())
		}
	}
	return out
}

// table returns the stored rows of a table of ds, each as column=value
// pairs for the non-empty values, keyed by the record's key.
func table(ds *dataset.Dataset, name string) map[string]map[string]string {
	t := dataset.TableByName(name)
	out := map[string]map[string]string{}
	for i := range t.Len(ds) {
		rec := map[string]string{}
		for j, v := range t.Values(ds, i) {
			if v != "" {
				rec[t.Fields[j].Name] = v
			}
		}
		out[strings.ReplaceAll(t.KeyOf(ds, i), "\t", ",")] = rec
	}
	return out
}

// skips returns the skipped rows and sheets of a result as "position: reason".
func skips(res *Result) []string {
	var out []string
	for _, f := range res.Files {
		for _, s := range f.Sheets {
			if s.Skip != "" {
				out = append(out, dataset.Pos{File: f.File, Sheet: s.Name}.String()+": "+s.Skip)
			}
			for _, k := range s.Skipped {
				out = append(out, k.Pos.String()+": "+k.Reason)
			}
		}
	}
	return out
}
