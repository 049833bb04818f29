package dataset

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// schemaTables is SCHEMA.md written out: every table's file, primary key and
// columns in order, each as "name kind[=vocabulary] [required] [ref=table]
// [range=min:max]". This test guards the contract: a change here is a change
// of the dataset's format and needs SCHEMA.md changed with it.
var schemaTables = []struct {
	name, path string
	key        []string
	columns    []string
}{
	{"jurisdictions", "jurisdictions.csv", []string{"code"}, []string{
		"code code required",
		"name text required",
		"kind enum=kind required",
		"parent code ref=jurisdictions",
		"child_population integer range=0:",
		"child_population_year integer range=1000:9999",
		"child_population_source id ref=sources",
	}},
	{"memberships", "memberships.csv", []string{"jurisdiction", "group", "from"}, []string{
		"jurisdiction code required ref=jurisdictions",
		"group text required",
		"from pdate required",
		"until pdate",
		"note text",
	}},
	{"provisions", "provisions.csv", []string{"id"}, []string{
		"id id required",
		"jurisdiction code required ref=jurisdictions",
		"setting enum=setting required",
		"status enum=status required",
		"confirmed boolean",
		"adopted pdate",
		"in_force pdate",
		"until pdate",
		"instrument text",
		"provision text",
		"quote text",
		"translation enum=translation",
		"source id required ref=sources",
		"verified_on pdate",
		"notes text",
	}},
	{"commitments", "commitments.csv", []string{"jurisdiction", "from"}, []string{
		"jurisdiction code required ref=jurisdictions",
		"from pdate required",
		"until pdate",
		"source id required ref=sources",
		"notes text",
	}},
	{"campaigns", "campaigns.csv", []string{"id"}, []string{
		"id id required",
		"jurisdictions list=code required ref=jurisdictions",
		"kind enum=campaign_kind required",
		"name text required",
		"name_original text",
		"start pdate required",
		"end pdate",
		"lead text",
		"lead_type enum=lead_type",
		"audiences list=audience",
		"channels list=channel",
		"evaluated boolean",
		"source id required ref=sources",
		"notes text",
	}},
	{"programmes", "programmes.csv", []string{"id"}, []string{
		"id id required",
		"jurisdiction code required ref=jurisdictions",
		"name text required",
		"model text",
		"provider text",
		"level enum=level",
		"delivery list=delivery",
		"age_from integer range=0:17",
		"age_to integer range=0:17",
		"start pdate",
		"end pdate",
		"reach integer range=0:",
		"reach_year integer range=1000:9999",
		"evidence enum=evidence",
		"source id required ref=sources",
		"notes text",
	}},
	{"surveys", "surveys.csv", []string{"id"}, []string{
		"id id required",
		"jurisdiction code required ref=jurisdictions",
		"series id",
		"indicator enum=indicator required",
		"year integer required range=1000:9999",
		"value percent required range=0:100",
		"respondents enum=respondents required",
		"population text",
		"sample_size integer range=1:",
		"question text",
		"method enum=method",
		"break boolean",
		"source id required ref=sources",
		"notes text",
	}},
	{"coverage", "coverage.csv", []string{"jurisdiction", "topic", "checked_on"}, []string{
		"jurisdiction code required ref=jurisdictions",
		"topic enum=topic required",
		"checked_on pdate required",
		"complete boolean required",
		"source id ref=sources",
		"notes text",
	}},
	{"sources", "sources.csv", []string{"id"}, []string{
		"id id required",
		"title text required",
		"publisher text",
		"url url",
		"published pdate",
		"accessed pdate",
		"type enum=source_type required",
		"reliability enum=reliability",
		"licence text",
	}},
}

