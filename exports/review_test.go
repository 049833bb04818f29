package exports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/google/go-cmp/cmp"
)

// hostileFile is a coder's file name that a spreadsheet program would run
// as a formula, and that would break a Markdown table.
const hostileFile = `=HYPERLINK("http://x")|a.xlsx`

// testReview compares two small codings with three divergences: a
// territory's parent (a country code: a long drop-down list), a
// provision's status (a short one) and its in_force date (none), and a
// record only coder B has.
func testReview() Review {
	oa := func(row int, cols map[string]int) dataset.Origin {
		return dataset.Origin{File: hostileFile, Sheet: "Laws", Row: row, Cols: cols}
	}
	ob := func(row int, cols map[string]int) dataset.Origin {
		return dataset.Origin{File: "b.csv", Row: row, Cols: cols}
	}
	jc := map[string]int{"code": 1, "parent": 4}
	pc := map[string]int{"status": 3, "in_force": 5}
	a := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "FO", Name: "Faroe Islands", Kind: dataset.Territory, Parent: "DK", Origin: oa(2, jc)}},
		Provisions: []dataset.Provision{{ID: "pl-home-2010", Jurisdiction: "PL", Setting: dataset.Home, Status: dataset.Prohibited,
			InForce: dataset.MustDate("2010"), Source: "s", Origin: oa(3, pc)}},
	}
	b := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "FO", Name: "Faroe Islands", Kind: dataset.Territory, Origin: ob(2, jc)}},
		Provisions: []dataset.Provision{
			{ID: "x", Jurisdiction: "PL", Setting: dataset.Home, Status: dataset.NotProhibited, InForce: dataset.MustDate("2010-08"), Source: "s", Origin: ob(3, pc)},
			{ID: "y", Jurisdiction: "PL", Setting: dataset.School, Status: dataset.Prohibited, Source: "s", Origin: ob(4, pc)},
		},
	}
	return Review{A: hostileFile, B: "b.csv", Report: divergence.Compare(a, b), Rule: divergence.Rule{FullUntil: 5, SampleShare: 20}}
}

func TestReviewWorkbook(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteReviewXLSX(&buf, testReview()); err != nil {
		t.Fatalf("WriteReviewXLSX: %v", err)
	}
	f := openXLSX(t, buf.Bytes())

	t.Run("sheets", func(t *testing.T) {
		want := []string{"Instructions", divergence.ReviewSheet, "Only one coder", "Lists"}
		if diff := cmp.Diff(want, f.GetSheetList()); diff != "" {
			t.Errorf("sheets (-want +got):\n%s", diff)
		}
		if v, _ := f.GetSheetVisible("Lists"); v {
			t.Error("the lists sheet is visible")
		}
		if got := f.GetSheetName(f.GetActiveSheetIndex()); got != "Instructions" {
			t.Errorf("the workbook opens on %q, want Instructions", got)
		}
	})

	t.Run("review rows", func(t *testing.T) {
		rows, err := f.GetRows(divergence.ReviewSheet)
		if err != nil {
			t.Fatal(err)
		}
		var header []string
		for _, c := range divergence.ReviewColumns {
			header = append(header, c.Header)
		}
		guarded := "'" + hostileFile // SafeText
		want := [][]string{
			header,
			{"jurisdictions", "code=FO", "parent", "blank", "DK", guarded + ":'Laws'!D2", "", "b.csv:2:4"},
			{"provisions", "jurisdiction=PL,setting=home,period=2010-08/..", "status", "value", "prohibited", guarded + ":'Laws'!C3", "not_prohibited", "b.csv:3:3"},
			{"provisions", "jurisdiction=PL,setting=home,period=2010-08/..", "in_force", "precision", "2010", guarded + ":'Laws'!E3", "2010-08", "b.csv:3:5"},
		}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("review sheet (-want +got):\n%s", diff)
		}
	})

	t.Run("frozen header", func(t *testing.T) {
		for _, sheet := range []string{"Instructions", divergence.ReviewSheet, "Only one coder"} {
			p, err := f.GetPanes(sheet)
			if err != nil || !p.Freeze || p.YSplit != 1 {
				t.Errorf("%s panes %+v (err %v), want the first row frozen", sheet, p, err)
			}
		}
	})

	t.Run("resolved values are text", func(t *testing.T) {
		id, err := f.GetCellStyle(divergence.ReviewSheet, "I3")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.NumFmt != 49 {
			t.Errorf("I3 style %+v (err %v), want number format 49 (text)", st, err)
		}
	})

	t.Run("drop-down lists", func(t *testing.T) {
		dvs, err := f.GetDataValidations(divergence.ReviewSheet)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]string{}
		for _, dv := range dvs {
			got[dv.Sqref] = dv.Formula1
		}
		want := map[string]string{
			"I2": "Lists!$A$2:$A$" + fmt.Sprint(len(dataset.Countries())+2),     // every code and (empty)
			"I3": `"` + strings.Join(dataset.Vocabularies["status"], ",") + `"`, // required: no (empty)
			"I4": "",                                                            // a date: a prompt, no list
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("validations by cell (-want +got):\n%s", diff)
		}
		lists, err := f.GetRows("Lists")
		if err != nil {
			t.Fatal(err)
		}
		if len(lists) != len(dataset.Countries())+2 || lists[1][0] != dataset.Countries()[0].Alpha2 || lists[len(lists)-1][0] != divergence.ResolvedEmpty {
			t.Errorf("lists sheet: %d rows, first %v, last %v", len(lists), lists[1], lists[len(lists)-1])
		}
	})

	t.Run("one-sided records", func(t *testing.T) {
		rows, err := f.GetRows("Only one coder")
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"Coder", "Table", "Record", "Row", "Answers"}, {"B", "provisions", "jurisdiction=PL,setting=school,period=../..", "b.csv:4", "1"}}
		if diff := cmp.Diff(want, rows); diff != "" {
			t.Errorf("one-sided sheet (-want +got):\n%s", diff)
		}
	})

	t.Run("instructions", func(t *testing.T) {
		rows, err := f.GetRows("Instructions")
		if err != nil {
			t.Fatal(err)
		}
		var text []string
		for _, r := range rows {
			text = append(text, strings.Join(r, " "))
		}
		all := strings.Join(text, "\n")
		// 5 coded answers: parent, status, in_force; the one-sided record's
		// status; FO's kind (agreed). 4 diverge.
		for _, want := range []string{"coder A " + hostileFile, "4 of 5 coded answers diverge: 80.0% (60.0% without precision-only differences)",
			"double-code every record", "cpmap import --resolve", divergence.ResolvedEmpty} {
			if !strings.Contains(all, want) {
				t.Errorf("instructions do not say %q:\n%s", want, all)
			}
		}
	})

	t.Run("deterministic", func(t *testing.T) {
		var again bytes.Buffer
		if err := WriteReviewXLSX(&again, testReview()); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), again.Bytes()) {
			t.Error("two writes of the same review differ")
		}
	})
}

