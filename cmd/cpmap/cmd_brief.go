package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/spf13/cobra"
)

func newBriefCmd(a *app) *cobra.Command {
	var out, since, jurisdictions string
	cmd := &cobra.Command{
		Use:   "brief --out DIR",
		Short: "Write a briefing pack: an overview page, a page per country, charts and a workbook",
		Long: `brief writes a briefing pack into the folder --out, for the --as-of date
(default today):

  index.html, index.md   the overview: the status matrix, where each
                         jurisdiction stands, progress on the five steps, the
                         road to prohibition, survey trends, and links to
                         every page; with --since, what changed
  summary-XX.html, .md   one progress summary per jurisdiction
  briefing.xlsx          the workbook: overview and progress with coloured
                         cells in words, the prohibition timeline and survey
                         trends with charts, a sheet per jurisdiction with
                         facts and sources, sources with links, changes
  charts/                the interactive chart pages
  README.txt             what each file is, the data's date and attribution

Every page works offline and prints on A4. The pack covers the members of
--group on the as-of date (default from config.yaml), every jurisdiction with
--all, or the jurisdictions listed with --jurisdictions. --since names an
earlier dataset folder: the pack then says which laws, campaigns, programmes
and survey results changed since.

The folder is created if needed. Only the pack's own files are written, each
atomically; nothing is deleted, so other files in the folder stay as they are.
A dataset with load errors is refused: its problems are printed and brief
exits 1.`,
		Example: `  cpmap brief --out brief
  cpmap brief --jurisdictions SE,FI,EE --out nordic-baltic
  cpmap brief --group CBSS --since data-2025 --as-of 2026-01-01 --out brief-2026`,
		Args: noArgs,
	}
	mf := addMapFlags(cmd, false)
	cmd.Flags().StringVar(&jurisdictions, "jurisdictions", "", "cover these jurisdictions only: ISO 3166-1 codes or country names separated by commas, e.g. SE,Finland,EE")
	cmd.Flags().StringVar(&since, "since", "", "an earlier dataset folder: say what changed since then")
	cmd.Flags().StringVar(&out, "out", "", "the folder to write the pack into (required; created if needed)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if out == "" {
			return usagef("brief needs --out DIR")
		}
		if jurisdictions != "" && (mf.all || cmd.Flags().Changed("group")) {
			return usagef("--jurisdictions excludes --group and --all")
		}
		r, err := a.rubric()
		if err != nil {
			return err
		}
		ds, err := a.loadCleanDataset(a.cfg.Data)
		if err != nil {
			return err
		}
		opt := exports.BriefOptions{Rubric: r, Now: a.now()}
		if jurisdictions != "" {
			if opt.AsOf, err = a.asOfDay(mf.asOf); err != nil {
				return err
			}
			if opt.Codes, err = parseJurisdictionList(jurisdictions, ds); err != nil {
				return err
			}
		} else {
			// resolveScope checks the group and says what is wrong; the pack
			// selects the same members itself, and names them as a group.
			sc, err := a.resolveScope(cmd, mf, ds)
			if err != nil {
				return err
			}
			opt.AsOf, opt.Group = sc.on, sc.group
		}
		if since != "" {
			if opt.Since, err = a.loadCleanDataset(since); err != nil {
				return err
			}
			opt.SinceName = since
		}
		res, err := exports.WriteBrief(out, ds, opt)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "wrote %d files into %s: %d jurisdictions, data as of %s\nopen %s\n",
			len(res.Files), res.Dir, len(res.Codes), res.AsOf, res.Open)
		return nil
	}
	return cmd
}

// parseJurisdictionList returns the codes of --jurisdictions, upper-cased
// and sorted, or a usage error naming a code that is not two letters or not
// in the dataset.
func parseJurisdictionList(s string, ds *dataset.Dataset) ([]string, error) {
	var codes []string
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		code, err := jurisdictionOf("--jurisdictions", part)
		if err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(ds.Jurisdictions, func(j dataset.Jurisdiction) bool { return j.Code == code }) {
			return nil, usagef("--jurisdictions: %s is not in the dataset", code)
		}
		codes = append(codes, code)
	}
	if len(codes) == 0 {
		return nil, usagef("--jurisdictions: give at least one code, e.g. SE,FI,EE")
	}
	slices.Sort(codes)
	return slices.Compact(codes), nil
}
