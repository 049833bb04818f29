package exports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

func TestWriteDatasetJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteDatasetJSON(&buf, hostileDataset()); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "testdata/export/hostile.json", buf.Bytes())
	again, err := DatasetJSON(hostileDataset())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again) {
		t.Error("two exports of the same dataset differ")
	}
}

func TestWriteDatasetJSONValues(t *testing.T) {
	b, err := DatasetJSON(hostileDataset())
	if err != nil {
		t.Fatal(err)
	}
	var got map[string][]map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	tests := []struct {
		name, table string
		row         int
		field       string
		want        any
	}{
		{"formula text kept exactly", "provisions", 0, "instrument", `=HYPERLINK("http://evil","x")`},
		{"minus text kept", "provisions", 0, "provision", "-5"},
		{"at text kept", "provisions", 0, "quote", "@SUM(A1)"},
		{"tab kept", "provisions", 0, "notes", "\tcmd"},
		{"plus kept", "campaigns", 0, "name", "+1"},
		{"control character kept", "campaigns", 0, "notes", "x _x0041_ y\x01z"},
		{"apostrophe kept", "surveys", 0, "notes", "'=already guarded?"},
		{"html characters kept", "sources", 0, "title", "Report <&> 'quoted'"},
		{"percent as number", "surveys", 0, "value", 26.5},
		{"small percent as number", "surveys", 1, "value", 0.1},
		{"integer as number", "surveys", 0, "year", 2018.0},
		{"missing value as null", "surveys", 1, "sample_size", nil},
		{"missing text as null", "jurisdictions", 0, "parent", nil},
		{"boolean", "provisions", 1, "confirmed", false},
		{"list as array", "campaigns", 0, "jurisdictions", []any{"EE", "LV"}},
		{"year keeps its precision", "campaigns", 0, "start", "1979"},
		{"month keeps its precision", "provisions", 0, "adopted", "2014-06"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows := got[tt.table]
			if tt.row >= len(rows) {
				t.Fatalf("%s has %d records", tt.table, len(rows))
			}
			v, ok := rows[tt.row][tt.field]
			if !ok {
				t.Fatalf("%s[%d] has no %s", tt.table, tt.row, tt.field)
			}
			if diff := cmp.Diff(tt.want, v); diff != "" {
				t.Errorf("%s[%d].%s (-want +got):\n%s", tt.table, tt.row, tt.field, diff)
			}
		})
	}
}

// TestWriteDatasetJSONOrder checks that tables come in the data package's
// order, every table is present, and each record has every column in column
// order.
func TestWriteDatasetJSONOrder(t *testing.T) {
	b, err := DatasetJSON(hostileDataset())
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var tables []string
	var keys = map[string][]string{} // first record's keys, per table
	depth := 0
	table := ""
	first := false
	for {
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch tok := tok.(type) {
		case json.Delim:
			switch tok {
			case '{', '[':
				depth++
				if depth == 3 && tok == '{' {
					first = keys[table] == nil
				}
			case '}', ']':
				depth--
				if depth == 2 {
					first = false
				}
			}
		case string:
			switch {
			case depth == 1:
				table = tok
				tables = append(tables, tok)
			case depth == 3 && first && dec.More():
				keys[table] = append(keys[table], tok)
				var skip any
				if err := dec.Decode(&skip); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	var want []string
	for _, tb := range dataset.Tables() {
		want = append(want, tb.Name)
	}
	if diff := cmp.Diff(want, tables); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	for _, tb := range dataset.Tables() {
		if keys[tb.Name] == nil {
			continue // no records
		}
		if diff := cmp.Diff(tb.Header(), keys[tb.Name]); diff != "" {
			t.Errorf("%s record keys (-want +got):\n%s", tb.Name, diff)
		}
	}
	if len(keys["provisions"]) == 0 {
		t.Error("no record keys read: the order check did not run")
	}
}

func TestWriteDatasetJSONErrors(t *testing.T) {
	ds := &dataset.Dataset{Sources: []dataset.Source{{ID: "s", Title: "bad \xff", Type: "report"}}}
	if _, err := DatasetJSON(ds); err == nil || !strings.Contains(err.Error(), "sources record 1, title") {
		t.Errorf("invalid UTF-8: err = %v, want one naming the record and field", err)
	}
	empty, err := DatasetJSON(&dataset.Dataset{})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string][]any
	if err := json.Unmarshal(empty, &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(dataset.Tables()) {
		t.Errorf("empty dataset: %d tables, want %d", len(got), len(dataset.Tables()))
	}
	for name, rows := range got {
		if rows == nil || len(rows) != 0 {
			t.Errorf("empty dataset: %s = %v, want []", name, rows)
		}
	}
}
