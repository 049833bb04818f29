package main

import (
	"slices"
	"strconv"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// col is one column of a sheet: its header and the cell of a record.
type col struct {
	head  string
	field string // the dataset field it carries; "" for none
	cell  func(r rec) any
}

// pct is a percentage written as an Excel percentage cell (28 is 0.28,
// shown as 28%).
type pct float64

// text writes a field's stored form as text.
func text(head, field string) col {
	return col{head, field, func(r rec) any { return r.s(field) }}
}

// number writes an integer or decimal field as a number cell.
func number(head, field string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return nil
		}
		if n, err := strconv.Atoi(v); err == nil {
			return n
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			r.g.errorf("%s %s: %s %q is not a number", r.t.Name, r.key(), field, v)
		}
		return f
	}}
}

// percent writes a percent field as an Excel percentage cell.
func percent(head, field string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return nil
		}
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			r.g.errorf("%s %s: %s %q is not a number", r.t.Name, r.key(), field, v)
		}
		return pct(f)
	}}
}

// word writes a coded value (an enum or a yes/no) in a language.
func word(head, field string, w map[string]string) col {
	return col{head, field, func(r rec) any { return r.g.word(r, field, w, r.s(field)) }}
}

// words writes a list of coded values in a language, joined by sep.
func words(head, field string, w map[string]string, sep string) col {
	return col{head, field, func(r rec) any {
		v := r.s(field)
		if v == "" {
			return ""
		}
		var out []string
		for _, item := range strings.Split(v, ";") {
			out = append(out, r.g.word(r, field, w, item))
		}
		return strings.Join(out, sep)
	}}
}

func (g *gen) word(r rec, field string, w map[string]string, code string) string {
	if code == "" {
		return ""
	}
	v, ok := w[code]
	if !ok {
		g.errorf("%s %s: %s: no word for %q in this file's language", r.t.Name, r.key(), field, code)
		return code
	}
	return v
}

// country writes a country code as the country's name in a language.
func country(head, field string, names map[string]string) col {
	return word(head, field, names)
}

// date writes a date field with format.
func date(head, field string, format func(dataset.Date) any) col {
	return col{head, field, func(r rec) any {
		d := r.date(field)
		if d.IsZero() {
			return nil
		}
		return format(d)
	}}
}

// source writes the source a record cites: its id, its URL or its title.
func source(head, how string) col {
	return col{head, "source", func(r rec) any {
		id := r.s("source")
		if how == "id" {
			return id
		}
		i := slices.IndexFunc(r.g.ds.Sources, func(s dataset.Source) bool { return s.ID == id })
		if i < 0 {
			r.g.errorf("%s %s: source %s is not in sources.csv", r.t.Name, r.key(), id)
			return id
		}
		s := r.g.ds.Sources[i]
		switch {
		case how == "url" && s.URL != "":
			return s.URL
		case how == "title":
			return s.Title
		}
		r.g.errorf("%s %s: source %s has no %s to cite it by", r.t.Name, r.key(), id, how)
		return id
	}}
}

// yesNo and countryNames are the words of each language for the coded
// values the files hold.
var (
	yesNo = map[string]map[string]string{
		"da": {"true": "ja", "false": "nej"},
		"de": {"true": "ja", "false": "nein"},
		"en": {"true": "Yes", "false": "No"},
		"et": {"true": "jah", "false": "ei"},
		"fi": {"true": "kyllä", "false": "ei"},
		"is": {"true": "já", "false": "nei"},
		"lt": {"true": "taip", "false": "ne"},
		"lv": {"true": "jā", "false": "nē"},
		"no": {"true": "ja", "false": "nei"},
		"pl": {"true": "tak", "false": "nie"},
		"ru": {"true": "да", "false": "нет"},
		"sv": {"true": "ja", "false": "nej"},
	}
	countryNames = map[string]map[string]string{
		"da": {"DK": "Danmark"},
		"de": {"DE": "Deutschland"},
		"et": {"EE": "Eesti"},
		"fi": {"FI": "Suomi"},
		"lt": {"LT": "Lietuva"},
		"no": {"NO": "Norge"},
		"pl": {"PL": "Polska", "LV": "Łotwa"},
		"ru": {"RU": "Россия"},
	}
)
