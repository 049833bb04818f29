package main

import (
	"bytes"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

func newTimelineCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "List every change of legal status, in date order, with its source",
		Long: `timeline lists every change of legal status up to the --as-of date (default
today): each dated provision taking effect (from its in_force date, or its
adoption date, marked "adopted", when in_force is not recorded), and each status
that ended with nothing recorded after it, and each commitment to full
prohibition. Each change names the status before and after, the law and the
source; before a setting's first dated ban the status was not prohibited. A new
provision with the same status is listed as restated (re-enacted, clarified or
strengthened), not as a change. Provisions without dates are no change.

The jurisdictions are the members of --group on the as-of date (default from
config.yaml), every jurisdiction with --all, or one with --jurisdiction.`,
		Example: `  cpmap timeline
  cpmap timeline --jurisdiction NO
  cpmap timeline --all --format csv`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "text", exports.TimelineFormats...)
	mf := addMapFlags(cmd, true)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		changes := []mapping.Change{}
		ix := mapping.NewIndex(ds)
		for _, c := range ix.Timeline(sc.codes) {
			if !c.Date.Start().After(sc.on) {
				changes = append(changes, c)
			}
		}
		dd := ix.DataDate(sc.codes)
		v := exports.TimelineView{AsOf: dataset.DateOf(sc.on), Group: sc.group, Scope: sc.describe(), Changes: changes, DataDate: &dd, Source: ix.Source, Name: ix.Name}
		var buf bytes.Buffer
		if err := exports.WriteTimeline(&buf, v, *format); err != nil {
			return err
		}
		_, err = a.stdout.Write(buf.Bytes())
		return err
	}
	return cmd
}