// fieldSpec writes a field the way schemaTables does.
func fieldSpec(f Field) string {
	s := f.Name + " " + string(f.Kind)
	if f.Vocab != "" {
		s += "=" + f.Vocab
	}
	if f.Required {
		s += " required"
	}
	if f.Ref != "" {
		s += " ref=" + f.Ref
	}
	if f.Min != nil || f.Max != nil {
		bound := func(b *float64) string {
			if b == nil {
				return ""
			}
			return fmt.Sprint(*b)
		}
		s += " range=" + bound(f.Min) + ":" + bound(f.Max)
	}
	return s
}

func TestTablesMatchSchema(t *testing.T) {
	var gotNames, wantNames []string
	for _, tb := range Tables() {
		gotNames = append(gotNames, tb.Name)
	}
	for _, st := range schemaTables {
		wantNames = append(wantNames, st.name)
	}
	if diff := cmp.Diff(wantNames, gotNames); diff != "" {
		t.Errorf("tables (-want +got):\n%s", diff)
	}
	for _, st := range schemaTables {
		t.Run(st.name, func(t *testing.T) {
			tb := TableByName(st.name)
			if tb == nil {
				t.Fatalf("TableByName(%q) = nil", st.name)
			}
			if tb.Path != st.path {
				t.Errorf("Path = %q, want %q", tb.Path, st.path)
			}
			if diff := cmp.Diff(st.key, tb.Key); diff != "" {
				t.Errorf("Key (-want +got):\n%s", diff)
			}
			var got []string
			for _, f := range tb.Fields {
				got = append(got, fieldSpec(f))
			}
			if diff := cmp.Diff(st.columns, got); diff != "" {
				t.Errorf("Fields (-want +got):\n%s", diff)
			}
			var header []string
			for _, c := range st.columns {
				header = append(header, strings.Fields(c)[0])
			}
			if diff := cmp.Diff(header, tb.Header()); diff != "" {
				t.Errorf("Header() (-want +got):\n%s", diff)
			}
			for _, k := range tb.Key {
				if f := tb.Field(k); f == nil || !f.Required {
					t.Errorf("key column %q is missing or not required", k)
				}
			}
			for _, f := range tb.Fields {
				if f.Ref != "" && TableByName(f.Ref) == nil {
					t.Errorf("%s references unknown table %q", f.Name, f.Ref)
				}
			}
		})
	}
	if TableByName("provision") != nil || TableByName("") != nil {
		t.Error("TableByName finds a table that does not exist")
	}
}

