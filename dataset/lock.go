package dataset

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// LockFile is the name of the lock file a writer holds in the dataset folder
// (see LockDir).
const LockFile = ".cpmap.lock"

// takeoverFile guards the removal of a dead writer's lock, so that two
// writers that both find it dead do not both take the dataset over.
const takeoverFile = ".cpmap.lock.takeover"

// ErrLocked is returned (wrapped) by LockDir when another writer holds the
// dataset for longer than the wait allows.
var ErrLocked = errors.New("the dataset is locked by another writer")

// LockHolder is what a lock file says about the writer that holds it.
type LockHolder struct {
	PID  int    `json:"pid"`
	Host string `json:"host"`
	// Start is when the holder took the lock.
	Start time.Time `json:"start"`
	// ProcStart is the holder process's start time as /proc records it,
	// where known: it tells the holder from a later process with its pid.
	ProcStart string `json:"proc_start,omitempty"`
}

// String describes the holder as "pid 4242 on host, since 2026-05-01 10:00:00".
func (h LockHolder) String() string {
	return fmt.Sprintf("pid %d on %s, since %s", h.PID, h.Host, h.Start.Local().Format(time.DateTime))
}

// gone reports whether the holder has certainly ended: it ran on this
// machine and its process is gone (or its pid now names another process).
func (h LockHolder) gone() bool {
	host, _ := os.Hostname()
	return h.Host == host && ownerGone(h.PID, h.ProcStart)
}

// LockOptions configures LockDir.
type LockOptions struct {
	// Wait is how long to wait for another writer to finish; 0 does not wait.
	Wait time.Duration
	// Poll is how often to look again while waiting; 0 means 100ms.
	Poll time.Duration
}

// Lock is a writer's hold on a dataset folder, from LockDir to Unlock.
type Lock struct {
	path    string
	content []byte
	dir     string
	created bool // LockDir made dir
	// TookOver is the dead writer whose lock was taken over, or nil.
	TookOver *LockHolder
	// Finished reports that an interrupted save was finished (Recover).
	Finished bool
	// Removed lists the temporary files of dead writers that were removed.
	Removed []string
}

// LockDir makes the calling process the one writer of the dataset in dir,
// creating dir if needed, for a whole read-merge-write: it creates the lock
// file (LockFile) holding the process's pid, host and start time, and only
// one process can create it. While another writer holds it, LockDir looks
// again every opt.Poll until opt.Wait has passed, then fails with ErrLocked,
// naming the holder. A lock whose holder has ended (its pid is gone, or is
// now another process's) is taken over, and reported in Lock.TookOver.
//
// Once held, an interrupted save is finished (Recover) and the temporary
// files of writers that have ended are removed (CleanLeftovers).
func LockDir(dir string, opt LockOptions) (*Lock, error) {
	if opt.Poll <= 0 {
		opt.Poll = 100 * time.Millisecond
	}
	created := false
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		created = true
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	host, _ := os.Hostname()
	me := LockHolder{PID: os.Getpid(), Host: host, Start: time.Now().UTC().Truncate(time.Second), ProcStart: procStart(os.Getpid())}
	content, err := json.Marshal(me)
	if err != nil {
		return nil, err
	}
	content = append(content, '\n')
	l := &Lock{path: filepath.Join(dir, LockFile), content: content, dir: dir, created: created}
	deadline := time.Now().Add(opt.Wait)
	for {
		ok, err := l.tryCreate()
		if err != nil {
			return nil, err
		}
		if ok {
			break
		}
		held, err := os.ReadFile(l.path)
		if errors.Is(err, fs.ErrNotExist) {
			continue // released just now
		}
		if err != nil {
			return nil, fmt.Errorf("lock %s: %w", l.path, err)
		}
		var h LockHolder
		herr := json.Unmarshal(held, &h)
		if herr == nil && h.gone() || herr != nil && unreadableLockIsStale(l.path) {
			took, err := l.takeOver(held)
			if err != nil {
				return nil, err
			}
			if took {
				if herr == nil {
					l.TookOver = &h
				} else {
					l.TookOver = &LockHolder{}
				}
				break
			}
			continue
		}
		if !time.Now().Before(deadline) {
			who := "a writer whose lock file cannot be read"
			if herr == nil {
				who = h.String()
			}
			return nil, fmt.Errorf("%s: %w (%s); waited %s. If no cpmap runs there, remove %s",
				dir, ErrLocked, who, opt.Wait.Round(time.Millisecond), l.path)
		}
		time.Sleep(min(opt.Poll, time.Until(deadline)+time.Millisecond))
	}
	var err2 error
	if l.Finished, err2 = Recover(dir); err2 != nil {
		l.Unlock()
		return nil, err2
	}
	l.Removed, err2 = CleanLeftovers(dir)
	if err2 != nil {
		l.Unlock()
		return nil, err2
	}
	return l, nil
}

// unreadableLockIsStale reports whether a lock file that does not parse is
// old enough not to be one being written just now.
func unreadableLockIsStale(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && time.Since(fi.ModTime()) > time.Minute
}

// tryCreate creates the lock file, failing if it exists.
func (l *Lock) tryCreate() (bool, error) {
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", l.path, err)
	}
	_, err = f.Write(l.content)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(l.path)
		return false, fmt.Errorf("lock %s: %w", l.path, err)
	}
	return true, nil
}

// takeOver replaces the dead lock whose bytes are stale by this one. Only one
// process at a time takes over (it holds takeoverFile), and only if the lock
// still holds stale.
func (l *Lock) takeOver(stale []byte) (bool, error) {
	guard := filepath.Join(l.dir, takeoverFile)
	g, err := os.OpenFile(guard, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		// Another writer is taking over; a guard left by one that died
		// while doing so (it is held for an instant) is removed.
		if fi, err := os.Stat(guard); err == nil && time.Since(fi.ModTime()) > 10*time.Second {
			os.Remove(guard)
		}
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("lock %s: %w", guard, err)
	}
	g.Close()
	defer os.Remove(guard)
	now, err := os.ReadFile(l.path)
	if err != nil || !bytes.Equal(now, stale) {
		return false, nil
	}
	if err := os.Remove(l.path); err != nil {
		return false, fmt.Errorf("lock %s: %w", l.path, err)
	}
	return l.tryCreate()
}

// Unlock releases the lock, if the lock file is still this one's, and
// removes the dataset folder again if LockDir made it and nothing was put
// in it.
func (l *Lock) Unlock() error {
	if l == nil {
		return nil
	}
	var err error
	if now, rerr := os.ReadFile(l.path); rerr == nil && bytes.Equal(now, l.content) {
		err = os.Remove(l.path)
	}
	if l.created {
		os.Remove(l.dir) // only if empty
	}
	return err
}
