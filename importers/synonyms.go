package importers

import (
	"embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/cpmap/cpmap/dataset"
)

//go:embed synonyms/*.csv
var synonymFiles embed.FS

// SynonymDir is where the built-in synonym tables live in the source tree.
// Problems about an unmapped value name instead the user's synonyms folder
// (Options.Synonyms), whose files of the same names and format extend them.
const SynonymDir = "importers/synonyms"

// Virtual fields a sheet may have beside a table's own: the parts of the
// source a row cites, from which a sources record is built.
const (
	fieldSourceURL   = "source_url"
	fieldSourceTitle = "source_title"
	fieldSourceType  = "source_type"
)

var virtualFields = []string{fieldSourceURL, fieldSourceTitle, fieldSourceType}

// booleanVocab names the synonym table of yes/no fields (boolean.csv).
const booleanVocab = "boolean"

// lexicon is every synonym table, folded and indexed.
type lexicon struct {
	headers   map[string]map[string]string // table ("*" for any) → folded header → field
	vocab     map[string]map[string]string // vocabulary → folded synonym → stored value
	countries map[string]string            // folded name or code → alpha-2
	names     map[string]string            // folded country names only (no codes) → alpha-2
	nameWords int                          // most words in a country name
	months    map[string]int               // folded month word → 1–12, or 0 for a filler word
	markers   map[string]map[string]bool   // kind → folded text
	tables    map[string]string            // folded sheet or file name → table
	parents   map[string]string            // territory → the state it belongs to
	userDir   string                       // the user's synonyms folder, or ""
}

// addLine says how to teach cpmap a value it could not map: the line of
// fields to add to one of the synonym tables, in the user's synonyms folder,
// with a note on the line's placeholders ("" for none).
func (lx *lexicon) addLine(file, note string, fields ...string) string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(fields)
	w.Flush()
	line := strings.TrimSuffix(b.String(), "\n")
	if note != "" {
		note = " (" + note + ")"
	}
	if lx.userDir != "" {
		return fmt.Sprintf("add the line %q%s to %s", line, note, filepath.Join(lx.userDir, file))
	}
	return fmt.Sprintf("add the line %q%s to %s in a synonyms folder (name the folder with synonyms: in config.yaml)", line, note, file)
}

var loadLexicon = sync.OnceValues(func() (*lexicon, error) { return readLexicon(synonymFiles, nil, "") })

// loadUserLexicon returns the built-in tables extended by the CSV files of
// the user's synonyms folder dir, or the built-in ones when dir is "".
func loadUserLexicon(dir string) (*lexicon, error) {
	if dir == "" {
		return loadLexicon()
	}
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("%w: synonyms folder: %v", ErrOptions, err)
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%w: synonyms folder %s is not a folder", ErrOptions, dir)
	}
	return readLexicon(synonymFiles, os.DirFS(dir), dir)
}

