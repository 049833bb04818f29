package exports

import (
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cpmap/cpmap/dataset"
)

// DiffReport is what changed between two datasets, record by record,
// grouped by table: the report of cpmap diff and the "what changed since"
// section of a briefing pack. Build it with NewDiffReport and write it with
// WriteDiffText, WriteDiffMarkdown or WriteDiffJSON.
type DiffReport struct {
	// Old and New name the two datasets the way the reader knows them,
	// such as their folders.
	Old, New string
	// Added, Removed and Changed count records over all tables.
	Added, Removed, Changed int
	// Tables are the tables with changes: provisions first, then the
	// others in the data package's order.
	Tables []TableDiff
}

// TableDiff is the changes of one table.
type TableDiff struct {
	Table                   string
	Added, Removed, Changed int
	// Records are in dataset.Diff's order: for provisions, the changes of
	// legal status come first.
	Records []RecordDiff
}

// RecordDiff is one record that was added, removed or changed.
type RecordDiff struct {
	dataset.Change
	// Values are the record's non-empty stored values in column order,
	// key columns included: an added record's from the new dataset, a
	// removed record's from the old. A changed record has none; its
	// changed fields are in Fields.
	Values []FieldValue
}

// FieldValue is one stored value of a record.
type FieldValue struct {
	Field, Value string
}

// LegalStatus reports whether the change is one of legal status: a
// provision added or removed, or a provision whose status changed.
func (r RecordDiff) LegalStatus() bool {
	if r.Table != "provisions" {
		return false
	}
	return r.Kind != dataset.Changed || slices.ContainsFunc(r.Fields, func(f dataset.FieldChange) bool { return f.Field == "status" })
}

// Len returns the number of records that differ.
func (r DiffReport) Len() int { return r.Added + r.Removed + r.Changed }

// NewDiffReport compares two datasets with dataset.Diff and groups the
// changes by table. oldName and newName name the datasets in the report.
// Neither dataset is modified.
func NewDiffReport(old, new *dataset.Dataset, oldName, newName string) DiffReport {
	r := DiffReport{Old: oldName, New: newName}
	oldIdx, newIdx := diffIndex{ds: old}, diffIndex{ds: new}
	for _, c := range dataset.Diff(old, new) {
		if len(r.Tables) == 0 || r.Tables[len(r.Tables)-1].Table != c.Table {
			r.Tables = append(r.Tables, TableDiff{Table: c.Table})
		}
		td := &r.Tables[len(r.Tables)-1]
		rd := RecordDiff{Change: c}
		switch c.Kind {
		case dataset.Added:
			td.Added++
			r.Added++
			rd.Values = newIdx.values(c.Table, c.Key, c.NewPos)
		case dataset.Removed:
			td.Removed++
			r.Removed++
			rd.Values = oldIdx.values(c.Table, c.Key, c.OldPos)
		default:
			td.Changed++
			r.Changed++
		}
		td.Records = append(td.Records, rd)
	}
	return r
}

// diffIndex finds the records of a dataset by table and key, as
// dataset.Change names them.
type diffIndex struct {
	ds   *dataset.Dataset
	keys map[string]map[string][]int // table → key → records
}

// values returns the non-empty stored values of the record of the table
// with the key; of several such records, the one at pos.
func (x *diffIndex) values(table, key string, pos dataset.Pos) []FieldValue {
	t := dataset.TableByName(table)
	if x.ds == nil || t == nil {
		return nil
	}
	if x.keys == nil {
		x.keys = map[string]map[string][]int{}
	}
	byKey, ok := x.keys[table]
	if !ok {
		byKey = map[string][]int{}
		for i := range t.Len(x.ds) {
			parts := make([]string, len(t.Key))
			for j, k := range t.Key {
				parts[j] = t.Value(x.ds, i, k)
			}
			k := strings.Join(parts, ",")
			byKey[k] = append(byKey[k], i)
		}
		x.keys[table] = byKey
	}
	rows := byKey[key]
	if len(rows) == 0 {
		return nil
	}
	i := rows[0]
	for _, j := range rows {
		if t.Origin(x.ds, j).Pos() == pos {
			i = j
			break
		}
	}
	var vs []FieldValue
	for j, v := range t.Values(x.ds, i) {
		if v != "" {
			vs = append(vs, FieldValue{Field: t.Fields[j].Name, Value: v})
		}
	}
	return vs
}

// diffCounts says "2 added, 1 changed", leaving out the zeros.
func diffCounts(added, removed, changed int) string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{added, "added"}, {removed, "removed"}, {changed, "changed"}} {
		if p.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", p.n, p.what))
		}
	}
	return strings.Join(parts, ", ")
}

