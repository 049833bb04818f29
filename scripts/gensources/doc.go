// Command gensources writes the bundled source workbooks of sources/ from
// the dataset in data/, so that the two never drift apart by hand: each file
// is written the way a national researcher would keep it (the cpmap
// template filled in, a sheet in the state's own language with a title row,
// a Global Initiative style wide legality table, a semicolon CSV in a
// Windows code page), and importing them all gives data/ back
// (cmd/cpmap/bundled_test.go checks that byte for byte).
//
// Run it from the repository root after changing data/:
//
//	go generate ./...
//
// or, with other folders, go run ./scripts/gensources -data DIR -out DIR.
// It refuses to write anything when a record of data/ would end up in no
// file, in two files, or in a sheet without a column for one of its values.
// The output is the same bytes on every run, and its test fails when
// sources/ is not what data/ gives.
//
// The files table of main.go lists every file and the function that writes
// it: the coordinator's workbook (with the coverage records), the wide legality
// table and the workbook of the remaining records (other-records.xlsx, for
// rows no national sheet has columns for) in region.go,
// the Nordic workbooks in nordic.go, the German, Polish and Baltic ones in
// baltic.go, the Russian CSV in russia.go. The sheets are built from the
// columns of columns.go and the date forms of dates.go, and written by
// book.go; gen.go keeps track of which file holds each record.
package main

//go:generate go run . -data ../../data -out ../../sources
