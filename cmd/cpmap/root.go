package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/spf13/cobra"
)

// app is what every command shares: the configuration, the output streams and
// the clock. It is built once per run; nothing in it is global.
type app struct {
	cfg        Config
	configPath string
	dataFlag   string
	stdout     io.Writer
	stderr     io.Writer
	getenv     func(string) string
	now        func() time.Time
	// isTerminal reports whether a writer is a terminal, where progress
	// is drawn (drawsProgress; tests inject their own).
	isTerminal func(io.Writer) bool
}

// commands lists every subcommand, in the order help shows them. Each lives in
// a file of its own, cmd_NAME.go.
var commands = []func(*app) *cobra.Command{
	newBuildCmd,
	newValidateCmd,
	newImportCmd,
	newTemplateCmd,
	newDiffCmd,
	newDivergenceCmd,
	newExportCmd,
	newStatusCmd,
	newProgressCmd,
	newTimelineCmd,
	newSummaryCmd,
	newBriefCmd,
	newChartsCmd,
	newVersionCmd,
}

// run is the whole program: it parses args, runs the command and returns the
// exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	return runApp(ctx, args, stdout, stderr, getenv, drawsProgress)
}

// runApp is run with the terminal check given, so that tests can have
// progress drawn into a buffer.
func runApp(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string, isTerminal func(io.Writer) bool) int {
	a := &app{stdout: stdout, stderr: stderr, getenv: getenv, cfg: defaultConfig(), isTerminal: isTerminal}
	a.now = func() time.Time { return clock(getenv) }
	root := newRootCmd(a)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	cmd, err := root.ExecuteContextC(ctx)
	if err != nil && (cmd == root || cmd.Name() == cobra.ShellCompRequestCmd) {
		// The root command runs nothing, and cobra's hidden completion
		// request command, added at Execute, fails only on its argument
		// check: an error that stops at either (their flags' errors are
		// usage errors already) refuses the command line, such as an
		// argument that names no command.
		err = usageError{err}
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errProblems):
		return exitProblems
	}
	fmt.Fprintf(stderr, "cpmap: %v\n", err)
	var ue usageError
	if errors.As(err, &ue) {
		fmt.Fprintln(stderr, "Run 'cpmap --help' for usage.")
		return exitUsage
	}
	return exitProblems
}

// clock returns now, or the time SOURCE_DATE_EPOCH names (the reproducible
// builds convention), so that runs can be pinned to a date.
func clock(getenv func(string) string) time.Time {
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC()
		}
	}
	return time.Now().UTC()
}

func newRootCmd(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:   "cpmap [--config FILE] [--data DIR] COMMAND",
		Short: "Map the law and policy on corporal punishment of children",
		Long: `cpmap turns national spreadsheets on the law and policy on corporal punishment
of children into one normalised dataset (a Frictionless data package), validates
it, and writes status matrices, progress summaries, charts and briefing packs.

Settings come from config.yaml (in the current folder, or --config); flags
override them. Exit codes: 0 ok, 1 data problems or a failed operation, 2 usage.`,
		Example: `  cpmap build
  cpmap validate --data data
  cpmap --config my.yaml validate --format json`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			explicit := cmd.Flags().Changed("config")
			cfg, err := loadConfig(a.configPath, explicit)
			if err != nil {
				return err
			}
			if cmd.Flags().Changed("data") {
				cfg.Data = a.dataFlag
			}
			a.cfg = cfg
			return nil
		},
	}
	root.PersistentFlags().StringVar(&a.configPath, "config", "config.yaml", "settings file (YAML); unknown keys are errors")
	root.PersistentFlags().StringVar(&a.dataFlag, "data", "", "dataset folder, a data package (default from config: data)")
	root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error { return usageError{err} })
	for _, c := range commands {
		root.AddCommand(c(a))
	}
	// cobra's completion command and its shells check their arguments too:
	// added now rather than at Execute, their checks give usage errors like
	// ours.
	root.InitDefaultCompletionCmd()
	usageArgsAll(root)
	return root
}

// usageArgs is an argument check whose errors are usage errors.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		if err == nil || errors.As(err, new(usageError)) {
			return err
		}
		return usageError{err}
	}
}

// usageArgsAll makes the argument checks of c and every command below it
// give usage errors.
func usageArgsAll(c *cobra.Command) {
	if c.Args != nil {
		c.Args = usageArgs(c.Args)
	}
	for _, sub := range c.Commands() {
		usageArgsAll(sub)
	}
}

// exactArgs is cobra.ExactArgs with a usage error.
func exactArgs(n int) cobra.PositionalArgs { return usageArgs(cobra.ExactArgs(n)) }

// noArgs is cobra.NoArgs with a usage error.
var noArgs = usageArgs(cobra.NoArgs)

// minArgs is cobra.MinimumNArgs with a usage error.
func minArgs(n int) cobra.PositionalArgs { return usageArgs(cobra.MinimumNArgs(n)) }
