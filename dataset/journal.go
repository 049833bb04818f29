package dataset

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// JournalFile is the name of the journal of a save in progress. A save first
// writes every changed file under a temporary name, then the journal listing
// the renames that put them in place, then makes the renames and removes the
// journal. A journal found later belongs to an interrupted save, which
// Recover finishes.
const JournalFile = ".cpmap-journal.json"

// journal is the content of JournalFile: the renames of one save, in order,
// as names within the dataset folder.
type journal struct {
	PID     int      `json:"pid"`
	Renames []rename `json:"renames"`
}

type rename struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// renameFunc renames a file of a save; tests replace it to fail or stop a
// save at each rename in turn.
var renameFunc = os.Rename

// commitSave makes a save's renames: it writes the journal, renames every
// temporary file into place, syncs the folder and removes the journal.
// From the moment the journal is in place, the save is certain to be
// finished: if it stops, Recover finishes it.
func commitSave(dir string, renames []rename) error {
	if len(renames) == 0 {
		return nil
	}
	b, err := json.MarshalIndent(journal{PID: os.Getpid(), Renames: renames}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := writeTemp(dir, JournalFile, append(b, '\n'))
	if err != nil {
		return err
	}
	syncDir(dir) // the temporary files and the journal's are on disk ...
	if err := renameFunc(tmp, filepath.Join(dir, JournalFile)); err != nil {
		os.Remove(tmp)
		return err
	}
	syncDir(dir) // ... and the journal is, before the first rename.
	done, err := rollForward(dir, renames)
	switch {
	case err == nil:
		return nil
	case done == 0:
		// Nothing moved yet: the save is called off, the dataset is
		// wholly the old one, and the caller removes the temporary files.
		if rerr := os.Remove(filepath.Join(dir, JournalFile)); rerr == nil {
			syncDir(dir)
			return err
		}
	}
	return fmt.Errorf("%w (the save is finished the next time the dataset is opened)", err)
}

// rollForward makes the renames of a journal that are not made yet, syncs the
// folder and removes the journal. A rename whose temporary file is gone while
// its target is there was made already (by an earlier try, or by another
// process finishing the same journal). It returns how many renames were made
// before an error.
func rollForward(dir string, renames []rename) (int, error) {
	for i, r := range renames {
		from, to := filepath.Join(dir, r.From), filepath.Join(dir, r.To)
		if err := renameFunc(from, to); err != nil {
			if _, ferr := os.Lstat(from); errors.Is(ferr, fs.ErrNotExist) {
				if _, terr := os.Stat(to); terr == nil {
					continue
				}
			}
			return i, fmt.Errorf("save %s: %w", to, err)
		}
	}
	syncDir(dir)
	if err := os.Remove(filepath.Join(dir, JournalFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return len(renames), err
	}
	syncDir(dir)
	return len(renames), nil
}

// Recover finishes a save that was interrupted in dir after its journal was
// written (see JournalFile), so that the dataset is wholly the new one. It
// reports whether there was one to finish. Load and LockDir call it before
// they read.
func Recover(dir string) (bool, error) {
	path := filepath.Join(dir, JournalFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("finish an interrupted save: %w", err)
	}
	var j journal
	if err := json.Unmarshal(b, &j); err != nil {
		return false, fmt.Errorf("finish an interrupted save: %s: %w", path, err)
	}
	for _, r := range j.Renames {
		// The journal names files of this folder, and only temporary ones
		// move: anything else is not a journal of ours.
		if r.From != filepath.Base(r.From) || r.To != filepath.Base(r.To) || !isTempName(r.From) {
			return false, fmt.Errorf("finish an interrupted save: %s: rename %q → %q is not one a save makes", path, r.From, r.To)
		}
	}
	if _, err := rollForward(dir, j.Renames); err != nil {
		return false, fmt.Errorf("finish an interrupted save: %w", err)
	}
	return true, nil
}

// isTempName reports whether name is a temporary file of a save (see
// writeTempFunc): ".NAME.tmp-PID-RANDOM", or ".NAME.tmp-RANDOM" as written
// before temporary names carried the pid.
func isTempName(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// tempOwner returns the pid in a temporary file's name, if it has one.
func tempOwner(name string) (int, bool) {
	i := strings.LastIndex(name, ".tmp-")
	if !strings.HasPrefix(name, ".") || i < 0 {
		return 0, false
	}
	return pidOf(name[i:], ".tmp")
}

// leftovers lists the temporary files of saves in dir, sorted.
func leftovers(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range ents {
		if isTempName(e.Name()) {
			names = append(names, e.Name())
		}
	}
	slices.Sort(names)
	return names, nil
}

// CleanLeftovers removes from dir the temporary files of saves whose writer
// has ended (killed, or failed before it could clean up) and returns their
// paths. It runs after Recover, so that no file a journal names is removed;
// the files of a writer that may still run, and those whose name carries no
// pid, are left alone (Leftovers reports them).
func CleanLeftovers(dir string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, JournalFile)); err == nil {
		return nil, nil
	}
	names, err := leftovers(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, n := range names {
		pid, ok := tempOwner(n)
		if !ok || !ownerGone(pid, "") {
			continue
		}
		path := filepath.Join(dir, n)
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, path)
	}
	return removed, errors.Join(errs...)
}

// Leftovers reports, as leftover-file warnings, the temporary files of saves
// in dir and a journal of an unfinished save: what an interrupted writer
// leaves, which the next import or build removes or finishes.
func Leftovers(dir string) Problems {
	var ps Problems
	if _, err := os.Stat(filepath.Join(dir, JournalFile)); err == nil {
		ps.Add(CodeLeftover, Warning, Pos{File: filepath.Join(dir, JournalFile)}, "",
			"an interrupted save; the next command that opens the dataset finishes it")
	}
	names, err := leftovers(dir)
	if err != nil {
		ps.Add(CodeFile, Error, Pos{File: dir}, "", "%v", err)
		return ps
	}
	for _, n := range names {
		pos := Pos{File: filepath.Join(dir, n)}
		pid, ok := tempOwner(n)
		switch {
		case !ok:
			ps.Add(CodeLeftover, Warning, pos, "", "a temporary file of an interrupted save, by an unknown process; remove it when no cpmap runs")
		case ownerGone(pid, ""):
			ps.Add(CodeLeftover, Warning, pos, "", "a temporary file of an interrupted save (pid %d, which has ended); the next import removes it", pid)
		default:
			ps.Add(CodeLeftover, Warning, pos, "", "a temporary file of a save in progress (pid %d)", pid)
		}
	}
	return ps
}
