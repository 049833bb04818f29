package mapping

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// CellLabel returns a cell's status in plain words, naming the possible
// statuses of an uncertain cell ("uncertain on this date: not prohibited or
// prohibited").
func CellLabel(c Cell) string {
	if c.Status != Uncertain {
		return StatusLabel(c.Status)
	}
	alts := make([]string, len(c.Possible))
	for i, s := range c.Possible {
		alts[i] = StatusLabel(s)
	}
	return StatusLabel(Uncertain) + ": " + strings.Join(alts, " or ")
}

// Period returns the period of two dates in plain words: "1979–", "2010–2015",
// "–2015", "1979" when both are the same, or "" when both are missing.
func Period(from, until dataset.Date) string {
	switch {
	case from.IsZero() && until.IsZero():
		return ""
	case from == until:
		return from.String()
	}
	return fmt.Sprintf("%s–%s", from, until)
}

// Citation returns the source as a reference list cites it: title,
// publisher, date and URL, those that are known.
func (s SourceRef) Citation() string {
	parts := []string{}
	if s.Title != "" {
		parts = append(parts, s.Title)
	} else {
		parts = append(parts, s.ID+" (not in the sources table)")
	}
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.String())
	}
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	if !s.Accessed.IsZero() {
		parts = append(parts, "accessed "+s.Accessed.String())
	}
	return strings.Join(parts, ". ")
}

// GroupDigits prints a whole number with sep between groups of three digits:
// GroupDigits(1234567, ",") is "1,234,567".
func GroupDigits(n int, sep string) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// FormatPercent prints a percentage as briefly as it is exact: 26.5, 3.
func FormatPercent(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// FormatChange prints a change per year in percentage points with its sign:
// "+1.5 pp/year", "−0.81 pp/year" (a true minus sign), "0 pp/year".
func FormatChange(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	switch {
	case v > 0:
		s = "+" + s
	case v < 0:
		s = "−" + s[1:]
	}
	return s + " pp/year"
}

// CommitmentLabel says in plain words whether the row's jurisdiction is
// committed to full prohibition on its date: "not applicable (prohibited in
// all settings)", "yes, since 2014-11", or "no".
func CommitmentLabel(r Row) string {
	switch {
	case r.CommitmentNotApplicable:
		return "not applicable (prohibited in all settings)"
	case r.Commitment != nil:
		return "yes, since " + r.Commitment.From.String()
	case r.Committed:
		return "yes"
	}
	return "no"
}

// CaveatKind says what a Caveat is about.
type CaveatKind int

// The kinds of caveat, in the order CellCaveats lists them.
const (
	// CaveatUncertain: the date falls within an imprecise date of the record
	// and the status depends on where (the cell is Uncertain).
	CaveatUncertain CaveatKind = iota + 1
	// CaveatBoundary: the date falls within an imprecise date of the
	// record, but every reading gives the same status.
	CaveatBoundary
	// CaveatFromAdopted: the period is counted from adoption, as its
	// entry-into-force date is not recorded.
	CaveatFromAdopted
	// CaveatUndated: the provision in force has no dates.
	CaveatUndated
	// CaveatUnconfirmed: a provision the status rests on is not confirmed.
	CaveatUnconfirmed
	// CaveatInferred: no provision covers the date, and the status is
	// inferred as not prohibited because the date is before the setting's
	// first dated ban.
	CaveatInferred
)

// Caveat is one thing a reader should know about a cell's status beyond its
// label, in the words every report prints.
type Caveat struct {
	Kind CaveatKind
	Text string
}

// CellCaveats lists, in the order of the CaveatKind constants, what a reader
// should know about the status of c beyond its label. It is the one place
// the wording of these caveats lives: the status matrix, the summaries and
// the briefing pack all print it.
func CellCaveats(c Cell) []Caveat {
	var out []Caveat
	switch {
	case c.Status == Uncertain:
		out = append(out, Caveat{CaveatUncertain, "this date falls within an imprecise date of the record, so the status is " + CellLabel(c)})
	case c.Boundary:
		out = append(out, Caveat{CaveatBoundary, "this date falls within an imprecise date of the record, with the same status either way"})
	}
	if c.FromAdopted {
		out = append(out, Caveat{CaveatFromAdopted, "no entry-into-force date recorded (counted from adoption)"})
	}
	if c.Undated {
		text := "recorded without a date"
		if !c.AttestedFrom.IsZero() {
			text += "; attested from " + c.AttestedFrom.String()
		}
		out = append(out, Caveat{CaveatUndated, text})
	}
	if slices.ContainsFunc(c.Provisions, func(p ProvisionRef) bool { return p.Unconfirmed }) {
		out = append(out, Caveat{CaveatUnconfirmed, "not confirmed"})
	}
	if c.Inferred {
		text := "inferred: no law recorded for this date"
		if b := c.InferredBefore; b != nil {
			on := b.InForce
			if on.IsZero() {
				on = b.Adopted
			}
			text = "inferred: before the ban in force on " + on.String()
		}
		out = append(out, Caveat{CaveatInferred, text})
	}
	return out
}
