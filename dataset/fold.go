package dataset

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold returns the form in which names and values are compared: letters
// lower-cased and stripped of accents (ä→a, ł→l, ø→o, ß→ss), every run of
// spaces, punctuation and symbols turned into one space, with none at either
// end. "In force (date)" and "in_force" both fold to "in force date" and
// "in force"; "Jā" folds to "ja". Importers match headers and synonyms
// in this form, and divergence matches names in it.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	put := func(r rune) {
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFKD.String(s)
	}
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			switch {
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				put(r)
			case r >= 'A' && r <= 'Z':
				put(r + 'a' - 'A')
			default:
				space = true
			}
		case unicode.Is(unicode.Mn, r):
			// an accent: dropped
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			r = unicode.ToLower(r)
			if sub, ok := foldLetters[r]; ok {
				for _, c := range sub {
					put(c)
				}
				continue
			}
			put(r)
		default:
			space = true
		}
	}
	return b.String()
}

// foldLetters spells letters that Unicode does not decompose into a base
// letter and an accent.
var foldLetters = map[rune]string{
	'ł': "l", 'ø': "o", 'æ': "ae", 'œ': "oe", 'ß': "ss", 'đ': "d", 'ð': "d",
	'þ': "th", 'ı': "i", 'ŀ': "l", 'ħ': "h", 'ŧ': "t",
}
