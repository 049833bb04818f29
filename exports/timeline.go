package exports

import (
	"fmt"
	"io"
	"strings"

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
	// DataDate is the date of the data (mapping.Index.DataDate); nil to
	// leave the line about it out.
	DataDate *mapping.DataDate
	// Source finds a cited source by id, for the references; nil when none
	// is known.
	Source func(id string) (mapping.SourceRef, bool)
	// Name names a jurisdiction by code (mapping.Index.Name), for those
	// without a change to take the name from; nil to use the changes only.
	Name func(code string) string
}

// name names a jurisdiction of the view by code.
func (v TimelineView) name(code string) string {
	if v.Name != nil {
		return oneLine(v.Name(code))
	}
	for _, c := range v.Changes {
		if c.Jurisdiction == code {
			return oneLine(c.Name)
		}
	}
	return code
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

// changeWhat says in words what a timeline entry records: "not prohibited
// → prohibited" for a change of status, the restatement, the end of a
// status, and the commitment.
func changeWhat(c mapping.Change) string {
	switch c.Kind {
	case mapping.CommitmentMade:
		what := "the government committed itself to full prohibition"
		if c.Commitment != nil && !c.Commitment.Until.IsZero() {
			what += " (until " + c.Commitment.Until.String() + ")"
		}
		return what
	case mapping.Restated:
		return "still " + mapping.StatusLabel(c.To) + "; the law was re-enacted or strengthened"
	case mapping.StatusEnded:
		return mapping.StatusLabel(c.From) + " ended; nothing is recorded after it"
	}
	return mapping.StatusLabel(c.From) + " → " + mapping.StatusLabel(c.To)
}

// changePlace says where a timeline entry applies: "Sweden, home", or the
// jurisdiction alone for a commitment.
func changePlace(c mapping.Change) string {
	if c.Setting == "" {
		return oneLine(c.Name)
	}
	return oneLine(c.Name) + ", " + mapping.SettingLabel(c.Setting)
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
	textHead(w, fmt.Sprintf("Changes of legal status up to %s", v.AsOf), v.Scope, v.DataDate, v.name)
	if len(v.Changes) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return nil
	}
	width := 0
	for _, c := range v.Changes {
		width = max(width, len([]rune(changeDate(c))))
	}
	indent := strings.Repeat(" ", width+2)
	r := newRefs(v.Source)
	for _, c := range v.Changes {
		date := changeDate(c)
		first := date + strings.Repeat(" ", width+2-len([]rune(date)))
		line := changePlace(c) + ": " + changeWhat(c)
		if cite := r.cite(changeSource(c)); cite != "" {
			line += " " + cite
		}
		fmt.Fprint(w, wrap(first, indent, line))
		if law := changeLaw(c); law != "" {
			fmt.Fprint(w, wrap(indent, indent, law))
		}
	}
	if list := r.list(); len(list) > 0 {
		fmt.Fprint(w, "\nReferences:\n"+textRefs(list))
	}
	return nil
}

func writeTimelineMarkdown(w io.Writer, v TimelineView) error {
	e := mdText
	mdHead(w, fmt.Sprintf("Changes of legal status up to %s", v.AsOf), v.Scope, v.DataDate, v.name)
	if len(v.Changes) == 0 {
		fmt.Fprintln(w, "No dated change is recorded.")
		return nil
	}
	r := newRefs(v.Source)
	fmt.Fprint(w, "| Date | Jurisdiction | Setting | Change | Law | Source |\n|---|---|---|---|---|---|\n")
	for _, c := range v.Changes {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n",
			e(changeDate(c)), e(oneLine(c.Name)), e(mapping.SettingLabel(c.Setting)),
			e(changeWhat(c)), e(changeLaw(c)), e(r.cite(changeSource(c))))
	}
	if list := r.list(); len(list) > 0 {
		fmt.Fprint(w, "\n## References\n\n"+mdRefs(list))
	}
	return nil
}