// diffIsKey reports whether field is one of the table's key columns.
func diffIsKey(table, field string) bool {
	t := dataset.TableByName(table)
	return t != nil && slices.Contains(t.Key, field)
}

// diffPositions says where a change is: "old → new", with "?" for a side
// that is not known, or "" when neither is.
func diffPositions(old, new dataset.Pos) string {
	switch {
	case old.IsZero() && new.IsZero():
		return ""
	case old.IsZero():
		return "? → " + new.String()
	case new.IsZero():
		return old.String() + " → ?"
	}
	return old.String() + " → " + new.String()
}

// diffShow prints a stored value in text: as it is when it reads plainly,
// "(empty)" for a missing value, and Go-quoted when it would mislead
// (surrounding spaces, line breaks and other invisible characters, an
// arrow, or a value that reads "(empty)").
func diffShow(v string) string {
	if v == "" {
		return "(empty)"
	}
	plain := strings.TrimSpace(v) == v && v != "(empty)" && !strings.Contains(v, "→") &&
		!strings.ContainsFunc(v, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' })
	if plain {
		return v
	}
	return strconv.Quote(v)
}

// WriteDiffText writes the report for a researcher to read: a summary line,
// then per table a line of counts and a line per changed field, added or
// removed record, such as
//
//	provisions ee-home-2014: status not_prohibited → prohibited (data-old/provisions.csv:5:4 → data/provisions.csv:5:4)
//	campaigns ee-campaign-2020: added (data/campaigns.csv:3)
//	    kind: campaign
//
// An added or removed record is followed by its non-empty values other than
// its key, indented. An empty report is the line "no changes between OLD and
// NEW".
func WriteDiffText(w io.Writer, r DiffReport) error {
	var b strings.Builder
	if r.Len() == 0 {
		fmt.Fprintf(&b, "no changes between %s and %s\n", r.Old, r.New)
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "changes from %s to %s: %s\n", r.Old, r.New, diffCounts(r.Added, r.Removed, r.Changed))
	for _, td := range r.Tables {
		fmt.Fprintf(&b, "\n%s: %s\n", td.Table, diffCounts(td.Added, td.Removed, td.Changed))
		for _, rd := range td.Records {
			head := td.Table + " " + rd.Key + ": "
			switch rd.Kind {
			case dataset.Changed:
				for _, f := range rd.Fields {
					fmt.Fprintf(&b, "%s%s %s → %s", head, f.Field, diffShow(f.Old), diffShow(f.New))
					if p := diffPositions(f.OldPos, f.NewPos); p != "" {
						fmt.Fprintf(&b, " (%s)", p)
					}
					b.WriteByte('\n')
				}
			default:
				b.WriteString(head + string(rd.Kind))
				pos := rd.NewPos
				if rd.Kind == dataset.Removed {
					pos = rd.OldPos
				}
				if !pos.IsZero() {
					fmt.Fprintf(&b, " (%s)", pos)
				}
				b.WriteByte('\n')
				for _, v := range rd.Values {
					if !diffIsKey(td.Table, v.Field) {
						fmt.Fprintf(&b, "    %s: %s\n", v.Field, diffShow(v.Value))
					}
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteDiffMarkdown writes the report as Markdown (GitHub flavour): a
// heading of the given level (1 for a document of its own, deeper to nest
// it in another), a summary, and per table a heading one level deeper and a
// table with a row per changed field, added or removed record:
//
//	| record | change | field | old | new | where |
//
// An added record's values are in its "new" cell, a removed record's in its
// "old" cell, one "field: value" per line. Text from the data is escaped so
// that it reads as text, not Markdown or HTML.
func WriteDiffMarkdown(w io.Writer, r DiffReport, level int) error {
	level = min(max(level, 1), 5)
	h := strings.Repeat("#", level)
	var b strings.Builder
	fmt.Fprintf(&b, "%s Changes from %s to %s\n\n", h, diffMD(r.Old), diffMD(r.New))
	if r.Len() == 0 {
		b.WriteString("No changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s.\n", diffCounts(r.Added, r.Removed, r.Changed))
	for _, td := range r.Tables {
		fmt.Fprintf(&b, "\n%s# %s\n\n%s.\n\n", h, diffMD(td.Table), diffCounts(td.Added, td.Removed, td.Changed))
		b.WriteString("| record | change | field | old | new | where |\n|---|---|---|---|---|---|\n")
		for _, rd := range td.Records {
			key := diffMD(rd.Key)
			switch rd.Kind {
			case dataset.Changed:
				for _, f := range rd.Fields {
					fmt.Fprintf(&b, "| %s | changed | %s | %s | %s | %s |\n", key, diffMD(f.Field),
						diffMD(f.Old), diffMD(f.New), diffMD(diffPositions(f.OldPos, f.NewPos)))
				}
			default:
				var lines []string
				for _, v := range rd.Values {
					if !diffIsKey(td.Table, v.Field) {
						lines = append(lines, diffMD(v.Field)+": "+diffMD(v.Value))
					}
				}
				vals := strings.Join(lines, "<br>")
				old, new, pos := "", vals, rd.NewPos
				if rd.Kind == dataset.Removed {
					old, new, pos = vals, "", rd.OldPos
				}
				where := ""
				if !pos.IsZero() {
					where = diffMD(pos.String())
				}
				fmt.Fprintf(&b, "| %s | %s |  | %s | %s | %s |\n", key, rd.Kind, old, new, where)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// diffMD escapes text for a Markdown table cell: Markdown's and HTML's
// special characters are backslash-escaped and line breaks become <br>. An
// underscore inside a word (not_prohibited) cannot start emphasis and is
// left as it is.
func diffMD(s string) string {
	var b strings.Builder
	rs := []rune(strings.ReplaceAll(s, "\r\n", "\n"))
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, r := range rs {
		switch {
		case r == '\n' || r == '\r':
			b.WriteString("<br>")
		case r == '_' && word(i-1) && word(i+1):
			b.WriteRune(r)
		case strings.ContainsRune("\\`*_[]<>|~&#!", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// The JSON form of a DiffReport. Its field names are stable: scripts read
// them.
type (
	diffJSON struct {
		Old     string          `json:"old"`
		New     string          `json:"new"`
		Added   int             `json:"added"`
		Removed int             `json:"removed"`
		Changed int             `json:"changed"`
		Tables  []diffTableJSON `json:"tables"`
	}
	diffTableJSON struct {
		Table   string           `json:"table"`
		Added   int              `json:"added"`
		Removed int              `json:"removed"`
		Changed int              `json:"changed"`
		Changes []diffRecordJSON `json:"changes"`
	}
	diffRecordJSON struct {
		Key         string          `json:"key"`
		Kind        string          `json:"kind"`
		LegalStatus bool            `json:"legalStatus"`
		OldPos      string          `json:"oldPos,omitempty"`
		NewPos      string          `json:"newPos,omitempty"`
		Fields      []diffFieldJSON `json:"fields,omitempty"`
		Values      []FieldValue    `json:"values,omitempty"`
	}
	diffFieldJSON struct {
		Field  string `json:"field"`
		Old    string `json:"old"`
		New    string `json:"new"`
		OldPos string `json:"oldPos,omitempty"`
		NewPos string `json:"newPos,omitempty"`
	}
)

// MarshalJSON gives FieldValue the lower-case names of the diff JSON.
func (v FieldValue) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Field string `json:"field"`
		Value string `json:"value"`
	}{v.Field, v.Value})
}

// WriteDiffJSON writes the report as one JSON object, indented by two
// spaces, with these stable fields:
//
//	old, new                 the names of the two datasets
//	added, removed, changed  record counts over all tables
//	tables                   the tables with changes, in the report's order
//	  table                  the table's name
//	  added, removed, changed
//	  changes                the records, in the report's order
//	    key                  the primary key's stored values joined by ","
//	    kind                 "added", "removed" or "changed"
//	    legalStatus          true for a provision added or removed, or whose status changed
//	    oldPos, newPos       the record's row in each dataset ("data/provisions.csv:5"), when known
//	    fields               changed: [{field, old, new, oldPos, newPos}], in column order
//	    values               added or removed: [{field, value}], the non-empty values in column order
//
// Values are the stored strings, exactly: JSON is not a spreadsheet format,
// so SafeText does not apply. An empty report has "tables": [].
func WriteDiffJSON(w io.Writer, r DiffReport) error {
	out := diffJSON{Old: r.Old, New: r.New, Added: r.Added, Removed: r.Removed, Changed: r.Changed, Tables: []diffTableJSON{}}
	pos := func(p dataset.Pos) string {
		if p.IsZero() {
			return ""
		}
		return p.String()
	}
	for _, td := range r.Tables {
		tj := diffTableJSON{Table: td.Table, Added: td.Added, Removed: td.Removed, Changed: td.Changed, Changes: []diffRecordJSON{}}
		for _, rd := range td.Records {
			rj := diffRecordJSON{Key: rd.Key, Kind: string(rd.Kind), LegalStatus: rd.LegalStatus(),
				OldPos: pos(rd.OldPos), NewPos: pos(rd.NewPos), Values: rd.Values}
			for _, f := range rd.Fields {
				rj.Fields = append(rj.Fields, diffFieldJSON{Field: f.Field, Old: f.Old, New: f.New, OldPos: pos(f.OldPos), NewPos: pos(f.NewPos)})
			}
			tj.Changes = append(tj.Changes, rj)
		}
		out.Tables = append(out.Tables, tj)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
