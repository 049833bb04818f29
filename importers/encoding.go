package importers

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
)

// Encodings lists the character encodings of CSV files that --encoding
// names (detection picks among the same).
var Encodings = []string{"utf-8", "utf-16le", "utf-16be", "windows-1252", "windows-1257", "windows-1251"}

var encodingAliases = map[string]string{
	"utf8": "utf-8", "utf 8": "utf-8", "utf-16": "utf-16le", "utf16": "utf-16le", "unicode": "utf-16le",
	"utf16le": "utf-16le", "utf16be": "utf-16be",
	"cp1252": "windows-1252", "1252": "windows-1252", "latin1": "windows-1252", "iso-8859-1": "windows-1252",
	"cp1257": "windows-1257", "1257": "windows-1257", "baltic": "windows-1257",
	"cp1251": "windows-1251", "1251": "windows-1251", "cyrillic": "windows-1251",
}

// lookupEncoding returns an encoding by one of its names (case-insensitive).
func lookupEncoding(name string) (string, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if a, ok := encodingAliases[n]; ok {
		n = a
	}
	if !slices.Contains(Encodings, n) {
		return "", fmt.Errorf("unknown encoding %q: use one of %s", name, strings.Join(Encodings, ", "))
	}
	return n, nil
}

func encodingOf(name string) encoding.Encoding {
	switch name {
	case "utf-16le":
		return xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM)
	case "utf-16be":
		return xunicode.UTF16(xunicode.BigEndian, xunicode.UseBOM)
	case "windows-1252":
		return charmap.Windows1252
	case "windows-1257":
		return charmap.Windows1257
	case "windows-1251":
		return charmap.Windows1251
	}
	return nil
}

// decodeText returns the text of a CSV file as UTF-8 and the encoding it
// was read in. With forced empty the encoding is detected: a byte order mark
// (UTF-8, UTF-16 LE or BE, as Excel's "Unicode text" has), UTF-16 without
// one (every other byte zero), valid UTF-8, and otherwise a Windows code
// page chosen by guessCodePage. A file forced or detected as UTF-8 that is
// not valid UTF-8 is an error; line is then the first bad line.
func decodeText(data []byte, forced string) (text, used string, line int, err error) {
	name := forced
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		data = data[3:]
		if name == "" {
			name = "utf-8"
		}
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && (name == "" || name == "utf-16le"):
		name = "utf-16le"
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}) && (name == "" || name == "utf-16be"):
		name = "utf-16be"
	}
	if name == "" {
		switch {
		case len(data) >= 4 && data[0] != 0 && data[1] == 0 && data[2] != 0 && data[3] == 0:
			name = "utf-16le"
		case len(data) >= 4 && data[0] == 0 && data[1] != 0 && data[2] == 0 && data[3] != 0:
			name = "utf-16be"
		case utf8.Valid(data):
			name = "utf-8"
		default:
			name = guessCodePage(data)
		}
	}
	if name == "utf-8" {
		if !utf8.Valid(data) {
			i := 0
			for i < len(data) {
				r, n := utf8.DecodeRune(data[i:])
				if r == utf8.RuneError && n <= 1 {
					break
				}
				i += n
			}
			line := 1 + bytes.Count(data[:i], []byte("\n"))
			return "", name, line, fmt.Errorf("line %d is not valid UTF-8; save the file as UTF-8, or say its encoding with --encoding (%s)", line, strings.Join(Encodings[3:], ", "))
		}
		return string(data), name, 0, nil
	}
	out, err := encodingOf(name).NewDecoder().Bytes(data)
	if err != nil {
		return "", name, 0, fmt.Errorf("cannot decode it as %s: %v", name, err)
	}
	return string(out), name, 0, nil
}

// alphabets are the letters beyond a–z of the region's languages, by the
// code page that writes them.
var alphabets = map[string][]string{
	"windows-1251": {"абвгдеёжзийклмнопрстуфхцчшщъыьэюяії"}, // Russian (and Belarusian, Ukrainian)
	"windows-1257": {
		"ąčęėįšųūž",   // Lithuanian
		"āčēģīķļņšūž", // Latvian
		"äöüõšž",      // Estonian
		"ąćęłńóśźż",   // Polish
	},
	"windows-1252": {
		"æøåé",       // Danish, Norwegian
		"åäöé",       // Swedish
		"äöåšž",      // Finnish
		"äöüß",       // German
		"áðéíóúýþæö", // Icelandic
		"äöüõšž",     // Estonian
	},
}

// guessCodePage picks the Windows code page of text that is not UTF-8. Text
// is decoded in each of 1252, 1257 and 1251, and scored by the language of
// that code page that explains the most words: words with letters beyond
// a–z all of which are letters of that language. The highest score wins,
// 1252 on a tie. Russian text read as 1252 or 1257 is gibberish; Lithuanian
// read as 1252 has è, ë, à, ø and û, which no language of 1252 here has all
// of. It looks at the first MiB.
func guessCodePage(data []byte) string {
	if len(data) > 1<<20 {
		data = data[:1<<20]
	}
	best, bestScore := "windows-1252", -1
	for _, name := range []string{"windows-1252", "windows-1257", "windows-1251"} {
		text, err := encodingOf(name).NewDecoder().Bytes(data)
		if err != nil {
			continue
		}
		score := 0
		for _, a := range alphabets[name] {
			score = max(score, wordsIn(string(text), a))
		}
		if score > bestScore {
			best, bestScore = name, score
		}
	}
	return best
}

// wordsIn counts the words of text with a letter beyond a–z whose letters
// beyond a–z all belong to the alphabet.
func wordsIn(text, alphabet string) int {
	n := 0
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !unicode.IsLetter(r) }) {
		special, fits := false, true
		for _, r := range w {
			if r < utf8.RuneSelf {
				continue
			}
			special = true
			if !strings.ContainsRune(alphabet, r) {
				fits = false
				break
			}
		}
		if special && fits {
			n++
		}
	}
	return n
}
