// Package exports writes files out: the dataset as an xlsx workbook or JSON,
// the status matrix, progress and timeline as text, csv, json or Markdown,
// reports of what changed between two datasets, per-country summaries and
// briefing packs. Every text cell it writes to a spreadsheet or CSV goes
// through SafeText, the formula-injection guard.
package exports
