package dataset

import (
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a problem makes the dataset invalid.
type Severity string

// Severities of a problem.
const (
	Error   Severity = "error"
	Warning Severity = "warning"
)

// Stable problem codes. Scripts branch on them; never change one.
// The first group follows frictionless's report error types.
const (
	CodeType         = "type-error"
	CodeRequired     = "required-error"
	CodeEnum         = "enum-error"
	CodePattern      = "pattern-error"
	CodeRange        = "range-error"
	CodePrimaryKey   = "primary-key-error"
	CodeForeignKey   = "foreign-key-error"
	CodeHeader       = "header-error"
	CodeRagged       = "ragged-row-error"
	CodeEncoding     = "encoding-error"
	CodeFile         = "file-error"
	CodeFormat       = "format-error"
	CodeISO          = "iso-code-error"
	CodeDateOrder    = "date-order-error"
	CodeAgeOrder     = "age-order-error"
	CodeParent       = "parent-error"
	CodeOverlap      = "overlap-error"
	CodeSeries       = "series-error"
	CodeCommitment   = "commitment-error"
	CodeFuture       = "future-error"
	CodeUnusedSource = "unused-source"
	CodeStale        = "stale-verification"
	// CodeTextLength is a text longer than a spreadsheet cell holds
	// (MaxCellChars), which no export could write.
	CodeTextLength = "text-length-error"
	// CodeControl is a control character other than tab and newline.
	CodeControl = "control-character-error"
	// CodeLeftover is a temporary file or journal of an interrupted save.
	CodeLeftover = "leftover-file"
)

// Problem is one thing wrong with the data, where it was found.
type Problem struct {
	Code     string   `json:"type"`
	Severity Severity `json:"severity"`
	Pos      Pos      `json:"-"`
	Table    string   `json:"table,omitempty"`
	Field    string   `json:"fieldName,omitempty"`
	Message  string   `json:"message"`
}

// String prints the problem as one line: position: severity code: message.
func (p Problem) String() string {
	pos := p.Pos.String()
	if pos == "" {
		pos = p.Table
	}
	return fmt.Sprintf("%s: %s %s: %s", pos, p.Severity, p.Code, p.Message)
}

// Problems is a list of problems. As an error it reads as its lines.
type Problems []Problem

// Add appends a problem that names no table.
func (ps *Problems) Add(code string, sev Severity, pos Pos, field, format string, args ...any) {
	ps.AddIn("", code, sev, pos, field, format, args...)
}

// AddIn appends a problem in a table: one of the dataset's, named as
// Table.Name names it.
func (ps *Problems) AddIn(table, code string, sev Severity, pos Pos, field, format string, args ...any) {
	*ps = append(*ps, Problem{Code: code, Severity: sev, Pos: pos, Table: table, Field: field, Message: fmt.Sprintf(format, args...)})
}

// Sort orders the problems by position, then code and message.
func (ps Problems) Sort() {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		if c := a.Pos.Compare(b.Pos); c != 0 {
			return c
		}
		if c := strings.Compare(a.Table, b.Table); c != 0 {
			return c
		}
		if c := strings.Compare(a.Code, b.Code); c != 0 {
			return c
		}
		return strings.Compare(a.Message, b.Message)
	})
}

// Count returns how many problems have the given severity.
func (ps Problems) Count(sev Severity) int {
	n := 0
	for _, p := range ps {
		if p.Severity == sev {
			n++
		}
	}
	return n
}

// HasErrors reports whether any problem is an error.
func (ps Problems) HasErrors() bool { return ps.Count(Error) > 0 }

// Error implements error: the problems, one per line.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Err returns the problems as an error when there is at least one error among
// them, and nil otherwise.
func (ps Problems) Err() error {
	if ps.HasErrors() {
		return ps
	}
	return nil
}