func TestFieldCheck(t *testing.T) {
	pos := Pos{File: "provisions.csv", Row: 7, Col: 2}
	tests := []struct {
		table, field, value string
		want                []string // problem codes
	}{
		{"provisions", "id", "", []string{CodeRequired}},
		{"provisions", "notes", "", nil},
		{"provisions", "id", "se-home-1979", nil},
		{"provisions", "id", "SE-home-1979", []string{CodePattern}},
		{"provisions", "id", "se_home", []string{CodePattern}},
		{"provisions", "id", "se home", []string{CodePattern}},
		{"provisions", "id", " se-home", []string{CodePattern}},
		{"provisions", "notes", "ends with a space ", []string{CodePattern}},
		{"provisions", "notes", "line one\nline two, \"quoted\" – ÅÄÖ", nil},
		{"provisions", "jurisdiction", "SE", nil},
		{"provisions", "jurisdiction", "", []string{CodeRequired}},
		{"provisions", "jurisdiction", "se", []string{CodePattern}},
		{"provisions", "jurisdiction", "SWE", []string{CodePattern}},
		{"provisions", "jurisdiction", "XK", []string{CodeISO}},
		{"provisions", "jurisdiction", "UK", []string{CodeISO}},
		{"provisions", "status", "prohibited", nil},
		{"provisions", "status", "Prohibited", []string{CodeEnum}},
		{"provisions", "status", "banned", []string{CodeEnum}},
		{"provisions", "status", "", []string{CodeRequired}},
		{"provisions", "translation", "", nil},
		{"sources", "url", "https://endcorporalpunishment.org/reports-on-every-state-and-territory/finland/", nil},
		{"sources", "url", "http://example.org", nil},
		{"sources", "url", "ftp://example.org/x", []string{CodePattern}},
		{"sources", "url", "www.example.org", []string{CodePattern}},
		{"sources", "url", "https://", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE;LT;LV", nil},
		{"campaigns", "jurisdictions", "SE", nil},
		{"campaigns", "jurisdictions", "", []string{CodeRequired}},
		{"campaigns", "jurisdictions", "LV;EE", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE;EE", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE; LT", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE;;LT", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE;", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE,LT", []string{CodePattern}},
		{"campaigns", "jurisdictions", "EE;XK", []string{CodeISO}},
		{"campaigns", "audiences", "children;parents", nil},
		{"campaigns", "audiences", "children;kids", []string{CodeEnum}},
		{"campaigns", "audiences", "parents;children", []string{CodePattern}},
		{"programmes", "age_from", "0", nil},
		{"programmes", "age_from", "17", nil},
		{"programmes", "age_from", "18", []string{CodeRange}},
		{"programmes", "age_from", "-1", []string{CodeRange}},
		{"jurisdictions", "child_population", "1850000", nil},
		{"jurisdictions", "child_population", "-5", []string{CodeRange}},
		{"surveys", "year", "999", []string{CodeRange}},
		{"surveys", "year", "", []string{CodeRequired}},
		{"surveys", "value", "0", nil},
		{"surveys", "value", "100", nil},
		{"surveys", "value", "26.5", nil},
		{"surveys", "value", "100.5", []string{CodeRange}},
		{"surveys", "value", "-0.1", []string{CodeRange}},
		{"surveys", "sample_size", "0", []string{CodeRange}},
	}
	for _, tt := range tests {
		t.Run(tt.table+"."+tt.field+"="+tt.value, func(t *testing.T) {
			f := TableByName(tt.table).Field(tt.field)
			ps := f.Check(tt.value, pos)
			var got []string
			for _, p := range ps {
				got = append(got, p.Code)
				if p.Pos != pos || p.Field != tt.field || p.Severity != Error {
					t.Errorf("problem %+v: want Pos %v, Field %q, Severity error", p, pos, tt.field)
				}
				if !strings.HasPrefix(p.Message, tt.field+": ") {
					t.Errorf("message %q does not start with the field name", p.Message)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check(%q) codes (-want +got):\n%s\nproblems: %v", tt.value, diff, ps)
			}
		})
	}
}

func TestFieldCheckExportLimits(t *testing.T) {
	pos := Pos{File: "programmes.csv", Row: 3, Col: 3}
	for _, tt := range []struct {
		name, field, value string
		want               []string // problem codes
	}{
		{"a cell's worth", "notes", strings.Repeat("a", MaxCellChars), nil},
		{"one character more", "notes", strings.Repeat("a", MaxCellChars+1), []string{CodeTextLength}},
		{"a cell's worth of Å (two bytes each)", "notes", strings.Repeat("Å", MaxCellChars), nil},
		{"emoji count twice, as in a spreadsheet", "notes", strings.Repeat("😀", MaxCellChars/2+1), []string{CodeTextLength}},
		{"a too long name", "name", strings.Repeat("n", 40000), []string{CodeTextLength}},
		{"tab and newline", "notes", "one\ttwo\nthree", nil},
		{"NUL", "name", "Triple\x00P", []string{CodeControl}},
		{"carriage return alone", "notes", "one\rtwo", []string{CodeControl}},
		{"escape", "notes", "\x1b[31mred", []string{CodeControl}},
		{"DEL", "notes", "a\x7fb", []string{CodeControl}},
		{"C1 next line", "notes", "a\u0085b", []string{CodeControl}},
		{"no-break space is text", "notes", "a\u00a0b", nil},
		{"NUL in an id", "id", "pl-\x00", []string{CodeControl}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ps := TableByName("programmes").Field(tt.field).Check(tt.value, pos)
			var got []string
			for _, p := range ps {
				got = append(got, p.Code)
				if p.Pos != pos || p.Field != tt.field || !strings.HasPrefix(p.Message, tt.field+": ") {
					t.Errorf("problem %v: want it at %v, of %s", p, pos, tt.field)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("codes (-want +got):\n%s\nproblems: %v", diff, ps)
			}
		})
	}
}

func TestAppendDecodesEveryKind(t *testing.T) {
	campaigns := TableByName("campaigns")
	surveys := TableByName("surveys")
	var ds Dataset
	o := Origin{File: "c.csv", Row: 2, Cols: map[string]int{}}
	if ps := campaigns.Append(&ds, []string{
		"se-2000", "DK;SE", "campaign", "Barn, \"föräldrar\"\noch samhälle", "", "1979-07", "",
		"Save the Children", "ngo", "children;parents", "", "false", "src-1", "",
	}, o); len(ps) != 0 {
		t.Fatalf("Append: %v", ps)
	}
	if ps := surveys.Append(&ds, []string{
		"pl-2013", "PL", "", "cp_approval", "2013", "26.5", "adults", "", "1005", "", "", "true", "src-1", "",
	}, o); len(ps) != 0 {
		t.Fatalf("Append: %v", ps)
	}
	wantCampaign := Campaign{
		ID: "se-2000", Jurisdictions: []string{"DK", "SE"}, Kind: MeasureCampaign,
		Name: "Barn, \"föräldrar\"\noch samhälle", Start: MustDate("1979-07"),
		Lead: "Save the Children", LeadType: "ngo", Audiences: []string{"children", "parents"},
		Evaluated: ptr(false), Source: "src-1", Origin: o,
	}
	wantSurvey := Survey{
		ID: "pl-2013", Jurisdiction: "PL", Indicator: CPApproval, Year: 2013, Value: 26.5,
		Respondents: "adults", SampleSize: ptr(1005), Break: ptr(true), Source: "src-1", Origin: o,
	}
	if diff := cmp.Diff([]Campaign{wantCampaign}, ds.Campaigns, cmp.AllowUnexported(Date{})); diff != "" {
		t.Errorf("campaign (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Survey{wantSurvey}, ds.Surveys, cmp.AllowUnexported(Date{})); diff != "" {
		t.Errorf("survey (-want +got):\n%s", diff)
	}
	if got, want := campaigns.Values(&ds, 0)[1], "DK;SE"; got != want {
		t.Errorf("Values: jurisdictions = %q, want %q", got, want)
	}
}

func TestEncodeEveryKind(t *testing.T) {
	ds := &Dataset{
		Provisions: []Provision{{
			ID: "se-home-1979", Jurisdiction: "SE", Setting: Home, Status: Prohibited,
			Confirmed: ptr(true), Adopted: MustDate("1979"), InForce: MustDate("1979-07-01"),
			Quote: "may not be subjected to \"corporal punishment\",\nor…", Source: "gi-se",
		}},
		Programmes: []Programme{{
			ID: "fi-icdp", Jurisdiction: "FI", Name: "ICDP", Delivery: []string{"group", "home_visit"},
			AgeFrom: ptr(0), AgeTo: ptr(17), Reach: nil, Source: "s",
		}},
		Surveys: []Survey{
			{ID: "a", Year: 2013, Value: 26.5, Break: ptr(false)},
			{ID: "b", Year: 2013, Value: 100},
			{ID: "c", Year: 2013, Value: 0.1},
			{ID: "d", Year: 2013, Value: 1.0 / 3},
		},
	}
	tests := []struct {
		table string
		i     int
		want  []string
	}{
		{"provisions", 0, []string{"se-home-1979", "SE", "home", "prohibited", "true", "1979", "1979-07-01", "", "", "",
			"may not be subjected to \"corporal punishment\",\nor…", "", "gi-se", "", ""}},
		{"programmes", 0, []string{"fi-icdp", "FI", "ICDP", "", "", "", "group;home_visit", "0", "17", "", "", "", "", "", "s", ""}},
		{"surveys", 0, []string{"a", "", "", "", "2013", "26.5", "", "", "", "", "", "false", "", ""}},
		{"surveys", 1, []string{"b", "", "", "", "2013", "100", "", "", "", "", "", "", "", ""}},
		{"surveys", 2, []string{"c", "", "", "", "2013", "0.1", "", "", "", "", "", "", "", ""}},
		{"surveys", 3, []string{"d", "", "", "", "2013", "0.3333333333333333", "", "", "", "", "", "", "", ""}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.table, tt.i), func(t *testing.T) {
			tb := TableByName(tt.table)
			got := tb.Values(ds, tt.i)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Values (-want +got):\n%s", diff)
			}
			for j, f := range tb.Fields {
				if v := tb.Value(ds, tt.i, f.Name); v != tt.want[j] {
					t.Errorf("Value(%s) = %q, want %q", f.Name, v, tt.want[j])
				}
			}
			// Decoding the stored values gives back the same stored values.
			var back Dataset
			tb.Append(&back, got, Origin{})
			if diff := cmp.Diff(got, tb.Values(&back, 0)); diff != "" {
				t.Errorf("Values after Append (-want +got):\n%s", diff)
			}
		})
	}
	if v := TableByName("surveys").Value(ds, 0, "no_such_column"); v != "" {
		t.Errorf("Value(no_such_column) = %q, want empty", v)
	}
}

func TestAppendTypeErrors(t *testing.T) {
	tests := []struct {
		name   string
		field  string
		value  string
		stored string // what the record holds afterwards
	}{
		{"boolean", "break", "yes", ""},
		{"boolean, capitalised", "break", "True", ""},
		{"integer", "sample_size", "1,005", ""},
		{"integer with a decimal", "sample_size", "10.5", ""},
		{"integer with a plus sign", "sample_size", "+5", ""},
		{"integer with a leading zero", "sample_size", "007", ""},
		{"percent with a comma", "value", "26,5", "0"},
		{"percent with a sign", "value", "26.5 %", "0"},
		{"percent with an exponent", "value", "2.65e1", "0"},
		{"percent NaN", "value", "NaN", "0"},
		{"percent Inf", "value", "Inf", "0"},
		{"percent hex", "value", "0x1A", "0"},
		{"percent too large", "value", strings.Repeat("9", 400), "0"},
		{"year", "year", "2013/14", "0"},
		{"date", "year", "2013-01", "0"},
	}
	surveys := TableByName("surveys")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := []string{"pl-2013", "PL", "", "cp_approval", "2013", "26.5", "adults", "", "", "", "", "", "src-1", ""}
			col := 0
			for j, f := range surveys.Fields {
				if f.Name == tt.field {
					values[j], col = tt.value, 14-j // columns reversed in the source
				}
			}
			cols := map[string]int{}
			for j, f := range surveys.Fields {
				cols[f.Name] = 14 - j
			}
			var ds Dataset
			ps := surveys.Append(&ds, values, Origin{File: "pl.csv", Row: 9, Cols: cols})
			want := Problems{{Code: CodeType, Severity: Error, Pos: Pos{File: "pl.csv", Row: 9, Col: col}, Table: "surveys", Field: tt.field}}
			if diff := cmp.Diff(want, ps, cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".Message" }, cmp.Ignore())); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
			if len(ps) == 1 && !strings.Contains(ps[0].Message, tt.value) {
				t.Errorf("message %q does not quote the value %q", ps[0].Message, tt.value)
			}
			if surveys.Len(&ds) != 1 {
				t.Fatalf("Len = %d, want the record kept", surveys.Len(&ds))
			}
			if got := surveys.Value(&ds, 0, tt.field); got != tt.stored {
				t.Errorf("stored %s = %q, want %q", tt.field, got, tt.stored)
			}
		})
	}
}

