package exports

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// TimelineFormats lists the formats of a timeline, the default first.
var TimelineFormats = []string{"text", "csv", "json", "md"}

// TimelineView is a list of changes of legal status as the timeline
// command shows it.
type TimelineView struct {
	// AsOf is the last day the changes may fall on.
	AsOf dataset.Date
	// Group is the group whose members the jurisdictions are; "" for none.
	Group string
	// Scope says in words which jurisdictions these are.
	Scope   string
	Changes []mapping.Change
}

// timelineCSVHeader is the header of the csv format.
var timelineCSVHeader = []string{"date", "from_adopted", "jurisdiction", "name", "setting", "from", "to", "provision_id", "instrument", "provision", "source", "kind"}

// WriteTimeline writes the changes of v to w in format, one of
// TimelineFormats: "text", "csv", "json" or "md" (Markdown).
func WriteTimeline(w io.Writer, v TimelineView, format string) error {
	switch format {
	case "text":
		return writeTimelineText(w, v)
	case "csv":
		return writeTimelineCSV(w, v.Changes)
	case "json":
		changes := v.Changes
		if changes == nil {
			changes = []mapping.Change{}
		}
		return WriteJSON(w, struct {
			AsOf    string           `json:"as_of"`
			Group   string           `json:"group,omitempty"`
			Changes []mapping.Change `json:"changes"`
		}{v.AsOf.String(), v.Group, changes})
	case "md":
		return writeTimelineMarkdown(w, v)
	}
	return fmt.Errorf("timeline format %q: use one of %s", format, strings.Join(TimelineFormats, ", "))
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

// changeSource is the source a timeline entry rests on.
func changeSource(c mapping.Change) string {
	if c.Commitment != nil {
		return c.Commitment.Source
	}
	return c.Provision.Source
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

func writeTimelineText(w io.Writer, v TimelineView) error {
	fmt.Fprintf(w, "Changes of legal status up to %s: %s\n\n", v.AsOf, v.Scope)
	if len(v.Changes) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return nil
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tJURISDICTION\tSETTING\tCHANGE\tLAW\tEVIDENCE")
	for _, c := range v.Changes {
		code := func(s dataset.Status) string { return string(s) }
		evidence := c.Provision.ID + "; source " + changeSource(c)
		if c.Provision.ID == "" {
			evidence = "source " + changeSource(c)
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\t%s\n",
			changeDate(c), c.Jurisdiction, oneLine(c.Name), c.Setting, changeWhat(c, code), changeLaw(c), evidence)
	}
	return tw.Flush()
}

func writeTimelineMarkdown(w io.Writer, v TimelineView) error {
	e := mdText
	fmt.Fprintf(w, "# Changes of legal status up to %s\n\n%s.\n\n", v.AsOf, e(capitalise(v.Scope)))
	if len(v.Changes) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return nil
	}
	fmt.Fprint(w, "| Date | Jurisdiction | Setting | Change | Law | Provision | Source |\n|---|---|---|---|---|---|---|\n")
	for _, c := range v.Changes {
		fmt.Fprintf(w, "| %s | %s (%s) | %s | %s | %s | %s | %s |\n",
			e(changeDate(c)), e(c.Name), c.Jurisdiction, e(mapping.SettingLabel(c.Setting)),
			e(changeWhat(c, mapping.StatusLabel)), e(changeLaw(c)), e(c.Provision.ID), e(changeSource(c)))
	}
	return nil
}
