//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestImportSaveFails: when the save fails (here, every file past 1 KiB
// refused, as a full disk would refuse it), import says that nothing was
// written, never "added" or "wrote", exits 1, and leaves the dataset and
// no temporary files behind. The limit on file sizes (RLIMIT_FSIZE) is the
// process's, so the failing import runs in a child process of its own (the
// test binary again, in TestImportSaveFailsChild): set in this one, it would
// also refuse the test framework's own writes. Go ignores SIGXFSZ, and a
// write past it fails with EFBIG, as it would for root, whom a read-only
// folder does not stop.
func TestImportSaveFails(t *testing.T) {
	write := importDir(t)
	var b strings.Builder
	b.WriteString("country,setting,status,source,notes\n")
	for _, c := range []string{"SE", "FI", "NO", "DK", "EE", "LV", "LT", "PL", "DE", "IS"} {
		for _, s := range []string{"home", "school", "alternative care"} {
			fmt.Fprintf(&b, "%s,%s,yes,https://example.org/%s,%s\n", c, s, c, strings.Repeat("n", 40))
		}
	}
	write("laws.csv", b.String())
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	cwd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(os.Args[0], "-test.run=^TestImportSaveFailsChild$")
	child.Dir = cwd
	child.Env = append(os.Environ(), "CPMAP_FSIZE_CHILD=1")
	out, err := child.Output()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	_, res, ok := strings.Cut(string(out), "RESULT ")
	if !ok {
		t.Skipf("the child could not lower RLIMIT_FSIZE:\n%s", out)
	}
	var r cpmapResult
	var got struct {
		Code           int
		Stdout, Stderr string
	}
	if err := json.NewDecoder(strings.NewReader(res)).Decode(&got); err != nil {
		t.Fatalf("child result: %v\n%s", err, out)
	}
	r.code, r.stdout, r.stderr = got.Code, got.Stdout, got.Stderr
	if r.code != exitProblems {
		t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, exitProblems, r.stdout, r.stderr)
	}
	for _, bad := range []string{"added", "wrote"} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("stdout says %q of a failed save:\n%s", bad, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "nothing written to data") {
		t.Errorf("stderr does not say that nothing was written:\n%s", r.stderr)
	}
	for _, dir := range []string{"data", tmp} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if dir == "data" && e.Name() == ".cpmap.lock" {
				continue
			}
			t.Errorf("the failed import left %s", filepath.Join(dir, e.Name()))
		}
	}
	// The same import, with room to save, says what it added.
	r = runCpmap(t, fixedClock, "import", "--data", "data", "laws.csv")
	if r.code != 0 || !strings.Contains(r.stdout, "added") || !strings.Contains(r.stdout, "wrote data") {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestImportSaveFailsChild is the child process of TestImportSaveFails: it
// runs only when that test starts it, lowers RLIMIT_FSIZE to 1 KiB and runs
// the import in the current folder, and prints the result as JSON after
// "RESULT " (stdout is a pipe, which the limit does not touch).
func TestImportSaveFailsChild(t *testing.T) {
	if os.Getenv("CPMAP_FSIZE_CHILD") == "" {
		t.Skip("run by TestImportSaveFails")
	}
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("no RLIMIT_FSIZE: %v", err)
	}
	lim.Cur = 1 << 10
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("cannot lower RLIMIT_FSIZE: %v", err)
	}
	r := runCpmap(t, fixedClock, "import", "--data", "data", "laws.csv")
	b, err := json.Marshal(struct {
		Code           int
		Stdout, Stderr string
	}{r.code, r.stdout, r.stderr})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("RESULT %s\n", b)
}