// readLexicon reads and checks every synonym table of fsys (a folder
// "synonyms" of CSV files; every file must be there), then those of user (a
// folder of CSV files of the same names, any of them, or nil) named userDir
// in messages. A synonym that folds to the same text as another
// of the same scope but means something else is an error: the tables must
// never be ambiguous.
func readLexicon(fsys, user fs.FS, userDir string) (*lexicon, error) {
	lx := &lexicon{
		headers:   map[string]map[string]string{},
		vocab:     map[string]map[string]string{},
		countries: map[string]string{},
		names:     map[string]string{},
		months:    map[string]int{},
		markers:   map[string]map[string]bool{},
		tables:    map[string]string{},
		parents:   map[string]string{},
		userDir:   userDir,
	}
	var errs []error
	var readOne func(fsys fs.FS, dir, file, name string, header []string, row func(line int, rec []string) error)
	read := func(name string, header []string, row func(line int, rec []string) error) {
		readOne(fsys, SynonymDir, path.Join("synonyms", name), name, header, row)
		if user == nil {
			return
		}
		if _, err := fs.Stat(user, name); errors.Is(err, fs.ErrNotExist) {
			return
		}
		readOne(user, userDir, name, name, header, row)
	}
	readOne = func(fsys fs.FS, dir, file, name string, header []string, row func(line int, rec []string) error) {
		f, err := fsys.Open(file)
		if err != nil {
			errs = append(errs, err)
			return
		}
		defer f.Close()
		r := csv.NewReader(f)
		r.Comment = '#'
		r.FieldsPerRecord = len(header)
		first := true
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", filepath.Join(dir, name), err))
				return
			}
			line, _ := r.FieldPos(0)
			if first {
				first = false
				if !slices.Equal(rec, header) {
					errs = append(errs, fmt.Errorf("%s:%d: header must be %s", filepath.Join(dir, name), line, strings.Join(header, ",")))
					return
				}
				continue
			}
			if err := row(line, rec); err != nil {
				errs = append(errs, fmt.Errorf("%s:%d: %w", filepath.Join(dir, name), line, err))
			}
		}
	}
	// put adds key → value to m, refusing an empty key and a key that
	// already means something else.
	put := func(m map[string]string, key, value, what string) error {
		if key == "" {
			return fmt.Errorf("%q has no letters or digits", what)
		}
		if old, ok := m[key]; ok && old != value {
			return fmt.Errorf("%q means %s here but %s elsewhere", what, value, old)
		}
		m[key] = value
		return nil
	}

	// Vocabularies: the stored values themselves, then the files.
	vocabs := make([]string, 0, len(dataset.Vocabularies)+1)
	for v := range dataset.Vocabularies {
		vocabs = append(vocabs, v)
	}
	slices.Sort(vocabs)
	vocabs = append(vocabs, booleanVocab)
	for _, v := range vocabs {
		m := map[string]string{}
		lx.vocab[v] = m
		values := dataset.Vocabularies[v]
		if v == booleanVocab {
			values = []string{"true", "false"}
		}
		for _, code := range values {
			if err := put(m, dataset.Fold(code), code, code); err != nil {
				errs = append(errs, fmt.Errorf("vocabulary %s: %w", v, err))
			}
		}
		read(v+".csv", []string{"value", "synonym", "lang"}, func(_ int, rec []string) error {
			if !slices.Contains(values, rec[0]) {
				return fmt.Errorf("%q is not a value of %s (%s)", rec[0], v, strings.Join(values, ", "))
			}
			return put(m, dataset.Fold(rec[1]), rec[0], rec[1])
		})
	}

	// Headers: every table's own column names, then the file.
	for _, t := range dataset.Tables() {
		m := map[string]string{}
		lx.headers[t.Name] = m
		for _, f := range t.Fields {
			if err := put(m, dataset.Fold(f.Name), f.Name, f.Name); err != nil {
				errs = append(errs, fmt.Errorf("table %s: %w", t.Name, err))
			}
		}
	}
	lx.headers["*"] = map[string]string{}
	for _, v := range virtualFields {
		lx.headers["*"][dataset.Fold(v)] = v
	}
	read("headers.csv", []string{"table", "field", "header", "lang"}, func(_ int, rec []string) error {
		table, field := rec[0], rec[1]
		m := lx.headers[table]
		if m == nil {
			return fmt.Errorf("unknown table %q", table)
		}
		if table == "*" {
			known := slices.Contains(virtualFields, field)
			for _, t := range dataset.Tables() {
				known = known || t.Field(field) != nil
			}
			if !known {
				return fmt.Errorf("no table has a field %q", field)
			}
		} else if dataset.TableByName(table).Field(field) == nil && !slices.Contains(virtualFields, field) {
			return fmt.Errorf("table %s has no field %q", table, field)
		}
		return put(m, dataset.Fold(rec[2]), field, rec[2])
	})

	// Countries: ISO codes and English names, then the file.
	for _, c := range dataset.Countries() {
		for _, k := range []string{c.Alpha2, c.Alpha3} {
			if err := put(lx.countries, dataset.Fold(k), c.Alpha2, k); err != nil {
				errs = append(errs, fmt.Errorf("ISO 3166: %w", err))
			}
		}
		lx.names[dataset.Fold(c.Name)] = c.Alpha2
	}
	read("countries.csv", []string{"code", "name", "lang"}, func(_ int, rec []string) error {
		if _, ok := dataset.LookupCountry(rec[0]); !ok {
			return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 code", rec[0])
		}
		return put(lx.names, dataset.Fold(rec[1]), rec[0], rec[1])
	})
	for k, code := range lx.names {
		if err := put(lx.countries, k, code, k); err != nil {
			errs = append(errs, fmt.Errorf("countries: %w", err))
		}
		lx.nameWords = max(lx.nameWords, strings.Count(k, " ")+1)
	}

	read("months.csv", []string{"month", "name", "lang"}, func(_ int, rec []string) error {
		m, err := strconv.Atoi(rec[0])
		if err != nil || m < 0 || m > 12 {
			return fmt.Errorf("month %q is not 0–12", rec[0])
		}
		k := dataset.Fold(rec[1])
		if k == "" {
			return fmt.Errorf("%q has no letters", rec[1])
		}
		if old, ok := lx.months[k]; ok && old != m {
			return fmt.Errorf("%q is month %d here but %d elsewhere", rec[1], m, old)
		}
		lx.months[k] = m
		return nil
	})

	read("markers.csv", []string{"kind", "text", "lang"}, func(_ int, rec []string) error {
		switch rec[0] {
		case "total", "footnote", "instructions", "lists", "clear":
		default:
			return fmt.Errorf("unknown kind %q (total, footnote, instructions, lists, clear)", rec[0])
		}
		k := dataset.Fold(rec[1])
		if k == "" {
			return fmt.Errorf("%q has no letters", rec[1])
		}
		if lx.markers[rec[0]] == nil {
			lx.markers[rec[0]] = map[string]bool{}
		}
		lx.markers[rec[0]][k] = true
		return nil
	})

	for _, t := range dataset.Tables() {
		lx.tables[dataset.Fold(t.Name)] = t.Name
	}
	read("tables.csv", []string{"table", "name", "lang"}, func(_ int, rec []string) error {
		if dataset.TableByName(rec[0]) == nil {
			return fmt.Errorf("unknown table %q", rec[0])
		}
		return put(lx.tables, dataset.Fold(rec[1]), rec[0], rec[1])
	})

	read("territories.csv", []string{"code", "parent"}, func(_ int, rec []string) error {
		for _, c := range rec {
			if _, ok := dataset.LookupCountry(c); !ok {
				return fmt.Errorf("%q is not an ISO 3166-1 alpha-2 code", c)
			}
		}
		lx.parents[rec[0]] = rec[1]
		return nil
	})

	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("synonym tables: %w", err)
	}
	return lx, nil
}

