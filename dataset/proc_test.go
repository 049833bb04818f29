package dataset

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func itoa(n int) string { return strconv.Itoa(n) }

func cmpDiff(want, got any) string { return cmp.Diff(want, got) }

// deadPID returns the pid of a process that has ended: a run of the test
// binary that runs no test.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatalf("run a child: %v", err)
	}
	return cmd.Process.Pid
}

func TestPIDOf(t *testing.T) {
	for _, tc := range []struct {
		name, prefix string
		pid          int
		ok           bool
	}{
		{"cpmap-import-42-123", "cpmap-import", 42, true},
		{"cpmap-import-42-", "cpmap-import", 42, true},
		{"cpmap-import-123", "cpmap-import", 0, false},
		{"cpmap-import-x-1", "cpmap-import", 0, false},
		{"cpmap-import-0-1", "cpmap-import", 0, false},
		{"cpmap-merge-42-1", "cpmap-import", 0, false},
		{".tmp-7-99", ".tmp", 7, true},
	} {
		pid, ok := pidOf(tc.name, tc.prefix)
		if pid != tc.pid || ok != tc.ok {
			t.Errorf("pidOf(%q, %q) = %d, %v, want %d, %v", tc.name, tc.prefix, pid, ok, tc.pid, tc.ok)
		}
	}
}

func TestOwnerGone(t *testing.T) {
	me := os.Getpid()
	for _, tc := range []struct {
		name  string
		pid   int
		start string
		want  bool
	}{
		{"this process", me, "", false},
		{"this process, its start", me, procStart(me), false},
		{"a process that ended", deadPID(t), "", true},
		{"no pid", 0, "", true},
	} {
		if got := ownerGone(tc.pid, tc.start); got != tc.want {
			t.Errorf("%s: ownerGone = %v, want %v", tc.name, got, tc.want)
		}
	}
	if procStart(os.Getppid()) != "" {
		if !ownerGone(os.Getppid(), "1") {
			t.Error("a running pid with another start time (a reused pid): not gone")
		}
	}
}

func TestCleanTemp(t *testing.T) {
	dir := t.TempDir()
	dead, me := itoa(deadPID(t)), itoa(os.Getpid())
	names := []string{
		"cpmap-import-" + dead + "-1",
		"cpmap-import-" + me + "-2",
		"cpmap-import-3",
		"cpmap-merge-" + dead + "-4",
		"other-" + dead + "-5",
	}
	for _, n := range names {
		if err := os.MkdirAll(filepath.Join(dir, n, "inside"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := CleanTemp(dir, "cpmap-import", "cpmap-merge")
	if err != nil {
		t.Fatal(err)
	}
	for i := range removed {
		removed[i] = filepath.Base(removed[i])
	}
	if d := cmp.Diff([]string{names[0], names[3]}, removed); d != "" {
		t.Errorf("removed (-want +got):\n%s", d)
	}
	ents, _ := os.ReadDir(dir)
	var left []string
	for _, e := range ents {
		left = append(left, e.Name())
	}
	slices.Sort(left)
	want := []string{names[1], names[2], names[4]}
	slices.Sort(want)
	if d := cmp.Diff(want, left); d != "" {
		t.Errorf("left (-want +got):\n%s", d)
	}
	if p := TempPattern("cpmap-import"); p != "cpmap-import-"+me+"-*" {
		t.Errorf("TempPattern = %q", p)
	}
}
