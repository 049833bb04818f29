package exports

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/xuri/excelize/v2"
)

// Review is the divergence review of two codings of the same
// jurisdictions: the report of cpmap divergence and its review workbook.
type Review struct {
	// A and B name coder A's and coder B's codings the way the reader
	// knows them, such as their files.
	A, B string
	// Report is the comparison (divergence.Compare).
	Report *divergence.Report
	// Rule decides how much to double-code next.
	Rule divergence.Rule
}

// Recommendation is the rule's recommendation for the report's rate.
func (rv Review) Recommendation() divergence.Recommendation {
	return rv.Rule.Recommend(rv.Report.Total)
}

// reviewPercent prints a rate in percent with one decimal: 61.9%.
func reviewPercent(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) + "%" }

// reviewRecommendation says the recommendation in one sentence.
func (rv Review) reviewRecommendation() string {
	rec := rv.Recommendation()
	switch {
	case rv.Report.Total.Coded == 0:
		return "no answers to compare: double-code every record."
	case rec.Full:
		return fmt.Sprintf("the rate is at or above %s: double-code every record (then a %s sample once the rate is below %s).",
			reviewPercent(rec.Threshold), reviewPercent(rv.Rule.SampleShare), reviewPercent(rec.Threshold))
	}
	return fmt.Sprintf("the rate is below %s: double-code a %s sample of records.", reviewPercent(rec.Threshold), reviewPercent(rec.Share))
}

// reviewRate says a count in words: 13 of 21 coded answers diverge: 61.9%
// (47.6% without precision-only differences).
func reviewRate(c divergence.Count) string {
	return fmt.Sprintf("%d of %d coded answers diverge: %s (%s without precision-only differences)",
		c.Divergent, c.Coded, reviewPercent(c.Rate()), reviewPercent(c.RateWithoutPrecision()))
}

func reviewShow(v string) string {
	if v == "" {
		return "(blank)"
	}
	return strconv.Quote(v)
}

func reviewPos(p dataset.Pos) string {
	if p.IsZero() {
		return "?"
	}
	return p.String()
}

func reviewAnswers(n int) string {
	if n == 1 {
		return "1 answer"
	}
	return fmt.Sprintf("%d answers", n)
}

