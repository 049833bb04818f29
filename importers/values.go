package importers

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
)

// cellCtx is what decoding a cell needs to know of where it came from.
type cellCtx struct {
	xlsx     bool // from a workbook: numbers are raw cell values
	date1904 bool // the workbook counts dates from 1904
}

// cellError is a cell that cannot be read as a value of its field, with the
// problem code to report it under.
type cellError struct {
	code string
	msg  string
}

func (e *cellError) Error() string { return e.msg }

// decode returns the stored form of a cell's text for field f: a country
// name becomes its code, a synonym its vocabulary value, a date its ISO form
// of the precision given, a number its '.'-decimal form. An empty cell is an
// empty value. percent says the cell is formatted as a percentage.
func (lx *lexicon) decode(f *dataset.Field, raw string, percent bool, ctx cellCtx) (string, error) {
	s := clean(raw)
	if s == "" {
		return "", nil
	}
	switch f.Kind {
	case dataset.KindText, dataset.KindURL:
		// A text exported by cpmap (exports.SafeText, xlsx.Guard) comes back as it was.
		return xlsx.Unguard(s), nil
	case dataset.KindID:
		if isID(s) {
			return s, nil
		}
		if id := slug(s, 0); id != "" {
			return id, nil
		}
		return "", &cellError{dataset.CodePattern, fmt.Sprintf("cannot make an id of %q: use letters, digits and '-'", s)}
	case dataset.KindCode:
		return lx.decodeCountry(s)
	case dataset.KindEnum:
		return lx.decodeEnum(f.Vocab, s)
	case dataset.KindBoolean:
		return lx.decodeEnum(booleanVocab, s)
	case dataset.KindList:
		return lx.decodeList(f.Vocab, s)
	case dataset.KindDate:
		d, err := lx.parseDate(s, ctx)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case dataset.KindInteger:
		v, pct, err := parseNumber(s, true, ctx.xlsx)
		if err != nil || pct {
			return "", &cellError{dataset.CodeType, fmt.Sprintf("cannot read %q as a whole number", s)}
		}
		if v != math.Trunc(v) || math.Abs(v) > 1e15 {
			return "", &cellError{dataset.CodeType, fmt.Sprintf("cannot read %q as a whole number", s)}
		}
		return strconv.FormatInt(int64(v), 10), nil
	case dataset.KindPercent:
		v, pct, err := parseNumber(s, false, ctx.xlsx)
		if err != nil {
			return "", &cellError{dataset.CodeType, fmt.Sprintf("cannot read %q as a percentage: write 26, 26.5, 26,5 or 26 %%", s)}
		}
		if percent && !pct {
			v *= 100
		}
		return formatNumber(v), nil
	}
	return s, nil
}

// decodeCountry returns the alpha-2 code of a country cell.
func (lx *lexicon) decodeCountry(s string) (string, error) {
	if c, ok := lx.country(s); ok {
		return c, nil
	}
	if name := lx.suggestCountry(s); name != "" {
		return "", &cellError{dataset.CodeISO, fmt.Sprintf("cannot map %q to a country: did you mean %s? Use an ISO 3166-1 code or a country's name; if %q is a name of a country, %s",
			s, name, s, lx.addLine("countries.csv", "CODE: its ISO 3166-1 alpha-2 code", "CODE", s, ""))}
	}
	return "", &cellError{dataset.CodeISO, fmt.Sprintf("cannot map %q to a country: use an ISO 3166-1 code or a country's name, or %s",
		s, lx.addLine("countries.csv", "CODE: its ISO 3166-1 alpha-2 code", "CODE", s, ""))}
}

// suggestCountry returns the English name of the country whose name (in any
// language cpmap knows) is nearest to s, a typo away, or "" when none is.
func (lx *lexicon) suggestCountry(s string) string {
	name, _, _ := lx.suggest(s)
	return name
}

// suggest returns the English name and code of the country whose name (in
// any language cpmap knows) is nearest to s, a typo away: one edit in a
// short name, two from six letters; ok is false when none is. Ties go to
// the first name in order, the same on every run.
func (lx *lexicon) suggest(s string) (name, code string, ok bool) {
	k := []rune(dataset.Fold(s))
	if len(k) < 3 {
		return "", "", false
	}
	most := 1 + len(k)/6 // 1 edit in a short name, 2 from 6 letters
	best, bestCode, bestKey, bestD := "", "", "", most+1
	for key, cc := range lx.names {
		d := editDistance(k, []rune(key), bestD)
		if d < bestD || d == bestD && d <= most && key < bestKey {
			if c, ok := dataset.LookupCountry(cc); ok {
				best, bestCode, bestKey, bestD = c.Name, cc, key, d
			}
		}
	}
	if bestD > most {
		return "", "", false
	}
	return best, bestCode, true
}

// editDistance returns the Levenshtein distance of a and b, or a number
// above limit when it is above limit.
func editDistance(a, b []rune, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		least := cur[0]
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			least = min(least, cur[j])
		}
		if least > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// decodeEnum returns the vocabulary value a cell names.
