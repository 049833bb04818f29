package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/spf13/cobra"
)

// importFlags are the flags of cpmap import.
type importFlags struct {
	jurisdiction, source, table, encoding string
	update, dryRun                        bool
	resolve                               string   // a review to apply (resolve.go)
	ignoreColumns                         []string // headers of columns that are not data
}

func newImportCmd(a *app) *cobra.Command {
	var o importFlags
	cmd := &cobra.Command{
		Use:   "import [--data DIR] [--jurisdiction CODE] [--source S] [--table NAME] [--update] [--dry-run] [--encoding E] FILE...",
		Short: "Import national spreadsheets (.xlsx, .csv, .tsv) into the dataset",
		Long: `import reads workbooks (.xlsx) and CSV files (.csv, .tsv), any mix, and adds
what they hold to the dataset in --data (a missing or empty folder starts a new
dataset).

Sheets are recognised by their header row, wherever it is below titles, in
English or the languages of the Baltic Sea Region; one workbook may hold
several tables, and --table forces one. Instruction, hidden and empty sheets,
totals and footnote rows are skipped and said to be. Values are matched through
synonym tables (countries, yes/no, statuses, settings, month names...), which
the CSV files of the folder named by synonyms: in config.yaml extend; a value
no table knows is an error naming the cell and the line to add there. A column
that maps to no field and has values refuses the import: add its header as a
synonym, or pass --ignore-column with its header if it is not data.

In an update, an empty cell means "not given" and keeps the stored value; a
cell holding exactly (clear) (or its translation: (dzēst), (usuń), (rensa)...)
clears it, and the changes list it as cleared. A "wide" legality table (one row per country, one column per
setting, YES/NO/SOME as the Global Initiative writes them, [YES] unconfirmed)
becomes one provision per cell. Dates are read day first (1.07.1979, 03/04/2010
is 3 April) and keep the precision given; Excel dates are read as dates.

Every row cites a source: a source column (an id, a URL or a title) or
--source. Countries cited get a jurisdictions record; ids are made from content
when a sheet has none (se-home-1979), the same on every import.

Importing into an existing dataset adds new records and leaves identical ones
alone. A record whose facts would change is listed, old → new with both cells,
and the import is refused (exit 1, nothing written) unless --update is given.
Rows that disagree about the same record are a conflict. The merged dataset is
validated before it is written, and written atomically; --dry-run reports and
writes nothing. An import of more than import.part_records (config.yaml)
campaigns, programmes and surveys keeps them in temporary files while it
merges, checks and writes them, part by part, so that its memory does not
grow with its rows.

Exit 0 when the import was written (or would be, with --dry-run) or found no
records, 1 on any problem, 2 on a usage mistake.

` + resolveHelp,
		Example: `  cpmap import --dry-run poland.xlsx
  cpmap import --jurisdiction LT --source https://www.e-tar.lt/ lithuania.csv
  cpmap import --update laws-2025.xlsx surveys.csv
  cpmap import --data data --table provisions --encoding windows-1257 lt.csv
  cpmap import --resolve review.xlsx --update`,
		Args: importArgs(&o.resolve),
	}
	fl := cmd.Flags()
	fl.StringVar(&o.jurisdiction, "jurisdiction", "", "country of rows that name none (ISO code or name)")
	fl.StringVar(&o.source, "source", "", "source of rows that cite none: a URL, a title or a source id")
	fl.StringVar(&o.table, "table", "", "read every sheet as this table (e.g. provisions)")
	fl.StringVar(&o.encoding, "encoding", "", "encoding of CSV files: "+strings.Join(importers.Encodings, ", ")+" (default: detected)")
	fl.BoolVar(&o.update, "update", false, "apply changes to existing records (without it they are refused)")
	fl.BoolVar(&o.dryRun, "dry-run", false, "report what would happen and write nothing")
	fl.StringArrayVar(&o.ignoreColumns, "ignore-column", nil, "a column that is not data, by its header: not read and not refused (repeatable)")
	fl.StringVar(&o.resolve, "resolve", "", "apply a completed review workbook (cpmap divergence --review) instead of importing files")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if o.resolve != "" {
			return a.runResolve(o.resolve, o)
		}
		return a.runImport(args, o)
	}
	return cmd
}

