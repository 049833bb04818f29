package importers

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cpmap/cpmap/dataset"
)

// cyrillic transliterates the Russian alphabet (after folding, which has
// already turned й into и and ё into е) for slugs.
var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya", 'і': "i", 'ї': "i", 'є': "e", 'ґ': "g", 'ў': "u",
}

// slug returns an id fragment of s: ASCII letters and digits joined by single
// hyphens (ä→a, ł→l, ø→o, Cyrillic transliterated), at most max bytes long,
// cut at a hyphen where possible. It is empty when s has no letters or digits.
func slug(s string, max int) string {
	f := dataset.Fold(s)
	var b strings.Builder
	b.Grow(len(f))
	hyphen := false
	for _, r := range f {
		var part string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			part = string(r)
		case cyrillic[r] != "":
			part = cyrillic[r]
		default:
			hyphen = true
			continue
		}
		if hyphen && b.Len() > 0 {
			b.WriteByte('-')
		}
		hyphen = false
		b.WriteString(part)
	}
	out := b.String()
	if max > 0 && len(out) > max {
		out = out[:max]
		if i := strings.LastIndexByte(out, '-'); i > max/2 {
			out = out[:i]
		}
		out = strings.TrimRight(out, "-")
	}
	return out
}

// isID reports whether s is already an id: lower-case ASCII letters, digits
// and hyphens.
func isID(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// footnoteRunes are the marks that follow a name or value to point to a
// footnote: digits, superscript digits, asterisks and daggers.
func isFootnoteRune(r rune) bool {
	switch r {
	case '*', '†', '‡', '¹', '²', '³', '⁰', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹':
		return true
	}
	return r >= '0' && r <= '9'
}

// stripFootnote removes a footnote mark glued to the end of a word:
// "Sweden1" → "Sweden", "YES2" → "YES", "[YES]3" → "[YES]", "Poland*" →
// "Poland". A value that is all digits is left alone, and so is one whose
// mark is not preceded by a letter or a closing bracket.
func stripFootnote(s string) string {
	end := len(s)
	for end > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:end])
		if !isFootnoteRune(r) {
			break
		}
		end -= n
	}
	if end == len(s) || end == 0 {
		return s
	}
	r, _ := utf8.DecodeLastRuneInString(s[:end])
	if unicode.IsLetter(r) || r == ']' || r == ')' {
		return s[:end]
	}
	return s
}

// clean trims a cell's text: spaces (including no-break and other Unicode
// spaces) at both ends, and Windows line ends turned into '\n'.
func clean(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return s
}
