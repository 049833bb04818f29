package exports

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// loadDiffPair loads the hand-made before and after datasets: a ban added
// (lt-home-2017) and the status before it closed (lt-home-1990), a status
// changed with the law's details filled in (ee-home-2014), a note added
// (lv-school-1998), a campaign added, a programme removed and a survey value
// changed.
func loadDiffPair(t *testing.T) (old, new *dataset.Dataset) {
	t.Helper()
	load := func(dir string) *dataset.Dataset {
		ds, ps, err := dataset.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if ps.HasErrors() {
			t.Fatalf("%s:\n%v", dir, ps)
		}
		return ds
	}
	return load("testdata/diff/before"), load("testdata/diff/after")
}

func TestDiffReportGolden(t *testing.T) {
	old, new := loadDiffPair(t)
	r := NewDiffReport(old, new, "testdata/diff/before", "testdata/diff/after")
	tests := []struct {
		name, golden string
		write        func(*bytes.Buffer, DiffReport) error
	}{
		{"text", "testdata/diff/report.txt", func(b *bytes.Buffer, r DiffReport) error { return WriteDiffText(b, r) }},
		{"markdown", "testdata/diff/report.md", func(b *bytes.Buffer, r DiffReport) error { return WriteDiffMarkdown(b, r, 1) }},
		{"json", "testdata/diff/report.json", func(b *bytes.Buffer, r DiffReport) error { return WriteDiffJSON(b, r) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf, r); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tt.golden, buf.Bytes())
		})
	}
}

// diffSummary is a report reduced to what a reader checks first.
type diffSummary struct {
	Table, Key, Kind string
	LegalStatus      bool
	Fields           []string
}

func summarise(r DiffReport) []diffSummary {
	var out []diffSummary
	for _, td := range r.Tables {
		for _, rd := range td.Records {
			s := diffSummary{Table: td.Table, Key: rd.Key, Kind: string(rd.Kind), LegalStatus: rd.LegalStatus()}
			for _, f := range rd.Fields {
				s.Fields = append(s.Fields, f.Field)
			}
			out = append(out, s)
		}
	}
	return out
}

func TestNewDiffReport(t *testing.T) {
	old, new := loadDiffPair(t)
	t.Run("forward", func(t *testing.T) {
		r := NewDiffReport(old, new, "old", "new")
		want := []diffSummary{
			{"provisions", "ee-home-2014", "changed", true, []string{"status", "adopted", "in_force", "instrument", "provision", "verified_on"}},
			{"provisions", "lt-home-2017", "added", true, nil},
			{"provisions", "lt-home-1990", "changed", false, []string{"until"}},
			{"provisions", "lv-school-1998", "changed", false, []string{"verified_on", "notes"}},
			{"campaigns", "ee-campaign-2020", "added", false, nil},
			{"programmes", "lv-icdp", "removed", false, nil},
			{"surveys", "ee-adults-2018", "changed", false, []string{"value"}},
		}
		if diff := cmp.Diff(want, summarise(r)); diff != "" {
			t.Errorf("changes (-want +got):\n%s", diff)
		}
		if got, want := [3]int{r.Added, r.Removed, r.Changed}, [3]int{2, 1, 4}; got != want {
			t.Errorf("added, removed, changed = %v, want %v", got, want)
		}
		if got, want := r.Len(), 7; got != want {
			t.Errorf("Len = %d, want %d", got, want)
		}
		p := r.Tables[0]
		if got, want := [3]int{p.Added, p.Removed, p.Changed}, [3]int{1, 0, 3}; got != want {
			t.Errorf("provisions added, removed, changed = %v, want %v", got, want)
		}
		added := p.Records[1]
		wantValues := []FieldValue{
			{"id", "lt-home-2017"}, {"jurisdiction", "LT"}, {"setting", "home"}, {"status", "prohibited"},
			{"confirmed", "true"}, {"adopted", "2017-02-14"}, {"in_force", "2017-03-01"},
			{"instrument", "Law on the Fundamentals of Protection of the Rights of the Child"},
			{"provision", "art. 49"}, {"source", "gi-2024"}, {"verified_on", "2025-02"},
		}
		if diff := cmp.Diff(wantValues, added.Values); diff != "" {
			t.Errorf("values of the added ban (-want +got):\n%s", diff)
		}
		if got, want := added.NewPos.String(), "testdata/diff/after/provisions.csv:4"; got != want {
			t.Errorf("added ban at %s, want %s", got, want)
		}
		status := p.Records[0].Fields[0]
		if got, want := status.OldPos.String()+" "+status.NewPos.String(), "testdata/diff/before/provisions.csv:2:4 testdata/diff/after/provisions.csv:2:4"; got != want {
			t.Errorf("status change at %s, want %s", got, want)
		}
	})
	t.Run("backward", func(t *testing.T) {
		r := NewDiffReport(new, old, "new", "old")
		if got, want := [3]int{r.Added, r.Removed, r.Changed}, [3]int{1, 2, 4}; got != want {
			t.Errorf("added, removed, changed = %v, want %v", got, want)
		}
		var removed RecordDiff
		for _, rd := range r.Tables[0].Records {
			if rd.Kind == dataset.Removed {
				removed = rd
			}
		}
		if removed.Key != "lt-home-2017" || len(removed.Values) == 0 || removed.Values[3] != (FieldValue{"status", "prohibited"}) {
			t.Errorf("removed ban = %+v, want lt-home-2017 with its values from the old dataset", removed)
		}
	})
	t.Run("same", func(t *testing.T) {
		r := NewDiffReport(old, old, "a", "b")
		if r.Len() != 0 || len(r.Tables) != 0 {
			t.Errorf("a dataset against itself: %+v, want no changes", r)
		}
	})
	t.Run("nil is empty", func(t *testing.T) {
		r := NewDiffReport(nil, old, "", "old")
		records := 0
		for _, tb := range dataset.Tables() {
			records += tb.Len(old)
		}
		if got, want := r.Added, records; got != want || records == 0 {
			t.Errorf("against nothing, %d added, want every record (%d)", got, want)
		}
	})
}

