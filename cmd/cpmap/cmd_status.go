package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

// statusCSVHeader is the exact header of cpmap status --format csv.
var statusCSVHeader = []string{"jurisdiction", "name", "home", "alternative_care", "day_care", "school", "penal_institution", "sentence", "category", "committed"}

func newStatusCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the legal status of every setting, jurisdiction by jurisdiction, on a date",
		Long: `status prints the matrix of legal status: for each jurisdiction and setting, the
status in force on the --as-of date (default today), from the provisions'
timelines, with the jurisdiction's category as the Global Initiative's map uses
them (all_settings, committed, some_settings, none) and whether a commitment to
full prohibition is current. Only "prohibited" counts as prohibition.

A status is "unknown" before the first recorded period and "uncertain" when the
date falls within an imprecise date of the record (1979-03-01 against "1979").
Notes list every such cell, laws adopted but not yet in force, and facts without
dates or confirmation, with the provisions they rest on.

The rows are the members of --group on the as-of date (default from
config.yaml), or every jurisdiction with --all.`,
		Example: `  cpmap status
  cpmap status --as-of 2010-01-01
  cpmap status --all --format csv
  cpmap status --group CBSS --format md`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "text", "text", "csv", "json", "md")
	mf := addMapFlags(cmd, false)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		m := mapping.Status(ds, sc.codes, sc.on)
		var buf bytes.Buffer
		switch *format {
		case "csv":
			err = writeStatusCSV(&buf, m)
		case "json":
			err = writeJSON(&buf, struct {
				Group string `json:"group,omitempty"`
				mapping.Matrix
			}{sc.group, m})
		case "md":
			writeStatusMarkdown(&buf, m, sc)
		default:
			writeStatusText(&buf, m, sc)
		}
		if err != nil {
			return err
		}
		_, err = a.stdout.Write(buf.Bytes())
		return err
	}
	return cmd
}

// mapFlags are the flags the mapping commands share.
type mapFlags struct {
	asOf         string
	group        string
	all          bool
	jurisdiction string
}

// addMapFlags adds --as-of, --group and --all, and --jurisdiction when
// withJurisdiction.
func addMapFlags(cmd *cobra.Command, withJurisdiction bool) *mapFlags {
	f := &mapFlags{}
	cmd.Flags().StringVar(&f.asOf, "as-of", "", "the day to answer for, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&f.group, "group", "", "show the members of this group on the as-of date (default from config: group)")
	cmd.Flags().BoolVar(&f.all, "all", false, "show every jurisdiction of the dataset, whatever its groups")
	if withJurisdiction {
		cmd.Flags().StringVar(&f.jurisdiction, "jurisdiction", "", "show only this jurisdiction (ISO 3166-1 alpha-2 code, e.g. SE)")
	}
	return f
}

// mapScope is what a mapping command answers for: a day and jurisdictions.
type mapScope struct {
	on    time.Time
	group string // the group the codes are members of; "" for --all or --jurisdiction
	codes []string
	other []string // the dataset's jurisdictions outside the group on that day
}

// describe says in words what the scope covers.
func (s mapScope) describe() string {
	switch {
	case s.group != "" && len(s.other) > 0:
		return fmt.Sprintf("members of %s on that day (%d); not shown: %s (use --all)", s.group, len(s.codes), strings.Join(s.other, ", "))
	case s.group != "":
		return fmt.Sprintf("members of %s on that day (%d)", s.group, len(s.codes))
	case len(s.codes) == 1:
		return s.codes[0]
	}
	return fmt.Sprintf("all jurisdictions (%d)", len(s.codes))
}

var jurisdictionCode = regexp.MustCompile(`^[A-Z]{2}$`)

// parseJurisdiction returns the code of --jurisdiction, upper-cased, or a
// usage error when it is not two letters.
func parseJurisdiction(s string) (string, error) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if !jurisdictionCode.MatchString(code) {
		return "", usagef("--jurisdiction %q: give an ISO 3166-1 alpha-2 code such as SE", s)
	}
	return code, nil
}

// asOfDay returns the day of --as-of, or today by the app's clock.
func (a *app) asOfDay(s string) (time.Time, error) {
	if s == "" {
		return dataset.DateOf(a.now().UTC()).Start(), nil
	}
	d, err := dataset.ParseDate(s)
	if err != nil || d.Precision() != dataset.PrecisionDay {
		return time.Time{}, usagef("--as-of %q: give a day as YYYY-MM-DD", s)
	}
	return d.Start(), nil
}

