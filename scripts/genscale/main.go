// Command genscale makes synthetic data at scale for benchmarks and for
// comparing cpmap with other spreadsheet readers (scripts/bench-peers.sh),
// deterministically: the same flags always give the same bytes.
//
// A workbook saved the way Excel saves one (shared strings, real
// dimension, dates as Excel dates), with a sources sheet its rows cite:
//
//	go run ./scripts/genscale -rows 100000 -out programmes.xlsx
//	go run ./scripts/genscale -rows 100000 -table surveys -out surveys.xlsx
//
// A whole valid data package (what cpmap import writes), at the default
// scale of 200 jurisdictions, 50 years of provisions, 10,000 campaigns and
// programmes and 100,000 survey rows, or smaller:
//
//	go run ./scripts/genscale -dataset scale-data
//	go run ./scripts/genscale -dataset scale-data -jurisdictions 20 -surveys 1000
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/bench"
)

func main() {
	err := run(os.Args[1:], os.Stderr)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "genscale: %v\n", err)
		os.Exit(2)
	}
	fmt.Fprintf(os.Stderr, "genscale: %v\n", err)
	os.Exit(1)
}

// errUsage is wrapped by errors in the command line.
var errUsage = errors.New("usage")

// run is the whole command: it parses args and writes what they ask for.
func run(args []string, stderr io.Writer) error {
	def := bench.DefaultConfig()
	fs := flag.NewFlagSet("genscale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: genscale -rows N -out FILE.xlsx [-table T] | genscale -dataset DIR [sizes]")
		fs.PrintDefaults()
	}
	var (
		out   = fs.String("out", "", "write a workbook to this .xlsx `file`")
		rows  = fs.Int("rows", 100_000, "data rows of the workbook")
		table = fs.String("table", bench.WorkbookTables[0], "table of the workbook's rows: "+strings.Join(bench.WorkbookTables, ", "))
		dir   = fs.String("dataset", "", "write a data package to this `folder`")
		seed  = fs.Uint64("seed", def.Seed, "seed of the data")
		cfg   = def
	)
	fs.IntVar(&cfg.Jurisdictions, "jurisdictions", def.Jurisdictions, "jurisdictions (ISO codes)")
	fs.IntVar(&cfg.Years, "years", def.Years, "years of history")
	fs.IntVar(&cfg.LastYear, "last-year", def.LastYear, "last year of the history; no fact starts after it")
	fs.IntVar(&cfg.Campaigns, "campaigns", def.Campaigns, "campaigns of the data package")
	fs.IntVar(&cfg.Programmes, "programmes", def.Programmes, "programmes of the data package")
	fs.IntVar(&cfg.Surveys, "surveys", def.Surveys, "survey rows of the data package")
	fs.IntVar(&cfg.SeriesLength, "series-length", def.SeriesLength, "waves of each survey series")
	fs.IntVar(&cfg.Sources, "sources", def.Sources, "sources of the data package")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	if (*out == "") == (*dir == "") {
		fs.Usage()
		return fmt.Errorf("%w: give -out FILE or -dataset DIR", errUsage)
	}
	cfg.Seed = *seed
	if *dir != "" {
		ds, err := bench.Dataset(cfg)
		if err != nil {
			return err
		}
		return dataset.Save(*dir, ds)
	}
	return bench.WriteWorkbookFile(*out, bench.WorkbookOptions{
		Rows: *rows, Table: *table, Seed: *seed,
		Jurisdictions: cfg.Jurisdictions, LastYear: cfg.LastYear,
	})
}
