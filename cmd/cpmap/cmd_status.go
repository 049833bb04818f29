package main

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/importers"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

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
	format := formatFlag(cmd, "text", exports.StatusFormats...)
	mf := addMapFlags(cmd, false)
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ds, sc, err := a.loadScope(cmd, mf)
		if err != nil {
			return err
		}
		ix := mapping.NewIndex(ds)
		dd := ix.DataDate(sc.codes)
		v := exports.StatusView{Matrix: ix.Status(sc.codes, sc.on), Group: sc.group, Scope: sc.describe(), DataDate: &dd}
		var buf bytes.Buffer
		if err := exports.WriteStatus(&buf, v, *format); err != nil {
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
		cmd.Flags().StringVar(&f.jurisdiction, "jurisdiction", "", "show only this jurisdiction: an ISO 3166-1 code (SE) or a country name (Sweden)")
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

// parseJurisdiction returns the code of --jurisdiction: an ISO 3166-1
// code, upper-cased, or the code of a country name the importers' country
// synonyms know (Poland, Polska, Sverige), or a usage error that suggests
// the nearest name.
func parseJurisdiction(s string) (string, error) {
	return jurisdictionOf("--jurisdiction", s)
}

// jurisdictionOf resolves one jurisdiction given to flag, as
// parseJurisdiction says.
func jurisdictionOf(flag, s string) (string, error) {
	t := strings.TrimSpace(s)
	if code := strings.ToUpper(t); jurisdictionCode.MatchString(code) {
		return code, nil
	}
	if code, ok := importers.Country(t); ok {
		return code, nil
	}
	if name, code, ok := importers.SuggestCountry(t); ok {
		return "", usagef("%s %q: no country of that name or code; did you mean %s (%s)?", flag, s, name, code)
	}
	return "", usagef("%s %q: give an ISO 3166-1 code such as SE or a country name such as Sweden", flag, s)
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
