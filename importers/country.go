package importers

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
	return lx.suggest(s)
}
