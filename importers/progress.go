package importers

import (
	"fmt"
	"io"
	"strings"
)

// progress draws a progress bar, in place, on a terminal.
type progress struct {
	w     io.Writer
	drawn bool
}

func newProgress(w io.Writer) *progress { return &progress{w: w} }

// update redraws the bar: done of total rows (total 0 when unknown).
func (p *progress) update(label string, done, total int) {
	if p.w == nil {
		return
	}
	if len(label) > 40 {
		label = "…" + label[len(label)-39:]
	}
	if total > 0 {
		done = min(done, total)
		const width = 30
		n := done * width / total
		fmt.Fprintf(p.w, "\r%-40s [%s%s] %3d%% %d/%d rows", label,
			strings.Repeat("=", n), strings.Repeat(" ", width-n), done*100/total, done, total)
	} else {
		fmt.Fprintf(p.w, "\r%-40s %d rows", label, done)
	}
	p.drawn = true
}

// clear removes the bar.
func (p *progress) clear() {
	if p.w == nil || !p.drawn {
		return
	}
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", 100))
	p.drawn = false
}
