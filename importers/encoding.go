package importers

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
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

// textScan is what a first pass over a CSV file found: its first MiB, for
// detecting the encoding, whether all of it is valid UTF-8 (and if not, the
// line of the first invalid byte), and its number of line ends.
type textScan struct {
	head    []byte
	valid   bool
	badLine int
	lines   int
}

// scanText reads r to its end, keeping nothing of it but its first MiB.
func scanText(r io.Reader) (textScan, error) {
	s := textScan{valid: true}
	buf := make([]byte, 256<<10)
	carry := 0
	for {
		n, err := io.ReadFull(r, buf[carry:])
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return s, err
		}
		if room := 1<<20 - len(s.head); room > 0 {
			s.head = append(s.head, buf[carry:carry+min(n, room)]...)
		}
		chunk := buf[:carry+n]
		cut := len(chunk)
		if !eof {
			cut = completeRunes(chunk)
		}
		if s.valid && !utf8.Valid(chunk[:cut]) {
			s.valid = false
			s.badLine = s.lines + 1 + bytes.Count(chunk[:firstInvalid(chunk[:cut])], []byte("\n"))
		}
		s.lines += bytes.Count(chunk[:cut], []byte("\n"))
		if eof {
			return s, nil
		}
		carry = copy(buf, chunk[cut:])
	}
}

// completeRunes returns the length of b without an incomplete UTF-8
// sequence at its end.
func completeRunes(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			if !utf8.FullRune(b[i:]) {
				return i
			}
			break
		}
	}
	return len(b)
}

// firstInvalid returns the offset of the first byte of b that is not
// valid UTF-8.
func firstInvalid(b []byte) int {
	i := 0
	for i < len(b) {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			break
		}
		i += n
	}
	return i
}

// detectEncoding returns the encoding of a CSV file scanned by scanText
// and how many bytes of byte order mark to skip before decoding it. With
// forced empty the encoding is detected: a byte order mark (UTF-8, UTF-16
// LE or BE, as Excel's "Unicode text" has), UTF-16 without one (every
// other byte zero), valid UTF-8, and otherwise a Windows code page chosen
// by guessCodePage. A file forced or detected as UTF-8 that is not valid
// UTF-8 is an error naming the first bad line.
func detectEncoding(s textScan, forced string) (name string, skip int, err error) {
	name, data := forced, s.head
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		skip = 3
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
		case s.valid:
			name = "utf-8"
		default:
			name = guessCodePage(data[skip:])
		}
	}
	if name == "utf-8" && !s.valid {
		return name, skip, fmt.Errorf("line %d is not valid UTF-8; save the file as UTF-8, or say its encoding with --encoding (%s)", s.badLine, strings.Join(Encodings[3:], ", "))
	}
	return name, skip, nil
}

// decodeReader returns the text of r, in the encoding named, as UTF-8.
func decodeReader(r io.Reader, name string) io.Reader {
	if name == "utf-8" {
		return r
	}
	return transform.NewReader(r, encodingOf(name).NewDecoder())
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
