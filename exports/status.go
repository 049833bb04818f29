package exports

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// StatusFormats lists the formats of a status matrix, the default first.
var StatusFormats = []string{"text", "csv", "json", "md"}

// StatusView is a status matrix as the status command shows it.
type StatusView struct {
	Matrix mapping.Matrix
	// Group is the group whose members the rows are; "" for none.
	Group string
	// Scope says in words which jurisdictions the rows are, such as
	// "members of CBSS on that day (11)".
	Scope string
	// DataDate is the date of the data of the rows (mapping.Index.DataDate);
	// nil to leave the line about it out.
	DataDate *mapping.DataDate
}

// name names a jurisdiction of the view by code.
func (v StatusView) name(code string) string {
	for _, r := range v.Matrix.Rows {
		if r.Jurisdiction == code {
			return oneLine(r.Name)
		}
	}
	return code
}

// statusCSVHeader is the exact header of the csv format.
var statusCSVHeader = []string{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"}

// WriteStatus writes the status matrix of v to w in format, one of
// StatusFormats: "text" (a table with notes), "csv" (the matrix of codes),
// "json" or "md" (Markdown).
func WriteStatus(w io.Writer, v StatusView, format string) error {
	switch format {
	case "text":
		return writeStatusText(w, v)
	case "csv":
		return writeStatusCSV(w, v.Matrix)
	case "json":
		return WriteJSON(w, struct {
			Group string `json:"group,omitempty"`
			mapping.Matrix
		}{v.Group, v.Matrix})
	case "md":
		return writeStatusMarkdown(w, v)
	}
	return fmt.Errorf("status format %q: use one of %s", format, strings.Join(StatusFormats, ", "))
}

func writeStatusCSV(w io.Writer, m mapping.Matrix) error {
	records := [][]string{statusCSVHeader}
	for _, r := range m.Rows {
		rec := []string{r.Jurisdiction, r.Name}
		for _, c := range r.Cells {
			rec = append(rec, string(c.Status))
		}
		rec = append(rec, string(r.Category), fmt.Sprint(r.Committed))
		records = append(records, rec)
	}
	return writeCSV(w, records)
}

// childShareText says how many children live under full prohibition.
func childShareText(cs mapping.ChildShare, rows int, name func(string) string) string {
	if cs.Counted == 0 {
		return fmt.Sprintf("Share of children under full prohibition: not known; no child population is recorded for any of the %d jurisdictions.", rows)
	}
	where := fmt.Sprintf("the %d jurisdictions", cs.Counted)
	if cs.Counted == 1 {
		where = "the one jurisdiction"
	}
	s := fmt.Sprintf("Children under full prohibition: %.1f%% (%s of %s children in %s with a recorded child population",
		cs.Percent, groupDigits(cs.Protected), groupDigits(cs.Total), where)
	if n := len(cs.MissingPopulation); n > 0 {
		var names []string
		for _, c := range cs.MissingPopulation {
			names = append(names, name(c))
		}
		s += fmt.Sprintf("; %d without one: %s", n, strings.Join(names, ", "))
	}
	return s + ")."
}

// shortStatus is the word a text status table prints for a status; the
// key under the table says what each means.
var shortStatus = map[dataset.Status]string{
	dataset.Prohibited:             "yes",
	dataset.UnlawfulNotExplicit:    "unlawful",
	dataset.ProhibitedUnidentified: "reported",
	dataset.Partial:                "partly",
	dataset.NotProhibited:          "no",
	dataset.Unknown:                "unknown",
	mapping.Uncertain:              "uncertain",
}

// shortSetting is the head of a setting's column in a text status table.
var shortSetting = map[dataset.Setting]string{
	dataset.Home: "HOME", dataset.AlternativeCare: "CARE", dataset.DayCare: "DAY CARE",
	dataset.School: "SCHOOLS", dataset.PenalInstitution: "PENAL INST.", dataset.Sentence: "SENTENCE",
}

// shortCategory is the word a text status table prints for a category;
// the key under the table says what each means.
var shortCategory = map[mapping.Category]string{
	mapping.AllSettings: "all settings", mapping.Committed: "committed",
	mapping.SomeSettings: "some settings", mapping.None: "none",
}

// categoryNote is the note of a row whose category an uncertain setting
// could change.
const categoryNote = "a setting whose status is unknown or uncertain on this date could change the category"

// statusNotes marks the cells and categories of m with footnotes, calling
// cell for each cell with its marks and row for each row's category mark.
func statusNotes(m mapping.Matrix, cell func(r mapping.Row, c mapping.Cell, mark string), row func(r mapping.Row, mark string)) *footnotes {
	fn := newFootnotes()
	for _, r := range m.Rows {
		for _, c := range r.Cells {
			cell(r, c, fn.mark(oneLine(r.Name)+": "+mapping.SettingLabel(c.Setting), cellCaveats(c)...))
		}
		mark := ""
		if r.CategoryUncertain {
			mark = fn.mark(oneLine(r.Name), categoryNote)
		}
		row(r, mark)
	}
	return fn
}

// placesText lists where a note applies, grouping the settings of each
// jurisdiction: "Norway (care, schools); Sweden".
func placesText(where []string) string {
	var out []string
	var last string
	for _, w := range where {
		name, setting, ok := strings.Cut(w, ": ")
		switch {
		case ok && name == last:
			out[len(out)-1] = strings.TrimSuffix(out[len(out)-1], ")") + ", " + setting + ")"
		case ok:
			out = append(out, name+" ("+setting+")")
		default:
			out = append(out, w)
		}
		last = name
	}
	return strings.Join(out, "; ")
}

func writeStatusText(w io.Writer, v StatusView) error {
	m := v.Matrix
	textHead(w, fmt.Sprintf("Legal status on %s", m.AsOf), v.Scope, v.DataDate, v.name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"PROHIBITED IN:"}
	for _, s := range dataset.Settings {
		head = append(head, shortSetting[s])
	}
	fmt.Fprintln(tw, strings.Join(append(head, "CATEGORY"), "\t"))
	used := map[dataset.Status]bool{}
	cells := map[string][]string{}
	fn := statusNotes(m, func(r mapping.Row, c mapping.Cell, mark string) {
		used[c.Status] = true
		cells[r.Jurisdiction] = append(cells[r.Jurisdiction], shortStatus[c.Status]+mark)
	}, func(r mapping.Row, mark string) {
		short := shortCategory[r.Category]
		fmt.Fprintln(tw, strings.Join(append(append([]string{oneLine(r.Name)}, cells[r.Jurisdiction]...), short+mark), "\t"))
	})
	if err := tw.Flush(); err != nil {
		return err
	}
	var key []string
	for _, s := range append(slices.Clone(dataset.Statuses), mapping.Uncertain) {
		if used[s] {
			k := shortStatus[s] + " = " + mapping.StatusLabel(s) + " (" + mapping.StatusExplain(s) + ")"
			if shortStatus[s] == mapping.StatusLabel(s) {
				k = shortStatus[s] + " = " + mapping.StatusExplain(s)
			}
			key = append(key, k)
		}
	}
	for _, c := range mapping.Categories {
		if slices.ContainsFunc(m.Rows, func(r mapping.Row) bool { return r.Category == c }) {
			key = append(key, shortCategory[c]+" = "+mapping.CategoryLabel(c))
		}
	}
	fmt.Fprint(w, "\n"+wrap("Key: ", "     ", strings.Join(key, "; ")+"."))
	var committed []string
	for _, r := range m.Rows {
		if r.Committed {
			committed = append(committed, oneLine(r.Name)+" ("+mapping.CommitmentLabel(r)+")")
		}
	}
	if len(committed) > 0 {
		fmt.Fprint(w, wrap("Committed to full prohibition: ", "    ", strings.Join(committed, "; ")+"."))
	}
	fmt.Fprint(w, "\n"+wrap("", "", childShareText(m.Children, len(m.Rows), v.name)))
	if notes := fn.list(); len(notes) > 0 {
		fmt.Fprintf(w, "\nNotes:\n")
		for _, n := range notes {
			fmt.Fprint(w, wrap("  "+n.Mark+" ", "    ", capitalise(n.Text)+": "+placesText(n.Where)+"."))
		}
	}
	return nil
}

func writeStatusMarkdown(w io.Writer, v StatusView) error {
	m := v.Matrix
	e := mdText
	mdHead(w, fmt.Sprintf("Legal status on %s", m.AsOf), v.Scope, v.DataDate, v.name)
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range dataset.Settings {
		fmt.Fprintf(w, " %s |", e(capitalise(mapping.SettingLabel(s))))
	}
	fmt.Fprint(w, " Category | Committed to full prohibition |\n|---|")
	fmt.Fprint(w, strings.Repeat("---|", len(dataset.Settings)+2)+"\n")
	var line []string
	fn := statusNotes(m, func(r mapping.Row, c mapping.Cell, mark string) {
		if len(line) == 0 {
			line = append(line, e(oneLine(r.Name)))
		}
		line = append(line, e(mapping.StatusLabel(c.Status))+mark)
	}, func(r mapping.Row, mark string) {
		line = append(line, e(capitalise(mapping.CategoryLabel(r.Category)))+mark, e(mapping.CommitmentLabel(r)))
		fmt.Fprintf(w, "| %s |\n", strings.Join(line, " | "))
		line = nil
	})
	fmt.Fprintf(w, "\n%s\n", e(childShareText(m.Children, len(m.Rows), v.name)))
	if notes := fn.list(); len(notes) > 0 {
		fmt.Fprint(w, "\nNotes:\n\n")
		for _, n := range notes {
			fmt.Fprintf(w, "- %s %s: %s.\n", n.Mark, e(capitalise(n.Text)), e(placesText(n.Where)))
		}
	}
	return nil
}
