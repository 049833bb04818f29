package main

import (
	"fmt"
	"io"
	"strings"
)

// phaseWidth is the width of a phase line, which a redraw blanks.
const phaseWidth = 79

// phases shows, on a terminal, which phase of a long job is running
// (merging, checking, writing...), on one line of stderr drawn in place and
// cleared before anything else is written there. Off a terminal it writes
// nothing, so that piped output and logs stay clean.
type phases struct {
	w     io.Writer // nil when not a terminal
	drawn bool
}

// phases returns the phase line of the app's stderr: drawn only when
// isTerminal says stderr is a terminal.
func (a *app) phases() *phases {
	if a.isTerminal != nil && a.isTerminal(a.stderr) {
		return &phases{w: a.stderr}
	}
	return &phases{}
}

// progressWriter returns stderr when a progress bar may be drawn there, or
// nil.
func (a *app) progressWriter() io.Writer {
	if a.isTerminal != nil && a.isTerminal(a.stderr) {
		return a.stderr
	}
	return nil
}

// show draws the line of a phase, replacing the one before.
func (p *phases) show(format string, args ...any) {
	if p.w == nil {
		return
	}
	line := fmt.Sprintf(format, args...)
	if n := len([]rune(line)); n > phaseWidth {
		line = "…" + string([]rune(line)[n-phaseWidth+1:])
	}
	fmt.Fprintf(p.w, "\r%-*s", phaseWidth, line)
	p.drawn = true
}

// clear removes the phase line.
func (p *phases) clear() {
	if p.w == nil || !p.drawn {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", phaseWidth))
	p.drawn = false
}