func TestDateTypeError(t *testing.T) {
	var ds Dataset
	tb := TableByName("commitments")
	ps := tb.Append(&ds, []string{"SE", "1979-02-30", "", "s", ""}, Origin{File: "c.csv", Row: 3, Cols: map[string]int{"from": 2}})
	if len(ps) != 1 || ps[0].Code != CodeType || ps[0].Pos.String() != "c.csv:3:2" || ps[0].Field != "from" {
		t.Errorf("problems = %v, want one type-error at c.csv:3:2 in from", ps)
	}
}

func TestTableAccessors(t *testing.T) {
	o := Origin{File: "m.xlsx", Sheet: "CBSS", Row: 5, Cols: map[string]int{"until": 4}}
	ds := &Dataset{Memberships: []Membership{
		{Jurisdiction: "SE", Group: "CBSS", From: MustDate("1992-03")},
		{Jurisdiction: "RU", Group: "CBSS, \"Baltic\"", From: MustDate("1992"), Until: MustDate("2022-05-17"), Origin: o},
	}}
	tb := TableByName("memberships")
	if got := tb.Len(ds); got != 2 {
		t.Errorf("Len = %d, want 2", got)
	}
	if got, want := tb.KeyOf(ds, 1), "RU\tCBSS, \"Baltic\"\t1992"; got != want {
		t.Errorf("KeyOf = %q, want %q", got, want)
	}
	if got := tb.Origin(ds, 1); got.File != "m.xlsx" || got.Row != 5 {
		t.Errorf("Origin = %+v, want %+v", got, o)
	}
	if got, want := tb.FieldPos(ds, 1, "until").String(), "m.xlsx:'CBSS'!D5"; got != want {
		t.Errorf("FieldPos with an origin = %q, want %q", got, want)
	}
	if got, want := tb.FieldPos(ds, 0, "until").String(), "memberships.csv:2:4"; got != want {
		t.Errorf("FieldPos without an origin = %q, want %q", got, want)
	}
	if tb.Field("until") == nil || tb.Field("Until") != nil {
		t.Error("Field looks names up wrongly")
	}
}

