package exports

import (
	"fmt"
	"io"
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

// cellNotes lists in words what a reader should know about a cell, citing
// the provisions it rests on: its caveats (mapping.CellCaveats) and the laws
// adopted but not yet in force.
func cellNotes(c mapping.Cell) []string {
	var notes []string
	var ids []string
	for _, p := range c.Provisions {
		ids = append(ids, p.ID)
	}
	cited := strings.Join(ids, ", ")
	var flags []string
	for _, cv := range mapping.CellCaveats(c) {
		switch cv.Kind {
		case mapping.CaveatUncertain, mapping.CaveatBoundary:
			notes = append(notes, fmt.Sprintf("%s (%s)", cv.Text, cited))
		default:
			flags = append(flags, cv.Text)
		}
	}
	if len(flags) > 0 {
		notes = append(notes, fmt.Sprintf("%s (%s)", strings.Join(flags, ", "), cited))
	}
	for _, p := range c.Pending {
		notes = append(notes, fmt.Sprintf("%s adopted %s, in force %s (%s)", mapping.StatusLabel(p.Status), p.Adopted, p.InForce, p.ID))
	}
	return notes
}

// childShareText says how many children live under full prohibition.
func childShareText(cs mapping.ChildShare, rows int) string {
	if cs.Counted == 0 {
		return fmt.Sprintf("Share of children under full prohibition: not known; no child population is recorded for any of the %d jurisdictions.", rows)
	}
	s := fmt.Sprintf("Children under full prohibition: %.1f%% (%d of %d children in the %d jurisdictions with a recorded child population",
		cs.Percent, cs.Protected, cs.Total, cs.Counted)
	if n := len(cs.MissingPopulation); n > 0 {
		s += fmt.Sprintf("; %d without one: %s", n, strings.Join(cs.MissingPopulation, ", "))
	}
	return s + ")."
}

func writeStatusText(w io.Writer, v StatusView) error {
	m := v.Matrix
	fmt.Fprintf(w, "Legal status on %s: %s\n\n", m.AsOf, v.Scope)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(statusCSVHeader, "\t")))
	var notes []string
	for _, r := range m.Rows {
		cells := []string{r.Jurisdiction, oneLine(r.Name)}
		for _, c := range r.Cells {
			v := string(c.Status)
			if cn := cellNotes(c); len(cn) > 0 {
				v += "*"
				notes = append(notes, fmt.Sprintf("%s %s: %s", r.Jurisdiction, c.Setting, strings.Join(cn, "; ")))
			}
			cells = append(cells, v)
		}
		cat := string(r.Category)
		if r.CategoryUncertain {
			cat += "?"
			notes = append(notes, fmt.Sprintf("%s: an uncertain setting could change the category", r.Jurisdiction))
		}
		cells = append(cells, cat, committedText(r))
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(w, "\n%s\n", childShareText(m.Children, len(m.Rows)))
	if len(notes) > 0 {
		fmt.Fprintf(w, "\nNotes (* in the table):\n")
		for _, n := range notes {
			fmt.Fprintf(w, "  %s\n", oneLine(n))
		}
	}
	return nil
}

// committedText says since when a row's jurisdiction is committed to full
// prohibition, or "no".
func committedText(r mapping.Row) string {
	if r.Committed {
		return "since " + r.Commitment.From.String()
	}
	return "no"
}

func writeStatusMarkdown(w io.Writer, v StatusView) error {
	m := v.Matrix
	e := mdText
	fmt.Fprintf(w, "# Legal status on %s\n\n%s.\n\n", m.AsOf, e(capitalise(v.Scope)))
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range dataset.Settings {
		fmt.Fprintf(w, " %s |", e(capitalise(mapping.SettingLabel(s))))
	}
	fmt.Fprint(w, " Category | Committed |\n|---|")
	fmt.Fprint(w, strings.Repeat("---|", len(dataset.Settings)+2)+"\n")
	var notes []string
	for _, r := range m.Rows {
		fmt.Fprintf(w, "| %s (%s) |", e(r.Name), r.Jurisdiction)
		for _, c := range r.Cells {
			v := e(mapping.StatusLabel(c.Status))
			if cn := cellNotes(c); len(cn) > 0 {
				v += " \\*"
				notes = append(notes, fmt.Sprintf("%s, %s: %s", r.Jurisdiction, mapping.SettingLabel(c.Setting), strings.Join(cn, "; ")))
			}
			fmt.Fprintf(w, " %s |", v)
		}
		cat := e(mapping.CategoryLabel(r.Category))
		if r.CategoryUncertain {
			cat += " (uncertain)"
		}
		fmt.Fprintf(w, " %s | %s |\n", cat, committedText(r))
	}
	fmt.Fprintf(w, "\n%s\n", e(childShareText(m.Children, len(m.Rows))))
	if len(notes) > 0 {
		fmt.Fprint(w, "\nNotes (\\* in the table):\n\n")
		for _, n := range notes {
			fmt.Fprintf(w, "- %s\n", e(n))
		}
	}
	return nil
}