func TestWriteDiffEmpty(t *testing.T) {
	r := DiffReport{Old: "a", New: "b"}
	tests := []struct {
		name  string
		write func(*bytes.Buffer) error
		want  string
	}{
		{"text", func(b *bytes.Buffer) error { return WriteDiffText(b, r) }, "no changes between a and b\n"},
		{"markdown", func(b *bytes.Buffer) error { return WriteDiffMarkdown(b, r, 2) }, "## Changes from a to b\n\nNo changes.\n"},
		{"json", func(b *bytes.Buffer) error { return WriteDiffJSON(b, r) },
			"{\n  \"old\": \"a\",\n  \"new\": \"b\",\n  \"added\": 0,\n  \"removed\": 0,\n  \"changed\": 0,\n  \"tables\": []\n}\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, buf.String()); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

// TestWriteDiffHostile checks that values reach each format intact and
// harmless: quoted in text when they would mislead, escaped in Markdown,
// exact in JSON.
func TestWriteDiffHostile(t *testing.T) {
	old := &dataset.Dataset{Sources: []dataset.Source{{ID: "s", Title: "Plain", Type: "report"}}}
	new := &dataset.Dataset{Sources: []dataset.Source{{ID: "s", Title: "=1|<b>x</b>\nsecond line", Type: "report"}}}
	r := NewDiffReport(old, new, "old", "new")

	var text bytes.Buffer
	if err := WriteDiffText(&text, r); err != nil {
		t.Fatal(err)
	}
	if want := `sources s: title Plain → "=1|<b>x</b>\nsecond line"` + "\n"; !strings.HasSuffix(text.String(), want) {
		t.Errorf("text:\n%s\nwant it to end with:\n%s", text.String(), want)
	}

	var md bytes.Buffer
	if err := WriteDiffMarkdown(&md, r, 1); err != nil {
		t.Fatal(err)
	}
	if want := `| s | changed | title | Plain | =1\|\<b\>x\</b\><br>second line |  |` + "\n"; !strings.HasSuffix(md.String(), want) {
		t.Errorf("markdown:\n%s\nwant it to end with:\n%s", md.String(), want)
	}

	var js bytes.Buffer
	if err := WriteDiffJSON(&js, r); err != nil {
		t.Fatal(err)
	}
	var got struct {
		Tables []struct {
			Changes []struct {
				Fields []struct{ New string }
			}
		}
	}
	if err := json.Unmarshal(js.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Tables) != 1 || len(got.Tables[0].Changes) != 1 || len(got.Tables[0].Changes[0].Fields) != 1 {
		t.Fatalf("json: %s", js.String())
	}
	if got, want := got.Tables[0].Changes[0].Fields[0].New, new.Sources[0].Title; got != want {
		t.Errorf("json new = %q, want %q", got, want)
	}
}

func TestDiffMD(t *testing.T) {
	tests := []struct{ in, want string }{
		{"not_prohibited", "not_prohibited"},
		{"_x_", `\_x\_`},
		{"a_ b", `a\_ b`},
		{"*bold*", `\*bold\*`},
		{"a|b", `a\|b`},
		{"<script>", `\<script\>`},
		{"[link](http://x)", `\[link\](http://x)`},
		{"`code`", "\\`code\\`"},
		{`back\slash`, `back\\slash`},
		{"one\r\ntwo\nthree", "one<br>two<br>three"},
		{"&amp;", `\&amp;`},
	}
	for _, tt := range tests {
		if got := diffMD(tt.in); got != tt.want {
			t.Errorf("diffMD(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDiffShow(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "(empty)"},
		{"prohibited", "prohibited"},
		{"Child Protection Act", "Child Protection Act"},
		{"§ 24", "§ 24"},
		{" padded", `" padded"`},
		{"two\nlines", `"two\nlines"`},
		{"a → b", `"a → b"`},
		{"(empty)", `"(empty)"`},
		{"\tcmd", `"\tcmd"`},
	}
	for _, tt := range tests {
		if got := diffShow(tt.in); got != tt.want {
			t.Errorf("diffShow(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestDiffPositions(t *testing.T) {
	p := dataset.Pos{File: "a.csv", Row: 2, Col: 3}
	tests := []struct {
		name     string
		old, new dataset.Pos
		want     string
	}{
		{"both", p, p, "a.csv:2:3 → a.csv:2:3"},
		{"old only", p, dataset.Pos{}, "a.csv:2:3 → ?"},
		{"new only", dataset.Pos{}, p, "? → a.csv:2:3"},
		{"neither", dataset.Pos{}, dataset.Pos{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := diffPositions(tt.old, tt.new); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
