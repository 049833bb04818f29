package browsertest

import (
	"os"
	"os/exec"
	"testing"
)

// names are the names a Chromium binary goes by, in the order Find tries
// them.
var names = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// Chromium returns the path of a Chromium binary on PATH. Without one it
// skips the test, except under CI (the environment variable CI set), which
// installs Chromium: there a missing binary fails the test rather than
// letting it pass unseen.
func Chromium(t testing.TB) string {
	t.Helper()
	path, skip, fail := Find(exec.LookPath, os.Getenv("CI") != "")
	switch {
	case fail != "":
		t.Fatal(fail)
	case skip != "":
		t.Skip(skip)
	}
	return path
}

// Find looks a Chromium binary up with lookPath (exec.LookPath in tests).
// It returns the path of the first name found; when there is none, it
// returns why the test must be skipped, or, under CI, why it must fail.
// Exactly one of path, skip and fail is not empty.
func Find(lookPath func(string) (string, error), ci bool) (path, skip, fail string) {
	for _, name := range names {
		if p, err := lookPath(name); err == nil {
			return p, "", ""
		}
	}
	if ci {
		return "", "", "CI is set and no Chromium binary is on PATH: CI must install it (apt-get install -y chromium)"
	}
	return "", "no Chromium binary on PATH (chromium, chromium-browser, google-chrome): install Debian's chromium to run the browser test", ""
}
