package main

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

// timelineCSVHeader is the header of cpmap timeline --format csv.
var timelineCSVHeader = []string{"date", "from_adopted", "jurisdiction", "name", "setting", "from", "to", "provision_id", "instrument", "provision", "source", "kind"}

func newTimelineCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "timeline",
		Short: "List every change of legal status, in date order, with its source",
		Long: `timeline lists every change of legal status up to the --as-of date (default
today): each dated provision taking effect (from its in_force date, or its
adoption date, marked "adopted", when in_force is not recorded), and each status
that ended with nothing recorded after it. Each change names the status before
and after, the law and the source. A new provision with the same status (a
clarification) is listed too. Provisions without dates are no change.

The jurisdictions are the members of --group on the as-of date (default from
config.yaml), every jurisdiction with --all, or one with --jurisdiction.`,
		Example: `  cpmap timeline
  cpmap timeline --jurisdiction NO
  cpmap timeline --all --format csv`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "text", "text", "csv", "json", "md")
	mf := addMapFlags(cmd, true)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		changes := []mapping.Change{}
		for _, c := range mapping.Timeline(ds, sc.codes) {
			if !c.Date.Start().After(sc.on) {
				changes = append(changes, c)
			}
		}
		var buf bytes.Buffer
		switch *format {
		case "csv":
			err = writeTimelineCSV(&buf, changes)
		case "json":
			err = writeJSON(&buf, struct {
				AsOf    string           `json:"as_of"`
				Group   string           `json:"group,omitempty"`
				Changes []mapping.Change `json:"changes"`
			}{dateOf(sc), sc.group, changes})
		case "md":
			writeTimelineMarkdown(&buf, changes, sc)
		default:
			writeTimelineText(&buf, changes, sc)
		}
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(buf.Bytes())
		return err
	}
	return cmd
}

// changeSource is the source a timeline entry rests on.
func changeSource(c mapping.Change) string {
	if c.Commitment != nil {
		return c.Commitment.Source
	}
	return c.Provision.Source
}

func changeDate(c mapping.Change) string {
	if c.FromAdopted {
		return c.Date.String() + " (adopted)"
	}
	return c.Date.String()
}

// changeWhat says what a timeline entry records: "a → b" for a change of
// status, "still a (restated)" for a restatement, and the commitment.
func changeWhat(c mapping.Change, label func(dataset.Status) string) string {
	switch c.Kind {
	case mapping.CommitmentMade:
		return "committed to full prohibition"
	case mapping.Restated:
		return "still " + label(c.To) + " (restated)"
	}
	return label(c.From) + " → " + label(c.To)
}

func changeLaw(c mapping.Change) string {
	var parts []string
	for _, p := range []string{c.Provision.Instrument, c.Provision.Provision} {
		if p != "" {
			parts = append(parts, oneLine(p))
		}
	}
	return strings.Join(parts, ", ")
}

func writeTimelineCSV(w io.Writer, cs []mapping.Change) error {
	records := [][]string{timelineCSVHeader}
	for _, c := range cs {
		records = append(records, []string{
			c.Date.String(), fmt.Sprint(c.FromAdopted), c.Jurisdiction, c.Name, string(c.Setting),
			string(c.From), string(c.To), c.Provision.ID, c.Provision.Instrument, c.Provision.Provision, changeSource(c), string(c.Kind),
		})
	}
	return writeCSV(w, records)
}

func writeTimelineText(w io.Writer, cs []mapping.Change, sc mapScope) {
	fmt.Fprintf(w, "Changes of legal status up to %s: %s\n\n", dateOf(sc), sc.describe())
	if len(cs) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tJURISDICTION\tSETTING\tCHANGE\tLAW\tEVIDENCE")
	for _, c := range cs {
		code := func(s dataset.Status) string { return string(s) }
		evidence := c.Provision.ID + "; source " + changeSource(c)
		if c.Provision.ID == "" {
			evidence = "source " + changeSource(c)
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\t%s\n",
			changeDate(c), c.Jurisdiction, oneLine(c.Name), c.Setting, changeWhat(c, code), changeLaw(c), evidence)
	}
	tw.Flush()
}

func writeTimelineMarkdown(w io.Writer, cs []mapping.Change, sc mapScope) {
	e := exports.MarkdownText
	fmt.Fprintf(w, "# Changes of legal status up to %s\n\n%s.\n\n", dateOf(sc), e(capitalFirst(sc.describe())))
	if len(cs) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return
	}
	fmt.Fprint(w, "| Date | Jurisdiction | Setting | Change | Law | Provision | Source |\n|---|---|---|---|---|---|---|\n")
	for _, c := range cs {
		fmt.Fprintf(w, "| %s | %s (%s) | %s | %s | %s | %s | %s |\n",
			e(changeDate(c)), e(c.Name), c.Jurisdiction, e(mapping.SettingLabel(c.Setting)),
			e(changeWhat(c, mapping.StatusLabel)), e(changeLaw(c)), e(c.Provision.ID), e(changeSource(c)))
	}
}
