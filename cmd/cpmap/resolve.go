package main

import (
	"fmt"
	"strconv"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/cpmap/cpmap/importers"
	"github.com/spf13/cobra"
)

// resolveHelp is what cpmap import --help says of --resolve.
const resolveHelp = `With --resolve REVIEW.xlsx, import applies a completed divergence review
(cpmap divergence --review) to the dataset instead of importing files: each row's
record, found in --data by the same natural key the review names, gets the
resolved value. Nothing is written, and import exits 1, while any row is
unresolved, holds a value its field cannot take, or names a record whose value
is neither coder's any more (the dataset changed since the review); each refusal
names its cell. The values changed are listed; as for files, they are written
only with --update (--dry-run shows them), after the dataset validates.`

// importArgs is the positional arguments of cpmap import: one file or more,
// or none with --resolve.
func importArgs(resolve *string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if *resolve == "" {
			return minArgs(1)(cmd, args)
		}
		if len(args) > 0 {
			return usagef("import --resolve applies a review and takes no files (got %d); import them separately", len(args))
		}
		return nil
	}
}

// runResolve applies the review at path to the dataset in --data.
func (a *app) runResolve(path string, o importFlags) error {
	dir := a.cfg.Data
	if !o.dryRun {
		unlock, err := a.lockData(dir)
		if err != nil {
			return err
		}
		defer unlock()
	}
	ds, err := a.loadCleanDataset(dir)
	if err != nil {
		return err
	}
	rs, ps, err := importers.ReadReview(path, importers.Options{MaxFileBytes: int64(a.cfg.Import.MaxFileMB) << 20, MaxFileSetting: maxFileSetting})
	if err != nil {
		return err
	}
	res := divergence.Resolve(ds, rs)
	all := append(ps, res.Problems...)
	all.Sort()
	if err := dataset.WriteText(a.stderr, all); err != nil {
		return err
	}
	if all.HasErrors() {
		fmt.Fprintf(a.stderr, "cpmap: resolve refused: %d errors; nothing written\n", all.Count(dataset.Error))
		return errProblems
	}
	if len(rs) == 0 {
		fmt.Fprintf(a.stdout, "%s has no rows to apply\n", path)
		return nil
	}
	verb := "changed"
	if len(res.Changes) > 0 && (!o.update || o.dryRun) {
		verb = "would change"
	}
	for _, c := range res.Changes {
		fmt.Fprintf(a.stdout, "%s %s %s %s: %s → %s   (%s ← %s)\n", c.Table, c.Key, c.Field, verb,
			resolveShow(c.Old), resolveShow(c.New), c.Pos, c.Review)
	}
	if len(res.Changes) > 0 && !o.update {
		fmt.Fprintf(a.stdout, "%d would change, %d unchanged\n", len(res.Changes), res.Unchanged)
		fmt.Fprintf(a.stderr, "cpmap: resolve refused: %s would change; nothing written. Check the changes and run again with --update to apply them.\n", resolvePlural(len(res.Changes), "value"))
		return errProblems
	}
	if vps := res.Dataset.Validate(a.validateOptions()); vps.HasErrors() {
		shown, _ := importProblems(vps, nil)
		if err := dataset.WriteText(a.stderr, shown); err != nil {
			return err
		}
		fmt.Fprintf(a.stderr, "cpmap: resolve refused: the dataset would have %d errors; nothing written\n", vps.Count(dataset.Error))
		return errProblems
	}
	fmt.Fprintf(a.stdout, "%d %s, %d unchanged\n", len(res.Changes), verb, res.Unchanged)
	switch {
	case o.dryRun:
		fmt.Fprintf(a.stdout, "dry run: nothing written to %s\n", dir)
		return nil
	case len(res.Changes) == 0:
		fmt.Fprintf(a.stdout, "%s is up to date\n", dir)
		return nil
	}
	res.Dataset.Package = a.cfg.Package.info()
	if err := dataset.Save(dir, res.Dataset); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "wrote %s\n", dir)
	return nil
}

func resolveShow(v string) string {
	if v == "" {
		return "(blank)"
	}
	return strconv.Quote(v)
}

func resolvePlural(n int, one string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %ss", n, one)
}