func TestAppendStoresLineEndsAsNewlines(t *testing.T) {
	var ds Dataset
	tb := TableByName("sources")
	ps := tb.Append(&ds, []string{"s", "Line one\r\nline two\rthree", "", "", "", "", "report", "", ""}, Origin{File: "s.xlsx", Sheet: "S", Row: 2})
	if len(ps) != 0 {
		t.Fatalf("problems: %v", ps)
	}
	if got, want := ds.Sources[0].Title, "Line one\nline two\nthree"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

func TestSetValue(t *testing.T) {
	confirmed := true
	ds := &Dataset{Provisions: []Provision{{ID: "x", Jurisdiction: "SE", Setting: Home, Status: Unknown, Confirmed: &confirmed}}}
	p := TableByName("provisions")
	tests := []struct {
		name, field, value string
		wantErr            bool
	}{
		{"status", "status", "prohibited", false},
		{"date", "in_force", "1979-07", false},
		{"blank boolean", "confirmed", "", false},
		{"bad boolean", "confirmed", "maybe", true},
		{"bad date", "adopted", "July 1979", true},
		{"no such field", "colour", "red", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := p.Values(ds, 0)
			err := p.SetValue(ds, 0, tt.field, tt.value)
			if (err != nil) != tt.wantErr {
				t.Fatalf("SetValue(%s, %q) error = %v, want error %v", tt.field, tt.value, err, tt.wantErr)
			}
			if tt.wantErr {
				if diff := cmp.Diff(before, p.Values(ds, 0)); diff != "" {
					t.Errorf("a refused value changed the record (-want +got):\n%s", diff)
				}
				return
			}
			if got := p.Value(ds, 0, tt.field); got != tt.value {
				t.Errorf("%s = %q, want %q", tt.field, got, tt.value)
			}
		})
	}
}
