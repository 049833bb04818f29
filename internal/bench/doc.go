// Package bench makes data at scale for benchmarks and for comparing cpmap
// with other spreadsheet readers: a valid dataset of any size (Dataset) and
// workbooks saved the way Excel and LibreOffice save them (Workbook).
//
// Everything it makes is a pure function of its configuration and seed: the
// same options always give the same records and the same bytes. It never
// reads the clock; the last year of the generated history is an option.
package bench