func (lx *lexicon) decodeEnum(vocab, s string) (string, error) {
	if v, ok := lx.lookup(vocab, s); ok {
		return v, nil
	}
	values := dataset.Vocabularies[vocab]
	if vocab == booleanVocab {
		values = []string{"true", "false"}
	}
	name := vocabName(vocab)
	return "", &cellError{dataset.CodeEnum, fmt.Sprintf("cannot map %q to %s %s value (%s): write one of them, or %s",
		s, article(name), name, strings.Join(values, ", "), lx.addLine(vocab+".csv", "VALUE: one of them", "VALUE", s, ""))}
}

// article returns "a" or "an", as English writes it before word.
func article(word string) string {
	w := strings.ToLower(word)
	for _, p := range []string{"uni", "use", "one", "eu"} {
		if strings.HasPrefix(w, p) {
			return "a"
		}
	}
	if w != "" && strings.ContainsRune("aeiou", rune(w[0])) {
		return "an"
	}
	return "a"
}

func vocabName(vocab string) string {
	if vocab == booleanVocab {
		return "yes/no"
	}
	return strings.ReplaceAll(vocab, "_", " ")
}

// decodeList returns the stored form of a list cell: its items, separated by
// ';', ',', '/', '|' or line breaks, each mapped through the vocabulary
// (country names for vocab "code"), sorted, without duplicates, joined by ';'.
func (lx *lexicon) decodeList(vocab, s string) (string, error) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(";,/|\n", r) })
	var items []string
	for _, p := range parts {
		p = clean(p)
		if p == "" {
			continue
		}
		var v string
		var err error
		switch vocab {
		case "code":
			v, err = lx.decodeCountry(p)
		case "":
			v = p
		default:
			v, err = lx.decodeEnum(vocab, p)
		}
		if err != nil {
			return "", err
		}
		items = append(items, v)
	}
	slices.Sort(items)
	return strings.Join(slices.Compact(items), ";"), nil
}

// decodeStatus reads a legal status, the Global Initiative's way: YES, NO,
// SOME or a synonym, with a footnote mark glued to it dropped (YES2), and in
// square brackets ([YES]) when the status is unconfirmed.
func (lx *lexicon) decodeStatus(raw string) (status string, unconfirmed bool, err error) {
	s := stripFootnote(clean(raw))
	if len(s) >= 2 && s[0] == '[' && s[len(s)-1] == ']' {
		s, unconfirmed = clean(s[1:len(s)-1]), true
	}
	if s == "" {
		return "", unconfirmed, nil
	}
	status, err = lx.decodeEnum("status", s)
	return status, unconfirmed, err
}

// parseNumber reads a number as people write it: a decimal comma or point,
// spaces, no-break spaces or apostrophes between thousands, and an optional
// percent sign (reported as pct). When both '.' and ',' appear the last one
// is the decimal mark; one that appears more than once groups thousands. For
// a whole number (integer) a single mark followed by exactly three digits
// groups thousands too ("12.000" or "12,000" is twelve thousand); otherwise
// a single mark is decimal. Workbook numbers (raw) are read as stored.
func parseNumber(s string, integer, raw bool) (v float64, pct bool, err error) {
	s = clean(s)
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, pct = clean(t), true
	}
	if raw && isPlainNumber(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil && !math.IsInf(v, 0) {
			return v, pct, nil
		}
	}
	var b strings.Builder
	neg := false
	for i, r := range s {
		switch {
		case i == 0 && (r == '-' || r == '−'):
			neg = true
		case r >= '0' && r <= '9' || r == '.' || r == ',':
			b.WriteRune(r)
		case unicode.IsSpace(r) || r == '\'' || r == '’':
		default:
			return 0, pct, fmt.Errorf("%q is not a number", s)
		}
	}
	t := b.String()
	dots, commas := strings.Count(t, "."), strings.Count(t, ",")
	lastDot, lastComma := strings.LastIndexByte(t, '.'), strings.LastIndexByte(t, ',')
	var dec byte
	switch {
	case dots > 0 && commas > 0:
		dec = '.'
		if lastComma > lastDot {
			dec = ','
		}
		if strings.Count(t, string(dec)) > 1 {
			return 0, pct, fmt.Errorf("%q is not a number", s)
		}
	case dots == 1:
		dec = '.'
	case commas == 1:
		dec = ','
	}
	if dec != 0 && integer && dots+commas == 1 {
		i := strings.IndexByte(t, dec)
		if len(t)-i-1 == 3 && i > 0 && i <= 3 && t[0] != '0' {
			dec = 0 // groups thousands: 12.000
		}
	}
	var n strings.Builder
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c == dec:
			n.WriteByte('.')
		case c == '.' || c == ',':
		default:
			n.WriteByte(c)
		}
	}
	if n.Len() == 0 || n.String() == "." {
		return 0, pct, fmt.Errorf("%q is not a number", s)
	}
	v, err = strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsInf(v, 0) {
		return 0, pct, fmt.Errorf("%q is not a number", s)
	}
	if neg {
		v = -v
	}
	return v, pct, nil
}

// formatNumber writes a number with a '.' decimal point, rounded to 10
// decimals so that 0.265 × 100 is 26.5.
func formatNumber(v float64) string {
	r := math.Round(v*1e10) / 1e10
	if math.IsInf(r, 0) || math.IsNaN(r) {
		r = v
	}
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}
