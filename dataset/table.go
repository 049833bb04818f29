package dataset

import (
	"fmt"
	"math"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
)

// Kind is the kind of value a field holds, as SCHEMA.md names them.
type Kind string

// Field kinds.
const (
	KindText    Kind = "text"
	KindID      Kind = "id"
	KindCode    Kind = "code"
	KindURL     Kind = "url"
	KindEnum    Kind = "enum"
	KindList    Kind = "list"
	KindDate    Kind = "pdate"
	KindInteger Kind = "integer"
	KindPercent Kind = "percent"
	KindBoolean Kind = "boolean"
)

// Field describes one column of a table.
type Field struct {
	Name     string // exact column name
	Kind     Kind
	Vocab    string // vocabulary of an enum, or of a list's items ("code" for country codes)
	Required bool
	Ref      string   // table whose primary key this field references
	Min, Max *float64 // inclusive range of a number
	index    int      // struct field index
}

// Table describes one table of the dataset: its file, columns and key.
type Table struct {
	Name   string // "provisions"
	Path   string // "provisions.csv"
	Key    []string
	Fields []Field
	elem   reflect.Type
	origin int                // struct field index of the record's Origin
	slice  func(*Dataset) any // pointer to the table's slice
}

var tables = sync.OnceValue(func() []*Table {
	return []*Table{
		newTable("jurisdictions", []string{"code"}, func(d *Dataset) any { return &d.Jurisdictions }),
		newTable("memberships", []string{"jurisdiction", "group", "from"}, func(d *Dataset) any { return &d.Memberships }),
		newTable("provisions", []string{"id"}, func(d *Dataset) any { return &d.Provisions }),
		newTable("commitments", []string{"jurisdiction", "from"}, func(d *Dataset) any { return &d.Commitments }),
		newTable("campaigns", []string{"id"}, func(d *Dataset) any { return &d.Campaigns }),
		newTable("programmes", []string{"id"}, func(d *Dataset) any { return &d.Programmes }),
		newTable("surveys", []string{"id"}, func(d *Dataset) any { return &d.Surveys }),
		newTable("coverage", []string{"jurisdiction", "topic", "checked_on"}, func(d *Dataset) any { return &d.Coverage }),
		newTable("sources", []string{"id"}, func(d *Dataset) any { return &d.Sources }),
	}
})

// Tables returns the tables in the order of the data package.
func Tables() []*Table { return tables() }

// TableByName returns the named table, or nil.
func TableByName(name string) *Table {
	for _, t := range tables() {
		if t.Name == name {
			return t
		}
	}
	return nil
}

var (
	dateType   = reflect.TypeFor[Date]()
	originType = reflect.TypeFor[Origin]()
)

func newTable(name string, key []string, slice func(*Dataset) any) *Table {
	t := &Table{Name: name, Path: name + ".csv", Key: key, slice: slice}
	t.elem = reflect.TypeOf(slice(&Dataset{})).Elem().Elem()
	for i := 0; i < t.elem.NumField(); i++ {
		sf := t.elem.Field(i)
		if sf.Type == originType {
			t.origin = i
		}
		col := sf.Tag.Get("csv")
		if col == "-" || col == "" {
			continue
		}
		f := Field{Name: col, index: i}
		switch {
		case sf.Type == dateType:
			f.Kind = KindDate
		case sf.Type.Kind() == reflect.Slice:
			f.Kind = KindList
		case sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Bool:
			f.Kind = KindBoolean
		case sf.Type.Kind() == reflect.Int || sf.Type.Kind() == reflect.Pointer && sf.Type.Elem().Kind() == reflect.Int:
			f.Kind = KindInteger
		case sf.Type.Kind() == reflect.Float64:
			f.Kind = KindPercent
		default:
			f.Kind = KindText
		}
		for _, opt := range strings.Split(sf.Tag.Get("cp"), ",") {
			k, v, _ := strings.Cut(opt, "=")
			switch k {
			case "":
			case "text", "id", "code", "url":
				f.Kind = Kind(k)
			case "percent":
				f.Kind = KindPercent
			case "enum":
				f.Kind, f.Vocab = KindEnum, v
			case "list":
				f.Vocab = v
			case "required":
				f.Required = true
			case "ref":
				f.Ref = v
			case "range":
				lo, hi, _ := strings.Cut(v, ":")
				f.Min, f.Max = parseBound(lo), parseBound(hi)
			default:
				panic(fmt.Sprintf("dataset: %s.%s: unknown cp tag %q", name, col, opt))
			}
		}
		if f.Kind == KindPercent {
			f.Min, f.Max = ptr(0.0), ptr(100.0)
		}
		if slices.Contains(key, col) {
			f.Required = true
		}
		t.Fields = append(t.Fields, f)
	}
	return t
}

