package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
)

// tempPrefixes name the folders and files cpmap makes in the system's
// temporary folder with dataset.TempPattern, which lockData removes once
// their owner has ended.
var tempPrefixes = importers.TempPrefixes

// lockData makes this run the one writer of the dataset in dir for its
// read-merge-write (dataset.LockDir), waiting import.lock_wait_seconds for
// another writer, and returns the function that releases the lock. It says
// on stderr what it cleaned up after writers that ended: a lock taken over,
// an interrupted save finished, temporary files removed.
func (a *app) lockData(dir string) (unlock func(), err error) {
	removed, err := dataset.CleanTemp(os.TempDir(), tempPrefixes...)
	if err != nil {
		fmt.Fprintf(a.stderr, "cpmap: warning: cleaning the temporary folder: %v\n", err)
	}
	l, err := dataset.LockDir(dir, dataset.LockOptions{Wait: time.Duration(a.cfg.Import.LockWaitSeconds) * time.Second})
	if errors.Is(err, dataset.ErrLocked) {
		return nil, fmt.Errorf("%w; to wait longer, raise import.lock_wait_seconds", err)
	}
	if err != nil {
		return nil, err
	}
	if h := l.TookOver; h != nil {
		fmt.Fprintf(a.stderr, "cpmap: warning: took over the lock of %s, a writer that has ended\n", dir)
		if h.PID != 0 {
			fmt.Fprintf(a.stderr, "cpmap: warning: (the lock was held by %s)\n", h)
		}
	}
	if l.Finished {
		fmt.Fprintf(a.stderr, "cpmap: warning: finished a save to %s that was interrupted\n", dir)
	}
	for _, p := range append(removed, l.Removed...) {
		fmt.Fprintf(a.stderr, "cpmap: removed %s, left by a run that has ended\n", p)
	}
	return func() { l.Unlock() }, nil
}

// emptyDataDir reports whether a dataset folder holds nothing but the lock.
func emptyDataDir(entries []os.DirEntry) bool {
	for _, e := range entries {
		if e.Name() != dataset.LockFile {
			return false
		}
	}
	return true
}
