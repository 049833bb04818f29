package importers

import (
	"slices"
	"unicode/utf8"

	"github.com/cpmap/cpmap/dataset"
)

// Country returns the ISO 3166-1 alpha-2 code that s names: an alpha-2 or
// alpha-3 code, or a country name in English or in a language of the
// region, as the country synonym table knows it (Poland, Polska, Lotwa).
// It reports false for anything else, and for a table that cannot be read.
func Country(s string) (string, bool) {
	lx, err := loadLexicon()
	if err != nil {
		return "", false
	}
	return lx.country(s)
}

// SuggestCountry returns the English name and alpha-2 code of the country
// whose name or code is nearest to s, when one is near enough to be a typo
// (a letter or two apart), for a "did you mean" hint; ok is false when
// none is.
func SuggestCountry(s string) (name, code string, ok bool) {
	lx, err := loadLexicon()
	if err != nil {
		return "", "", false
	}
	f := dataset.Fold(s)
	n := utf8.RuneCountInString(f)
	if n < 3 {
		return "", "", false
	}
	limit := 1
	if n >= 6 {
		limit = 2
	}
	best, bestCode := limit+1, ""
	keys := make([]string, 0, len(lx.countries))
	for k := range lx.countries {
		keys = append(keys, k)
	}
	slices.Sort(keys) // ties go to the first name, the same on every run
	for _, k := range keys {
		if d := editDistance(f, k); d < best {
			best, bestCode = d, lx.countries[k]
		}
	}
	if bestCode == "" {
		return "", "", false
	}
	name = bestCode
	if c, ok := dataset.LookupCountry(bestCode); ok {
		name = c.Name
	}
	return name, bestCode, true
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
