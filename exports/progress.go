package exports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// ProgressFormats lists the formats of the five steps, the default first.
var ProgressFormats = []string{"text", "csv", "json", "md"}

// ProgressView is the progress of jurisdictions on the five steps as the
// progress command shows it.
type ProgressView struct {
	AsOf dataset.Date
	// Group is the group whose members the jurisdictions are; "" for none.
	Group string
	// Scope says in words which jurisdictions these are.
	Scope string
	// Rubric is the rubric the steps were judged by.
	Rubric   mapping.Rubric
	Progress []mapping.JurisdictionProgress
	// DataDate is the date of the data (mapping.Index.DataDate); nil to
	// leave the line about it out.
	DataDate *mapping.DataDate
	// Source finds a cited source by id, for the references (mapping.Index.
	// Source); nil when none is known.
	Source func(id string) (mapping.SourceRef, bool)
}

// name names a jurisdiction of the view by code.
func (v ProgressView) name(code string) string {
	for _, p := range v.Progress {
		if p.Jurisdiction == code {
			return oneLine(p.Name)
		}
	}
	return code
}

// progressCSVHeader is the exact header of the csv format.
var progressCSVHeader = []string{"jurisdiction", "name", "enact", "plan", "communicate", "support_parents", "evaluate"}

// WriteProgress writes the progress of v to w in format, one of
// ProgressFormats: "text", "md" (Markdown) and "json" give the reasons, gaps
// and evidence; "csv" is the matrix of levels.
func WriteProgress(w io.Writer, v ProgressView, format string) error {
	switch format {
	case "text":
		return writeProgressText(w, v)
	case "csv":
		return writeProgressCSV(w, v.Progress)
	case "json":
		return WriteJSON(w, struct {
			AsOf         string                         `json:"as_of"`
			Group        string                         `json:"group,omitempty"`
			Rubric       mapping.Rubric                 `json:"rubric"`
			Jurisdiction []mapping.JurisdictionProgress `json:"jurisdictions"`
		}{v.AsOf.String(), v.Group, v.Rubric, v.Progress})
	case "md":
		return writeProgressMarkdown(w, v)
	}
	return fmt.Errorf("progress format %q: use one of %s", format, strings.Join(ProgressFormats, ", "))
}

func writeProgressCSV(w io.Writer, ps []mapping.JurisdictionProgress) error {
	records := [][]string{progressCSVHeader}
	for _, p := range ps {
		rec := []string{p.Jurisdiction, p.Name}
		for _, s := range p.Steps {
			rec = append(rec, string(s.Level))
		}
		records = append(records, rec)
	}
	return writeCSV(w, records)
}

// evidenceLine describes one record, citing its source by number.
func evidenceLine(e mapping.Evidence, r *refs) string {
	if c := r.cite(e.Source); c != "" {
		return oneLine(e.What) + " " + c
	}
	return oneLine(e.What)
}

// levelKey explains the levels used in the progress of ps.
func levelKey(ps []mapping.JurisdictionProgress) string {
	used := map[mapping.Level]bool{}
	for _, p := range ps {
		for _, s := range p.Steps {
			used[s.Level] = true
		}
	}
	var key []string
	for _, l := range mapping.Levels {
		if used[l] {
			key = append(key, mapping.LevelLabel(l)+": "+mapping.Explain("progress_level", string(l)))
		}
	}
	return strings.Join(key, "; ") + "."
}

func writeProgressText(w io.Writer, v ProgressView) error {
	textHead(w, fmt.Sprintf("Progress towards elimination on %s", v.AsOf), v.Scope, v.DataDate, v.name)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	head := []string{"JURISDICTION"}
	for _, s := range mapping.Steps {
		head = append(head, strings.ToUpper(mapping.StepShort(s)))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, p := range v.Progress {
		cells := []string{oneLine(p.Name)}
		for _, s := range p.Steps {
			cells = append(cells, mapping.LevelLabel(s.Level))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprint(w, "\n"+wrap("Key: ", "     ", levelKey(v.Progress)))
	r := newRefs(v.Source)
	for _, p := range v.Progress {
		fmt.Fprint(w, "\n"+wrap("", "  ", oneLine(p.Name)+": "+mapping.CategoryLabel(p.Category)))
		for i, s := range p.Steps {
			fmt.Fprint(w, wrap(fmt.Sprintf("  %d. ", i+1), "     ", fmt.Sprintf("%s: %s. %s.", mapping.StepLabel(s.Step), mapping.LevelLabel(s.Level), capitalise(s.Reason))))
			if s.Gap != "" {
				fmt.Fprint(w, wrap("     Missing: ", "       ", s.Gap+"."))
			}
			if s.Searched != "" {
				fmt.Fprint(w, wrap("     Searched: ", "       ", capitalise(s.Searched)+"."))
			}
			for _, e := range s.Evidence {
				fmt.Fprint(w, wrap("     - ", "       ", evidenceLine(e, r)))
			}
		}
	}
	if list := r.list(); len(list) > 0 {
		fmt.Fprint(w, "\nReferences:\n"+textRefs(list))
	}
	return nil
}

func writeProgressMarkdown(w io.Writer, v ProgressView) error {
	e := mdText
	mdHead(w, fmt.Sprintf("Progress towards elimination on %s", v.AsOf), v.Scope, v.DataDate, v.name)
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range mapping.Steps {
		fmt.Fprintf(w, " %s |", e(mapping.StepShort(s)))
	}
	fmt.Fprint(w, "\n|---|"+strings.Repeat("---|", len(mapping.Steps))+"\n")
	for _, p := range v.Progress {
		fmt.Fprintf(w, "| %s |", e(oneLine(p.Name)))
		for _, s := range p.Steps {
			fmt.Fprintf(w, " %s |", e(mapping.LevelLabel(s.Level)))
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "\n%s\n", e(capitalise(levelKey(v.Progress))))
	r := newRefs(v.Source)
	for _, p := range v.Progress {
		fmt.Fprintf(w, "\n## %s: %s\n\n", e(oneLine(p.Name)), e(mapping.CategoryLabel(p.Category)))
		for _, s := range p.Steps {
			fmt.Fprintf(w, "- **%s: %s.** %s.", e(mapping.StepLabel(s.Step)), e(mapping.LevelLabel(s.Level)), e(capitalise(s.Reason)))
			if s.Gap != "" {
				fmt.Fprintf(w, " Missing: %s.", e(s.Gap))
			}
			if s.Searched != "" {
				fmt.Fprintf(w, " Searched: %s.", e(s.Searched))
			}
			fmt.Fprintln(w)
			for _, ev := range s.Evidence {
				fmt.Fprintf(w, "  - %s\n", e(evidenceLine(ev, r)))
			}
		}
	}
	if list := r.list(); len(list) > 0 {
		fmt.Fprint(w, "\n## References\n\n"+mdRefs(list))
	}
	return nil
}
