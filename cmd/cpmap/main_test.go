package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
	"github.com/spf13/pflag"
)

// cpmapResult is what one run of the command printed and returned.
type cpmapResult struct {
	code           int
	stdout, stderr string
}

// runCpmap runs the command in process with the given environment.
func runCpmap(t testing.TB, env map[string]string, args ...string) cpmapResult {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(context.Background(), args, &out, &errOut, getenv)
	return cpmapResult{code, out.String(), errOut.String()}
}

// fixedClock pins the clock of runCpmap to 2026-11-27.
var fixedClock = map[string]string{"SOURCE_DATE_EPOCH": "1795737600"}

func TestUsageErrorsExit2(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"unknown flag", []string{"version", "--frob"}, "unknown flag"},
		{"extra argument", []string{"version", "x"}, "unknown command \"x\""},
		{"bad format", []string{"validate", "--format", "xml"}, "--format \"xml\""},
		{"missing explicit config", []string{"--config", "nope.yaml", "version"}, "nope.yaml"},
		{"root flag value", []string{"--data"}, "flag needs an argument"},
		{"too few arguments", []string{"diff", "a"}, "accepts 2 arg(s)"},
		{"argument to cobra's completion", []string{"completion", "bash", "x"}, "unknown command \"x\""},
		{"completion request without arguments", []string{"__complete"}, "requires at least 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, nil, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit code = %d, want %d; stderr:\n%s", r.code, exitUsage, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr = %q, want it to mention %q", r.stderr, tt.want)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	r := runCpmap(t, nil, "version")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "cpmap ") {
		t.Errorf("version: code %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestHelpListsEveryCommand(t *testing.T) {
	r := runCpmap(t, nil, "--help")
	if r.code != 0 {
		t.Fatalf("--help exit %d: %s", r.code, r.stderr)
	}
	a := &app{}
	for _, c := range commands {
		cmd := c(a)
		name := strings.Fields(cmd.Use)[0]
		if !strings.Contains(r.stdout, name) {
			t.Errorf("--help does not list %s", name)
		}
		if cmd.Example == "" {
			t.Errorf("%s has no example in its help", name)
		}
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if f.Usage == "" {
				t.Errorf("%s --%s has no help text", name, f.Name)
			}
		})
	}
}

func TestConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Run("defaults and relative paths", func(t *testing.T) {
		p := write("ok.yaml", "data: mydata\nvalidate:\n  max_verified_age_days: 30\n")
		cfg, err := loadConfig(p, true)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := cfg.Data, filepath.Join(dir, "mydata"); got != want {
			t.Errorf("data = %q, want %q", got, want)
		}
		if got, want := cfg.Validate.MaxVerifiedAgeDays, 30; got != want {
			t.Errorf("max_verified_age_days = %d, want %d", got, want)
		}
		if got, want := cfg.Group, "CBSS"; got != want {
			t.Errorf("group = %q, want default %q", got, want)
		}
	})
	t.Run("unknown key", func(t *testing.T) {
		p := write("bad.yaml", "data: x\ncolour: blue\n")
		if _, err := loadConfig(p, true); err == nil || !strings.Contains(err.Error(), "colour") {
			t.Errorf("unknown key: err = %v, want an error naming colour", err)
		}
	})
	t.Run("missing default file", func(t *testing.T) {
		if _, err := loadConfig(filepath.Join(dir, "absent.yaml"), false); err != nil {
			t.Errorf("a missing default config should fall back to defaults: %v", err)
		}
	})
	t.Run("package section", func(t *testing.T) {
		tests := []struct {
			name, body, wantErr string
			want                dataset.PackageInfo
		}{
			{name: "defaults", body: "data: x\n", want: defaultConfig().Package.info()},
			{name: "a list replaces the default whole",
				body: "package:\n  id: urn:x\n  licenses:\n    - path: https://example.org/l\n  contributors:\n    - title: A\n    - title: B\n      roles: [editor]\n",
				want: dataset.PackageInfo{ID: "urn:x", Licenses: []dataset.License{{Path: "https://example.org/l"}},
					Contributors: []dataset.Contributor{{Title: "A"}, {Title: "B", Roles: []string{"editor"}}}}},
			{name: "license without name or path", body: "package:\n  licenses:\n    - title: Mine\n", wantErr: "package.licenses[0] needs a name"},
			{name: "bad license name", body: "package:\n  licenses:\n    - name: CC BY\n", wantErr: "is not a license id"},
			{name: "contributor without title", body: "package:\n  contributors:\n    - email: a@b.c\n", wantErr: "package.contributors[0] needs a title"},
			{name: "unknown key", body: "package:\n  licence: x\n", wantErr: "licence"},
		}
		for i, tt := range tests {
			cfg, err := loadConfig(write(fmt.Sprintf("pkg%d.yaml", i), tt.body), true)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("%s: err = %v, want %q", tt.name, err, tt.wantErr)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
				continue
			}
			if diff := cmp.Diff(tt.want, cfg.Package.info()); diff != "" {
				t.Errorf("%s: package (-want +got):\n%s", tt.name, diff)
			}
		}
	})
	t.Run("repository config.yaml", func(t *testing.T) {
		if _, err := loadConfig("../../config.yaml", true); err != nil {
			t.Errorf("the documented config.yaml does not load: %v", err)
		}
	})
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  []string
	}{
		{"clean package", []string{"validate", "--data", "../../testdata/valid"}, 0, []string{"no problems"}},
		{"planted errors", []string{"validate", "--data", "../../testdata/invalid"}, 1, []string{"error"}},
		{"no package", []string{"validate", "--data", t.TempDir()}, 1, []string{"file-error", "datapackage.json is missing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit code = %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			for _, w := range tt.wantOut {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("stdout does not contain %q:\n%s", w, r.stdout)
				}
			}
		})
	}
	t.Run("json", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "validate", "--data", "../../testdata/invalid", "--format", "json")
		var rep struct {
			Valid  bool
			Errors []struct {
				Type, Message string
				RowNumber     int `json:"rowNumber"`
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			t.Fatalf("--format json is not JSON: %v\n%s", err, r.stdout)
		}
		if rep.Valid || len(rep.Errors) == 0 {
			t.Errorf("report valid=%v with %d errors; want invalid with errors", rep.Valid, len(rep.Errors))
		}
	})
	t.Run("strict makes warnings errors", func(t *testing.T) {
		dir := t.TempDir()
		ds := &dataset.Dataset{Sources: []dataset.Source{{ID: "unused", Title: "A report", Type: "report"}}}
		if err := dataset.Save(dir, ds); err != nil {
			t.Fatal(err)
		}
		if r := runCpmap(t, fixedClock, "validate", "--data", dir); r.code != 0 {
			t.Errorf("warnings only: exit %d, want 0\n%s", r.code, r.stdout)
		}
		if r := runCpmap(t, fixedClock, "validate", "--data", dir, "--strict"); r.code != 1 {
			t.Errorf("--strict with a warning: exit %d, want 1\n%s", r.code, r.stdout)
		}
	})
}
