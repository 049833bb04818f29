package main

import (
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// gen writes the files of one dataset, keeping track of the records
// written so far and of every problem found.
type gen struct {
	ds      *dataset.Dataset
	file    string            // the file being written
	written map[string]string // table + key → the file that holds the record
	errs    []error
}

func (g *gen) errorf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Errorf("%s: "+format, append([]any{g.file}, args...)...))
}

// rec is one record of the dataset: a table and a row number.
type rec struct {
	g *gen
	t *dataset.Table
	i int
}

// s returns the stored form of one of the record's fields.
func (r rec) s(field string) string {
	if r.t.Field(field) == nil {
		r.g.errorf("%s has no field %s", r.t.Name, field)
		return ""
	}
	return r.t.Value(r.g.ds, r.i, field)
}

func (r rec) key() string { return strings.ReplaceAll(r.t.KeyOf(r.g.ds, r.i), "\t", ",") }

// date returns one of the record's date fields.
func (r rec) date(field string) dataset.Date {
	v := r.s(field)
	if v == "" {
		return dataset.Date{}
	}
	d, err := dataset.ParseDate(v)
	if err != nil {
		r.g.errorf("%s %s: %s: %v", r.t.Name, r.key(), field, err)
	}
	return d
}

// pick returns the records of a table that keep accepts, in the dataset's
// order, and notes that the current file holds them: a record written
// twice is an error.
func (g *gen) pick(table string, keep func(r rec) bool) []rec {
	t := dataset.TableByName(table)
	var out []rec
	for i := 0; i < t.Len(g.ds); i++ {
		r := rec{g, t, i}
		if keep != nil && !keep(r) {
			continue
		}
		k := table + "\t" + t.KeyOf(g.ds, i)
		if prev, ok := g.written[k]; ok {
			g.errorf("%s %s is already written to %s", table, r.key(), prev)
			continue
		}
		g.written[k] = g.file
		out = append(out, r)
	}
	return out
}

// checkAllWritten reports every record of the dataset that no file holds.
func (g *gen) checkAllWritten() {
	g.file = "sources"
	for _, t := range dataset.Tables() {
		for i := 0; i < t.Len(g.ds); i++ {
			if _, ok := g.written[t.Name+"\t"+t.KeyOf(g.ds, i)]; !ok {
				g.errorf("%s %s is in no file: add it to one of the files of scripts/gensources", t.Name, rec{g, t, i}.key())
			}
		}
	}
}

// jurisdiction and friends select records.
func jurisdiction(code string) func(rec) bool {
	return func(r rec) bool { return r.s("jurisdiction") == code }
}

// home selects a state's prohibiting home-setting rows, which its own
// workbook holds; earlier rows of the timeline, and any row named in
// elsewhere, go to the workbook of the remaining records.
func home(code string) func(rec) bool {
	return func(r rec) bool {
		return r.s("jurisdiction") == code && r.s("setting") == "home" && r.s("status") == "prohibited" && !elsewhere[r.s("id")]
	}
}

// elsewhere names the provisions whose values a country workbook's
// columns cannot hold; the workbook of the remaining records holds them.
var elsewhere = map[string]bool{}

// unwritten selects the records that no file holds yet.
func (g *gen) unwritten(table string) func(rec) bool {
	return func(r rec) bool {
		_, ok := g.written[table+"\t"+r.t.KeyOf(g.ds, r.i)]
		return !ok
	}
}
