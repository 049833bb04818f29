package importers

import (
	"fmt"
	"strings"

	"github.com/cpmap/cpmap/dataset"
)

// assemble turns the records read from every file into a dataset: sources
// cited by URL or title become sources records (or are found among those
// already known), every jurisdiction cited gets a record, records get ids,
// and records that several rows give are merged, or reported as conflicts
// where they disagree.
func (im *importer) assemble() *dataset.Dataset {
	srcT := dataset.TableByName("sources")
	idx := newSourceIndex(im.opts.Existing)

	// Sources read from sources sheets first, so that references find them.
	var sheetSources []*record
	iID, iURL, iTitle := fieldIndex(srcT, "id"), fieldIndex(srcT, "url"), fieldIndex(srcT, "title")
	for _, r := range im.recs {
		if r.table != srcT {
			continue
		}
		sheetSources = append(sheetSources, r)
		if r.values[iID] == "" {
			if id, ok := idx.match(r.values[iURL], r.values[iTitle]); ok {
				r.values[iID] = id
			}
		}
	}
	assignIDs(sheetSources, idx.taken)
	for _, r := range sheetSources {
		idx.add(r.values[iID], r.values[iURL], r.values[iTitle])
	}

	// References.
	var created []*record
	for _, r := range im.recs {
		if r.src == nil {
			continue
		}
		if r.src.resolved == "" {
			r.src.resolved = im.resolveSource(r.src, idx, &created)
		}
		r.values[fieldIndex(r.table, "source")] = r.src.resolved
	}
	if im.spill != nil {
		// The references of the records kept on disk (parts.go), in the
		// order they were first cited.
		for _, ref := range im.spill.refs {
			if ref.resolved == "" {
				ref.resolved = im.resolveSource(ref, idx, &created)
			}
		}
	}
	im.recs = append(im.recs, created...)

	im.addJurisdictions()
	sheetSources, created = nil, nil
	return im.build(im.opts.Existing)
}

// build gives the records read ids, merges those of one key and makes them
// a dataset, with the problems of their values; existing holds the records
// whose values they keep (keepExisting).
func (im *importer) build(existing *dataset.Dataset) *dataset.Dataset {
	srcT := dataset.TableByName("sources")
	var rest []*record
	for _, r := range im.recs {
		if r.table != srcT {
			rest = append(rest, r)
		}
	}
	assignIDs(rest, nil)
	// Nothing but kept may hold the records now, so that each one's memory
	// goes as it is appended to the dataset.
	rest = nil

	ds := &dataset.Dataset{}
	kept := im.mergeSame()
	im.keepExisting(kept, existing)
	im.recs = nil
	count := map[*dataset.Table]int{}
	for _, r := range kept {
		count[r.table]++
	}
	for t, n := range count {
		t.Grow(ds, n)
	}
	for i, r := range kept {
		im.ps = append(im.ps, r.table.Append(ds, r.values, r.origin)...)
		kept[i] = nil // its memory is the dataset's now
	}
	return ds
}

// sourceIndex finds sources by id, URL and title.
type sourceIndex struct {
	ids     map[string]string // id → identity (what idBase says identifies it)
	byURL   map[string]string // normalURL → id
	byTitle map[string]string // folded title → id
}

func newSourceIndex(existing *dataset.Dataset) *sourceIndex {
	x := &sourceIndex{ids: map[string]string{}, byURL: map[string]string{}, byTitle: map[string]string{}}
	if existing != nil {
		for _, s := range existing.Sources {
			x.add(s.ID, s.URL, s.Title)
		}
	}
	return x
}

func (x *sourceIndex) add(id, url, title string) {
	if id == "" {
		return
	}
	if _, ok := x.ids[id]; !ok {
		if url != "" {
			x.ids[id] = "url " + normalURL(url)
		} else {
			x.ids[id] = "title " + dataset.Fold(title)
		}
	}
	if url != "" {
		if _, ok := x.byURL[normalURL(url)]; !ok {
			x.byURL[normalURL(url)] = id
		}
	}
	if t := dataset.Fold(title); t != "" {
		if _, ok := x.byTitle[t]; !ok {
			x.byTitle[t] = id
		}
	}
}

// match finds a known source by URL, or by title when no URL is given.
func (x *sourceIndex) match(url, title string) (string, bool) {
	if url != "" {
		id, ok := x.byURL[normalURL(url)]
		return id, ok
	}
	if t := dataset.Fold(title); t != "" {
		id, ok := x.byTitle[t]
		return id, ok
	}
	return "", false
}

// taken reports whether id belongs to a source other than the one identity
// names.
func (x *sourceIndex) taken(id, identity string) bool {
	have, ok := x.ids[id]
	return ok && have != identity
}

// resolveSource returns the id of the source a reference names, creating a
// sources record for a source cited by URL or title that is not known yet:
// its type is the reference's, else website for a URL and report for a
// title; its title is the title given, else the URL.
func (im *importer) resolveSource(ref *sourceRef, idx *sourceIndex, created *[]*record) string {
	srcT := dataset.TableByName("sources")
	if ref.id != "" && ref.url == "" && ref.title == "" {
		return ref.id
	}
	if ref.id == "" {
		if id, ok := idx.match(ref.url, ref.title); ok {
			return id
		}
	} else if _, ok := idx.ids[ref.id]; ok {
		return ref.id
	}
	vals := make([]string, len(srcT.Fields))
	set := func(name, v string) { vals[fieldIndex(srcT, name)] = v }
	title, typ := ref.title, ref.typ
	if title == "" {
		title = ref.url
	}
	if typ == "" {
		typ = "report"
		if ref.url != "" {
			typ = "website"
		}
	}
	set("title", title)
	set("url", ref.url)
	set("type", typ)
	id := ref.id
	if id == "" {
		base, identity := idBase(srcT, vals)
		if base == "" {
			base = "source"
		}
		id = base
		for n := 2; id == "" || idx.taken(id, identity); n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
	}
	set("id", id)
	idx.add(id, ref.url, title)
	*created = append(*created, &record{table: srcT, values: vals, origin: ref.origin})
	return id
}

