package exports

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strings"
	"unicode"
)

// WriteJSON writes v as indented JSON, with <, > and & as they are: the
// JSON of the text commands is read by programs, not put in pages.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// writeCSV writes the records, every cell guarded against formula injection.
func writeCSV(w io.Writer, records [][]string) error {
	cw := csv.NewWriter(w)
	for _, r := range records {
		if err := cw.Write(SafeRecord(r)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// oneLine collapses the white space of a dataset text, so that it cannot
// break a line of text output.
func oneLine(s string) string { return strings.Join(fields(s), " ") }

// fields splits s around runs of breaking white space, as strings.Fields
// does, but keeps no-break spaces (the ones grouping digits among them)
// inside the words.
func fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) && r != '\u00a0' && r != '\u202f' && r != '\u2007'
	})
}
