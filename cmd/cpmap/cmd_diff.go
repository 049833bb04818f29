package main

import (
	"bytes"
	"fmt"

	"github.com/cpmap/cpmap/exports"
	"github.com/spf13/cobra"
)

func newDiffCmd(a *app) *cobra.Command {
	var exitCode bool
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show the records added, removed and changed between two datasets",
		Long: `diff compares two datasets (data package folders) record by record, matching
records by primary key, and prints per table the records added and removed
(with their values) and, for a changed record, every field that changed, old
→ new, with the cell it is in on each side. Changes of legal status (a
provision added or removed, or its status changed) come first.

--format text is for reading; md gives Markdown tables; json is stable for
scripts (its fields are documented in exports.WriteDiffJSON).

A dataset that cannot be loaded without errors is refused: its problems are
printed and diff exits 1. Otherwise diff exits 0, changes or not; with
--exit-code it exits 1 when the datasets differ, like git diff --exit-code.`,
		Example: `  cpmap diff data-2025 data
  cpmap diff data-2025 data --format md > changes.md
  cpmap diff data-2025 data --format json
  cpmap diff data-2025 data --exit-code >/dev/null || echo "the dataset changed"`,
		Args: exactArgs(2),
	}
	format := formatFlag(cmd, "text", "text", "md", "json")
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit 1 when the datasets differ, 0 when they do not")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		old, err := a.loadCleanDataset(args[0])
		if err != nil {
			return err
		}
		new, err := a.loadCleanDataset(args[1])
		if err != nil {
			return err
		}
		r := exports.NewDiffReport(old, new, args[0], args[1])
		var buf bytes.Buffer
		switch *format {
		case "md":
			err = exports.WriteDiffMarkdown(&buf, r, 1)
		case "json":
			err = exports.WriteDiffJSON(&buf, r)
		default:
			err = exports.WriteDiffText(&buf, r)
		}
		if err != nil {
			return err
		}
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
		if exitCode && r.Len() > 0 {
			return fmt.Errorf("the datasets differ: %w", errProblems)
		}
		return nil
	}
	return cmd
}
