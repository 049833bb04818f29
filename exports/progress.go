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

// evidenceLine cites one record.
func evidenceLine(e mapping.Evidence) string {
	return fmt.Sprintf("%s [%s %s; source %s]", oneLine(e.What), e.Table, e.ID, e.Source)
}

func writeProgressText(w io.Writer, v ProgressView) error {
	fmt.Fprintf(w, "Progress towards elimination on %s: %s\n\n", v.AsOf, v.Scope)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(progressCSVHeader, "\t")))
	for _, p := range v.Progress {
		cells := []string{p.Jurisdiction, oneLine(p.Name)}
		for _, s := range p.Steps {
			cells = append(cells, string(s.Level))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, p := range v.Progress {
		fmt.Fprintf(w, "\n%s %s: %s\n", p.Jurisdiction, oneLine(p.Name), mapping.CategoryLabel(p.Category))
		for _, s := range p.Steps {
			fmt.Fprintf(w, "  %s: %s. %s.\n", s.Step, s.Level, oneLine(capitalise(s.Reason)))
			if s.Gap != "" {
				fmt.Fprintf(w, "    gap: %s\n", oneLine(s.Gap))
			}
			for _, e := range s.Evidence {
				fmt.Fprintf(w, "    evidence: %s\n", evidenceLine(e))
			}
		}
	}
	return nil
}

func writeProgressMarkdown(w io.Writer, v ProgressView) error {
	e := mdText
	fmt.Fprintf(w, "# Progress towards elimination on %s\n\n%s.\n\n", v.AsOf, e(capitalise(v.Scope)))
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range mapping.Steps {
		fmt.Fprintf(w, " %s |", e(capitalise(strings.ReplaceAll(string(s), "_", " "))))
	}
	fmt.Fprint(w, "\n|---|"+strings.Repeat("---|", len(mapping.Steps))+"\n")
	for _, p := range v.Progress {
		fmt.Fprintf(w, "| %s (%s) |", e(p.Name), p.Jurisdiction)
		for _, s := range p.Steps {
			fmt.Fprintf(w, " %s |", e(mapping.LevelLabel(s.Level)))
		}
		fmt.Fprintln(w)
	}
	for _, p := range v.Progress {
		fmt.Fprintf(w, "\n## %s (%s): %s\n\n", e(p.Name), p.Jurisdiction, e(mapping.CategoryLabel(p.Category)))
		for _, s := range p.Steps {
			fmt.Fprintf(w, "- **%s: %s.** %s.", e(mapping.StepLabel(s.Step)), e(mapping.LevelLabel(s.Level)), e(capitalise(s.Reason)))
			if s.Gap != "" {
				fmt.Fprintf(w, " Gap: %s.", e(s.Gap))
			}
			fmt.Fprintln(w)
			for _, ev := range s.Evidence {
				fmt.Fprintf(w, "  - %s\n", e(evidenceLine(ev)))
			}
		}
	}
	return nil
}
