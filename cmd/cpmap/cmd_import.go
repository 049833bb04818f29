package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
	"github.com/spf13/cobra"
)

// importFlags are the flags of cpmap import.
type importFlags struct {
	jurisdiction, source, table, encoding string
	update, dryRun                        bool
	resolve                               string   // a review to apply (resolve.go)
	format                                string   // of the plan on stdout: text or json
	build                                 bool     // run by build: its words for a refusal
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
writes nothing, naming every record it would add (key and a name, or
jurisdiction and setting), every field it would change (old → new) and, apart,
every field it would clear. --format json writes that plan as one JSON object
on stdout instead (fields: data, dry_run, written, refused, counts, added,
changed, cleared). Each file read is recorded in the dataset's import log
(imports.json: path, sha256, date, records), which cpmap build reads. An import of more than import.part_records (config.yaml)
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
	fl.StringVar(&o.format, "format", "text", "how to write the plan on stdout: text, or json (added, changed and cleared records; stable field names)")
	fl.StringArrayVar(&o.ignoreColumns, "ignore-column", nil, "a column that is not data, by its header: not read and not refused (repeatable)")
	fl.StringVar(&o.resolve, "resolve", "", "apply a completed review workbook (cpmap divergence --review) instead of importing files")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if o.format != "text" && o.format != "json" {
			return usagef("--format %q: use text or json", o.format)
		}
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
	if o.jurisdiction != "" {
		code, err := jurisdictionOf("--jurisdiction", o.jurisdiction)
		if err != nil {
			return err
		}
		o.jurisdiction = code
	}
	existing, err := a.loadImportTarget(dir)
	if err != nil {
		return err
	}
	existing.Package = a.cfg.Package.info()
	before := map[string]dataset.Import{}
	for _, e := range existing.Imports {
		before[e.Path] = e
	}
	progress := a.progressWriter()
	res, err := importers.Import(files, importers.Options{
		Jurisdiction:   o.jurisdiction,
		Source:         o.source,
		Table:          o.table,
		Encoding:       o.encoding,
		MaxFileBytes:   int64(a.cfg.Import.MaxFileMB) << 20,
		MaxFileSetting: maxFileSetting,
		Existing:       existing,
		Progress:       progress,
		PartRecords:    a.cfg.Import.PartRecords,
		Synonyms:       a.cfg.Synonyms,
		IgnoreColumns:  o.ignoreColumns,
	})
	if errors.Is(err, importers.ErrOptions) {
		return usagef("%s", strings.TrimPrefix(err.Error(), importers.ErrOptions.Error()+": "))
	}
	if err != nil {
		return err
	}
	defer res.Parts.Close()
	if large := tooLarge(res.Problems); len(large) > 0 {
		// A file past the limit was not read: the other files' findings
		// would only bury the one thing to do.
		a.reportImport(res)
		fmt.Fprintf(a.stderr, "cpmap: import refused: %s %s larger than import.max_file_mb (%d MiB) allows; raise it in config.yaml to read %s; nothing written\n",
			strings.Join(large, ", "), importPlural2(len(large), "is", "are"), a.cfg.Import.MaxFileMB, importPlural2(len(large), "it", "them"))
		return errProblems
	}
	records := res.Records()
	logged := false // whether the import log changes
	if !res.Problems.HasErrors() {
		if logged, err = a.logImports(existing, res); err != nil {
			return err
		}
	}
	// Reading a workbook held its rows twice for a moment (as read and as
	// records), which set the garbage collector's next target at twice
	// that; a collection now sets it from what is kept, so that merging,
	// validating and writing an import take less memory.
	runtime.GC()
	// The dataset as it would be, changes applied, is checked even when
	// the import or its changes are refused, so that one run reports
	// everything. Merging a large import in parts finds problems of its
	// rows, which it adds to res.Problems.
	jsonOut := o.format == "json"
	var added []planRecord
	if o.dryRun || jsonOut {
		// Before Merge takes the records; a large import's bulk records
		// are read back part by part.
		if added, err = addedOf(existing, res); err != nil {
			return err
		}
	}
	ph := a.phases()
	ph.show("merging and checking %s into %s…", importPlural(records, "record"), dir)
	plan, err := importers.Merge(existing, res, importers.MergeOptions{Validate: a.validateOptions()})
	ph.clear()
	if err != nil {
		return err
	}
	defer plan.Close()
	pl := &importPlan{Data: dir, DryRun: o.dryRun, Added: added,
		Counts: planCounts{Added: plan.Added, Unchanged: plan.Unchanged, Changed: len(plan.Changed)}}
	pl.Changed, pl.Cleared = planChanges(plan.Changed)
	// out is where the words go: nowhere when the plan is written as JSON.
	out := a.stdout
	if jsonOut {
		out = io.Discard
	}
	emit := func(refused string, written bool) error {
		if !jsonOut {
			return nil
		}
		pl.Refused, pl.Written = refused, written
		return pl.writeJSON(a.stdout)
	}
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
		return errors.Join(errProblems, emit("no table found", false))
	}
	if res.Problems.HasErrors() {
		fmt.Fprintf(a.stderr, "cpmap: import refused: %s; nothing written\n", importPlural(res.Problems.Count(dataset.Error), "error"))
		return errors.Join(errProblems, emit("errors in the files", false))
	}
	if records == 0 {
		fmt.Fprintln(out, "no records found")
		return emit("", false)
	}
	// Changes about to be applied are listed, and the counts said, only
	// once the save has succeeded: a failed save writes nothing, and says so.
	apply := o.update && !o.dryRun
	if !apply {
		pl.writeText(out, o.dryRun, false)
	}
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
		fmt.Fprintf(out, "%d added, %d unchanged, %d would change\n", plan.Added, plan.Unchanged, len(plan.Changed))
		if o.build {
			a.buildRefusal(files, before, len(plan.Changed))
			return errProblems
		}
		fmt.Fprintf(a.stderr, "cpmap: import refused: %s would change; nothing written. Check the changes and run again with --update to apply them.\n", importPlural(len(plan.Changed), "record"))
		return errors.Join(errProblems, emit("changes need --update", false))
	}
	if vps.HasErrors() {
		if apply {
			pl.writeText(out, false, false)
		}
		fmt.Fprintf(a.stderr, "cpmap: import refused: the dataset would have %s; nothing written\n", importPlural(vps.Count(dataset.Error), "error"))
		return errors.Join(errProblems, emit("the dataset would have errors", false))
	}
	if o.dryRun {
		fmt.Fprintf(out, "%d added, %d unchanged, %d would change\n", plan.Added, plan.Unchanged, len(plan.Changed))
		fmt.Fprintf(out, "dry run: nothing written to %s\n", dir)
		return emit("", false)
	}
	// Save writes only the files whose bytes change: the import log and the
	// descriptor may change when no record does.
	ph.show("writing %s…", dir)
	err = plan.Save(dir)
	ph.clear()
	if err != nil {
		return fmt.Errorf("import not saved: nothing written to %s (it is as it was): %w", dir, err)
	}
	if apply {
		pl.writeText(out, false, true)
	}
	fmt.Fprintf(out, "%d added, %d unchanged, %d changed\n", plan.Added, plan.Unchanged, len(plan.Changed))
	if plan.Added == 0 && len(plan.Changed) == 0 {
		if logged {
			fmt.Fprintf(out, "%s is up to date (its import log is updated)\n", dir)
		} else {
			fmt.Fprintf(out, "%s is up to date\n", dir)
		}
		return emit("", logged)
	}
	fmt.Fprintf(out, "wrote %s\n", dir)
	return emit("", true)
}