// WriteReviewText writes the review for a researcher to read: the rate,
// the recommendation, the counts by table, field and jurisdiction, every
// divergence with both values and cells, and the records only one coder
// has.
func WriteReviewText(w io.Writer, rv Review) error {
	r := rv.Report
	var b strings.Builder
	fmt.Fprintf(&b, "divergence between coder A (%s) and coder B (%s)\n", rv.A, rv.B)
	fmt.Fprintf(&b, "rate: %s\n", reviewRate(r.Total))
	fmt.Fprintf(&b, "recommendation: %s\n", rv.reviewRecommendation())
	fmt.Fprintf(&b, "records: %d paired, %d only coder A has, %d only coder B has\n", r.Matched, len(r.OnlyA), len(r.OnlyB))
	groups := []struct {
		title string
		gs    []divergence.Group
	}{{"table", r.Tables}, {"field", r.Fields}, {"jurisdiction", r.Jurisdictions}}
	for _, g := range groups {
		if len(g.gs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\nby %s:\n", g.title)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
		fmt.Fprintf(tw, "  %s\tcoded\tdivergent\tprecision only\tone-sided\trate\twithout precision\n", g.title)
		for _, x := range g.gs {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%s\t%s\n", x.Name, x.Coded, x.Divergent, x.Precision, x.OneSided,
				reviewPercent(x.Rate()), reviewPercent(x.RateWithoutPrecision()))
		}
		tw.Flush()
	}
	fmt.Fprintf(&b, "\ndivergences (%d):\n", len(r.Divergences))
	for _, d := range r.Divergences {
		fmt.Fprintf(&b, "  %s %s %s (%s)\n", d.Table, d.Key, d.Field, d.Kind)
		fmt.Fprintf(&b, "    A: %s  %s\n", reviewShow(d.A), reviewPos(d.APos))
		fmt.Fprintf(&b, "    B: %s  %s\n", reviewShow(d.B), reviewPos(d.BPos))
	}
	for _, side := range []struct {
		coder string
		rs    []divergence.OneSided
	}{{"A", r.OnlyA}, {"B", r.OnlyB}} {
		fmt.Fprintf(&b, "\nonly coder %s has (%d):\n", side.coder, len(side.rs))
		for _, o := range side.rs {
			fmt.Fprintf(&b, "  %s %s  %s  %s\n", o.Table, o.Key, reviewPos(o.Pos), reviewAnswers(o.Answers))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteReviewMarkdown writes the review as Markdown: headings at level (1
// for #) and below, a table per breakdown, of divergences and of one-sided
// records. Every value is escaped (MarkdownText).
func WriteReviewMarkdown(w io.Writer, rv Review, level int) error {
	level = min(max(level, 1), 5)
	h := strings.Repeat("#", level)
	r := rv.Report
	md := MarkdownText
	var b strings.Builder
	fmt.Fprintf(&b, "%s Divergence between coder A (%s) and coder B (%s)\n\n", h, md(rv.A), md(rv.B))
	fmt.Fprintf(&b, "Rate: %s.\n\n", md(reviewRate(r.Total)))
	fmt.Fprintf(&b, "Recommendation: %s\n\n", md(rv.reviewRecommendation()))
	fmt.Fprintf(&b, "Records: %d paired, %d only coder A has, %d only coder B has.\n", r.Matched, len(r.OnlyA), len(r.OnlyB))
	groups := []struct {
		title string
		gs    []divergence.Group
	}{{"table", r.Tables}, {"field", r.Fields}, {"jurisdiction", r.Jurisdictions}}
	for _, g := range groups {
		if len(g.gs) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s# By %s\n\n", h, g.title)
		fmt.Fprintf(&b, "| %s | coded | divergent | precision only | one-sided | rate | without precision |\n|---|--:|--:|--:|--:|--:|--:|\n", g.title)
		for _, x := range g.gs {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %s | %s |\n", md(x.Name), x.Coded, x.Divergent, x.Precision, x.OneSided,
				reviewPercent(x.Rate()), reviewPercent(x.RateWithoutPrecision()))
		}
	}
	fmt.Fprintf(&b, "\n%s# Divergences\n\n", h)
	if len(r.Divergences) == 0 {
		b.WriteString("None.\n")
	} else {
		b.WriteString("| table | record | field | divergence | coder A | A cell | coder B | B cell |\n|---|---|---|---|---|---|---|---|\n")
		for _, d := range r.Divergences {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", md(d.Table), md(d.Key), md(d.Field), md(string(d.Kind)),
				md(reviewShow(d.A)), md(reviewPos(d.APos)), md(reviewShow(d.B)), md(reviewPos(d.BPos)))
		}
	}
	for _, side := range []struct {
		coder string
		rs    []divergence.OneSided
	}{{"A", r.OnlyA}, {"B", r.OnlyB}} {
		fmt.Fprintf(&b, "\n%s# Only coder %s has\n\n", h, side.coder)
		if len(side.rs) == 0 {
			b.WriteString("None.\n")
			continue
		}
		b.WriteString("| table | record | row | answers |\n|---|---|---|--:|\n")
		for _, o := range side.rs {
			fmt.Fprintf(&b, "| %s | %s | %s | %d |\n", md(o.Table), md(o.Key), md(reviewPos(o.Pos)), o.Answers)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// reviewJSONCount is a count in the JSON review.
type reviewJSONCount struct {
	Name                 string  `json:"name,omitempty"`
	Coded                int     `json:"coded"`
	Divergent            int     `json:"divergent"`
	Precision            int     `json:"precisionOnly"`
	OneSided             int     `json:"oneSided"`
	Rate                 float64 `json:"rate"`
	RateWithoutPrecision float64 `json:"rateWithoutPrecision"`
}

func reviewCount(name string, c divergence.Count) reviewJSONCount {
	return reviewJSONCount{name, c.Coded, c.Divergent, c.Precision, c.OneSided, c.Rate(), c.RateWithoutPrecision()}
}

func reviewCounts(gs []divergence.Group) []reviewJSONCount {
	out := make([]reviewJSONCount, 0, len(gs))
	for _, g := range gs {
		out = append(out, reviewCount(g.Name, g.Count))
	}
	return out
}

type reviewJSONDivergence struct {
	Table string `json:"table"`
	Key   string `json:"record"`
	Field string `json:"field"`
	Kind  string `json:"kind"`
	A     string `json:"a"`
	APos  string `json:"aCell"`
	B     string `json:"b"`
	BPos  string `json:"bCell"`
}

type reviewJSONOneSided struct {
	Table   string `json:"table"`
	Key     string `json:"record"`
	Pos     string `json:"row"`
	Answers int    `json:"answers"`
}

func reviewOneSided(rs []divergence.OneSided) []reviewJSONOneSided {
	out := make([]reviewJSONOneSided, 0, len(rs))
	for _, o := range rs {
		out = append(out, reviewJSONOneSided{o.Table, o.Key, o.Pos.String(), o.Answers})
	}
	return out
}

// WriteReviewJSON writes the review as one JSON object, stable for
// scripts: "a" and "b" (the codings), "total" (a count: coded, divergent,
// precisionOnly, oneSided, rate and rateWithoutPrecision in percent),
// "recommendation" (rate, threshold, full, share in percent), "tables",
// "fields" and "jurisdictions" (counts with a name), "matched",
// "divergences" (table, record, field, kind, a, aCell, b, bCell; a blank
// value is "") and "onlyA" and "onlyB" (table, record, row, answers).
func WriteReviewJSON(w io.Writer, rv Review) error {
	r := rv.Report
	rec := rv.Recommendation()
	out := struct {
		A              string          `json:"a"`
		B              string          `json:"b"`
		Total          reviewJSONCount `json:"total"`
		Recommendation struct {
			Rate      float64 `json:"rate"`
			Threshold float64 `json:"threshold"`
			Full      bool    `json:"full"`
			Share     float64 `json:"share"`
		} `json:"recommendation"`
		Tables        []reviewJSONCount      `json:"tables"`
		Fields        []reviewJSONCount      `json:"fields"`
		Jurisdictions []reviewJSONCount      `json:"jurisdictions"`
		Matched       int                    `json:"matched"`
		Divergences   []reviewJSONDivergence `json:"divergences"`
		OnlyA         []reviewJSONOneSided   `json:"onlyA"`
		OnlyB         []reviewJSONOneSided   `json:"onlyB"`
	}{
		A: rv.A, B: rv.B, Total: reviewCount("", r.Total),
		Tables: reviewCounts(r.Tables), Fields: reviewCounts(r.Fields), Jurisdictions: reviewCounts(r.Jurisdictions),
		Matched: r.Matched, Divergences: []reviewJSONDivergence{},
		OnlyA: reviewOneSided(r.OnlyA), OnlyB: reviewOneSided(r.OnlyB),
	}
	out.Recommendation.Rate, out.Recommendation.Threshold = rec.Rate, rec.Threshold
	out.Recommendation.Full, out.Recommendation.Share = rec.Full, rec.Share
	for _, d := range r.Divergences {
		out.Divergences = append(out.Divergences, reviewJSONDivergence{d.Table, d.Key, d.Field, string(d.Kind), d.A, d.APos.String(), d.B, d.BPos.String()})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// Sheet names of the review workbook.
const (
	reviewInstructionsSheet = "Instructions"
	reviewOneSidedSheet     = "Only one coder"
	reviewListsSheet        = "Lists"
)

// reviewTextStyle is the number format "@": what is typed stays text.
const reviewTextStyle = 49

// NewReviewWorkbook builds the review workbook: an Instructions sheet
// first; the Review sheet (divergence.ReviewSheet), one row per divergence
// with the columns divergence.ReviewColumns names (table, record, field, kind
// of divergence, coder A's value and cell, coder B's value and cell, and
// empty "Resolved value" and "Reviewer note" columns for the reviewer); a
// sheet of the records only one coder has; and, hidden, the long drop-down
// lists. A resolved value cell has a drop-down list of its field's
// vocabulary where the field has one (yes/no fields true and false,
// country codes from the hidden sheet), with divergence.ResolvedEmpty for a
// field that may be blank, and a prompt saying what the field holds; it
// is formatted as text, so that 1979 stays as typed. Every sheet has a
// frozen header, and every text cell goes through SafeText (Workbook).
// Close the workbook when done.
func NewReviewWorkbook(rv Review) (*Workbook, error) {
	wb, err := NewWorkbook()
	if err != nil {
		return nil, err
	}
	if err := rv.addSheets(wb); err != nil {
		wb.Close()
		return nil, fmt.Errorf("review workbook: %w", err)
	}
	return wb, nil
}

// WriteReviewXLSX writes the review workbook (NewReviewWorkbook) to w.
func WriteReviewXLSX(w io.Writer, rv Review) error {
	wb, err := NewReviewWorkbook(rv)
	if err != nil {
		return err
	}
	defer wb.Close()
	_, err = wb.WriteTo(w)
	return err
}

func (rv Review) instructions() []string {
	r := rv.Report
	return []string{
		fmt.Sprintf("Divergence review of two codings of the same jurisdictions: coder A %s, coder B %s.", rv.A, rv.B),
		fmt.Sprintf("Rate: %s.", reviewRate(r.Total)),
		"Recommendation: " + rv.reviewRecommendation(),
		"",
		fmt.Sprintf("The sheet %s has one row for each answer the coders gave differently (%d). Divergence says how:", divergence.ReviewSheet, len(r.Divergences)),
		"value: both coded it, differently; blank: one coder left it blank; precision: the same date, one more precise (1979 and 1979-07-01).",
		"Check the two cells against the source, then fill in Resolved value on every row: pick it from the drop-down list where there is one,",
		"or type it as the dataset stores it: dates 1979, 1979-07 or 1979-07-01, lists joined by ';' (parents;public), numbers with '.' as decimal point.",
		"Synonyms cpmap import knows also work (yes, Tak, 1.07.1979). " + divergence.ResolvedEmpty + " leaves the field blank.",
		"Reviewer note is for your reasons; cpmap does not read it.",
		"Do not change the other columns: cpmap finds each record by Table and Record, and refuses a row whose record holds neither coder's value any more.",
		"",
		fmt.Sprintf("The sheet %s lists the records only one coder has (%d); add or remove them with cpmap import, not here.", reviewOneSidedSheet, len(r.OnlyA)+len(r.OnlyB)),
		"",
		"To apply the review: cpmap import --resolve REVIEW.xlsx --data DIR --dry-run shows the changes; add --update to write them.",
		"Nothing is written while any row is unresolved, holds a value its field cannot take, or no longer matches the dataset.",
	}
}

func (rv Review) addSheets(wb *Workbook) error {
	r := rv.Report
	instr := Sheet{Name: reviewInstructionsSheet, Columns: []Column{{Name: "Instructions"}}}
	for _, line := range rv.instructions() {
		instr.Rows = append(instr.Rows, []string{line})
	}
	if err := wb.AddSheet(instr); err != nil {
		return err
	}

	review := Sheet{Name: divergence.ReviewSheet}
	for _, c := range divergence.ReviewColumns {
		review.Columns = append(review.Columns, Column{Name: c.Header})
	}
	for _, d := range r.Divergences {
		row := make([]string, len(divergence.ReviewColumns))
		for j, c := range divergence.ReviewColumns {
			switch c.Cell {
			case "table":
				row[j] = d.Table
			case "record":
				row[j] = d.Key
			case "field":
				row[j] = d.Field
			case "kind":
				row[j] = string(d.Kind)
			case "a":
				row[j] = d.A
			case "a_pos":
				row[j] = posText(d.APos)
			case "b":
				row[j] = d.B
			case "b_pos":
				row[j] = posText(d.BPos)
			}
		}
		review.Rows = append(review.Rows, row)
	}
	if err := wb.AddSheet(review); err != nil {
		return err
	}

	one := Sheet{Name: reviewOneSidedSheet, Columns: []Column{{Name: "Coder"}, {Name: "Table"}, {Name: "Record"}, {Name: "Row"}, {Name: "Answers", Number: true}}}
	for _, side := range []struct {
		coder string
		rs    []divergence.OneSided
	}{{"A", r.OnlyA}, {"B", r.OnlyB}} {
		for _, o := range side.rs {
			one.Rows = append(one.Rows, []string{side.coder, o.Table, o.Key, posText(o.Pos), strconv.Itoa(o.Answers)})
		}
	}
	if err := wb.AddSheet(one); err != nil {
		return err
	}
	return rv.addValidations(wb)
}

func posText(p dataset.Pos) string {
	if p.IsZero() {
		return ""
	}
	return p.String()
}

// addValidations formats the resolved values as text and gives each a
// prompt and, where its field has a vocabulary, a drop-down list: one
// validation per field, over the rows of that field.
func (rv Review) addValidations(wb *Workbook) error {
	divs := rv.Report.Divergences
	if len(divs) == 0 {
		return nil
	}
	f := wb.File()
	col := 0
	for j, c := range divergence.ReviewColumns {
		if c.Cell == "value" {
			col = j + 1
		}
	}
	name := dataset.ColumnName(col)
	text, err := f.NewStyle(&excelize.Style{NumFmt: reviewTextStyle})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(divergence.ReviewSheet, xlsxCell(col, 2), xlsxCell(col, len(divs)+1), text); err != nil {
		return err
	}
	type group struct {
		field *dataset.Field
		cells []string
	}
	var order []string
	groups := map[string]*group{}
	for i, d := range divs {
		t := dataset.TableByName(d.Table)
		if t == nil || t.Field(d.Field) == nil {
			continue
		}
		k := d.Table + "." + d.Field
		if groups[k] == nil {
			groups[k] = &group{field: t.Field(d.Field)}
			order = append(order, k)
		}
		groups[k].cells = append(groups[k].cells, name+strconv.Itoa(i+2))
	}
	var listNames []string
	var listValues [][]string
	listCol := map[string]int{} // values joined → column of the lists sheet
	for _, k := range order {
		g := groups[k]
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(g.cells, " ")
		dv.SetInput(reviewTruncate(g.field.Name, 32), reviewTruncate(reviewFieldHelp(g.field), 255))
		if values := reviewChoices(g.field); len(values) > 0 {
			if err := dv.SetDropList(values); err != nil {
				// Too long to give inline: the list goes on the hidden sheet.
				joined := strings.Join(values, "\n")
				c, ok := listCol[joined]
				if !ok {
					listNames = append(listNames, k)
					listValues = append(listValues, values)
					c = len(listValues)
					listCol[joined] = c
				}
				letter := dataset.ColumnName(c)
				dv.SetSqrefDropList(fmt.Sprintf("%s!$%s$2:$%s$%d", reviewListsSheet, letter, letter, len(values)+1))
			}
			dv.SetError(excelize.DataValidationErrorStyleWarning, reviewTruncate(g.field.Name, 32),
				reviewTruncate("This is not a value of "+g.field.Name+" as the list gives them; cpmap reads synonyms it knows, and refuses others.", 225))
		}
		if err := f.AddDataValidation(divergence.ReviewSheet, dv); err != nil {
			return err
		}
	}
	if len(listValues) == 0 {
		return nil
	}
	lists := Sheet{Name: reviewListsSheet}
	n := 0
	for j, name := range listNames {
		lists.Columns = append(lists.Columns, Column{Name: name})
		n = max(n, len(listValues[j]))
	}
	for i := range n {
		row := make([]string, len(listValues))
		for j, vs := range listValues {
			if i < len(vs) {
				row[j] = vs[i]
			}
		}
		lists.Rows = append(lists.Rows, row)
	}
	if err := wb.AddSheet(lists); err != nil {
		return err
	}
	return f.SetSheetVisible(reviewListsSheet, false)
}

// reviewChoices are the values of a field's drop-down list, with
// divergence.ResolvedEmpty when the field may be blank; none for a field
// without a vocabulary of single values.
func reviewChoices(f *dataset.Field) []string {
	var values []string
	switch f.Kind {
	case dataset.KindEnum:
		values = append(values, dataset.Vocabularies[f.Vocab]...)
	case dataset.KindBoolean:
		values = []string{"true", "false"}
	case dataset.KindCode:
		for _, c := range dataset.Countries() {
			values = append(values, c.Alpha2)
		}
	default:
		return nil
	}
	if !f.Required {
		values = append(values, divergence.ResolvedEmpty)
	}
	return values
}

// reviewFieldHelp says what a resolved value of the field may be.
func reviewFieldHelp(f *dataset.Field) string {
	var s string
	switch f.Kind {
	case dataset.KindEnum:
		s = "One of: " + strings.Join(dataset.Vocabularies[f.Vocab], ", ") + "."
	case dataset.KindBoolean:
		s = "true or false."
	case dataset.KindCode:
		s = "An ISO 3166-1 alpha-2 code such as SE."
	case dataset.KindList:
		if f.Vocab == "code" {
			s = "ISO 3166-1 alpha-2 codes joined by ';' (FI;SE)."
		} else {
			s = "One or more of: " + strings.Join(dataset.Vocabularies[f.Vocab], ", ") + ", joined by ';'."
		}
	case dataset.KindDate:
		s = "A date only as precise as the source: 1979, 1979-07 or 1979-07-01."
	case dataset.KindInteger:
		s = "A whole number."
	case dataset.KindPercent:
		s = "A percentage from 0 to 100, '.' as decimal point (26.5)."
	case dataset.KindURL:
		s = "A web address starting with http:// or https://."
	default:
		s = "Text."
	}
	if !f.Required {
		s += " " + divergence.ResolvedEmpty + " leaves it blank."
	}
	return s
}

// reviewTruncate cuts s to at most n characters (Excel's limits on prompt
// and error texts), with an ellipsis.
func reviewTruncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
