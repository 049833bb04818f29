package exports

import "github.com/cpmap/cpmap/internal/xlsx"

// SafeText guards one text cell of a spreadsheet or CSV file against formula
// injection: a value that a spreadsheet program could run as a formula gets
// a single apostrophe in front. It is xlsx.Guard, whose documentation gives
// the rule exactly; importers undo it with xlsx.Unguard.
//
// Only text goes through SafeText: numbers written as numeric cells are
// never changed. JSON is not a spreadsheet format: the JSON export keeps
// every text exactly as stored.
func SafeText(s string) string { return xlsx.Guard(s) }

// SafeRecord returns a copy of a CSV record with SafeText applied to every
// cell, for CSV files that a spreadsheet program may open. Use it only on
// records whose cells are all text.
func SafeRecord(rec []string) []string { return xlsx.GuardRecord(rec) }
