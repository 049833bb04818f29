package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/spf13/cobra"
)

func newExportCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export --out FILE",
		Short: "Write the whole dataset as one xlsx workbook or JSON file",
		Long: `export writes the dataset (--data, default from config.yaml) as one file.

xlsx: a sheet per table, named as the table, with the data package's exact
column names as a frozen, filterable header row. Integers and percents are
number cells; dates, lists and everything else are text in their stored form
(a date is never turned into an Excel date, so 1979 stays 1979). A text cell
that a spreadsheet program could run as a formula (starting with = + - @, a
tab or a line break) is written with an apostrophe in front; cpmap's
importers remove it again.

json: one object keyed by table name, each an array of records with the
exact column names; integers and percents are numbers, booleans true/false,
lists arrays, missing values null, text exactly as stored.

The format is --format, or json when --out ends in .json and --format is not
given. The file is written atomically; --out - writes to standard output.
A dataset that cannot be loaded without errors is refused: its problems are
printed and export exits 1.`,
		Example: `  cpmap export --out cpmap.xlsx
  cpmap export --out cpmap.json
  cpmap export --data data --format json --out - | jq '.provisions | length'`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "xlsx", "xlsx", "json")
	cmd.Flags().StringVar(&out, "out", "", "file to write (required); - for standard output")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if out == "" {
			return usagef("export needs --out FILE (- for standard output)")
		}
		if !cmd.Flags().Changed("format") && strings.EqualFold(filepath.Ext(out), ".json") {
			*format = "json"
		}
		ds, err := a.loadCleanDataset(a.cfg.Data)
		if err != nil {
			return err
		}
		var buf bytes.Buffer
		if *format == "json" {
			err = exports.WriteDatasetJSON(&buf, ds)
		} else {
			err = exports.WriteDatasetXLSX(&buf, ds)
		}
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if out == "-" {
			_, err := a.stdout.Write(buf.Bytes())
			return err
		}
		if err := dataset.WriteFileAtomic(out, buf.Bytes()); err != nil {
			return fmt.Errorf("cannot write %s: %w", out, err)
		}
		records := 0
		for _, t := range dataset.Tables() {
			records += t.Len(ds)
		}
		_, err = fmt.Fprintf(a.stderr, "wrote %s: %d tables, %d records\n", out, len(dataset.Tables()), records)
		return err
	}
	return cmd
}

// loadCleanDataset loads the data package in dir for a command that reports
// on it. A dataset with load errors (unreadable files, bad cells) is
// refused: its problems go to stderr and the error exits 1 with nothing more
// to print.
func (a *app) loadCleanDataset(dir string) (*dataset.Dataset, error) {
	ds, ps, err := dataset.Load(dir)
	if err != nil {
		return nil, err
	}
	if ps.HasErrors() {
		if err := dataset.WriteText(a.stderr, ps); err != nil {
			return nil, err
		}
		fmt.Fprintf(a.stderr, "cpmap: %s: %d errors; fix them first (cpmap validate --data %s)\n", dir, ps.Count(dataset.Error), dir)
		return nil, fmt.Errorf("%s has errors: %w", dir, errProblems)
	}
	return ds, nil
}