// addJurisdictions creates a jurisdictions record for every country a
// record cites that neither the import nor the existing dataset has: its
// code, English name, and kind (a territory of territories.csv gets kind
// territory and its parent, which is then cited in turn). The record's
// origin is the first cell that cites it.
func (im *importer) addJurisdictions() {
	jt := dataset.TableByName("jurisdictions")
	known := map[string]bool{}
	if ex := im.opts.Existing; ex != nil {
		for _, j := range ex.Jurisdictions {
			known[j.Code] = true
		}
	}
	for _, r := range im.recs {
		if r.table == jt {
			known[r.values[fieldIndex(jt, "code")]] = true
		}
	}
	var created []*record
	var need func(code string, o dataset.Origin, field string)
	need = func(code string, o dataset.Origin, field string) {
		c, ok := dataset.LookupCountry(code)
		if !ok || known[code] {
			return
		}
		known[code] = true
		vals := make([]string, len(jt.Fields))
		vals[fieldIndex(jt, "code")] = code
		vals[fieldIndex(jt, "name")] = c.Name
		vals[fieldIndex(jt, "kind")] = string(dataset.State)
		parent := im.lx.parents[code]
		if parent != "" {
			vals[fieldIndex(jt, "kind")] = string(dataset.Territory)
			vals[fieldIndex(jt, "parent")] = parent
		}
		no := dataset.Origin{File: o.File, Sheet: o.Sheet, Row: o.Row, Cols: map[string]int{"code": o.Cols[field]}}
		created = append(created, &record{table: jt, values: vals, origin: no})
		if parent != "" {
			need(parent, no, "code")
		}
	}
	for _, r := range im.recs {
		for j, f := range r.table.Fields {
			if f.Ref != "jurisdictions" || r.values[j] == "" {
				continue
			}
			for _, code := range strings.Split(r.values[j], ";") {
				need(code, r.origin, f.Name)
			}
		}
	}
	if im.spill != nil {
		for _, c := range im.spill.cites {
			need(c.code, c.origin, c.field)
		}
	}
	im.recs = append(im.recs, created...)
}

// mergeSame returns the records with one record per key: records with the
// same key are merged, a value that one gives and another leaves empty
// taken from the one that gives it, and a value they give differently
// reported as a conflict, citing both cells.
func (im *importer) mergeSame() []*record {
	type keyOf struct{ table, key string }
	first := map[keyOf]*record{}
	var kept []*record
	for _, r := range im.recs {
		t := r.table
		parts := make([]string, len(t.Key))
		empty := false
		for i, k := range t.Key {
			parts[i] = r.values[fieldIndex(t, k)]
			empty = empty || parts[i] == ""
		}
		if empty {
			kept = append(kept, r)
			continue
		}
		k := keyOf{t.Name, join3(parts...)}
		prev := first[k]
		if prev == nil {
			first[k] = r
			kept = append(kept, r)
			continue
		}
		for j, f := range t.Fields {
			a, b := prev.values[j], r.values[j]
			switch {
			case a == b || b == "":
			case a == "":
				prev.values[j] = b
			default:
				im.ps.AddIn(t.Name, CodeConflict, dataset.Error, r.origin.FieldPos(f.Name), f.Name,
					"%s %s: %s is %q here but %q at %s", t.Name, strings.Join(parts, ","), f.Name, b, a, posOrRow(prev.origin, f.Name))
			}
		}
	}
	return kept
}

// posOrRow is the position of a record's field, or of its row when the
// field had no cell of its own; "(given as an option)" when it has neither.
func posOrRow(o dataset.Origin, field string) string {
	if o.File == "" {
		return "(given as an option)"
	}
	return o.FieldPos(field).String()
}

// keepExisting gives a record that the existing dataset already has the
// existing values of the fields its sheet has no column for: a sheet
// without a notes column says nothing about notes, and merging it must not
// clear them. (A blank cell in a column the sheet has is a blank value,
// which dataset.MergeInto also reads as "not given".)
func (im *importer) keepExisting(recs []*record, ex *dataset.Dataset) {
	if ex == nil {
		return
	}
	index := map[*dataset.Table]map[string]int{}
	for _, r := range recs {
		t := r.table
		keys := index[t]
		if keys == nil {
			keys = map[string]int{}
			for i := range t.Len(ex) {
				if _, dup := keys[t.KeyOf(ex, i)]; !dup {
					keys[t.KeyOf(ex, i)] = i
				}
			}
			index[t] = keys
		}
		parts := make([]string, len(t.Key))
		for k, name := range t.Key {
			parts[k] = r.values[fieldIndex(t, name)]
		}
		i, ok := keys[strings.Join(parts, "\t")]
		if !ok {
			continue
		}
		var old []string
		for j, f := range t.Fields {
			if r.values[j] != "" || r.origin.Cols[f.Name] > 0 {
				continue
			}
			if old == nil {
				old = t.Values(ex, i)
			}
			r.values[j] = old[j]
		}
	}
}