// logImports records each file an import read in the dataset's import log
// (dataset.ImportsFile): its path relative to the dataset's parent folder,
// its hash, the date (the injected clock) and its records by table. A file
// whose hash and counts are as logged keeps its entry and date, so that
// importing the same file again changes nothing. It reports whether the
// log changed.
func (a *app) logImports(ds *dataset.Dataset, res *importers.Result) (bool, error) {
	changed := false
	for _, f := range res.Files {
		if len(f.Tables()) == 0 {
			continue
		}
		sum, err := fileHash(f.File)
		if err != nil {
			return false, err
		}
		im := dataset.Import{Path: a.logPath(f.File), SHA256: sum, Records: map[string]int{}}
		for _, s := range f.Tables() {
			im.Records[s.Table] += s.Records
		}
		if old, ok := ds.ImportOf(im.Path); ok && old.SHA256 == im.SHA256 && maps.Equal(old.Records, im.Records) {
			continue
		}
		im.Date = a.now().UTC().Format(time.RFC3339)
		ds.SetImport(im)
		changed = true
	}
	return changed, nil
}

// logPath is how the import log names file: relative to the folder that
// holds the dataset, with forward slashes (sources/latvija.xlsx); a file
// outside that folder by its base name.
func (a *app) logPath(file string) string {
	base, err := filepath.Abs(filepath.Dir(filepath.Clean(a.cfg.Data)))
	if err != nil {
		return filepath.Base(file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.Base(file)
	}
	rel, err := filepath.Rel(base, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return filepath.Base(file)
	}
	return filepath.ToSlash(rel)
}

// fileHash returns the sha256 of a file's bytes, in lowercase hex.
func fileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// buildRefusal explains a build refused because changed source files would
// change records of the dataset: when each was imported before, and which
// later imports (not of the sources folder) may have made the values they
// would undo; then the two ways on.
func (a *app) buildRefusal(files []string, log map[string]dataset.Import, n int) {
	var what []string
	first := ""
	for _, f := range files {
		p := a.logPath(f)
		if e, ok := log[p]; ok {
			what = append(what, fmt.Sprintf("%s (changed since imported %s)", p, e.Date))
			if first == "" || e.Date < first {
				first = e.Date
			}
		} else {
			what = append(what, p+" (new)")
		}
	}
	var later []string
	srcs := map[string]bool{}
	for _, f := range files {
		srcs[a.logPath(f)] = true
	}
	for p, e := range log {
		if !srcs[p] && first != "" && e.Date > first && !strings.HasPrefix(p, filepath.ToSlash(filepath.Base(a.cfg.Sources))+"/") {
			later = append(later, fmt.Sprintf("%s on %s", p, e.Date))
		}
	}
	slices.Sort(later)
	fmt.Fprintf(a.stderr, "cpmap: build refused: %s would change %s the dataset %s holds (each listed above, dataset cell → workbook cell); nothing written.\n",
		strings.Join(what, ", "), importPlural(n, "record"), a.cfg.Data)
	if len(later) > 0 {
		fmt.Fprintf(a.stderr, "cpmap: the dataset was updated after, by %s: the workbook would undo that.\n", strings.Join(later, ", "))
	}
	fmt.Fprintf(a.stderr, "cpmap: if the dataset is right, correct those cells in the workbook and build again; if the workbook is right, run cpmap build --update.\n")
}

// maxFileSetting is what an import's error of a file too large names to
// change.
const maxFileSetting = "import.max_file_mb in config.yaml"

// tooLarge returns the files of problems saying a file is larger than the
// limit.
func tooLarge(ps dataset.Problems) []string {
	var files []string
	for _, p := range ps {
		if p.Code == importers.CodeTooLarge && !slices.Contains(files, p.Pos.File) {
			files = append(files, p.Pos.File)
		}
	}
	return files
}

func importPlural2(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
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
