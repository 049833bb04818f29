package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/spf13/cobra"
)

func newTemplateCmd(a *app) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "template --out FILE.xlsx",
		Short: "Write the workbook national researchers fill in for cpmap import",
		Long: `template writes an .xlsx workbook to fill in and give to cpmap import: an
Instructions sheet, then one sheet per table of the dataset, named after it,
with its exact column names as the header. Each header has a comment saying
what the column holds; coded columns have drop-down lists (country codes from
a hidden "lists" sheet); date columns are formatted as text, so that 1979 or
07/1979 stays as typed. Importing the untouched template imports nothing.`,
		Example: `  cpmap template --out cpmap-template.xlsx
  cpmap import cpmap-template.xlsx`,
		Args: noArgs,
	}
	cmd.Flags().StringVar(&out, "out", "", "the workbook to write (.xlsx)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if out == "" {
			return usagef("template: --out FILE.xlsx is required")
		}
		if !strings.HasSuffix(strings.ToLower(out), ".xlsx") {
			return usagef("template: --out %q: the file name must end in .xlsx", out)
		}
		var buf bytes.Buffer
		if err := importers.WriteTemplate(&buf); err != nil {
			return err
		}
		if err := dataset.WriteFileAtomic(out, buf.Bytes()); err != nil {
			return fmt.Errorf("template: %w", err)
		}
		_, err := fmt.Fprintf(a.stdout, "wrote %s\n", out)
		return err
	}
	return cmd
}
