package main

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

// progressCSVHeader is the exact header of cpmap progress --format csv.
var progressCSVHeader = []string{"jurisdiction", "name", "enact", "plan", "communicate", "support_parents", "evaluate"}

func newProgressCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "progress",
		Short: "Judge each jurisdiction on the five steps from prohibition towards elimination",
		Long: `progress judges each jurisdiction on the five steps of the Global Initiative's
implementation guidance: enact (prohibition in all settings), plan (a national
action plan), communicate (awareness campaigns), support parents (parenting
programmes) and evaluate (repeated surveys). Each step is met, partial, not_met
or no_data, by the rubric in config.yaml (progress:), with the records it rests
on and the gap in plain words.

no_data means that nothing is recorded for the jurisdiction in the table the
step is judged from, so we cannot tell; not_met means records exist and none
qualifies. The csv format is the matrix of levels; text, md and json add the
reasons, gaps and evidence.`,
		Example: `  cpmap progress
  cpmap progress --jurisdiction EE --format md
  cpmap progress --as-of 2015-06-01 --format csv
  cpmap progress --all --format json`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "text", "text", "csv", "json", "md")
	mf := addMapFlags(cmd, true)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		r, err := a.rubric()
		if err != nil {
			return err
		}
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		ps := mapping.Progress(ds, sc.codes, sc.on, r)
		var buf bytes.Buffer
		switch *format {
		case "csv":
			err = writeProgressCSV(&buf, ps)
		case "json":
			err = writeJSON(&buf, struct {
				AsOf         string                         `json:"as_of"`
				Group        string                         `json:"group,omitempty"`
				Rubric       mapping.Rubric                 `json:"rubric"`
				Jurisdiction []mapping.JurisdictionProgress `json:"jurisdictions"`
			}{dateOf(sc), sc.group, r, ps})
		case "md":
			writeProgressMarkdown(&buf, ps, sc)
		default:
			writeProgressText(&buf, ps, sc)
		}
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(buf.Bytes())
		return err
	}
	return cmd
}

// progressConfigOf returns the configuration of a rubric (the defaults of
// config.yaml come from mapping.DefaultRubric).
func progressConfigOf(r mapping.Rubric) ProgressConfig {
	return ProgressConfig{
		PlanYears:         r.PlanYears,
		CampaignYears:     r.CampaignYears,
		CampaignAudiences: slices.Clone(r.CampaignAudiences),
		ProgrammeYears:    r.ProgrammeYears,
		ProgrammeLevels:   slices.Clone(r.ProgrammeLevels),
		ProgrammeEvidence: slices.Clone(r.ProgrammeEvidence),
		SurveyYears:       r.SurveyYears,
		MinSurveyPoints:   r.MinSurveyPoints,
		StableChange:      r.StableChange,
		CoverageMonths:    r.CoverageMonths,
	}
}

// rubric returns the rubric of the configuration, or a usage error naming
// what is wrong with it.
func (a *app) rubric() (mapping.Rubric, error) {
	c := a.cfg.Progress
	r := mapping.Rubric{
		PlanYears:         c.PlanYears,
		CampaignYears:     c.CampaignYears,
		CampaignAudiences: slices.Clone(c.CampaignAudiences),
		ProgrammeYears:    c.ProgrammeYears,
		ProgrammeLevels:   slices.Clone(c.ProgrammeLevels),
		ProgrammeEvidence: slices.Clone(c.ProgrammeEvidence),
		SurveyYears:       c.SurveyYears,
		MinSurveyPoints:   c.MinSurveyPoints,
		StableChange:      c.StableChange,
		CoverageMonths:    c.CoverageMonths,
	}
	if err := r.Validate(); err != nil {
		return r, usagef("config %s: progress.%w", a.configPath, err)
	}
	return r, nil
}

func dateOf(sc mapScope) string {
	return sc.on.Format("2006-01-02")
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

func writeProgressText(w io.Writer, ps []mapping.JurisdictionProgress, sc mapScope) {
	fmt.Fprintf(w, "Progress towards elimination on %s: %s\n\n", dateOf(sc), sc.describe())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(progressCSVHeader, "\t")))
	for _, p := range ps {
		cells := []string{p.Jurisdiction, oneLine(p.Name)}
		for _, s := range p.Steps {
			cells = append(cells, string(s.Level))
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	for _, p := range ps {
		fmt.Fprintf(w, "\n%s %s: %s\n", p.Jurisdiction, oneLine(p.Name), mapping.CategoryLabel(p.Category))
		for _, s := range p.Steps {
			fmt.Fprintf(w, "  %s: %s. %s.\n", s.Step, s.Level, oneLine(capitalFirst(s.Reason)))
			if s.Gap != "" {
				fmt.Fprintf(w, "    gap: %s\n", oneLine(s.Gap))
			}
			for _, e := range s.Evidence {
				fmt.Fprintf(w, "    evidence: %s\n", evidenceLine(e))
			}
		}
	}
}

func writeProgressMarkdown(w io.Writer, ps []mapping.JurisdictionProgress, sc mapScope) {
	e := exports.MarkdownText
	fmt.Fprintf(w, "# Progress towards elimination on %s\n\n%s.\n\n", dateOf(sc), e(capitalFirst(sc.describe())))
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range mapping.Steps {
		fmt.Fprintf(w, " %s |", e(capitalFirst(strings.ReplaceAll(string(s), "_", " "))))
	}
	fmt.Fprint(w, "\n|---|"+strings.Repeat("---|", len(mapping.Steps))+"\n")
	for _, p := range ps {
		fmt.Fprintf(w, "| %s (%s) |", e(p.Name), p.Jurisdiction)
		for _, s := range p.Steps {
			fmt.Fprintf(w, " %s |", e(mapping.LevelLabel(s.Level)))
		}
		fmt.Fprintln(w)
	}
	for _, p := range ps {
		fmt.Fprintf(w, "\n## %s (%s): %s\n\n", e(p.Name), p.Jurisdiction, e(mapping.CategoryLabel(p.Category)))
		for _, s := range p.Steps {
			fmt.Fprintf(w, "- **%s: %s.** %s.", e(mapping.StepLabel(s.Step)), e(mapping.LevelLabel(s.Level)), e(capitalFirst(s.Reason)))
			if s.Gap != "" {
				fmt.Fprintf(w, " Gap: %s.", e(s.Gap))
			}
			fmt.Fprintln(w)
			for _, ev := range s.Evidence {
				fmt.Fprintf(w, "  - %s\n", e(evidenceLine(ev)))
			}
		}
	}
}
