package dataset

import (
	"errors"
	"os"
	"strconv"
	"strings"
)

// procStart returns the start time of process pid as the kernel records it
// (field 22 of /proc/PID/stat, in clock ticks since boot), or "" where that
// is not known. With the pid it names one process for as long as the machine
// runs: a pid reused by a later process has another start time.
func procStart(pid int) string {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return ""
	}
	// The command name (field 2) is in parentheses and may hold spaces;
	// the fields after its closing parenthesis start with field 3.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return ""
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 20 {
		return ""
	}
	return f[19]
}

// ownerGone reports whether the process pid, started at start (procStart's
// value when it was recorded, or ""), has certainly ended: no process has
// the pid, or the one that has it started at another time. A process that
// may still run is not gone.
func ownerGone(pid int, start string) bool {
	if pid <= 0 {
		return true
	}
	if pid == os.Getpid() {
		return start != "" && start != procStart(pid)
	}
	if !processExists(pid) {
		return true
	}
	if start == "" {
		return false
	}
	now := procStart(pid)
	return now != "" && now != start
}

// pidOf reads the owner's pid out of a temporary name made by tempPattern:
// the digits right after prefix and a '-'. ok is false when name has none.
func pidOf(name, prefix string) (pid int, ok bool) {
	rest, found := strings.CutPrefix(name, prefix+"-")
	if !found {
		return 0, false
	}
	digits, _, found := strings.Cut(rest, "-")
	if !found {
		return 0, false
	}
	pid, err := strconv.Atoi(digits)
	if err != nil || pid <= 0 {
		return 0, false
	}
	return pid, true
}

// TempPattern returns a pattern for os.MkdirTemp and os.CreateTemp that
// names the files and folders cpmap makes with prefix and the pid of the
// running process ("cpmap-import-4242-*"), so that CleanTemp can tell
// whether their owner is still running.
func TempPattern(prefix string) string {
	return prefix + "-" + strconv.Itoa(os.Getpid()) + "-*"
}

// CleanTemp removes, from the folder dir (the system's temporary folder),
// the files and folders named by TempPattern with one of the prefixes whose
// owner process has ended: what a killed run left behind. It returns the
// paths removed. Entries of running processes and names without a pid are
// left alone.
func CleanTemp(dir string, prefixes ...string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var removed []string
	var errs []error
	for _, e := range ents {
		for _, p := range prefixes {
			pid, ok := pidOf(e.Name(), p)
			if !ok || !ownerGone(pid, "") {
				continue
			}
			path := dir + string(os.PathSeparator) + e.Name()
			if err := os.RemoveAll(path); err != nil {
				errs = append(errs, err)
				continue
			}
			removed = append(removed, path)
			break
		}
	}
	return removed, errors.Join(errs...)
}
