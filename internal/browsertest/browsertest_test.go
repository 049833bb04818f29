package browsertest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestFind(t *testing.T) {
	found := func(name string) (string, error) {
		if name == "chromium-browser" {
			return "/usr/bin/chromium-browser", nil
		}
		return "", exec.ErrNotFound
	}
	both := func(name string) (string, error) {
		switch name {
		case "chromium", "google-chrome":
			return "/usr/bin/" + name, nil
		}
		return "", exec.ErrNotFound
	}
	missing := func(string) (string, error) { return "", exec.ErrNotFound }
	tests := []struct {
		name         string
		lookPath     func(string) (string, error)
		ci           bool
		path         string
		skips, fails bool
	}{
		{"found", found, false, "/usr/bin/chromium-browser", false, false},
		{"found under CI", found, true, "/usr/bin/chromium-browser", false, false},
		{"chromium before chrome", both, false, "/usr/bin/chromium", false, false},
		{"missing here skips", missing, false, "", true, false},
		{"missing under CI fails", missing, true, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, skip, fail := Find(tt.lookPath, tt.ci)
			if path != tt.path || (skip != "") != tt.skips || (fail != "") != tt.fails {
				t.Errorf("Find = %q, skip %q, fail %q; want %q, skips %v, fails %v", path, skip, fail, tt.path, tt.skips, tt.fails)
			}
		})
	}
}

func TestFileURL(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the cases are paths of a Unix file system")
	}
	tests := []struct {
		name, path, want string
	}{
		{"plain", "/tmp/pack/index.html", "file:///tmp/pack/index.html"},
		{"space", "/tmp/a pack/index.html", "file:///tmp/a%20pack/index.html"},
		{"hash", "/tmp/a#b/index.html", "file:///tmp/a%23b/index.html"},
		{"cleaned", "/tmp/pack/../pack/./index.html", "file:///tmp/pack/index.html"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FileURL(tt.path)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("FileURL(%q) = %q, want %q", tt.path, got, tt.want)
			}
		})
	}
}

// TestSession opens pages that go wrong in each of the ways a Session
// watches for, and one that does not, and checks that it reports each.
func TestSession(t *testing.T) {
	bin := Chromium(t)
	tests := []struct {
		name   string
		html   string
		want   []string // substrings of the problems, one each, in order
		alerts []string
	}{
		{"clean", `<p id=p>fine</p><script>document.getElementById("p").textContent = "drawn";</script>`, nil, nil},
		// Offline, a request that leaves the machine fails too.
		{"remote script", `<script src="http://example.invalid/x.js"></script>`, []string{"request leaves the machine: http://example.invalid/x.js", "ERR_INTERNET_DISCONNECTED (http://example.invalid/x.js)"}, nil},
		{"remote image", `<img src="https://example.invalid/a.png">`, []string{"request leaves the machine: https://example.invalid/a.png", "ERR_INTERNET_DISCONNECTED (https://example.invalid/a.png)"}, nil},
		{"fetch", `<script>fetch("http://example.invalid/data.json").catch(() => {});</script>`, []string{"request leaves the machine: http://example.invalid/data.json", "ERR_INTERNET_DISCONNECTED (http://example.invalid/data.json)"}, nil},
		{"missing file", `<script src="missing.js"></script>`, []string{"browser log error: Failed to load resource"}, nil},
		{"console error", `<script>console.error("boom")</script>`, []string{"console.error: boom"}, nil},
		{"exception", `<script>null.x</script>`, []string{"uncaught exception at "}, nil},
		{"alert", `<script>alert("hi"); alert(2)</script>`, nil, []string{"hi", "2"}},
	}
	dir := t.TempDir()
	s := Start(t, bin, 60*time.Second)
	seen := 0
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".html")
			if err := os.WriteFile(path, []byte("<!doctype html><title>t</title>"+tt.html), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := s.Open(path); err != nil {
				t.Fatal(err)
			}
			if err := chromedp.Do(s.Context(), chromedp.Sleep(200*time.Millisecond)); err != nil {
				t.Fatal(err)
			}
			alerts, err := s.Alerts()
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.alerts, alerts, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("alerts (-want +got):\n%s", diff)
			}
			all := s.Problems()
			got := all[seen:]
			seen = len(all)
			if len(got) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(got), len(tt.want), strings.Join(got, "\n"))
			}
			for i, p := range got {
				if !strings.HasPrefix(p, path+": ") || !strings.Contains(p, tt.want[i]) {
					t.Errorf("problem %d is %q, want one of %s holding %q", i, p, path, tt.want[i])
				}
			}
		})
	}
}

// TestVersion checks that the message of a Chromium that cannot be driven
// names the version it reports, or says why there is none.
func TestVersion(t *testing.T) {
	if filepath.Separator != '/' {
		t.Skip("the fake Chromium is a shell script")
	}
	dir := t.TempDir()
	fake := filepath.Join(dir, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\necho 'Chromium 999.0.1 built on Debian'\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, want := version(fake), fake+" (Chromium 999.0.1 built on Debian)"; got != want {
		t.Errorf("version(fake) = %q, want %q", got, want)
	}
	missing := filepath.Join(dir, "none")
	if got := version(missing); !strings.HasPrefix(got, missing+" (version unknown: ") {
		t.Errorf("version(missing) = %q, want it to say the version is unknown", got)
	}
}