// resolveScope turns the shared flags into a day and jurisdictions.
func (a *app) resolveScope(cmd *cobra.Command, f *mapFlags, ds *dataset.Dataset) (mapScope, error) {
	on, err := a.asOfDay(f.asOf)
	if err != nil {
		return mapScope{}, err
	}
	sc := mapScope{on: on}
	if f.all && cmd.Flags().Changed("group") {
		return sc, usagef("--all and --group exclude each other")
	}
	if f.jurisdiction != "" {
		code, err := parseJurisdiction(f.jurisdiction)
		if err != nil {
			return sc, err
		}
		if !slices.ContainsFunc(ds.Jurisdictions, func(j dataset.Jurisdiction) bool { return j.Code == code }) {
			return sc, usagef("--jurisdiction %s: no such jurisdiction in the dataset %s", code, a.cfg.Data)
		}
		sc.codes = []string{code}
		return sc, nil
	}
	if !f.all {
		sc.group = f.group
		if sc.group == "" {
			sc.group = a.cfg.Group
		}
	}
	sc.codes = mapping.Select(ds, sc.group, on)
	if sc.group != "" {
		for _, j := range ds.Jurisdictions {
			if !slices.Contains(sc.codes, j.Code) {
				sc.other = append(sc.other, j.Code)
			}
		}
		slices.Sort(sc.other)
	}
	if len(sc.codes) == 0 {
		if sc.group == "" {
			return sc, usagef("the dataset %s has no jurisdictions", a.cfg.Data)
		}
		groups := strings.Join(mapping.Groups(ds), ", ")
		if groups == "" {
			groups = "none"
		}
		return sc, usagef("no jurisdiction is a member of %q on %s (groups in the dataset: %s); use --all for every jurisdiction",
			sc.group, dataset.DateOf(on), groups)
	}
	return sc, nil
}

// loadScope loads the dataset of the configuration and resolves the
// jurisdictions and day the mapping flags ask for.
func (a *app) loadScope(cmd *cobra.Command, f *mapFlags) (*dataset.Dataset, mapScope, error) {
	ds, err := a.loadMapData()
	if err != nil {
		return nil, mapScope{}, err
	}
	sc, err := a.resolveScope(cmd, f, ds)
	return ds, sc, err
}

// loadMapData loads the dataset of the configuration; problems reading it
// are printed and end the command with exit 1.
func (a *app) loadMapData() (*dataset.Dataset, error) {
	ds, ps, err := dataset.Load(a.cfg.Data)
	if err != nil {
		return nil, err
	}
	if ps.HasErrors() {
		if err := dataset.WriteText(a.stderr, ps); err != nil {
			return nil, err
		}
		return nil, errProblems
	}
	return ds, nil
}

