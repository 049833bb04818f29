package xlsx

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The _xHHHH_ escapes of the file format (ST_Xstring): text that XML
// cannot hold, a control character other than tab, line feed and carriage
// return, is written as _x followed by its code in four hexadecimal digits
// and _; the underscore of text that already reads _xHHHH_ is written
// _x005F_, so that it reads back as itself.

// Escape encodes what XML cannot hold the way the file format does: a
// control character other than tab, line feed and carriage return, and
// U+FFFE and U+FFFF, become _xHHHH_, and the underscore of text that
// already reads _xHHHH_ becomes _x005F_, so that a spreadsheet program
// (and Unescape) reads back the original text.
func Escape(s string) string {
	if !strings.ContainsFunc(s, func(r rune) bool {
		return r == '_' || needsEscape(r)
	}) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '_' && (isEscape(s[i:]) || isEscape(s[i:min(i+6, len(s))]+"_") && i+6 < len(s) && needsEscapeAt(s[i+6:])):
			// Text that reads _xHHHH_, or that would once the character
			// after it is escaped.
			b.WriteString("_x005F_")
		case needsEscape(r):
			fmt.Fprintf(&b, "_x%04X_", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// needsEscape reports whether Escape writes r as _xHHHH_.
func needsEscape(r rune) bool {
	return r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF
}

// needsEscapeAt reports whether Escape writes the first character of s as
// _xHHHH_.
func needsEscapeAt(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return needsEscape(r)
}

// isEscape reports whether s starts with _xHHHH_.
func isEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// Unescape decodes the _xHHHH_ escapes with which Excel writes
// characters that XML cannot hold (_x000D_ for a carriage return, _x005F_
// for a '_'). An escape of no character (a lone surrogate) is dropped, as
// excelize drops it.
func Unescape(s string) string {
	i := strings.Index(s, "_x")
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	done := 0
	for ; i+7 <= len(s); i++ {
		if s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
			continue
		}
		n, err := strconv.ParseUint(s[i+2:i+6], 16, 32)
		if err != nil || strings.ContainsAny(s[i+2:i+6], "+-") {
			continue
		}
		b.WriteString(s[done:i])
		if r := rune(n); utf8.ValidRune(r) {
			b.WriteRune(r)
		}
		i += 6
		done = i + 1
	}
	b.WriteString(s[done:])
	return b.String()
}
