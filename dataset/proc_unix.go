//go:build unix

package dataset

import (
	"errors"
	"syscall"
)

// processExists reports whether a process with the pid exists. A process of
// another user, which may not be signalled, exists.
func processExists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