// header returns the field of table a header names, or "" when none does. A
// header names a field of the table, or a virtual source field when the
// table cites sources. When the whole header does not match, a trailing
// footnote mark and a part in parentheses are dropped and it is tried again:
// "In force (date)" → "In force".
func (lx *lexicon) header(table *dataset.Table, h string) string {
	h = clean(h)
	if h == "" {
		return ""
	}
	try := func(h string) string {
		k := dataset.Fold(h)
		if f, ok := lx.headers[table.Name][k]; ok {
			return f
		}
		f, ok := lx.headers["*"][k]
		if !ok {
			return ""
		}
		switch {
		case table.Field(f) != nil:
			return f
		case slices.Contains(virtualFields, f):
			if table.Field("source") != nil {
				return f
			}
		case f == "jurisdiction" && table.Field("jurisdictions") != nil:
			return "jurisdictions"
		}
		return ""
	}
	if f := try(h); f != "" {
		return f
	}
	h2 := stripFootnote(h)
	if i := strings.IndexByte(h2, '('); i > 0 {
		h2 = strings.TrimSpace(h2[:i])
	}
	if h2 != h {
		return try(h2)
	}
	return ""
}

// lookup returns the stored value a synonym of the vocabulary stands for.
// A footnote mark glued to the value is dropped when the whole value does
// not match.
func (lx *lexicon) lookup(vocab, s string) (string, bool) {
	m := lx.vocab[vocab]
	if v, ok := m[dataset.Fold(s)]; ok {
		return v, true
	}
	if t := stripFootnote(s); t != s {
		v, ok := m[dataset.Fold(t)]
		return v, ok
	}
	return "", false
}

// country returns the alpha-2 code of a country name (English or native) or
// ISO alpha-2 or alpha-3 code. A footnote mark glued to the name is dropped
// when the whole name does not match.
func (lx *lexicon) country(s string) (string, bool) {
	if c, ok := lx.countries[dataset.Fold(s)]; ok {
		return c, true
	}
	if t := stripFootnote(s); t != s {
		c, ok := lx.countries[dataset.Fold(t)]
		return c, ok
	}
	return "", false
}

// countryIn returns the one country whose name (not code: "no" and "is" are
// words) appears in a line of text such as a title, "Poland – legal reforms".
// It reports false when no country or more than one is named.
func (lx *lexicon) countryIn(text string) (string, bool) {
	words := strings.Fields(dataset.Fold(text))
	found := ""
	for i := range words {
		for n := min(lx.nameWords, len(words)-i); n >= 1; n-- {
			c, ok := lx.names[strings.Join(words[i:i+n], " ")]
			if !ok {
				continue
			}
			if found != "" && found != c {
				return "", false
			}
			found = c
			break
		}
	}
	return found, found != ""
}

// marker reports whether text (folded) is a marker of the kind.
func (lx *lexicon) marker(kind, text string) bool { return lx.markers[kind][dataset.Fold(text)] }

// ClearMarker is the text of a cell that clears the stored value of its
// field when an import updates a record; an empty cell keeps the stored
// value. Its translations are in markers.csv (kind "clear"), each in
// parentheses too: "(dzēst)", "(usuń)".
const ClearMarker = "(clear)"

// clears reports whether a cell holds the clear marker, or one of its
// translations, in parentheses.
func (lx *lexicon) clears(raw string) bool {
	s := clean(raw)
	if len(s) < 3 || s[0] != '(' || s[len(s)-1] != ')' {
		return false
	}
	return lx.marker("clear", s[1:len(s)-1])
}

// sheetMarker reports whether a sheet's name is, or starts with, a marker
// of the kind: "Instructions", "Instructions (EN)", "Read me first".
func (lx *lexicon) sheetMarker(kind, name string) bool {
	words := strings.Fields(dataset.Fold(name))
	for n := len(words); n >= 1; n-- {
		if lx.markers[kind][strings.Join(words[:n], " ")] {
			return true
		}
	}
	return false
}

// tableNamed returns the table a sheet or file name names, or nil.
func (lx *lexicon) tableNamed(name string) *dataset.Table {
	if t, ok := lx.tables[dataset.Fold(name)]; ok {
		return dataset.TableByName(t)
	}
	return nil
}
