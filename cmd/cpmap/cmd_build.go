package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/exports"
	"github.com/spf13/cobra"
)

func newBuildCmd(a *app) *cobra.Command {
	var update bool
	var out string
	cmd := &cobra.Command{
		Use:   "build",
		Short: "The main job: import the sources, validate, and write the briefing pack",
		Long: `build does the whole job on the folders named in config.yaml:

  1. imports the workbooks and CSVs in the sources folder (default
     sources/) into the dataset (default data/), as cpmap import does, but
     only those new or changed since they were last imported: the dataset's
     import log (data/imports.json) holds each imported file's hash, so an
     untouched workbook is skipped (and named) and cannot undo a later
     cpmap import --update. In a changed workbook, new records are added,
     identical ones left alone, and changes to existing facts are listed
     with their cells and refused unless --update is given;
  2. validates the dataset (as cpmap validate; warnings are printed, errors
     stop the build);
  3. writes the briefing pack into the out folder (default out/): the
     overview page, a progress summary for every jurisdiction (HTML and
     Markdown), the interactive chart pages, briefing.xlsx and README.txt,
     all offline.

By default the pack covers every jurisdiction of the dataset, so that the
bundled Baltic Sea Region mapping shows Russia and the territories beside the
CBSS members; --group narrows it to the members of a group on the as-of date.
It prints what to open. Exit 0 when the pack was written, 1 on data problems
or refused changes, 2 on usage mistakes.`,
		Example: `  go run ./cmd/cpmap build
  cpmap build --out pack-2026
  cpmap build --group CBSS --as-of 2010-01-01
  cpmap build --update`,
		Args: noArgs,
	}
	mf := addMapFlags(cmd, false)
	cmd.Flags().StringVar(&out, "out", "", "the folder to write the pack into (default from config: out)")
	cmd.Flags().BoolVar(&update, "update", false, "apply changes the sources make to existing facts (without it they are refused)")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if out == "" {
			out = a.cfg.Out
		}
		if mf.all && cmd.Flags().Changed("group") {
			return usagef("--all and --group exclude each other")
		}
		if err := a.buildImport(update); err != nil {
			return err
		}
		ph := a.phases()
		ph.show("checking the dataset %s…", a.cfg.Data)
		ds, ps := a.check(false)
		ph.clear()
		if len(ps) > 0 {
			if err := dataset.WriteText(a.stderr, ps); err != nil {
				return err
			}
		}
		if ps.HasErrors() {
			fmt.Fprintf(a.stderr, "cpmap: build stopped: the dataset %s has %d errors\n", a.cfg.Data, ps.Count(dataset.Error))
			return errProblems
		}
		r, err := a.rubric()
		if err != nil {
			return err
		}
		opt := exports.BriefOptions{Rubric: r, Now: a.now()}
		if cmd.Flags().Changed("group") {
			sc, err := a.resolveScope(cmd, mf, ds)
			if err != nil {
				return err
			}
			opt.AsOf, opt.Group = sc.on, sc.group
		} else {
			if opt.AsOf, err = a.asOfDay(mf.asOf); err != nil {
				return err
			}
			for _, j := range ds.Jurisdictions {
				opt.Codes = append(opt.Codes, j.Code)
			}
			if len(opt.Codes) == 0 {
				return fmt.Errorf("the dataset %s has no jurisdictions: nothing to brief", a.cfg.Data)
			}
		}
		ph.show("writing the briefing pack into %s…", out)
		res, err := exports.WriteBrief(out, ds, opt)
		ph.clear()
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "wrote %d files into %s: %d jurisdictions, data as of %s\nopen %s\n",
			len(res.Files), res.Dir, len(res.Codes), res.AsOf, res.Open)
		return nil
	}
	return cmd
}

// buildImport imports the source files of the configuration into the
// dataset, as cpmap import does, but only those that are new or changed
// since they were last imported (by the dataset's import log, whose hashes
// it compares): a workbook imported before and untouched since is not read
// again, so that it cannot undo a later change to the dataset. The files
// skipped are named. A missing sources folder is skipped with a note.
// When nothing is imported the data package's metadata is still brought in
// line with config.yaml.
func (a *app) buildImport(update bool) error {
	files, err := sourceFiles(a.cfg.Sources)
	if errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(a.stderr, "no sources folder %s: using the dataset %s as it is\n", a.cfg.Sources, a.cfg.Data)
		return a.syncPackage()
	}
	if err != nil {
		return err
	}
	if len(files) == 0 {
		fmt.Fprintf(a.stderr, "no workbooks or CSV files in %s: using the dataset %s as it is\n", a.cfg.Sources, a.cfg.Data)
		return a.syncPackage()
	}
	log, err := dataset.ReadImports(a.cfg.Data)
	if err != nil {
		return err
	}
	logged := map[string]dataset.Import{}
	for _, e := range log {
		logged[e.Path] = e
	}
	var changed, skipped []string
	var since string
	for _, f := range files {
		sum, err := fileHash(f)
		if err != nil {
			return err
		}
		e, ok := logged[a.logPath(f)]
		if ok && e.SHA256 == sum {
			skipped = append(skipped, filepath.Base(f))
			since = max(since, e.Date)
			continue
		}
		changed = append(changed, f)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(a.stderr, "skipped %s in %s, unchanged since imported (latest %s): %s\n",
			importPlural(len(skipped), "source file"), a.cfg.Sources, since, strings.Join(skipped, ", "))
	}
	if len(changed) == 0 {
		return a.syncPackage()
	}
	return a.runImport(changed, importFlags{update: update, build: true})
}

// syncPackage writes the dataset's descriptor with the package metadata of
// config.yaml when it differs (Save leaves unchanged files alone).
func (a *app) syncPackage() error {
	dir := a.cfg.Data
	if _, err := os.Stat(filepath.Join(dir, dataset.DescriptorFile)); err != nil {
		return nil // no data package: build reports that when it loads it
	}
	unlock, err := a.lockData(dir)
	if err != nil {
		return err
	}
	defer unlock()
	ds, err := a.loadCleanDataset(dir)
	if err != nil {
		return err
	}
	ds.Package = a.cfg.Package.info()
	return dataset.Save(dir, ds)
}

// sourceFiles lists the .xlsx, .csv and .tsv files directly in dir, sorted.
// Sub-folders and other files (a README) are not read.
func sourceFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var files []string
	for _, e := range entries {
		if !e.Type().IsRegular() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "~$") {
			continue
		}
		switch strings.ToLower(filepath.Ext(e.Name())) {
		case ".xlsx", ".csv", ".tsv":
			files = append(files, filepath.Join(dir, e.Name()))
		}
	}
	slices.Sort(files)
	return files, nil
}
