package divergence

import (
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

func TestResolve(t *testing.T) {
	a, b := codings()
	rep := Compare(a, b)
	review := dataset.Origin{File: "review.xlsx", Sheet: ReviewSheet, Cols: map[string]int{}}
	for j, c := range ReviewColumns {
		review.Cols[c.Cell] = j + 1
	}
	// resolutions returns the report's divergences as resolutions, row 2
	// onwards, with the values chosen by field.
	resolutions := func(values map[string]string) []Resolution {
		var rs []Resolution
		for i, d := range rep.Divergences {
			o := review
			o.Row = i + 2
			rs = append(rs, Resolution{Table: d.Table, Record: d.Key, Field: d.Field, A: d.A, B: d.B,
				Value: values[d.Table+" "+d.Key+" "+d.Field], Origin: o})
		}
		return rs
	}
	chosen := map[string]string{
		"provisions jurisdiction=PL,setting=home,period=2010-08-01/.. confirmed":            ResolvedEmpty,
		"provisions jurisdiction=PL,setting=home,period=2010-08-01/.. in_force":             "2010-08-01", // A's: unchanged
		"provisions jurisdiction=PL,setting=school,period=1996/.. status":                   "partial",
		"provisions jurisdiction=SE,setting=home,period=1979-07-01/.. in_force":             "1979",
		"campaigns jurisdictions=PL,name=kocham nie bije start":                             "2008-04",
		"campaigns jurisdictions=PL,name=kocham nie bije audiences":                         "parents;public", // A's
		"surveys jurisdiction=SE,indicator=cp_approval,year=2010,respondents=parents value": "11.5",
		"sources title=raport rpd 2019 url":                                                 "https://rpd.gov.pl/raport",
		"sources url=isap.sejm.gov.pl/x type":                                               "legislation", // A's
	}

	t.Run("applied", func(t *testing.T) {
		ds, _ := codings()
		before := Compare(ds, a)
		res := Resolve(ds, resolutions(chosen))
		if len(res.Problems) > 0 {
			t.Fatalf("problems:\n%v", res.Problems)
		}
		rpos := func(row int) dataset.Pos {
			return dataset.Pos{File: "review.xlsx", Sheet: ReviewSheet, Row: row, Col: 9}
		}
		ap := func(table string, row int, field string) dataset.Pos {
			return dataset.Pos{File: "a.xlsx", Sheet: "Przepisy", Row: row, Col: cols(table)[field]}
		}
		want := []Change{
			{Table: "provisions", Key: "pl-home-2010", Field: "confirmed", Old: "true", New: "", Pos: ap("provisions", 4, "confirmed"), Review: rpos(2)},
			{Table: "provisions", Key: "pl-school-1996", Field: "status", Old: "prohibited", New: "partial", Pos: ap("provisions", 5, "status"), Review: rpos(4)},
			{Table: "provisions", Key: "se-home-1979", Field: "in_force", Old: "1979-07-01", New: "1979", Pos: ap("provisions", 8, "in_force"), Review: rpos(5)},
			{Table: "campaigns", Key: "pl-kocham-2008", Field: "start", Old: "2008", New: "2008-04", Pos: ap("campaigns", 2, "start"), Review: rpos(6)},
			{Table: "surveys", Key: "se-approval-2010", Field: "value", Old: "11", New: "11.5", Pos: ap("surveys", 2, "value"), Review: rpos(8)},
			{Table: "sources", Key: "rpd", Field: "url", Old: "", New: "https://rpd.gov.pl/raport", Pos: ap("sources", 3, "url"), Review: rpos(9)},
		}
		if diff := cmp.Diff(want, res.Changes); diff != "" {
			t.Errorf("changes (-want +got):\n%s", diff)
		}
		if res.Unchanged != 3 {
			t.Errorf("unchanged = %d, want 3", res.Unchanged)
		}
		got := res.Dataset
		if got.Provisions[0].Confirmed != nil || got.Provisions[1].Status != dataset.Partial || got.Provisions[4].InForce != dataset.MustDate("1979") ||
			got.Campaigns[0].Start != dataset.MustDate("2008-04") || got.Surveys[0].Value != 11.5 || got.Sources[1].URL != "https://rpd.gov.pl/raport" {
			t.Errorf("resolved dataset: %+v", got)
		}
		if d := Compare(ds, a); d.Total != before.Total {
			t.Errorf("Resolve modified its input")
		}
		// Applying the same review to the result changes nothing.
		again := Resolve(got, resolutions(chosen))
		if len(again.Problems) > 0 || len(again.Changes) > 0 || again.Unchanged != len(rep.Divergences) {
			t.Errorf("applying twice: %d problems, %d changes, %d unchanged", len(again.Problems), len(again.Changes), again.Unchanged)
		}
	})

	rowPos := func(row int, cell string) string {
		return dataset.Pos{File: "review.xlsx", Sheet: ReviewSheet, Row: row, Col: review.Cols[cell]}.String()
	}
	one := func(table, record, field, a, b, value string) []Resolution {
		o := review
		o.Row = 7
		return []Resolution{{Table: table, Record: record, Field: field, A: a, B: b, Value: value, Origin: o}}
	}
	const plHome = "jurisdiction=PL,setting=home,period=2010-08-01/.."
	twoCommitments := &dataset.Dataset{Commitments: []dataset.Commitment{
		{Jurisdiction: "LT", From: dataset.MustDate("2010"), Until: dataset.MustDate("2012"), Source: "s"},
		{Jurisdiction: "LT", From: dataset.MustDate("2014"), Until: dataset.MustDate("2015"), Source: "s"},
	}}
	refusals := []struct {
		name     string
		ds       *dataset.Dataset // nil: coder A's coding
		rs       []Resolution
		wantCode string
		wantPos  string
		wantMsg  string
	}{
		{"unresolved", nil, one("provisions", plHome, "status", "prohibited", "partial", ""), CodeUnresolved, rowPos(7, "value"), "not resolved"},
		{"outside the vocabulary", nil, one("provisions", plHome, "status", "prohibited", "partial", "banned"), dataset.CodeEnum, rowPos(7, "value"), `"banned"`},
		{"not a date", nil, one("provisions", plHome, "in_force", "2010-08-01", "2010", "2010-13"), dataset.CodeType, rowPos(7, "value"), "2010-13"},
		{"blank in a required field", nil, one("provisions", plHome, "status", "prohibited", "partial", ResolvedEmpty), dataset.CodeRequired, rowPos(7, "value"), "required"},
		{"unsorted list", nil, one("campaigns", "jurisdictions=PL,name=kocham nie bije", "audiences", "a", "b", "public;parents"), dataset.CodePattern, rowPos(7, "value"), "sorted"},
		{"changed since", nil, one("provisions", plHome, "status", "partial", "not_prohibited", "partial"), CodeStaleReview, rowPos(7, "a"),
			`is "prohibited" in the dataset (a.xlsx:'Przepisy'!D4), neither coder A's "partial" nor coder B's "not_prohibited"`},
		{"unknown table", nil, one("laws", plHome, "status", "", "", "partial"), CodeReviewRow, rowPos(7, "table"), `"laws"`},
		{"unknown field", nil, one("provisions", plHome, "colour", "", "", "red"), CodeReviewRow, rowPos(7, "field"), `"colour"`},
		{"no such record", nil, one("provisions", "jurisdiction=DE,setting=home,period=../..", "status", "", "", "partial"), CodeReviewRow, rowPos(7, "record"), "no provisions record"},
		{"no record covers the period", twoCommitments, one("commitments", "jurisdiction=LT,period=2013/2013", "until", "", "", "2014"), CodeReviewRow, rowPos(7, "record"), "covers the period 2013/2013"},
		{"not a key", nil, one("provisions", "PL home", "status", "", "", "partial"), CodeReviewRow, rowPos(7, "record"), "name=value"},
		{"a key of other parts", nil, one("provisions", "jurisdiction=PL", "status", "", "", "partial"), CodeReviewRow, rowPos(7, "record"), "jurisdiction=…,setting=…,period=FROM/UNTIL"},
		{"resolved twice, differently", nil, append(one("provisions", plHome, "status", "prohibited", "partial", "partial"),
			Resolution{Table: "provisions", Record: plHome, Field: "status", A: "prohibited", B: "partial", Value: "prohibited",
				Origin: dataset.Origin{File: "review.xlsx", Sheet: ReviewSheet, Row: 9, Cols: review.Cols}}),
			CodeReviewRow, rowPos(9, "value"), `resolved to "prohibited" here but to "partial" at ` + rowPos(7, "value")},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			ds := tt.ds
			if ds == nil {
				ds, _ = codings()
			}
			res := Resolve(ds, tt.rs)
			if res.Dataset != nil || len(res.Changes) > 0 {
				t.Errorf("a refused review was applied: %d changes", len(res.Changes))
			}
			if len(res.Problems) != 1 {
				t.Fatalf("problems:\n%v\nwant one %s", res.Problems, tt.wantCode)
			}
			p := res.Problems[0]
			if p.Code != tt.wantCode || p.Pos.String() != tt.wantPos || p.Severity != dataset.Error || !strings.Contains(p.Message, tt.wantMsg) {
				t.Errorf("problem = %s\nwant %s: error %s: …%s…", p, tt.wantPos, tt.wantCode, tt.wantMsg)
			}
		})
	}

	t.Run("a timeline's record is found by its period", func(t *testing.T) {
		ds, _ := codings()
		rs := append(one("provisions", "jurisdiction=SE,setting=home,period=../1979-06-30", "status", "not_prohibited", "", "partial"),
			one("provisions", "jurisdiction=SE,setting=home,period=1979-07-01/..", "status", "prohibited", "", "prohibited")...)
		res := Resolve(ds, rs)
		if len(res.Problems) > 0 {
			t.Fatalf("problems:\n%v", res.Problems)
		}
		if got := res.Dataset.Provisions[3].Status; got != dataset.Partial {
			t.Errorf("SE home until 1979-06-30 is %s, want partial", got)
		}
		if got := res.Dataset.Provisions[4].Status; got != dataset.Prohibited {
			t.Errorf("SE home from 1979-07-01 is %s, want prohibited", got)
		}
	})

	t.Run("a key with a comma", func(t *testing.T) {
		ds := &dataset.Dataset{Sources: []dataset.Source{{ID: "a", Title: "A", URL: "https://x.org/a,b", Type: "report"}}}
		res := Resolve(ds, one("sources", `"url=x.org/a,b"`, "type", "report", "website", "website"))
		if len(res.Problems) > 0 {
			t.Fatalf("problems:\n%v", res.Problems)
		}
		if got := res.Dataset.Sources[0].Type; got != "website" {
			t.Errorf("type = %q, want website", got)
		}
	})

	t.Run("a record the dataset holds twice", func(t *testing.T) {
		ds := &dataset.Dataset{Surveys: []dataset.Survey{
			{ID: "a", Jurisdiction: "SE", Indicator: dataset.CPApproval, Year: 2010, Value: 1, Respondents: "adults", Source: "s"},
			{ID: "b", Jurisdiction: "SE", Indicator: dataset.CPApproval, Year: 2010, Value: 2, Respondents: "adults", Source: "s"},
		}}
		res := Resolve(ds, one("surveys", "jurisdiction=SE,indicator=cp_approval,year=2010,respondents=adults", "value", "1", "2", "2"))
		if len(res.Problems) != 1 || res.Problems[0].Code != CodeReviewRow || !strings.Contains(res.Problems[0].Message, "cannot tell which") {
			t.Errorf("problems = %v, want one review-row-error: cannot tell which", res.Problems)
		}
	})
}
