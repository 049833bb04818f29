package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/mapping"
	"github.com/spf13/cobra"
)

func newSummaryCmd(a *app) *cobra.Command {
	var (
		jurisdiction, asOf, out string
	)
	cmd := &cobra.Command{
		Use:   "summary --jurisdiction CODE",
		Short: "Write one jurisdiction's progress summary (Markdown or a printable HTML page)",
		Long: `summary writes the progress summary of one jurisdiction on the --as-of date
(default today): its category; the legal status of each setting with the law,
provision, dates and source; each of the five steps towards elimination with
its evidence and gap; survey trends; the changes in the law; data gaps and
unconfirmed facts; the sources cited; and the attribution.

--format md writes Markdown, html one self-contained page (no script, nothing
fetched from elsewhere) that prints on A4, json the summary's data. The summary
goes to standard output, or to --out FILE; when --out names an existing folder
the file is called summary-CODE.md (or .html, .json) inside it.`,
		Example: `  cpmap summary --jurisdiction SE
  cpmap summary --jurisdiction EE --format html --out estonia.html
  cpmap summary --jurisdiction FI --as-of 2015-06-01 --format html --out out/`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "md", "md", "html", "json")
	cmd.Flags().StringVar(&jurisdiction, "jurisdiction", "", "the jurisdiction: an ISO 3166-1 code (SE) or a country name (Sweden, Sverige); required")
	cmd.Flags().StringVar(&asOf, "as-of", "", "the day to answer for, YYYY-MM-DD (default today)")
	cmd.Flags().StringVar(&out, "out", "", "write to this file, or into this folder, instead of standard output")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if jurisdiction == "" {
			return usagef("summary needs --jurisdiction CODE")
		}
		code, err := parseJurisdiction(jurisdiction)
		if err != nil {
			return err
		}
		on, err := a.asOfDay(asOf)
		if err != nil {
			return err
		}
		r, err := a.rubric()
		if err != nil {
			return err
		}
		ds, err := a.loadMapData()
		if err != nil {
			return err
		}
		s, err := mapping.NewIndex(ds).Summarise(code, on, r)
		if err != nil {
			return usagef("--jurisdiction %s: %w", code, err)
		}
		var buf bytes.Buffer
		if *format == "json" {
			err = exports.WriteJSON(&buf, s)
		} else {
			err = exports.WriteSummary(&buf, s, *format)
		}
		if err != nil {
			return err
		}
		if out == "" {
			_, err = a.stdout.Write(buf.Bytes())
			return err
		}
		path, err := summaryPath(out, code, *format)
		if err != nil {
			return err
		}
		if err := dataset.WriteFileAtomic(path, buf.Bytes()); err != nil {
			return fmt.Errorf("summary: %w", err)
		}
		fmt.Fprintf(a.stderr, "wrote %s\n", path)
		return nil
	}
	return cmd
}

// summaryPath returns the file to write: out itself, or, when out is an
// existing folder, the summary's file name (checked by
// exports.SummaryFileName) inside it.
func summaryPath(out, code, format string) (string, error) {
	fi, err := os.Stat(out)
	switch {
	case err == nil && fi.IsDir():
	case err == nil || errors.Is(err, fs.ErrNotExist):
		return out, nil
	default:
		return "", fmt.Errorf("summary: %w", err)
	}
	var name string
	if format == "json" {
		// The same rule as exports.SummaryFileName, for the data format.
		if _, err := exports.SummaryFileName(code, "md"); err != nil {
			return "", err
		}
		name = "summary-" + code + ".json"
	} else if name, err = exports.SummaryFileName(code, format); err != nil {
		return "", err
	}
	return filepath.Join(out, name), nil
}
