package xlsx

import (
	"strings"
	"unicode/utf8"
)

// formulaTriggers are the first characters that make a spreadsheet program
// read a cell as a formula (OWASP's CSV injection guidance: = + - @, tab and
// carriage return, plus line feed), and their fullwidth forms, which some
// programs fold to the ASCII ones.
const formulaTriggers = "=+-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20"

// Guard guards one text cell of a spreadsheet or CSV file against formula
// injection, the way OWASP recommends: a value that a spreadsheet program
// could run as a formula gets a single apostrophe (') in front, so that it
// is shown, and kept on edit, as text. Unguard is its exact inverse.
//
// The rule, exactly:
//
//   - The trigger characters are '=' U+003D, '+' U+002B, '-' U+002D,
//     '@' U+0040, tab U+0009, carriage return U+000D, line feed U+000A, and
//     the fullwidth '＝' U+FF1D, '＋' U+FF0B, '－' U+FF0D, '＠' U+FF20.
//   - A value is guarded when, after any apostrophes (U+0027) it starts
//     with, its first character is a trigger character. "=1", "-5" and
//     "'=1" are guarded; "'", "'abc", "a=b" and "" are not.
//   - Guard returns a guarded value with one apostrophe added in front,
//     and any other value unchanged.
//   - Unguard: a value that starts with an apostrophe and is guarded
//     without that apostrophe loses exactly that one apostrophe; any other
//     value is kept as it is.
//
// Counting the apostrophes already there makes the rule reversible: a text
// that itself starts with an apostrophe and "=" is written with two
// apostrophes in front of the "=" and read back with one.
//
// Only text goes through Guard. Numbers written as numeric cells are not
// text and are never changed; a negative number is written as a number, but
// the text "-5" in a text column is guarded.
func Guard(s string) string {
	if guarded(s) {
		return "'" + s
	}
	return s
}

// Unguard undoes Guard: Unguard(Guard(s)) == s for every s.
func Unguard(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && guarded(rest) {
		return rest
	}
	return s
}

// GuardRecord returns a copy of a CSV record with Guard applied to every
// cell, for CSV files that a spreadsheet program may open. Use it only on
// records whose cells are all text.
func GuardRecord(rec []string) []string {
	out := make([]string, len(rec))
	for i, s := range rec {
		out[i] = Guard(s)
	}
	return out
}

// guarded reports whether s, after its leading apostrophes, starts with a
// trigger character.
func guarded(s string) bool {
	s = strings.TrimLeft(s, "'")
	if s == "" {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(formulaTriggers, r)
}