func ptr[T any](v T) *T { return &v }

func parseBound(s string) *float64 {
	if s == "" {
		return nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("dataset: bad range bound " + s)
	}
	return &v
}

// Field returns the named field, or nil.
func (t *Table) Field(name string) *Field {
	for i := range t.Fields {
		if t.Fields[i].Name == name {
			return &t.Fields[i]
		}
	}
	return nil
}

// Header returns the column names in order.
func (t *Table) Header() []string {
	h := make([]string, len(t.Fields))
	for i, f := range t.Fields {
		h[i] = f.Name
	}
	return h
}

func (t *Table) rows(ds *Dataset) reflect.Value { return reflect.ValueOf(t.slice(ds)).Elem() }

// Len returns the number of records of the table in ds.
func (t *Table) Len(ds *Dataset) int { return t.rows(ds).Len() }

// Values returns the stored form of record i, aligned with Fields.
func (t *Table) Values(ds *Dataset, i int) []string {
	rec := t.rows(ds).Index(i)
	out := make([]string, len(t.Fields))
	for j := range t.Fields {
		out[j] = encodeValue(rec.Field(t.Fields[j].index))
	}
	return out
}

// Value returns the stored form of one field of record i.
func (t *Table) Value(ds *Dataset, i int, field string) string {
	f := t.Field(field)
	if f == nil {
		return ""
	}
	return encodeValue(t.rows(ds).Index(i).Field(f.index))
}

// KeyOf returns the primary key of record i, its stored values joined by a tab.
func (t *Table) KeyOf(ds *Dataset, i int) string {
	rec := t.rows(ds).Index(i)
	parts := make([]string, len(t.Key))
	for j, k := range t.Key {
		parts[j] = encodeValue(rec.Field(t.Field(k).index))
	}
	return strings.Join(parts, "\t")
}

// Origin returns where record i came from.
func (t *Table) Origin(ds *Dataset, i int) Origin {
	return *t.rows(ds).Index(i).Field(t.origin).Addr().Interface().(*Origin)
}

// Grow makes room in ds for n more records of the table, so that appending
// them does not copy the table again and again.
func (t *Table) Grow(ds *Dataset, n int) {
	if n > 0 {
		t.rows(ds).Grow(n)
	}
}

// FieldPos returns the position of one field of record i: its source cell
// when the record knows its origin, else the cell it has in the table's file
// as Save writes it (with the rows in their current order).
func (t *Table) FieldPos(ds *Dataset, i int, field string) Pos {
	o := t.Origin(ds, i)
	if o.File != "" {
		return o.FieldPos(field)
	}
	col := 0
	for j, f := range t.Fields {
		if f.Name == field {
			col = j + 1
		}
	}
	return Pos{File: t.Path, Row: i + 2, Col: col}
}

// Append decodes one record from stored values aligned with Fields and
// appends it to the table, even when some cells are bad. It returns a
// problem for every cell that is not a value of its field's kind (type-error)
// or that breaks the field's constraints (required, vocabulary, pattern,
// range), positioned at o's cells.
func (t *Table) Append(ds *Dataset, values []string, o Origin) Problems {
	// The record is decoded in place, in a new last element of the table.
	rows := t.rows(ds)
	n := rows.Len()
	if n == rows.Cap() {
		rows.Grow(1)
	}
	rows.SetLen(n + 1)
	rec := rows.Index(n)
	rec.SetZero()
	var ps Problems
	for j := range t.Fields {
		f := &t.Fields[j]
		v := values[j]
		if strings.IndexByte(v, '\r') >= 0 {
			// Line ends inside a value are stored as \n: a CSV reader turns
			// \r\n inside quotes into \n, so anything else would not round-trip.
			v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
		}
		if err := decodeValue(rec.Field(f.index), v); err != nil {
			ps.Add(CodeType, Error, o.FieldPos(f.Name), f.Name, "%s: %v", f.Name, err)
			continue
		}
		ps = append(ps, f.Check(v, o.FieldPos(f.Name))...)
	}
	*rec.Field(t.origin).Addr().Interface().(*Origin) = o
	for i := range ps {
		ps[i].Table = t.Name
	}
	return ps
}

