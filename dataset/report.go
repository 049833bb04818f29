package dataset

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
)

// WriteText writes the problems sorted, one per line, as
// "position: severity code: message" (see Problem.String). ps is not modified.
func WriteText(w io.Writer, ps Problems) error {
	sorted := slices.Clone(ps)
	sorted.Sort()
	bw := bufio.NewWriter(w)
	for _, p := range sorted {
		bw.WriteString(p.String())
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// Stats is what a report says of the data it covers, besides its problems.
type Stats struct {
	Tables int `json:"tables"` // tables with at least one record
	Rows   int `json:"rows"`   // records in all tables
}

// StatsOf counts the tables that have records and the records of ds. A nil
// ds (a package that could not be read) counts nothing.
func StatsOf(ds *Dataset) Stats {
	var st Stats
	if ds == nil {
		return st
	}
	for _, t := range Tables() {
		if n := t.Len(ds); n > 0 {
			st.Tables++
			st.Rows += n
		}
	}
	return st
}

// reportStats is the "stats" object of a JSON report.
type reportStats struct {
	Errors   int `json:"errors"`
	Warnings int `json:"warnings"`
	Stats
}

// reportProblem is one entry of the "errors" list of a JSON report.
type reportProblem struct {
	Type        string   `json:"type"`
	Severity    Severity `json:"severity"`
	Message     string   `json:"message"`
	Position    string   `json:"position,omitempty"`
	File        string   `json:"file,omitempty"`
	Sheet       string   `json:"sheet,omitempty"`
	Table       string   `json:"table,omitempty"`
	RowNumber   int      `json:"rowNumber,omitempty"`
	FieldNumber int      `json:"fieldNumber,omitempty"`
	FieldName   string   `json:"fieldName,omitempty"`
}

// report is a JSON report.
type report struct {
	Valid  bool            `json:"valid"`
	Stats  reportStats     `json:"stats"`
	Errors []reportProblem `json:"errors"`
}

// WriteJSON writes the problems as an indented JSON report shaped like a
// Frictionless validation report:
//
//	{
//	  "valid": false,
//	  "stats": {"errors": 1, "warnings": 1, "tables": 8, "rows": 120},
//	  "errors": [
//	    {"type": "enum-error", "severity": "error", "message": "...",
//	     "position": "provisions.csv:3:4", "file": "provisions.csv",
//	     "table": "provisions", "rowNumber": 3, "fieldNumber": 4, "fieldName": "status"}
//	  ]
//	}
//
// valid is false when any problem is an error; warnings are listed too, with
// severity "warning". Problems are sorted; members that are unknown (an empty
// string, a zero number) are left out; "errors" is [] when there are none.
// st is usually StatsOf the validated dataset. ps is not modified.
func WriteJSON(w io.Writer, ps Problems, st Stats) error {
	sorted := slices.Clone(ps)
	sorted.Sort()
	r := report{
		Valid:  !ps.HasErrors(),
		Stats:  reportStats{Errors: ps.Count(Error), Warnings: ps.Count(Warning), Stats: st},
		Errors: make([]reportProblem, 0, len(sorted)),
	}
	for _, p := range sorted {
		r.Errors = append(r.Errors, reportProblem{
			Type:        p.Code,
			Severity:    p.Severity,
			Message:     p.Message,
			Position:    p.Pos.String(),
			File:        p.Pos.File,
			Sheet:       p.Pos.Sheet,
			Table:       p.Table,
			RowNumber:   p.Pos.Row,
			FieldNumber: p.Pos.Col,
			FieldName:   p.Field,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}
