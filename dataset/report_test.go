package dataset

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// reportProblems is an unsorted list with an error, a warning, a cell in a
// workbook and a problem with no position.
func reportProblems() Problems {
	return Problems{
		{Code: CodeUnusedSource, Severity: Warning, Pos: Pos{File: "sources.csv", Row: 4, Col: 1}, Table: "sources", Field: "id",
			Message: `source "old-2001" is not cited by any record`},
		{Code: CodeEnum, Severity: Error, Pos: Pos{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14, Col: 3}, Table: "provisions", Field: "status",
			Message: `status: "banned" is not one of prohibited, …`},
		{Code: CodeFile, Severity: Error, Table: "surveys", Message: "table file is missing & <needed>"},
		{Code: CodeAgeOrder, Severity: Error, Pos: Pos{File: "programmes.csv", Row: 2, Col: 9}, Table: "programmes", Field: "age_to",
			Message: "age_to 3 is below age_from 12"},
	}
}

func TestWriteText(t *testing.T) {
	tests := []struct {
		name string
		ps   Problems
		want string
	}{
		{"none", nil, ""},
		// A problem with no position sorts first and is named by its table.
		{"sorted, one per line", reportProblems(), `surveys: error file-error: table file is missing & <needed>
laws.xlsx:'Legal reforms'!C14: error enum-error: status: "banned" is not one of prohibited, …
programmes.csv:2:9: error age-order-error: age_to 3 is below age_from 12
sources.csv:4:1: warning unused-source: source "old-2001" is not cited by any record
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var before Problems
			before = append(before, tt.ps...)
			var buf bytes.Buffer
			if err := WriteText(&buf, tt.ps); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("WriteText (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(before, tt.ps); diff != "" {
				t.Errorf("WriteText modified its problems (-before +after):\n%s", diff)
			}
		})
	}
}

// jsonReport is what a consumer reads from WriteJSON's output.
type jsonReport struct {
	Valid bool           `json:"valid"`
	Stats map[string]int `json:"stats"`
	// Errors is decoded as raw objects so that members left out are seen.
	Errors []map[string]any `json:"errors"`
}

func TestWriteJSON(t *testing.T) {
	tests := []struct {
		name string
		ps   Problems
		st   Stats
		want jsonReport
	}{
		{
			name: "none",
			st:   Stats{Tables: 8, Rows: 20},
			want: jsonReport{Valid: true, Stats: map[string]int{"errors": 0, "warnings": 0, "tables": 8, "rows": 20}, Errors: []map[string]any{}},
		},
		{
			name: "warnings only",
			ps:   reportProblems()[:1],
			want: jsonReport{Valid: true, Stats: map[string]int{"errors": 0, "warnings": 1, "tables": 0, "rows": 0},
				Errors: []map[string]any{{
					"type": "unused-source", "severity": "warning", "message": `source "old-2001" is not cited by any record`,
					"position": "sources.csv:4:1", "file": "sources.csv", "table": "sources",
					"rowNumber": 4.0, "fieldNumber": 1.0, "fieldName": "id",
				}}},
		},
		{
			name: "errors and warnings, sorted",
			ps:   reportProblems(),
			st:   Stats{Tables: 7, Rows: 31},
			want: jsonReport{Valid: false, Stats: map[string]int{"errors": 3, "warnings": 1, "tables": 7, "rows": 31},
				Errors: []map[string]any{
					{
						"type": "file-error", "severity": "error", "message": "table file is missing & <needed>",
						"table": "surveys",
					},
					{
						"type": "enum-error", "severity": "error", "message": `status: "banned" is not one of prohibited, …`,
						"position": "laws.xlsx:'Legal reforms'!C14", "file": "laws.xlsx", "sheet": "Legal reforms", "table": "provisions",
						"rowNumber": 14.0, "fieldNumber": 3.0, "fieldName": "status",
					},
					{
						"type": "age-order-error", "severity": "error", "message": "age_to 3 is below age_from 12",
						"position": "programmes.csv:2:9", "file": "programmes.csv", "table": "programmes",
						"rowNumber": 2.0, "fieldNumber": 9.0, "fieldName": "age_to",
					},
					{
						"type": "unused-source", "severity": "warning", "message": `source "old-2001" is not cited by any record`,
						"position": "sources.csv:4:1", "file": "sources.csv", "table": "sources",
						"rowNumber": 4.0, "fieldNumber": 1.0, "fieldName": "id",
					},
				}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteJSON(&buf, tt.ps, tt.st); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			var got jsonReport
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("output does not parse: %v\n%s", err, out)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("WriteJSON (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(out, "{\n  \"valid\": ") || !strings.HasSuffix(out, "}\n") {
				t.Errorf("output is not indented JSON ending in a newline:\n%s", out)
			}
			if strings.Contains(out, `\u003c`) || strings.Contains(out, `\u0026`) {
				t.Errorf("output escapes HTML characters:\n%s", out)
			}
			var again bytes.Buffer
			if err := WriteJSON(&again, tt.ps, tt.st); err != nil {
				t.Fatal(err)
			}
			if again.String() != out {
				t.Errorf("second WriteJSON differs:\n%s\nfirst:\n%s", again.String(), out)
			}
		})
	}
}

func TestStatsOf(t *testing.T) {
	tests := []struct {
		name string
		ds   *Dataset
		want Stats
	}{
		{"nil", nil, Stats{}},
		{"empty", &Dataset{}, Stats{}},
		{"base", validationBase(), Stats{Tables: 9, Rows: 3 + 2 + 4 + 1 + 1 + 1 + 2 + 2 + 3}},
		{"two tables", &Dataset{Sources: make([]Source, 2), Surveys: make([]Survey, 1)}, Stats{Tables: 2, Rows: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, StatsOf(tt.ds)); diff != "" {
				t.Errorf("StatsOf (-want +got):\n%s", diff)
			}
		})
	}
}