func TestReviewWorkbookNoDivergence(t *testing.T) {
	ds := &dataset.Dataset{Jurisdictions: []dataset.Jurisdiction{{Code: "SE", Name: "Sweden", Kind: dataset.State}}}
	var buf bytes.Buffer
	rv := Review{A: "a", B: "b", Report: divergence.Compare(ds, ds), Rule: divergence.Rule{FullUntil: 5, SampleShare: 20}}
	if err := WriteReviewXLSX(&buf, rv); err != nil {
		t.Fatalf("WriteReviewXLSX: %v", err)
	}
	f := openXLSX(t, buf.Bytes())
	rows, err := f.GetRows(divergence.ReviewSheet)
	if err != nil || len(rows) != 1 {
		t.Errorf("review sheet of agreeing codings: %v (err %v), want the header alone", rows, err)
	}
	if diff := cmp.Diff([]string{"Instructions", divergence.ReviewSheet, "Only one coder"}, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}
}

func TestWriteReviewText(t *testing.T) {
	var b strings.Builder
	if err := WriteReviewText(&b, testReview()); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"rate: 4 of 5 coded answers diverge: 80.0% (60.0% without precision-only differences)\n",
		"recommendation: the rate is at or above 5.0%: double-code every record (then a 20.0% sample once the rate is below 5.0%).\n",
		"records: 2 paired, 0 only coder A has, 1 only coder B has\n",
		"  provisions jurisdiction=PL,setting=home,period=2010-08/.. in_force (precision)\n    A: \"2010\"  " + hostileFile + ":'Laws'!E3\n    B: \"2010-08\"  b.csv:3:5\n",
		"  jurisdictions code=FO parent (blank)\n    A: \"DK\"  " + hostileFile + ":'Laws'!D2\n    B: (blank)  b.csv:2:4\n",
		"only coder B has (1):\n  provisions jurisdiction=PL,setting=school,period=../..  b.csv:4  1 answer\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text report lacks %q:\n%s", want, got)
		}
	}
	for _, line := range []string{"  provisions", "  PL", "  provisions.status"} {
		if !strings.Contains(got, line) {
			t.Errorf("text report has no breakdown line %q", line)
		}
	}
}

func TestWriteReviewMarkdown(t *testing.T) {
	var b strings.Builder
	if err := WriteReviewMarkdown(&b, testReview(), 2); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"## Divergence between coder A (",
		"### By table\n",
		"| provisions | 3 | 3 | 1 | 1 | 100.0% | 66.7% |\n",
		"| provisions | jurisdiction=PL,setting=home,period=2010-08/.. | status | value |",
		"### Only coder B has\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Markdown report lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "http://x\")|a") {
		t.Errorf("a | in a value is not escaped:\n%s", got)
	}
}

func TestWriteReviewJSON(t *testing.T) {
	var b bytes.Buffer
	if err := WriteReviewJSON(&b, testReview()); err != nil {
		t.Fatal(err)
	}
	var got struct {
		A, B  string
		Total struct {
			Coded, Divergent, PrecisionOnly, OneSided int
			Rate, RateWithoutPrecision                float64
		}
		Recommendation struct {
			Full  bool
			Share float64
		}
		Divergences []map[string]string
		OnlyB       []map[string]any
	}
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if got.A != hostileFile || got.Total.Coded != 5 || got.Total.Divergent != 4 || got.Total.PrecisionOnly != 1 || got.Total.OneSided != 1 ||
		got.Total.Rate != 80 || got.Total.RateWithoutPrecision != 60 || !got.Recommendation.Full || got.Recommendation.Share != 100 {
		t.Errorf("summary: %+v", got)
	}
	want := map[string]string{"table": "jurisdictions", "record": "code=FO", "field": "parent", "kind": "blank",
		"a": "DK", "aCell": hostileFile + ":'Laws'!D2", "b": "", "bCell": "b.csv:2:4"}
	if len(got.Divergences) != 3 {
		t.Fatalf("%d divergences, want 3", len(got.Divergences))
	}
	if diff := cmp.Diff(want, got.Divergences[0]); diff != "" {
		t.Errorf("first divergence (-want +got):\n%s", diff)
	}
	if len(got.OnlyB) != 1 || got.OnlyB[0]["row"] != "b.csv:4" {
		t.Errorf("onlyB = %v", got.OnlyB)
	}
}