// CheckValue returns the problems of v as a stored value of f, a field of
// the table: its kind (type-error, as Append decodes it), then its
// constraints (Field.Check), at pos, each naming the table.
func (t *Table) CheckValue(f *Field, v string, pos Pos) Problems {
	var ps Problems
	if err := decodeValue(reflect.New(t.elem.Field(f.index).Type).Elem(), v); err != nil {
		ps.Add(CodeType, Error, pos, f.Name, "%s: %v", f.Name, err)
	} else {
		ps = f.Check(v, pos)
	}
	for i := range ps {
		ps[i].Table = t.Name
	}
	return ps
}

// SetValue sets one field of record i of the table in ds to the stored
// value v, decoded as Append decodes it. It reports an error, and changes
// nothing, for a field the table does not have or a value that is not of
// the field's kind; it does not check the field's constraints (Field.Check
// does).
func (t *Table) SetValue(ds *Dataset, i int, field, v string) error {
	f := t.Field(field)
	if f == nil {
		return fmt.Errorf("%s has no field %q", t.Name, field)
	}
	nv := reflect.New(t.elem.Field(f.index).Type).Elem()
	if err := decodeValue(nv, v); err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	t.rows(ds).Index(i).Field(f.index).Set(nv)
	return nil
}

// Check returns the problems of one stored value against the field's kind
// and constraints, at pos. It does not check references to other tables.
func (f *Field) Check(v string, pos Pos) Problems {
	var ps Problems
	bad := func(code, format string, args ...any) {
		ps.Add(code, Error, pos, f.Name, "%s: "+format, append([]any{f.Name}, args...)...)
	}
	if v == "" {
		if f.Required {
			bad(CodeRequired, "a value is required")
		}
		return ps
	}
	if n := cellChars(v); n > MaxCellChars {
		bad(CodeTextLength, "the text is %d characters long; a spreadsheet cell holds at most %d, so it could not be exported: shorten it or move the rest to a source", n, MaxCellChars)
		return ps
	}
	if i, r, ok := controlChar(v); ok {
		bad(CodeControl, "control character %U at character %d; only tab and line break are allowed in a value", r, i)
		return ps
	}
	if strings.TrimSpace(v) != v {
		bad(CodePattern, "%q has leading or trailing space", v)
		return ps
	}
	switch f.Kind {
	case KindID:
		if !isID(v) {
			bad(CodePattern, "%q is not an id: use lower-case letters, digits and '-'", v)
		}
	case KindCode:
		checkCode(v, bad)
	case KindURL:
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			bad(CodePattern, "%q is not an http or https URL", v)
		}
	case KindEnum:
		if !InVocabulary(f.Vocab, v) {
			bad(CodeEnum, "%q is not one of %s", v, strings.Join(Vocabularies[f.Vocab], ", "))
		}
	case KindList:
		items := strings.Split(v, ";")
		for i, it := range items {
			switch {
			case it == "" || strings.TrimSpace(it) != it:
				bad(CodePattern, "%q: list items are joined by ';' with no spaces or empty items", v)
				return ps
			case f.Vocab == "code":
				checkCode(it, bad)
			case f.Vocab != "" && !InVocabulary(f.Vocab, it):
				bad(CodeEnum, "%q is not one of %s", it, strings.Join(Vocabularies[f.Vocab], ", "))
			}
			if i > 0 && items[i-1] >= it {
				bad(CodePattern, "%q: list items must be sorted with no duplicates", v)
				return ps
			}
		}
	case KindInteger, KindPercent:
		n, err := strconv.ParseFloat(v, 64)
		if err == nil && (f.Min != nil && n < *f.Min || f.Max != nil && n > *f.Max) {
			bad(CodeRange, "%s is outside %s", v, rangeText(f.Min, f.Max))
		}
	}
	return ps
}

// MaxCellChars is the most characters a spreadsheet cell holds (Excel's
// limit, counted in UTF-16 code units as Excel counts them). Every value is
// at most this long, so that every valid dataset exports.
const MaxCellChars = 32767

