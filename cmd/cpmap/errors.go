package main

import (
	"errors"
	"fmt"
)

// Exit codes, as in STYLE.md: 0 ok, 1 data problems (or a failed operation), 2 usage.
const (
	exitOK       = 0
	exitProblems = 1
	exitUsage    = 2
)

// usageError is a mistake in how cpmap was called: exit 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// errProblems says that data problems were found and already reported: exit 1
// with nothing more to print.
var errProblems = errors.New("data problems found")
