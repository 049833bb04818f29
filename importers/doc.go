// Package importers owns spreadsheets in: it reads the workbooks (.xlsx) and
// CSV files that national researchers keep, in their own layouts and
// languages, and turns them into records of the normalised dataset, or says
// exactly which cell it could not understand.
//
// Reading runs in two steps (STYLE.md, "read, then decode"): physical
// readers (read_xlsx.go, read_csv.go) yield the rows of each sheet as
// positioned strings, streaming; header.go finds each sheet's header row and
// maps its columns onto a table's fields; layouts.go turns the rows of a
// sheet ("rows" layout, one record per row, or the Global Initiative's "wide"
// legality table, one row per country and one column per setting) into
// records; values.go and dates.go decode the cells; assemble.go gives records
// their ids and sources, adds missing jurisdictions and reports records that
// disagree.
//
// Header names and coded values are matched through synonym tables kept as
// data files (synonyms/*.csv, embedded), in English and the languages of the
// Baltic Sea Region. Extending a table needs no code change; an unmapped
// value is a problem naming the value, its cell and the file to extend.
//
// The package also writes the template workbook researchers fill in
// (template.go), which it reads back like any other workbook.
package importers
