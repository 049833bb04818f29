package dataset

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// writeLock puts a lock file of holder h into dir.
func writeLock(t *testing.T, dir string, h LockHolder) {
	t.Helper()
	b, err := json.Marshal(h)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, LockFile), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLockDir(t *testing.T) {
	host, _ := os.Hostname()
	start := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name     string
		holder   *LockHolder // the lock file there before, if any
		wantErr  bool
		tookOver bool
	}{
		{name: "free"},
		{name: "held by a running process", holder: &LockHolder{PID: os.Getppid(), Host: host, Start: start}, wantErr: true},
		{name: "held on another host", holder: &LockHolder{PID: 1, Host: "elsewhere.invalid", Start: start}, wantErr: true},
		{name: "held by a process that ended", holder: &LockHolder{PID: deadPID(t), Host: host, Start: start}, tookOver: true},
		{name: "held by a pid now reused", holder: &LockHolder{PID: os.Getppid(), Host: host, Start: start, ProcStart: "1"}, tookOver: procStart(os.Getppid()) != "", wantErr: procStart(os.Getppid()) == ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if tc.holder != nil {
				writeLock(t, dir, *tc.holder)
			}
			l, err := LockDir(dir, LockOptions{Wait: 50 * time.Millisecond, Poll: 10 * time.Millisecond})
			if tc.wantErr {
				if !errors.Is(err, ErrLocked) {
					t.Fatalf("LockDir = %v, want ErrLocked", err)
				}
				for _, s := range []string{"pid " + strconv.Itoa(tc.holder.PID), tc.holder.Host, start.Local().Format(time.DateTime), LockFile} {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not name %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("LockDir: %v", err)
			}
			if got := l.TookOver != nil; got != tc.tookOver {
				t.Errorf("TookOver = %v, want a holder: %v", l.TookOver, tc.tookOver)
			}
			if tc.tookOver && l.TookOver.PID != tc.holder.PID {
				t.Errorf("TookOver.PID = %d, want %d", l.TookOver.PID, tc.holder.PID)
			}
			b, err := os.ReadFile(filepath.Join(dir, LockFile))
			if err != nil {
				t.Fatal(err)
			}
			var h LockHolder
			if err := json.Unmarshal(b, &h); err != nil || h.PID != os.Getpid() || h.Host != host {
				t.Errorf("lock file %s (%v), want this process", b, err)
			}
			if err := l.Unlock(); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, LockFile)); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("after Unlock, the lock file: %v", err)
			}
		})
	}
}

func TestLockDirWaits(t *testing.T) {
	dir := t.TempDir()
	first, err := LockDir(dir, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(100 * time.Millisecond)
		first.Unlock()
	}()
	second, err := LockDir(dir, LockOptions{Wait: 10 * time.Second, Poll: 10 * time.Millisecond})
	if err != nil {
		t.Fatalf("LockDir while the first writer finishes: %v", err)
	}
	second.Unlock()
}

func TestLockDirOneWriterAtATime(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	inside, most := 0, 0
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			l, err := LockDir(dir, LockOptions{Wait: 20 * time.Second, Poll: time.Millisecond})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			inside++
			most = max(most, inside)
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			mu.Lock()
			inside--
			mu.Unlock()
			l.Unlock()
		})
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d writers held the lock at once", most)
	}
}

func TestLockDirMakesAndRemovesDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	l, err := LockDir(dir, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the folder LockDir made, left empty, remains: %v", err)
	}
}

func TestLockDirFinishesSave(t *testing.T) {
	dir := t.TempDir()
	if err := Save(dir, goldenDataset()); err != nil {
		t.Fatal(err)
	}
	failRename(t, 2)
	if err := Save(dir, changedDataset()); err == nil {
		t.Fatal("Save with a failing rename: no error")
	}
	renameFunc = os.Rename
	l, err := LockDir(dir, LockOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Unlock()
	if !l.Finished {
		t.Error("LockDir did not report the interrupted save it finished")
	}
	if got := whichDataset(t, dir, goldenDataset(), changedDataset()); got != "new" {
		t.Errorf("after LockDir the dataset is %s, want new", got)
	}
}
