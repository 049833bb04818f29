package main

import (
	"fmt"
	"path/filepath"

	"github.com/cpmap/cpmap/charts"
	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

func newChartsCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "charts [--as-of DATE] [--group G] --out DIR",
		Short: "Write interactive chart pages that open offline and print in black and white",
		Long: `charts writes interactive chart pages into a folder (--out, default
charts/ under the out folder of config.yaml): index.html and one page per chart,

  status-matrix.html        legal status of each jurisdiction in the six settings
  road-to-prohibition.html  when each state prohibited in all settings, the
                            count of states and the share of children protected
  progress.html             the five steps towards elimination
  survey-trends.html        one line per survey series, per indicator
  measures.html             campaigns, action plans, programmes by year
  region-map.html           the region coloured by category

with the licence files of Apache ECharts beside them. Each page holds the
ECharts script and the map itself and fetches nothing: it opens from a USB
stick or an e-mail attachment without an internet connection. Statuses are
labelled in words and patterned, and each chart is followed by its data as a
table and its sources, so that pages read in print and with screen readers.

The charts answer for the --as-of date (default today) and the members of
--group on that date (default from config.yaml), or every jurisdiction with
--all. Progress is judged by the rubric of config.yaml (progress:).`,
		Example: `  cpmap charts --out out/charts
  cpmap charts --as-of 2020-01-01 --group CBSS --out charts-2020
  cpmap charts --all --out all-charts`,
		Args: noArgs,
	}
	mf := addMapFlags(cmd, false)
	cmd.Flags().StringVar(&out, "out", "", "folder to write the pages into (default: charts under the out folder of config.yaml)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if out == "" {
			out = filepath.Join(a.cfg.Out, "charts")
		}
		r, err := a.rubric()
		if err != nil {
			return err
		}
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		in := chartsInput(ds, sc, r)
		pages, err := charts.Pages(in)
		if err != nil {
			return err
		}
		if err := charts.Write(out, pages, in.Meta); err != nil {
			return err
		}
		n := 0
		for _, p := range pages {
			n += len(p.Charts)
		}
		_, err = fmt.Fprintf(a.stderr, "wrote %s: index.html and %d pages, %d charts, as of %s (%s)\n",
			out, len(pages), n, dateOf(sc), sc.describe())
		return err
	}
	return cmd
}

// chartsInput asks mapping everything the chart pages draw. The road to
// prohibition is the status at the end of every year from the first change
// of legal status recorded (charts.Road leaves out the years before the
// first full prohibition).
func chartsInput(ds *dataset.Dataset, sc mapScope, r mapping.Rubric) charts.Input {
	ix := mapping.NewIndex(ds)
	first := sc.on.Year()
	for _, c := range ix.Timeline(sc.codes) {
		if y := c.Date.Year(); y > 0 && y < first {
			first = y
		}
	}
	var history []mapping.Matrix
	for _, d := range charts.RoadDates(first, sc.on) {
		history = append(history, ix.Status(sc.codes, d))
	}
	return charts.Input{
		Meta:     charts.Meta{AsOf: dataset.DateOf(sc.on), Group: sc.group, Index: ix},
		Matrix:   ix.Status(sc.codes, sc.on),
		History:  history,
		Progress: ix.Progress(sc.codes, sc.on, r),
		Trends:   ix.Trends(sc.codes, sc.on, r.StableChange),
		Measures: ix.Measures(sc.codes, sc.on),
	}
}
