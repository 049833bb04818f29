package exports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cpmap/cpmap/dataset"
)

// WriteDatasetJSON writes the whole dataset as one JSON object to w, keyed by table
// name in the data package's order, each table an array of its records in
// their current order:
//
//	{
//	  "jurisdictions": [
//	    {"code": "SE", "name": "Sweden", "kind": "state", "parent": null, "child_population": 2100000, ...}
//	  ],
//	  "memberships": [],
//	  ...
//	}
//
// Every table is present, and every record has every column of its table,
// under its exact column name and in column order. Values follow the data
// package's Table Schema: integers and percents are JSON numbers, booleans
// are true or false, lists are arrays of strings, and everything else (text,
// ids, codes, URLs, vocabulary codes, dates) is a string in its stored form,
// so a date keeps its precision ("1979" stays "1979"). A missing value (an
// empty cell) is null. Text is written exactly as stored: JSON is not a
// spreadsheet format, so SafeText does not apply. The output is indented by
// two spaces, ends with a line feed, and is the same bytes for the same
// dataset.
func WriteDatasetJSON(w io.Writer, ds *dataset.Dataset) error {
	b, err := DatasetJSON(ds)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// DatasetJSON returns what WriteDatasetJSON writes.
func DatasetJSON(ds *dataset.Dataset) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for ti, t := range dataset.Tables() {
		if ti > 0 {
			b.WriteByte(',')
		}
		jsonString(&b, t.Name)
		b.WriteString(":[")
		for i := range t.Len(ds) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteByte('{')
			for j, v := range t.Values(ds, i) {
				f := &t.Fields[j]
				if j > 0 {
					b.WriteByte(',')
				}
				jsonString(&b, f.Name)
				b.WriteByte(':')
				if err := jsonValue(&b, f.Kind, v); err != nil {
					return nil, fmt.Errorf("%s record %d, %s: %w", t.Name, i+1, f.Name, err)
				}
			}
			b.WriteByte('}')
		}
		b.WriteByte(']')
	}
	b.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, b.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("dataset json: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// jsonValue writes one stored value of a field of the given kind.
func jsonValue(b *bytes.Buffer, kind dataset.Kind, v string) error {
	if v == "" {
		b.WriteString("null")
		return nil
	}
	if !utf8.ValidString(v) {
		return errors.New("text is not valid UTF-8")
	}
	switch kind {
	case dataset.KindInteger, dataset.KindPercent:
		// The stored form is a plain decimal; check that JSON reads it so.
		if _, err := strconv.ParseFloat(v, 64); err != nil || !json.Valid([]byte(v)) {
			return fmt.Errorf("%q is not a number", v)
		}
		b.WriteString(v)
	case dataset.KindBoolean:
		if v != "true" && v != "false" {
			return fmt.Errorf("%q is not true or false", v)
		}
		b.WriteString(v)
	case dataset.KindList:
		b.WriteByte('[')
		for i, item := range strings.Split(v, ";") {
			if i > 0 {
				b.WriteByte(',')
			}
			jsonString(b, item)
		}
		b.WriteByte(']')
	default:
		jsonString(b, v)
	}
	return nil
}

// jsonString writes s as a JSON string, leaving <, > and & as they are.
func jsonString(b *bytes.Buffer, s string) {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
}
