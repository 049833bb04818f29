//go:build unix

package dataset

import (
	"errors"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
)

// TestSaveKilled kills a real process at each rename of a save in turn and
// checks that the next Load reads wholly the old dataset or wholly the new
// one, and that the next writer leaves no temporary file.
func TestSaveKilled(t *testing.T) {
	if at := os.Getenv("CPMAP_TEST_KILL_AT"); at != "" {
		// The child: save the new dataset, killing itself before rename at.
		n, _ := strconv.Atoi(at)
		calls := 0
		renameFunc = func(from, to string) error {
			if calls == n {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {}
			}
			calls++
			return os.Rename(from, to)
		}
		if err := Save(os.Getenv("CPMAP_TEST_DIR"), changedDataset()); err != nil {
			os.Exit(3)
		}
		os.Exit(0)
	}
	// The renames of the save: the journal's, then one per changed file.
	probe := t.TempDir()
	if err := Save(probe, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	calls := failRename(t, -1)
	if err := Save(probe, changedDataset()); err != nil {
		t.Fatal(err)
	}
	renames := *calls
	renameFunc = os.Rename
	for n := 0; n <= renames; n++ {
		dir := t.TempDir()
		if err := Save(dir, goldenDataset()); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestSaveKilled$")
		cmd.Env = append(os.Environ(), "CPMAP_TEST_KILL_AT="+strconv.Itoa(n), "CPMAP_TEST_DIR="+dir)
		err := cmd.Run()
		var ee *exec.ExitError
		killed := errors.As(err, &ee) && ee.Sys().(syscall.WaitStatus).Signaled()
		switch {
		case n < renames && !killed:
			t.Fatalf("kill at rename %d: the child was not killed: %v", n, err)
		case n == renames && err != nil:
			t.Fatalf("the child that is not killed: %v", err)
		}
		// Killed before the journal's rename: the old dataset, with the
		// temporary files of a dead process; after it: the new one.
		want := "new"
		if n == 0 {
			want = "old"
		}
		if got := whichDataset(t, dir, goldenDataset(), changedDataset()); got != want {
			t.Errorf("killed at rename %d: the next Load reads the %s dataset, want the %s one", n, got, want)
		}
		l, err := LockDir(dir, LockOptions{})
		if err != nil {
			t.Fatal(err)
		}
		l.Unlock()
		assertNoTemps(t, dir)
	}
}
