package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The import direction of STYLE.md, in the manner of go/build/deps_test.go:
// cmd → {importers, exports} → charts → mapping → dataset; importers → dataset;
// {importers, exports} → divergence → dataset;
// {importers, exports, internal/bench} → internal/xlsx, which imports nothing of ours.
// Each package of ours lists the packages of ours it may import.
var allowedDeps = map[string][]string{
	"dataset":        {},
	"divergence":     {"dataset"},
	"importers":      {"divergence", "dataset", "internal/xlsx"},
	"mapping":        {"dataset"},
	"charts":         {"mapping", "dataset", "charts/assets"},
	"charts/assets":  {},
	"exports":        {"charts", "charts/assets", "mapping", "divergence", "dataset", "internal/xlsx"},
	"cmd/cpmap":      {"*"},
	"internal/bench": {"*"},
	"internal/xlsx":  {},

	// Tools at the top, like cmd: the generators of synthetic data for
	// benchmarks and of the bundled source workbooks.
	"scripts/genscale":   {"*"},
	"scripts/gensources": {"*"},

	// Test support: browsertest is imported only by the tests of charts and
	// exports, xlsxtest only by those of internal/xlsx and importers.
	"internal/browsertest":   {},
	"internal/xlsx/xlsxtest": {},
}

// Third-party modules only some packages may use.
var restrictedModules = map[string][]string{
	"github.com/xuri/excelize/v2":      {"internal/xlsx", "internal/xlsx/xlsxtest", "importers", "exports", "cmd/cpmap", "internal/bench", "scripts/genscale", "scripts/gensources"},
	"github.com/spf13/viper":           {"cmd/cpmap"},
	"github.com/spf13/cobra":           {"cmd/cpmap"},
	"github.com/go-echarts/go-echarts": {"charts", "exports"},
}

type listedPackage struct {
	ImportPath   string
	Imports      []string
	TestImports  []string
	XTestImports []string
}

func TestImportDirection(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go command not on PATH")
	}
	root := moduleRoot(t)
	cmd := exec.Command("go", "list", "-json", "./...")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const module = "github.com/cpmap/cpmap"
	dec := json.NewDecoder(bytes.NewReader(out))
	listed := map[string]bool{}
	for dec.More() {
		var p listedPackage
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, module), "/")
		listed[rel] = true
		allowed, ok := allowedDeps[rel]
		if !ok {
			t.Errorf("package %s is not in allowedDeps: add it with the packages of ours it may import", rel)
			continue
		}
		for _, imp := range p.Imports {
			if dep, ours := strings.CutPrefix(imp, module+"/"); ours {
				if !slices.Contains(allowed, "*") && !slices.Contains(allowed, dep) {
					t.Errorf("%s imports %s: not allowed by the import direction of STYLE.md", rel, dep)
				}
				continue
			}
			for mod, users := range restrictedModules {
				if (imp == mod || strings.HasPrefix(imp, mod+"/")) && !slices.Contains(users, rel) {
					t.Errorf("%s imports %s: only %v may", rel, imp, users)
				}
			}
		}
	}
	if len(listed) < 2 {
		t.Fatalf("go list found %d packages; expected the whole module", len(listed))
	}
	for _, rel := range slices.Sorted(maps.Keys(allowedDeps)) {
		if !listed[rel] {
			t.Errorf("allowedDeps lists %s, which go list ./... does not: remove it", rel)
		}
	}
}

// TestOnlyCmdReadsEnvironment keeps config and environment reading in cmd.
func TestOnlyCmdReadsEnvironment(t *testing.T) {
	root := moduleRoot(t)
	for _, dir := range []string{"dataset", "divergence", "importers", "mapping", "charts", "exports"} {
		files, _ := filepath.Glob(filepath.Join(root, dir, "*.go"))
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, bad := range []string{"os.Getenv(", "os.LookupEnv(", "os.Environ(", "os.Exit(", "log.Fatal"} {
				if bytes.Contains(b, []byte(bad)) {
					t.Errorf("%s uses %s: only cmd/cpmap reads the environment or exits", f, bad)
				}
			}
		}
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatalf("module root not found from %s", dir)
	}
	return dir
}
