package exports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// scopeDiff keeps the records of r that concern the jurisdictions codes:
// those naming one of them (in jurisdiction, jurisdictions or code, before
// or after the change) and those naming no jurisdiction at all, such as
// sources. The counts are those of the records kept.
func scopeDiff(r DiffReport, old, new *dataset.Dataset, codes []string) DiffReport {
	out := DiffReport{Old: r.Old, New: r.New}
	oldIdx, newIdx := &diffIndex{ds: old}, &diffIndex{ds: new}
	for _, td := range r.Tables {
		kept := TableDiff{Table: td.Table}
		for _, rd := range td.Records {
			js := changeJurisdictions(rd, oldIdx, newIdx)
			if len(js) > 0 && !slices.ContainsFunc(js, func(j string) bool { return slices.Contains(codes, j) }) {
				continue
			}
			switch rd.Kind {
			case dataset.Added:
				kept.Added++
			case dataset.Removed:
				kept.Removed++
			default:
				kept.Changed++
			}
			kept.Records = append(kept.Records, rd)
		}
		if len(kept.Records) == 0 {
			continue
		}
		out.Added += kept.Added
		out.Removed += kept.Removed
		out.Changed += kept.Changed
		out.Tables = append(out.Tables, kept)
	}
	return out
}

// changeJurisdictions returns the jurisdictions a changed record names,
// sorted: an added or removed record's from its values, a changed record's
// from the record on both sides.
func changeJurisdictions(rd RecordDiff, oldIdx, newIdx *diffIndex) []string {
	vals := rd.Values
	if rd.Kind == dataset.Changed {
		vals = append(slices.Clone(oldIdx.values(rd.Table, rd.Key, rd.OldPos)), newIdx.values(rd.Table, rd.Key, rd.NewPos)...)
	}
	var out []string
	for _, v := range vals {
		switch v.Field {
		case "jurisdiction", "code":
			out = append(out, v.Value)
		case "jurisdictions":
			out = append(out, strings.Split(v.Value, ";")...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// changesView is "what changed since" in the words the pages print.
type changesView struct {
	Old, New string
	// Summary counts the records that differ, or says that none does.
	Summary string
	// Legal lists the changes of legal status; Campaigns, Programmes and
	// Surveys the records added to those tables.
	Legal, Campaigns, Programmes, Surveys []string
	// Other counts the records not in the lists above.
	Other int
	// Rows are every change, a row per changed field or added or removed
	// record.
	Rows []changeRowView
}

// changeRowView is one row of the table of all changes.
type changeRowView struct {
	Table, Record, Change, Field string
	// Old and New are the values before and after, one "field: value" per
	// line for a record added or removed.
	Old, New []string
}

// newChangesView describes the report r of the pack's scope, whose newer
// dataset is new; name gives jurisdictions' names.
func newChangesView(r DiffReport, new *dataset.Dataset, name func(string) string) *changesView {
	v := &changesView{Old: r.Old, New: r.New}
	if r.Len() == 0 {
		v.Summary = fmt.Sprintf("No record concerning these jurisdictions differs between %s and %s.", v.Old, v.New)
		return v
	}
	v.Summary = fmt.Sprintf("Records concerning these jurisdictions, from %s to %s: %s.", v.Old, v.New, diffCounts(r.Added, r.Removed, r.Changed))
	newIdx := &diffIndex{ds: new}
	for _, td := range r.Tables {
		for _, rd := range td.Records {
			vals := fieldMap(rd.Values)
			if rd.Kind == dataset.Changed {
				vals = fieldMap(newIdx.values(rd.Table, rd.Key, rd.NewPos))
			}
			listed := true
			switch {
			case rd.LegalStatus():
				v.Legal = append(v.Legal, legalChangeLine(rd, vals, name))
			case rd.Kind == dataset.Added && rd.Table == "campaigns":
				v.Campaigns = append(v.Campaigns, campaignLine(rd.Key, vals, name))
			case rd.Kind == dataset.Added && rd.Table == "programmes":
				v.Programmes = append(v.Programmes, programmeLine(rd.Key, vals, name))
			case rd.Kind == dataset.Added && rd.Table == "surveys":
				v.Surveys = append(v.Surveys, surveyLine(rd.Key, vals, name))
			default:
				listed = false
			}
			if !listed {
				v.Other++
			}
			v.Rows = append(v.Rows, changeRows(rd)...)
		}
	}
	return v
}

// changeRows are the rows of one record in the table of all changes.
func changeRows(rd RecordDiff) []changeRowView {
	if rd.Kind == dataset.Changed {
		rows := make([]changeRowView, 0, len(rd.Fields))
		for _, f := range rd.Fields {
			rows = append(rows, changeRowView{Table: rd.Table, Record: rd.Key, Change: string(rd.Kind), Field: f.Field,
				Old: nonEmpty(f.Old), New: nonEmpty(f.New)})
		}
		return rows
	}
	var lines []string
	for _, fv := range rd.Values {
		if !diffIsKey(rd.Table, fv.Field) {
			lines = append(lines, fv.Field+": "+fv.Value)
		}
	}
	row := changeRowView{Table: rd.Table, Record: rd.Key, Change: string(rd.Kind)}
	if rd.Kind == dataset.Removed {
		row.Old = lines
	} else {
		row.New = lines
	}
	return []changeRowView{row}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}

func fieldMap(vs []FieldValue) map[string]string {
	m := make(map[string]string, len(vs))
	for _, v := range vs {
		m[v.Field] = v.Value
	}
	return m
}

// jurisdictionLabel is "Name (CODE)".
func jurisdictionLabel(code string, name func(string) string) string {
	if n := name(code); n != code {
		return n + " (" + code + ")"
	}
	return code
}

// legalChangeLine describes a change of legal status: a provision added or
// removed, or its status changed.
func legalChangeLine(rd RecordDiff, vals map[string]string, name func(string) string) string {
	where := fmt.Sprintf("%s, %s", jurisdictionLabel(vals["jurisdiction"], name), mapping.SettingLabel(dataset.Setting(vals["setting"])))
	var status string
	if rd.Kind == dataset.Changed {
		for _, f := range rd.Fields {
			if f.Field == "status" {
				status = mapping.StatusLabel(dataset.Status(f.Old)) + " → " + mapping.StatusLabel(dataset.Status(f.New))
			}
		}
	} else {
		status = mapping.StatusLabel(dataset.Status(vals["status"]))
	}
	line := where + ": " + status
	var dates []string
	if d := vals["adopted"]; d != "" {
		dates = append(dates, "adopted "+d)
	}
	if d := vals["in_force"]; d != "" {
		dates = append(dates, "in force "+d)
	}
	if d := vals["until"]; d != "" {
		dates = append(dates, "until "+d)
	}
	if len(dates) > 0 {
		line += " (" + strings.Join(dates, ", ") + ")"
	}
	if law := joinNonEmpty(", ", vals["instrument"], vals["provision"]); law != "" {
		line += ", " + law
	}
	switch rd.Kind {
	case dataset.Added:
		return line + " (newly recorded)"
	case dataset.Removed:
		return line + " (no longer recorded)"
	}
	return line + " (corrected)"
}

// campaignLine describes a campaign, plan, training or guidance added.
func campaignLine(id string, vals map[string]string, name func(string) string) string {
	var js []string
	for _, j := range strings.Split(vals["jurisdictions"], ";") {
		if j != "" {
			js = append(js, jurisdictionLabel(j, name))
		}
	}
	line := fmt.Sprintf("%s: %s, %s", capitalise(mapping.Label("campaign_kind", vals["kind"])), vals["name"], strings.Join(js, ", "))
	if p := mapping.Period(storedDate(vals["start"]), storedDate(vals["end"])); p != "" {
		line += ", " + p
	}
	if a := vals["audiences"]; a != "" {
		line += "; for " + mapping.Labels("audience", strings.Split(a, ";"))
	}
	return line
}

// programmeLine describes a parenting programme added.
func programmeLine(id string, vals map[string]string, name func(string) string) string {
	line := jurisdictionLabel(vals["jurisdiction"], name) + ": " + vals["name"]
	if details := joinNonEmpty(", ", vals["model"], labelOrEmpty("level", vals["level"]), labelOrEmpty("evidence", vals["evidence"])); details != "" {
		line += " (" + details + ")"
	}
	if p := mapping.Period(storedDate(vals["start"]), storedDate(vals["end"])); p != "" {
		line += ", " + p
	}
	return line
}

// surveyLine describes a survey result added.
func surveyLine(id string, vals map[string]string, name func(string) string) string {
	return fmt.Sprintf("%s: %s, %s%% of %s in %s", jurisdictionLabel(vals["jurisdiction"], name),
		mapping.Label("indicator", vals["indicator"]), vals["value"], mapping.Label("respondents", vals["respondents"]), vals["year"])
}

// labelOrEmpty returns the label of a code, or "" for none.
func labelOrEmpty(vocab, code string) string {
	if code == "" {
		return ""
	}
	return mapping.Label(vocab, code)
}

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(slices.Clone(parts), func(s string) bool { return s == "" }), sep)
}

// storedDate reads a date in its stored form; a value that is not one (it
// cannot be, coming from a record) reads as a missing date.
func storedDate(s string) dataset.Date {
	d, err := dataset.ParseDate(s)
	if err != nil {
		return dataset.Date{}
	}
	return d
}
