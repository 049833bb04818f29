package main

import (
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/spf13/cobra"
)

func newValidateCmd(a *app) *cobra.Command {
	var strict bool
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the dataset and report every problem with its position",
		Long: `validate reads the data package (--data, default from config.yaml) and checks
every cell, key, reference and date against the dataset contract
(docs/schema.md). Each problem is printed as one line,
"position: severity code: message", sorted by position.

Exit 0 when there are no errors (warnings alone are fine), 1 when there are.`,
		Example: `  cpmap validate
  cpmap validate --data testdata/valid --format json
  cpmap validate --strict`,
		Args: noArgs,
	}
	format := formatFlag(cmd, "text", "text", "json")
	cmd.Flags().BoolVar(&strict, "strict", false, "treat warnings as errors")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		ds, ps := a.check(strict)
		var err error
		if *format == "json" {
			err = dataset.WriteJSON(a.stdout, ps, dataset.StatsOf(ds))
		} else {
			err = dataset.WriteText(a.stdout, ps)
			if err == nil && len(ps) == 0 {
				_, err = a.stdout.Write([]byte("no problems\n"))
			}
		}
		if err != nil {
			return err
		}
		if ps.HasErrors() {
			return errProblems
		}
		return nil
	}
	return cmd
}

// check loads the dataset of the configuration and validates it: the problems
// of the files and of the contract, merged so that a bad cell is reported
// once. With strict, warnings become errors. A dataset that cannot be read at
// all is one file-error problem.
func (a *app) check(strict bool) (*dataset.Dataset, dataset.Problems) {
	ds, ps, err := dataset.Load(a.cfg.Data)
	if err != nil {
		return nil, dataset.Problems{{Code: dataset.CodeFile, Severity: dataset.Error,
			Pos: dataset.Pos{File: a.cfg.Data}, Message: strings.TrimPrefix(err.Error(), a.cfg.Data+": ")}}
	}
	// What an interrupted writer left in the folder is reported too.
	ps = append(ps, dataset.Leftovers(a.cfg.Data)...)
	ps = ps.Merge(ds.Validate(a.validateOptions()))
	if strict {
		for i := range ps {
			ps[i].Severity = dataset.Error
		}
	}
	return ds, ps
}

func (a *app) validateOptions() dataset.ValidateOptions {
	return dataset.ValidateOptions{
		Now:            a.now(),
		MaxVerifiedAge: time.Duration(a.cfg.Validate.MaxVerifiedAgeDays) * 24 * time.Hour,
	}
}