// cellChars returns the length of v as a spreadsheet counts it, in UTF-16
// code units; it counts only when v may be too long.
func cellChars(v string) int {
	if len(v) <= MaxCellChars { // never fewer bytes than UTF-16 units
		return len(v)
	}
	n := 0
	for _, r := range v {
		n += utf16.RuneLen(r)
	}
	return n
}

// controlChar finds the first control character in v other than tab and
// line feed (C0, DEL and C1), and returns its 1-based character position.
func controlChar(v string) (int, rune, bool) {
	i := 0
	for _, r := range v {
		i++
		if r != '\t' && r != '\n' && (r < 0x20 || r >= 0x7f && r < 0xa0) {
			return i, r, true
		}
	}
	return 0, 0, false
}

func rangeText(lo, hi *float64) string {
	switch {
	case lo != nil && hi != nil:
		return fmt.Sprintf("%g–%g", *lo, *hi)
	case lo != nil:
		return fmt.Sprintf("%g or more", *lo)
	case hi != nil:
		return fmt.Sprintf("%g or less", *hi)
	}
	return "any"
}

func checkCode(v string, bad func(code, format string, args ...any)) {
	if len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
		bad(CodePattern, "%q is not an ISO 3166-1 alpha-2 code (two upper-case letters)", v)
		return
	}
	if _, ok := LookupCountry(v); !ok {
		bad(CodeISO, "%q is not an assigned ISO 3166-1 alpha-2 code", v)
	}
}

func isID(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return v != ""
}

// encodeValue returns the stored form of a record's field, without
// copying the field to the heap (as v.Interface would, for every string).
func encodeValue(v reflect.Value) string {
	switch v.Type() {
	case dateType:
		if v.CanAddr() {
			return v.Addr().Interface().(*Date).String()
		}
		return v.Interface().(Date).String()
	case stringsType:
		if v.CanAddr() {
			return strings.Join(*v.Addr().Interface().(*[]string), ";")
		}
		return strings.Join(v.Interface().([]string), ";")
	case boolPtrType:
		if v.IsNil() {
			return ""
		}
		return strconv.FormatBool(v.Elem().Bool())
	case intPtrType:
		if v.IsNil() {
			return ""
		}
		return strconv.Itoa(int(v.Elem().Int()))
	case intType:
		return strconv.Itoa(int(v.Int()))
	case float64Type:
		return strconv.FormatFloat(v.Float(), 'f', -1, 64)
	}
	if v.Kind() == reflect.String {
		return v.String()
	}
	panic("dataset: cannot encode " + v.Type().String())
}

var (
	stringsType = reflect.TypeFor[[]string]()
	boolPtrType = reflect.TypeFor[*bool]()
	intPtrType  = reflect.TypeFor[*int]()
	intType     = reflect.TypeFor[int]()
	float64Type = reflect.TypeFor[float64]()
)

func decodeValue(v reflect.Value, s string) error {
	switch v.Type() {
	case dateType:
		d, err := ParseDate(s)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(d))
	case stringsType:
		if s == "" {
			v.Set(reflect.Zero(v.Type()))
			return nil
		}
		v.Set(reflect.ValueOf(strings.Split(s, ";")))
	case boolPtrType:
		switch s {
		case "":
		case "true":
			v.Set(reflect.ValueOf(ptr(true)))
		case "false":
			v.Set(reflect.ValueOf(ptr(false)))
		default:
			return fmt.Errorf("%q is not true or false", s)
		}
	case intPtrType, intType:
		if s == "" {
			return nil
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			return fmt.Errorf("%q is not a whole number", s)
		}
		if canon := strconv.Itoa(n); canon != s {
			return fmt.Errorf("%q: write the whole number as %s", s, canon)
		}
		if v.Kind() == reflect.Pointer {
			v.Set(reflect.ValueOf(&n))
		} else {
			v.SetInt(int64(n))
		}
	case float64Type:
		if s == "" {
			return nil
		}
		n, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || strings.ContainsAny(s, "eE_xXpP+") {
			return fmt.Errorf("%q is not a number with '.' as decimal point", s)
		}
		v.SetFloat(n)
	default:
		v.SetString(s)
	}
	return nil
}
