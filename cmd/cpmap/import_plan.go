package main

import (
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/importers"
)

// importPlan is what an import does or would do, record by record: what
// cpmap import --format json writes. Its field names are stable.
type importPlan struct {
	Data    string        `json:"data"`              // the dataset folder
	DryRun  bool          `json:"dry_run"`           // --dry-run: nothing is written
	Written bool          `json:"written"`           // the dataset was written
	Refused string        `json:"refused,omitempty"` // why nothing was written, when refused
	Counts  planCounts    `json:"counts"`
	Added   []planRecord  `json:"added"`   // records whose key is new
	Changed []planChange  `json:"changed"` // records whose stored values change (not counting clearings)
	Cleared []planCleared `json:"cleared"` // fields whose stored value is cleared
}

type planCounts struct {
	Added     int `json:"added"`
	Unchanged int `json:"unchanged"`
	Changed   int `json:"changed"` // records with a changed or cleared field
}

// planRecord is one added record: its table, key, one identifying field
// (a name, or jurisdiction and setting) and its row.
type planRecord struct {
	Table string `json:"table"`
	Key   string `json:"key"`
	Label string `json:"label"`
	Pos   string `json:"pos,omitempty"`
}

type planChange struct {
	Table  string      `json:"table"`
	Key    string      `json:"key"`
	Fields []planField `json:"fields"`
}

type planField struct {
	Field  string `json:"field"`
	Old    string `json:"old"`
	New    string `json:"new"`
	OldPos string `json:"old_pos"`
	NewPos string `json:"new_pos"`
}

type planCleared struct {
	Table  string `json:"table"`
	Key    string `json:"key"`
	Field  string `json:"field"`
	Old    string `json:"old"`
	OldPos string `json:"old_pos"`
	NewPos string `json:"new_pos"`
}

// labelFields are the fields that identify a record of each table to a
// reader, beside its key.
var labelFields = map[string][]string{
	"jurisdictions": {"name"},
	"memberships":   {"jurisdiction", "group"},
	"provisions":    {"jurisdiction", "setting"},
	"commitments":   {"jurisdiction", "from"},
	"campaigns":     {"name"},
	"programmes":    {"name"},
	"surveys":       {"jurisdiction", "series", "year"},
	"coverage":      {"jurisdiction", "topic"},
	"sources":       {"title"},
}

// addedOf returns the records an import read whose key the existing
// dataset lacks, each once, by table (in the data package's order) and key,
// those of a large import's parts included.
func addedOf(existing *dataset.Dataset, res *importers.Result) ([]planRecord, error) {
	out := addedRecords(existing, res.Dataset, dataset.Tables())
	if p := res.Parts; p != nil {
		for i := range p.Len() {
			ds, _, err := p.Part(i, nil)
			if err != nil {
				return nil, err
			}
			out = append(out, addedRecords(existing, ds, p.Tables())...)
		}
	}
	order := map[string]int{}
	for i, t := range dataset.Tables() {
		order[t.Name] = i
	}
	slices.SortStableFunc(out, func(a, b planRecord) int {
		return cmp.Or(cmp.Compare(order[a.Table], order[b.Table]), strings.Compare(a.Key, b.Key))
	})
	return out, nil
}

// addedRecords returns the records of the tables of incoming whose key
// existing lacks, each once.
func addedRecords(existing, incoming *dataset.Dataset, tables []*dataset.Table) []planRecord {
	if incoming == nil {
		return nil
	}
	var out []planRecord
	for _, t := range tables {
		have := make(map[string]bool, t.Len(existing))
		for i := range t.Len(existing) {
			have[t.KeyOf(existing, i)] = true
		}
		for i := range t.Len(incoming) {
			k := t.KeyOf(incoming, i)
			if have[k] {
				continue
			}
			have[k] = true
			var label []string
			for _, f := range labelFields[t.Name] {
				if v := t.Value(incoming, i, f); v != "" {
					label = append(label, v)
				}
			}
			r := planRecord{Table: t.Name, Key: strings.ReplaceAll(k, "\t", ","), Label: strings.Join(label, " ")}
			if p := t.Origin(incoming, i).Pos(); !p.IsZero() {
				r.Pos = p.String()
			}
			out = append(out, r)
		}
	}
	return out
}

// planChanges splits the changes of a merge into changed fields and
// cleared ones (a stored value that becomes empty).
func planChanges(cs []dataset.Change) ([]planChange, []planCleared) {
	var changed []planChange
	var cleared []planCleared
	for _, c := range cs {
		pc := planChange{Table: c.Table, Key: c.Key}
		for _, f := range c.Fields {
			oldPos, newPos := changePos(f.OldPos, c.OldPos), changePos(f.NewPos, c.NewPos)
			if f.New == "" && f.Old != "" {
				cleared = append(cleared, planCleared{c.Table, c.Key, f.Field, f.Old, oldPos, newPos})
				continue
			}
			pc.Fields = append(pc.Fields, planField{f.Field, f.Old, f.New, oldPos, newPos})
		}
		if len(pc.Fields) > 0 {
			changed = append(changed, pc)
		}
	}
	return changed, cleared
}

// writeText writes the plan's records for a reader: the added records (on
// a dry run: a real import says how many), the changed fields old → new,
// and the cleared fields, each with the cells on both sides.
func (p *importPlan) writeText(w io.Writer, listAdded, applied bool) {
	verb := "would"
	if applied {
		verb = "did"
	}
	if listAdded {
		for _, r := range p.Added {
			fmt.Fprintf(w, "%s %s would be added: %s", r.Table, r.Key, r.Label)
			if r.Pos != "" {
				fmt.Fprintf(w, "   (%s)", r.Pos)
			}
			fmt.Fprintln(w)
		}
	}
	change := "would change"
	if applied {
		change = "changed"
	}
	for _, c := range p.Changed {
		fmt.Fprintf(w, "%s %s %s:\n", c.Table, c.Key, change)
		for _, f := range c.Fields {
			fmt.Fprintf(w, "  %s: %s → %s   (%s → %s)\n", f.Field, quoteOrEmpty(f.Old), quoteOrEmpty(f.New), f.OldPos, f.NewPos)
		}
	}
	for _, c := range p.Cleared {
		fmt.Fprintf(w, "%s %s %s clear %s: was %q   (%s → %s)\n", c.Table, c.Key, verb, c.Field, c.Old, c.OldPos, c.NewPos)
	}
}

// writeJSON writes the plan as one JSON object.
func (p *importPlan) writeJSON(w io.Writer) error {
	if p.Added == nil {
		p.Added = []planRecord{}
	}
	if p.Changed == nil {
		p.Changed = []planChange{}
	}
	if p.Cleared == nil {
		p.Cleared = []planCleared{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(p)
}
