package main

import (
	"bytes"
	"slices"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

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
	format := formatFlag(cmd, "text", exports.ProgressFormats...)
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
		ix := mapping.NewIndex(ds)
		dd := ix.DataDate(sc.codes)
		v := exports.ProgressView{
			AsOf: dataset.DateOf(sc.on), Group: sc.group, Scope: sc.describe(),
			Rubric: r, Progress: ix.Progress(sc.codes, sc.on, r), DataDate: &dd, Source: ix.Source,
		}
		var buf bytes.Buffer
		if err := exports.WriteProgress(&buf, v, *format); err != nil {
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
