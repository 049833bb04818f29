package dataset

import (
	"encoding/json"
	"strings"
)

// Profile is the data package profile datapackage.json names in $schema:
// Frictionless Data Package v2.1, which has the list field type.
const Profile = "https://datapackage.org/profiles/2.1/datapackage.json"

// Descriptor returns datapackage.json: a Frictionless v2.1 data package,
// with info's id, licenses and contributors, and a Table Schema per table
// that matches the record types (types, required, enum, pattern and range
// constraints, primary and foreign keys) and the CSV dialect Save writes.
func Descriptor(info PackageInfo) ([]byte, error) {
	type constraints struct {
		Required bool     `json:"required,omitempty"`
		Enum     []string `json:"enum,omitempty"`
		Pattern  string   `json:"pattern,omitempty"`
		Minimum  *float64 `json:"minimum,omitempty"`
		Maximum  *float64 `json:"maximum,omitempty"`
	}
	type field struct {
		Name        string       `json:"name"`
		Type        string       `json:"type"`
		Format      string       `json:"format,omitempty"`
		Description string       `json:"description,omitempty"`
		Delimiter   string       `json:"delimiter,omitempty"`
		ItemType    string       `json:"itemType,omitempty"`
		TrueValues  []string     `json:"trueValues,omitempty"`
		FalseValues []string     `json:"falseValues,omitempty"`
		Constraints *constraints `json:"constraints,omitempty"`
	}
	type ref struct {
		Resource string   `json:"resource,omitempty"` // omitted for the same table
		Fields   []string `json:"fields"`
	}
	type foreignKey struct {
		Fields    []string `json:"fields"`
		Reference ref      `json:"reference"`
	}
	type schema struct {
		Fields        []field      `json:"fields"`
		PrimaryKey    []string     `json:"primaryKey"`
		ForeignKeys   []foreignKey `json:"foreignKeys,omitempty"`
		MissingValues []string     `json:"missingValues"`
	}
	type dialect struct {
		Delimiter      string `json:"delimiter"`
		QuoteChar      string `json:"quoteChar"`
		Header         bool   `json:"header"`
		LineTerminator string `json:"lineTerminator"`
	}
	type resource struct {
		Name      string  `json:"name"`
		Type      string  `json:"type"`
		Path      string  `json:"path"`
		Scheme    string  `json:"scheme"`
		Format    string  `json:"format"`
		Mediatype string  `json:"mediatype"`
		Encoding  string  `json:"encoding"`
		Dialect   dialect `json:"dialect"`
		Schema    schema  `json:"schema"`
	}
	type pkg struct {
		Schema       string        `json:"$schema"`
		ID           string        `json:"id,omitempty"`
		Name         string        `json:"name"`
		Title        string        `json:"title"`
		Description  string        `json:"description"`
		Licenses     []License     `json:"licenses,omitempty"`
		Contributors []Contributor `json:"contributors,omitempty"`
		Resources    []resource    `json:"resources"`
	}
	p := pkg{
		Schema:       Profile,
		ID:           info.ID,
		Licenses:     info.Licenses,
		Contributors: info.Contributors,
		Name:         "cpmap",
		Title:        "Law and policy on corporal punishment of children",
		Description:  "Legal status by jurisdiction and setting over time, government commitments, campaigns and action plans, parenting programmes and surveys, with their sources. Written by cpmap.",
	}
	for _, t := range tables() {
		r := resource{Name: t.Name, Type: "table", Path: t.Path, Scheme: "file", Format: "csv",
			Mediatype: "text/csv", Encoding: "utf-8",
			// As WriteCSV writes: encoding/csv's comma, quote and "\n".
			Dialect: dialect{Delimiter: ",", QuoteChar: `"`, Header: true, LineTerminator: "\n"},
			Schema:  schema{PrimaryKey: t.Key, MissingValues: []string{""}}}
		for _, f := range t.Fields {
			fd := field{Name: f.Name, Type: "string"}
			c := &constraints{Required: f.Required}
			switch f.Kind {
			case KindText:
			case KindID:
				c.Pattern = "^[a-z0-9-]+$"
			case KindCode:
				c.Pattern = "^[A-Z]{2}$"
				fd.Description = "ISO 3166-1 alpha-2 code"
			case KindURL:
				fd.Format = "uri"
				c.Pattern = "^https?://"
			case KindEnum:
				c.Enum = Vocabularies[f.Vocab]
			case KindList:
				fd.Type, fd.Delimiter, fd.ItemType = "list", ";", "string"
				if f.Vocab == "code" {
					fd.Description = "ISO 3166-1 alpha-2 codes, sorted, joined by ';'"
				} else {
					fd.Description = "sorted, no duplicates, from: " + strings.Join(Vocabularies[f.Vocab], " ")
				}
			case KindDate:
				c.Pattern = `^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$`
				fd.Description = "date of reduced precision: YYYY, YYYY-MM or YYYY-MM-DD"
			case KindInteger:
				fd.Type = "integer"
				c.Minimum, c.Maximum = f.Min, f.Max
			case KindPercent:
				fd.Type = "number"
				fd.Description = "percent, 0-100"
				c.Minimum, c.Maximum = f.Min, f.Max
			case KindBoolean:
				fd.Type, fd.TrueValues, fd.FalseValues = "boolean", []string{"true"}, []string{"false"}
			}
			if c.Required || c.Enum != nil || c.Pattern != "" || c.Minimum != nil || c.Maximum != nil {
				fd.Constraints = c
			}
			r.Schema.Fields = append(r.Schema.Fields, fd)
			if f.Ref != "" && f.Kind != KindList {
				rt := TableByName(f.Ref)
				res := rt.Name
				if rt == t {
					res = "" // omitted: a reference to the same table, per Table Schema v2
				}
				r.Schema.ForeignKeys = append(r.Schema.ForeignKeys, foreignKey{
					Fields: []string{f.Name}, Reference: ref{Resource: res, Fields: rt.Key}})
			}
		}
		p.Resources = append(p.Resources, r)
	}
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