func (a *app) runImport(files []string, o importFlags) error {
	dir := a.cfg.Data
	if !o.dryRun {
		unlock, err := a.lockData(dir)
		if err != nil {
			return err
		}
		defer unlock()
	}
	existing, err := a.loadImportTarget(dir)
	if err != nil {
		return err
	}
	var progress io.Writer
	if drawsProgress(a.stderr) {
		progress = a.stderr
	}
	res, err := importers.Import(files, importers.Options{
		Jurisdiction:  o.jurisdiction,
		Source:        o.source,
		Table:         o.table,
		Encoding:      o.encoding,
		MaxFileBytes:  int64(a.cfg.Import.MaxFileMB) << 20,
		Existing:      existing,
		Progress:      progress,
		PartRecords:   a.cfg.Import.PartRecords,
		Synonyms:      a.cfg.Synonyms,
		IgnoreColumns: o.ignoreColumns,
	})
	if errors.Is(err, importers.ErrOptions) {
		return usagef("%s", strings.TrimPrefix(err.Error(), importers.ErrOptions.Error()+": "))
	}
	if err != nil {
		return err
	}
	defer res.Parts.Close()
	records := res.Records()
	// Reading a workbook held its rows twice for a moment (as read and as
	// records), which set the garbage collector's next target at twice
	// that; a collection now sets it from what is kept, so that merging,
	// validating and writing an import take less memory.
	runtime.GC()
	// The dataset as it would be, changes applied, is checked even when
	// the import or its changes are refused, so that one run reports
	// everything. Merging a large import in parts finds problems of its
	// rows, which it adds to res.Problems.
	plan, err := importers.Merge(existing, res, importers.MergeOptions{Validate: a.validateOptions()})
	if err != nil {
		return err
	}
	defer plan.Close()
	a.reportImport(res)
	// A file in which no table is recognised at all (empty, not a
	// spreadsheet of ours, or unreadable) is an error: the researcher meant
	// it to hold something. An untouched template has its tables, with no rows.
	var unread []string
	for _, f := range res.Files {
		if len(f.Tables()) == 0 {
			unread = append(unread, f.File)
		}
	}
	if len(unread) > 0 {
		fmt.Fprintf(a.stderr, "cpmap: import refused: no table found in %s (see the lines above); nothing written\n", strings.Join(unread, ", "))
		return errProblems
	}
	if res.Problems.HasErrors() {
		fmt.Fprintf(a.stderr, "cpmap: import refused: %s; nothing written\n", importPlural(res.Problems.Count(dataset.Error), "error"))
		return errProblems
	}
	if records == 0 {
		fmt.Fprintln(a.stdout, "no records found")
		return nil
	}
	writeImportChanges(a.stdout, plan.Changed, o.update && !o.dryRun)
	refused := len(plan.Changed) > 0 && !o.update
	vps := plan.Problems
	shown, other := importProblems(vps, files)
	if err := dataset.WriteText(a.stderr, shown); err != nil {
		return err
	}
	if other > 0 {
		fmt.Fprintf(a.stderr, "cpmap: %s elsewhere in the dataset (cpmap validate lists them)\n", importPlural(other, "warning"))
	}
	if refused {
		fmt.Fprintf(a.stdout, "%d added, %d unchanged, %d would change\n", plan.Added, plan.Unchanged, len(plan.Changed))
		fmt.Fprintf(a.stderr, "cpmap: import refused: %s would change; nothing written. Check the changes and run again with --update to apply them.\n", importPlural(len(plan.Changed), "record"))
		return errProblems
	}
	if vps.HasErrors() {
		fmt.Fprintf(a.stderr, "cpmap: import refused: the dataset would have %s; nothing written\n", importPlural(vps.Count(dataset.Error), "error"))
		return errProblems
	}
	verb := "changed"
	if o.dryRun {
		verb = "would change"
	}
	fmt.Fprintf(a.stdout, "%d added, %d unchanged, %d %s\n", plan.Added, plan.Unchanged, len(plan.Changed), verb)
	if o.dryRun {
		fmt.Fprintf(a.stdout, "dry run: nothing written to %s\n", dir)
		return nil
	}
	if plan.Added == 0 && len(plan.Changed) == 0 {
		fmt.Fprintf(a.stdout, "%s is up to date\n", dir)
		return nil
	}
	if err := plan.Save(dir); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s\n", dir)
	return nil
}

