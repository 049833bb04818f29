package dataset

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestProblemsAdd(t *testing.T) {
	pos := Pos{File: "laws.xlsx", Sheet: "Legal reforms", Row: 14, Col: 3}
	var got Problems
	got.Add(CodeFile, Error, Pos{File: "x.txt"}, "", "%s is not a spreadsheet", "x.txt")
	got.AddIn("provisions", CodeEnum, Warning, pos, "status", "status: %q is not a status", "banned")
	want := Problems{
		{Code: CodeFile, Severity: Error, Pos: Pos{File: "x.txt"}, Message: "x.txt is not a spreadsheet"},
		{Code: CodeEnum, Severity: Warning, Pos: pos, Table: "provisions", Field: "status", Message: `status: "banned" is not a status`},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Add, AddIn (-want +got):\n%s", diff)
	}
}
