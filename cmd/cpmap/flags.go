package main

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"
)

// formatFlag adds --format with the allowed values and returns the chosen one.
func formatFlag(cmd *cobra.Command, def string, allowed ...string) *string {
	p := new(string)
	cmd.Flags().StringVar(p, "format", def, "output format: "+strings.Join(allowed, ", "))
	cmd.PreRunE = chainPreRun(cmd.PreRunE, func(cmd *cobra.Command, args []string) error {
		if !slices.Contains(allowed, *p) {
			return usagef("--format %q: use one of %s", *p, strings.Join(allowed, ", "))
		}
		return nil
	})
	return p
}

func chainPreRun(first, then func(*cobra.Command, []string) error) func(*cobra.Command, []string) error {
	if first == nil {
		return then
	}
	return func(cmd *cobra.Command, args []string) error {
		if err := first(cmd, args); err != nil {
			return err
		}
		return then(cmd, args)
	}
}
