// Package xlsxtest writes workbooks for tests: a workbook of given sheets,
// written with excelize (Write), and a copy of a workbook with one of its
// parts replaced (ReplacePart), for files no spreadsheet program would
// write.
//
// It is used only by tests (those of internal/xlsx and importers); no
// program of cpmap imports it. It imports nothing of cpmap's, so that the
// tests inside package xlsx may use it.
package xlsxtest
