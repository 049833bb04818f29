package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
)

// deadPID returns the pid of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatalf("run a child: %v", err)
	}
	return cmd.Process.Pid
}

// holdLock writes a lock file of the process pid on this host into dir.
func holdLock(t *testing.T, dir string, pid int) {
	t.Helper()
	host, _ := os.Hostname()
	b, _ := json.Marshal(dataset.LockHolder{PID: pid, Host: host, Start: time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)})
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, dataset.LockFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

const seCSV = "country;setting;status;in force;source\nSverige;hem;ja;1.07.1979;https://www.riksdagen.se/sfs-1949-381\n"

func TestImportRefusedWhileLocked(t *testing.T) {
	write := importDir(t)
	write("config.yaml", "import:\n  lock_wait_seconds: 0\n")
	write("se.csv", seCSV)
	holdLock(t, "data", os.Getppid()) // a process that runs
	before := snapshot(t, "data")
	r := runCpmap(t, fixedClock, "import", "--data", "data", "se.csv")
	if r.code != exitProblems {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", r.code, exitProblems, r.stderr)
	}
	for _, s := range []string{"locked by another writer", "pid " + strconv.Itoa(os.Getppid()), "import.lock_wait_seconds"} {
		if !strings.Contains(r.stderr, s) {
			t.Errorf("stderr lacks %q:\n%s", s, r.stderr)
		}
	}
	if after := snapshot(t, "data"); len(after) != len(before) {
		t.Errorf("the locked dataset changed: %v", after)
	}
	// --dry-run writes nothing and takes no lock.
	if r := runCpmap(t, fixedClock, "import", "--dry-run", "--data", "data", "se.csv"); r.code != exitOK {
		t.Errorf("import --dry-run while locked: exit %d\n%s", r.code, r.stderr)
	}
}

func TestImportTakesOverDeadLock(t *testing.T) {
	write := importDir(t)
	write("se.csv", seCSV)
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	dead := deadPID(t)
	holdLock(t, "data", dead)
	stale := filepath.Join(tmp, "cpmap-import-"+strconv.Itoa(dead)+"-1")
	if err := os.MkdirAll(filepath.Join(stale, "ids"), 0o755); err != nil {
		t.Fatal(err)
	}
	r := runCpmap(t, fixedClock, "import", "--data", "data", "se.csv")
	if r.code != exitOK {
		t.Fatalf("exit %d\nstderr:\n%s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "took over the lock") || !strings.Contains(r.stderr, "pid "+strconv.Itoa(dead)) {
		t.Errorf("stderr does not warn of the lock taken over:\n%s", r.stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("the temporary folder of the dead run remains: %v", err)
	}
	if _, err := os.Stat(filepath.Join("data", dataset.LockFile)); !os.IsNotExist(err) {
		t.Errorf("the lock remains after the import: %v", err)
	}
}

func TestConcurrentImportsKeepEveryRecord(t *testing.T) {
	write := importDir(t)
	codes := []string{"SE", "FI", "DK", "EE"}
	for _, c := range codes {
		write(c+".csv", fmt.Sprintf("country;setting;status;in force;source\n%s;home;prohibited;1.07.1999;https://example.org/%s\n", c, c))
	}
	var wg sync.WaitGroup
	results := make([]cpmapResult, len(codes))
	for i, c := range codes {
		wg.Go(func() { results[i] = runCpmap(t, fixedClock, "import", "--data", "data", c+".csv") })
	}
	wg.Wait()
	for i, r := range results {
		if r.code != exitOK || !strings.Contains(r.stdout, "wrote data") {
			t.Errorf("import %s: exit %d\nstdout:\n%s\nstderr:\n%s", codes[i], r.code, r.stdout, r.stderr)
		}
	}
	ds, ps, err := dataset.Load("data")
	if err != nil || ps.HasErrors() {
		t.Fatalf("Load: %v\n%v", err, ps)
	}
	got := map[string]bool{}
	for _, p := range ds.Provisions {
		got[p.Jurisdiction] = true
	}
	for _, c := range codes {
		if !got[c] {
			t.Errorf("the provision of %s, whose import said it wrote, is gone", c)
		}
	}
}

func TestValidateReportsLeftovers(t *testing.T) {
	write := importDir(t)
	write("se.csv", seCSV)
	if r := runCpmap(t, fixedClock, "import", "--data", "data", "se.csv"); r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	name := ".sources.csv.tmp-" + strconv.Itoa(deadPID(t)) + "-1"
	if err := os.WriteFile(filepath.Join("data", name), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := runCpmap(t, fixedClock, "validate", "--data", "data")
	if r.code != exitOK || !strings.Contains(r.stdout, name+": warning "+dataset.CodeLeftover) {
		t.Errorf("validate: exit %d, want 0 and a %s warning on %s:\n%s", r.code, dataset.CodeLeftover, name, r.stdout)
	}
	// The next import removes it.
	if r := runCpmap(t, fixedClock, "import", "--data", "data", "se.csv"); r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join("data", name)); !os.IsNotExist(err) {
		t.Errorf("the leftover remains after an import: %v", err)
	}
}
