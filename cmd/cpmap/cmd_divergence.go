package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/cpmap/cpmap/exports"
	"github.com/cpmap/cpmap/importers"
	"github.com/spf13/cobra"
)

func newDivergenceCmd(a *app) *cobra.Command {
	var review, jurisdiction, source string
	cmd := &cobra.Command{
		Use:   "divergence A B [--format text|md|json] [--review FILE.xlsx]",
		Short: "Compare two researchers' codings of the same laws: divergence rate and review workbook",
		Long: `divergence compares two codings of the same jurisdictions, made independently
by two researchers (coder A and coder B), answer by answer: the double coding of
legal mapping (Temple University's LawAtlas method).

A and B are each one file (.xlsx, .csv or .tsv, read as cpmap import reads it,
in any layout and language import knows, so that Tak and yes agree) or a data
package folder. A coder with several files imports them into a folder of their
own first (cpmap import --data coder-a FILE...) and gives the folder.

Records are paired by what they are about, never by id: jurisdictions by code;
provisions by jurisdiction and setting, a timeline's rows by the period they
overlap most; memberships by jurisdiction and group, commitments by
jurisdiction, both by period too; campaigns by jurisdictions and name, else id;
programmes by jurisdiction and name, else id; surveys by jurisdiction,
indicator, year and respondents, and series when both have one; sources by URL,
else title. Names are compared without case, accents and punctuation.

An answer is a field of a record that at least one coder filled in. Ids (id,
series, source references: the sources themselves are compared), free text
(names, instruments, articles, quotes, notes) and the fields records are paired
by are not answers. An answer diverges when the coders give two values, a value
and a blank, or one date at two precisions (1979 and 1979-07-01: it counts, and
the rate without it is shown too); every answer of a record only one coder has
diverges. The divergence rate, divergent answers ÷ coded answers, is given
overall and by table, field and jurisdiction, then every divergence with both
values and both cells, and the records only one coder has.

The recommendation follows config.yaml's divergence settings: at or above
full_double_coding_until (default 5%), double-code every record; below it, a
sample of sample_share (default 20%) of the records.

--review FILE.xlsx also writes a review workbook: one row per divergence with
both values and cells and empty "Resolved value" and "Reviewer note" columns
(drop-down lists where the field has a vocabulary). Fill it in, then apply it
to the dataset with cpmap import --resolve FILE.xlsx.

Exit 0 with the report, whatever the rate; 1 when a coding cannot be read (its
problems are printed); 2 on a usage mistake.`,
		Example: `  cpmap divergence anna/poland.xlsx piotr/poland.xlsx
  cpmap divergence coder-a coder-b --format md > divergence.md
  cpmap divergence a.xlsx b.csv --jurisdiction PL --review review.xlsx
  cpmap import --resolve review.xlsx --update`,
		Args: exactArgs(2),
	}
	format := formatFlag(cmd, "text", "text", "md", "json")
	fl := cmd.Flags()
	fl.StringVar(&review, "review", "", "also write the review workbook to this file (.xlsx)")
	fl.StringVar(&jurisdiction, "jurisdiction", "", "country of rows that name none, in both codings (ISO code or name)")
	fl.StringVar(&source, "source", "", "source of rows that cite none, in both codings: a URL, a title or a source id")
	cmd.RunE = func(cmd *cobra.Command, args []string) error {
		if review != "" && !strings.HasSuffix(strings.ToLower(review), ".xlsx") {
			return usagef("divergence: --review %q: the file name must end in .xlsx", review)
		}
		opts := importers.Options{
			Jurisdiction: jurisdiction,
			Source:       source,
			MaxFileBytes: int64(a.cfg.Import.MaxFileMB) << 20,
			Synonyms:     a.cfg.Synonyms,
		}
		codings := make([]*dataset.Dataset, 2)
		failed := false
		for i, path := range args {
			ds, err := a.readCoding(path, opts)
			var ue usageError
			switch {
			case errors.As(err, &ue):
				return err
			case err != nil && !errors.Is(err, errProblems):
				fmt.Fprintf(a.stderr, "cpmap: %v\n", err)
				failed = true
			case err != nil:
				failed = true
			}
			codings[i] = ds
		}
		if failed {
			return fmt.Errorf("a coding cannot be read: %w", errProblems)
		}
		rv := exports.Review{
			A: args[0], B: args[1],
			Report: divergence.Compare(codings[0], codings[1]),
			Rule:   divergence.Rule{FullUntil: a.cfg.Divergence.FullDoubleCodingUntil, SampleShare: a.cfg.Divergence.SampleShare},
		}
		var buf bytes.Buffer
		var err error
		switch *format {
		case "md":
			err = exports.WriteReviewMarkdown(&buf, rv, 1)
		case "json":
			err = exports.WriteReviewJSON(&buf, rv)
		default:
			err = exports.WriteReviewText(&buf, rv)
		}
		if err != nil {
			return err
		}
		if _, err := a.stdout.Write(buf.Bytes()); err != nil {
			return err
		}
		if review == "" {
			return nil
		}
		wb, err := exports.NewReviewWorkbook(rv)
		if err != nil {
			return err
		}
		defer wb.Close()
		if err := wb.Save(review); err != nil {
			return fmt.Errorf("divergence: %w", err)
		}
		_, err = fmt.Fprintf(a.stderr, "wrote %s: %d divergences to resolve\n", review, len(rv.Report.Divergences))
		return err
	}
	return cmd
}

// readCoding reads one coding: a data package folder (refused with its
// problems when it has errors), or a file read as cpmap import reads it
// (its problems printed; refused when it has errors or no records).
func (a *app) readCoding(path string, opts importers.Options) (*dataset.Dataset, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return a.loadCleanDataset(path)
	}
	res, err := importers.Import([]string{path}, opts)
	if errors.Is(err, importers.ErrOptions) {
		return nil, usagef("%s", strings.TrimPrefix(err.Error(), importers.ErrOptions.Error()+": "))
	}
	if err != nil {
		return nil, err
	}
	if err := dataset.WriteText(a.stderr, res.Problems); err != nil {
		return nil, err
	}
	switch {
	case res.Problems.HasErrors():
		fmt.Fprintf(a.stderr, "cpmap: coding %s: %d errors; fix them before comparing\n", path, res.Problems.Count(dataset.Error))
		return nil, fmt.Errorf("coding %s cannot be read: %w", path, errProblems)
	case res.Records() == 0:
		fmt.Fprintf(a.stderr, "cpmap: coding %s: no records found\n", path)
		return nil, fmt.Errorf("coding %s has no records: %w", path, errProblems)
	}
	return res.Dataset, nil
}