// writeJSON writes v as indented JSON.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCSV writes the records, every cell guarded against formula injection.
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	for _, r := range records {
		if err := cw.Write(exports.SafeRecord(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// oneLine collapses the white space of a dataset text, so that it cannot
// break a line of text output.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func writeStatusCSV(w io.Writer, m mapping.Matrix) error {
	records := [][]string{statusCSVHeader}
	for _, r := range m.Rows {
		rec := []string{r.Jurisdiction, r.Name}
		for _, c := range r.Cells {
			rec = append(rec, string(c.Status))
		}
		rec = append(rec, string(r.Category), fmt.Sprint(r.Committed))
		records = append(records, rec)
	}
	return writeCSV(w, records)
}

// cellNotes lists in words what a reader should know about a cell, citing
// the provisions it rests on.
func cellNotes(c mapping.Cell) []string {
	var notes []string
	var ids []string
	for _, p := range c.Provisions {
		ids = append(ids, p.ID)
	}
	cited := strings.Join(ids, ", ")
	if c.Status == mapping.Uncertain {
		notes = append(notes, fmt.Sprintf("%s (%s)", mapping.CellLabel(c), cited))
	} else if c.Boundary {
		notes = append(notes, fmt.Sprintf("the date falls within an imprecise boundary between %s, with the same status either way", cited))
	}
	var flags []string
	if c.FromAdopted {
		flags = append(flags, "in-force date not recorded, counted from adoption")
	}
	if c.Undated {
		flags = append(flags, "no dates recorded")
	}
	if slices.ContainsFunc(c.Provisions, func(p mapping.ProvisionRef) bool { return p.Unconfirmed }) {
		flags = append(flags, "unconfirmed")
	}
	if len(flags) > 0 {
		notes = append(notes, fmt.Sprintf("%s (%s)", strings.Join(flags, ", "), cited))
	}
	for _, p := range c.Pending {
		notes = append(notes, fmt.Sprintf("%s adopted %s, in force %s (%s)", mapping.StatusLabel(p.Status), p.Adopted, p.InForce, p.ID))
	}
	return notes
}

// childShareText says how many children live under full prohibition.
func childShareText(cs mapping.ChildShare, rows int) string {
	if cs.Counted == 0 {
		return fmt.Sprintf("Share of children under full prohibition: not known; no child population is recorded for any of the %d jurisdictions.", rows)
	}
	s := fmt.Sprintf("Children under full prohibition: %.1f%% (%d of %d children in the %d jurisdictions with a recorded child population",
		cs.Percent, cs.Protected, cs.Total, cs.Counted)
	if n := len(cs.MissingPopulation); n > 0 {
		s += fmt.Sprintf("; %d without one: %s", n, strings.Join(cs.MissingPopulation, ", "))
	}
	return s + ")."
}

func writeStatusText(w io.Writer, m mapping.Matrix, sc mapScope) {
	fmt.Fprintf(w, "Legal status on %s: %s\n\n", m.AsOf, sc.describe())
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.ToUpper(strings.Join(statusCSVHeader, "\t")))
	var notes []string
	for _, r := range m.Rows {
		cells := []string{r.Jurisdiction, oneLine(r.Name)}
		for _, c := range r.Cells {
			v := string(c.Status)
			if cn := cellNotes(c); len(cn) > 0 {
				v += "*"
				notes = append(notes, fmt.Sprintf("%s %s: %s", r.Jurisdiction, c.Setting, strings.Join(cn, "; ")))
			}
			cells = append(cells, v)
		}
		cat := string(r.Category)
		if r.CategoryUncertain {
			cat += "?"
			notes = append(notes, fmt.Sprintf("%s: an uncertain setting could change the category", r.Jurisdiction))
		}
		committed := "no"
		if r.Committed {
			committed = "since " + r.Commitment.From.String()
		}
		cells = append(cells, cat, committed)
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	tw.Flush()
	fmt.Fprintf(w, "\n%s\n", childShareText(m.Children, len(m.Rows)))
	if len(notes) > 0 {
		fmt.Fprintf(w, "\nNotes (* in the table):\n")
		for _, n := range notes {
			fmt.Fprintf(w, "  %s\n", oneLine(n))
		}
	}
}

func writeStatusMarkdown(w io.Writer, m mapping.Matrix, sc mapScope) {
	e := exports.MarkdownText
	fmt.Fprintf(w, "# Legal status on %s\n\n%s.\n\n", m.AsOf, e(capitalFirst(sc.describe())))
	fmt.Fprint(w, "| Jurisdiction |")
	for _, s := range dataset.Settings {
		fmt.Fprintf(w, " %s |", e(capitalFirst(mapping.SettingLabel(s))))
	}
	fmt.Fprint(w, " Category | Committed |\n|---|")
	fmt.Fprint(w, strings.Repeat("---|", len(dataset.Settings)+2)+"\n")
	var notes []string
	for _, r := range m.Rows {
		fmt.Fprintf(w, "| %s (%s) |", e(r.Name), r.Jurisdiction)
		for _, c := range r.Cells {
			v := e(mapping.StatusLabel(c.Status))
			if cn := cellNotes(c); len(cn) > 0 {
				v += " \\*"
				notes = append(notes, fmt.Sprintf("%s, %s: %s", r.Jurisdiction, mapping.SettingLabel(c.Setting), strings.Join(cn, "; ")))
			}
			fmt.Fprintf(w, " %s |", v)
		}
		cat := e(mapping.CategoryLabel(r.Category))
		if r.CategoryUncertain {
			cat += " (uncertain)"
		}
		committed := "no"
		if r.Committed {
			committed = "since " + r.Commitment.From.String()
		}
		fmt.Fprintf(w, " %s | %s |\n", cat, committed)
	}
	fmt.Fprintf(w, "\n%s\n", e(childShareText(m.Children, len(m.Rows))))
	if len(notes) > 0 {
		fmt.Fprint(w, "\nNotes (\\* in the table):\n\n")
		for _, n := range notes {
			fmt.Fprintf(w, "- %s\n", e(n))
		}
	}
}

// capitalFirst upper-cases the first letter of s.
func capitalFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
