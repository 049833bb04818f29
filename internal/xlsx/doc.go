// Package xlsx is the spreadsheet file format (Office Open XML workbooks,
// .xlsx): the one place that knows the XML of a workbook's parts. It owns
//
//   - the package of a workbook read from its zip (Parts): the part of each
//     worksheet and of the shared strings, found through the workbook's
//     relationships, with limits on what any part may unpack to;
//   - the streaming worksheet reader (Rows): each row's raw cell values,
//     positioned by row and column, read with a small tokenizer of the XML,
//     and a first quick scan of a sheet for its merged ranges and dimension
//     (ScanSheet);
//   - the shared-strings table (SharedStrings), kept compactly in memory or,
//     when large, in temporary files read back through a cache of pages;
//   - cell references: A1 ↔ column and row (ColumnName, CellName, ParseCell);
//   - the _xHHHH_ escape codec of text that XML cannot hold (Escape,
//     Unescape);
//   - the formula guard of text cells and its exact inverse (Guard,
//     Unguard), for spreadsheets and CSV files alike.
//
// It imports nothing of cpmap's: importers, exports and internal/bench
// build on it. excelize is used for the parts of a workbook that are small
// (sheet names, visibility, styles).
package xlsx