// loadImportTarget loads the dataset an import merges into: an empty one
// when dir is missing or an empty folder. A folder with other things in it
// but no data package is refused, and so is a dataset with errors.
func (a *app) loadImportTarget(dir string) (*dataset.Dataset, error) {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return &dataset.Dataset{}, nil
	case err != nil:
		return nil, fmt.Errorf("dataset %s: %w", dir, err)
	case emptyDataDir(entries):
		return &dataset.Dataset{}, nil
	}
	if _, err := os.Stat(filepath.Join(dir, dataset.DescriptorFile)); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s is not empty and holds no data package (%s): import into a dataset, an empty folder or a new one", dir, dataset.DescriptorFile)
	}
	return a.loadCleanDataset(dir)
}

// reportImport writes to stderr, for each file, what was skipped, then its
// problems and a one-line summary.
func (a *app) reportImport(res *importers.Result) {
	for _, f := range res.Files {
		for _, s := range f.Sheets {
			if s.Skip != "" && s.Name != "" {
				fmt.Fprintf(a.stderr, "skipped %s:'%s': %s\n", f.File, strings.ReplaceAll(s.Name, "'", "''"), s.Skip)
			}
			for _, sk := range s.Skipped {
				fmt.Fprintf(a.stderr, "skipped %s: %s\n", sk.Pos, sk.Reason)
			}
		}
	}
	dataset.WriteText(a.stderr, res.Problems)
	for _, f := range res.Files {
		fmt.Fprintln(a.stderr, f.String())
	}
}

// importProblems splits validation problems into those to show (every
// error, and the warnings about the imported files' cells) and a count of
// the other warnings, which concern the dataset as it was.
func importProblems(ps dataset.Problems, files []string) (dataset.Problems, int) {
	ours := map[string]bool{}
	for _, f := range files {
		ours[f] = true
	}
	var shown dataset.Problems
	other := 0
	for _, p := range ps {
		if p.Severity == dataset.Error || ours[p.Pos.File] {
			shown = append(shown, p)
		} else {
			other++
		}
	}
	return shown, other
}

// writeImportChanges lists the records whose facts differ from the dataset's,
// each field old → new with the cells on both sides.
func writeImportChanges(w io.Writer, cs []dataset.Change, applied bool) {
	verb := "would change"
	if applied {
		verb = "changed"
	}
	for _, c := range cs {
		fmt.Fprintf(w, "%s %s %s:\n", c.Table, c.Key, verb)
		// An empty new value is a clearing (an empty cell keeps the
		// stored value): listed apart, after the other changes.
		for _, f := range c.Fields {
			if f.New != "" {
				fmt.Fprintf(w, "  %s: %s → %s   (%s → %s)\n", f.Field, quoteOrEmpty(f.Old), quoteOrEmpty(f.New), changePos(f.OldPos, c.OldPos), changePos(f.NewPos, c.NewPos))
			}
		}
		for _, f := range c.Fields {
			if f.New == "" {
				fmt.Fprintf(w, "  cleared: %s (was %s)   (%s)\n", f.Field, quoteOrEmpty(f.Old), changePos(f.NewPos, c.NewPos))
			}
		}
	}
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", s)
}

func changePos(field, row dataset.Pos) string {
	if !field.IsZero() {
		return field.String()
	}
	if !row.IsZero() {
		return row.String()
	}
	return "?"
}

func importPlural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}

// drawsProgress reports whether w is a terminal, where a progress bar may be
// drawn.
func drawsProgress(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
