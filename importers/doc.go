// Package importers owns spreadsheets in: it reads the workbooks (.xlsx) and
// CSV files that national researchers keep, in their own layouts and
// languages, and turns them into records of the normalised dataset, or says
// exactly which cell it could not understand.
//
// Reading runs in two steps (STYLE.md, "read, then decode"). Physical
// readers yield the rows of each sheet as positioned strings, streaming:
// read_xlsx.go (excelize for the sheets and styles; the rows streamed from
// each worksheet's XML by xlsx_rows.go, raw cell values as excelize's Rows
// iterator reads them, percent-formatted cells noted; the shared strings
// kept by xlsx_sst.go, in memory or, for a large table, in temporary
// files; merged ranges resolved, xlsx_scan.go finding them without loading
// the sheet; a large sheet read ahead by a goroutine, readahead.go) and
// read_csv.go (encoding.go detects the
// encoding; the delimiter is detected too). Then header.go finds each
// sheet's header row, below any titles, and maps its columns onto a
// table's fields; layouts.go turns the rows ("rows" layout, one record per
// row, or the Global Initiative's "wide" legality table, one row per
// country and one column per setting) into records, skipping totals and
// footnotes; values.go and dates.go decode the cells; assemble.go settles
// sources cited by URL or title, adds missing jurisdictions, gives records
// ids made from their content (ids.go) and reports rows that disagree.
//
// A large import (more than Options.PartRecords records of campaigns,
// programmes and surveys) keeps those records on disk, in buckets by key,
// and hands them back assembled part by part (parts.go, Result.Parts), so
// that its memory does not grow with its rows. Its temporary files hold
// records in one format (tempfile.go).
//
// Merge (merge.go) merges what an import read into an existing dataset,
// whole or part by part, and checks the result: the Plan says what would be
// added and changed and what problems the dataset would have, and saves it.
// Whether to save a plan with changes is the caller's policy.
//
// Header names and coded values are matched through synonym tables kept as
// data files (synonyms/*.csv, embedded; synonyms.go), in English and the
// languages of the Baltic Sea Region, which the CSV files of a user's
// folder (Options.Synonyms) extend without rebuilding; an unmapped value is
// a problem naming the value, its cell and the line to add there. A column
// that maps to no field and holds values is an error (nothing read is
// dropped) unless Options.IgnoreColumns names it.
//
// An empty cell means "not given": merged into a stored record, it keeps
// the stored value; a cell holding ClearMarker, "(clear)" (or its
// translation, markers.csv), clears it (dataset.Origin.Cleared).
//
// Dates are read day first, the region's way: 03/04/2010 is 3 April 2010,
// and a date whose middle number cannot be a month (04/13/2010) is refused
// rather than guessed. A date keeps the precision it is written with; a real
// Excel date is a day.
//
// The package also writes the template workbook researchers fill in
// (template.go), which it reads back like any other workbook.
package importers
