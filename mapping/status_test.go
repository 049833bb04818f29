package mapping

import (
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// timelines built like the real ones.
func timelines() *dataset.Dataset {
	return &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{jur("EE", "Estonia", 0), jur("NO", "Norway", 0), jur("RU", "Russia", 0), jur("SE", "Sweden", 0), jur("FI", "Finland", 0), jur("LV", "Latvia", 0)},
		Provisions: []dataset.Provision{
			// Norway: ban in force 1987-01 until 2010, clarified from 2010.
			prov("no-home-1987", "NO", dataset.Home, dataset.Prohibited, "1987", "1987-01", "2010"),
			prov("no-home-2010", "NO", dataset.Home, dataset.Prohibited, "2010", "", ""),
			// Estonia: adopted 2014-11, in force 2016-01-01, nothing earlier.
			prov("ee-home-2014", "EE", dataset.Home, dataset.Prohibited, "2014-11", "2016-01-01", ""),
			// Estonia school: lawful until the ban, which is pending on 2015-06-01.
			prov("ee-school-1992", "EE", dataset.School, dataset.NotProhibited, "", "1992", "2016-01-01"),
			prov("ee-school-2014", "EE", dataset.School, dataset.Prohibited, "2014-11", "2016-01-01", ""),
			// Russia: lawful at home, unlawful without explicit ban at school.
			prov("ru-home", "RU", dataset.Home, dataset.NotProhibited, "", "", ""),
			prov("ru-school", "RU", dataset.School, dataset.UnlawfulNotExplicit, "", "", ""),
			// Sweden: lawful until "1979", prohibited from "1979" (adopted, in force not recorded).
			prov("se-home-1949", "SE", dataset.Home, dataset.NotProhibited, "", "1949", "1979"),
			prov("se-home-1979", "SE", dataset.Home, dataset.Prohibited, "1979", "", ""),
			// Finland: a ban from "1984" with nothing recorded before it.
			prov("fi-home-1983", "FI", dataset.Home, dataset.Prohibited, "", "1984", ""),
			// Latvia: a status that ended with nothing after it.
			prov("lv-school-1990", "LV", dataset.School, dataset.Partial, "", "1990-05", "1998-07-08"),
		},
	}
}

func TestCellOn(t *testing.T) {
	ds := timelines()
	tests := []struct {
		name     string
		code     string
		setting  dataset.Setting
		date     string
		status   dataset.Status
		possible []dataset.Status
		ids      []string // provisions cited
		pending  []string
		boundary bool
		adopted  bool // FromAdopted
		undated  bool
		inferred string // the ban an inferred status comes before
	}{
		{name: "Norway before the first period: before the ban", code: "NO", setting: dataset.Home, date: "1986-12-31", status: dataset.NotProhibited,
			inferred: "no-home-1987"},
		{name: "Norway inside the month the ban took effect", code: "NO", setting: dataset.Home, date: "1987-01-15", status: Uncertain,
			possible: []dataset.Status{dataset.Prohibited, dataset.NotProhibited}, ids: []string{"no-home-1987"}, boundary: true, inferred: "no-home-1987"},
		{name: "Norway last day of that month", code: "NO", setting: dataset.Home, date: "1987-01-31", status: dataset.Prohibited, ids: []string{"no-home-1987"}},
		{name: "Norway 1987 ban", code: "NO", setting: dataset.Home, date: "2000-06-01", status: dataset.Prohibited, ids: []string{"no-home-1987"}},
		{name: "Norway 2010 boundary, same status either way", code: "NO", setting: dataset.Home, date: "2010-06-01", status: dataset.Prohibited,
			ids: []string{"no-home-1987", "no-home-2010"}, boundary: true, adopted: true},
		{name: "Norway clarification", code: "NO", setting: dataset.Home, date: "2011-01-01", status: dataset.Prohibited, ids: []string{"no-home-2010"}, adopted: true},
		{name: "Estonia adopted, not in force, nothing earlier", code: "EE", setting: dataset.Home, date: "2015-06-01", status: dataset.NotProhibited,
			pending: []string{"ee-home-2014"}, inferred: "ee-home-2014"},
		{name: "Estonia the day before the ban took effect", code: "EE", setting: dataset.Home, date: "2015-12-31", status: dataset.NotProhibited,
			pending: []string{"ee-home-2014"}, inferred: "ee-home-2014"},
		{name: "Estonia school lawful, ban pending", code: "EE", setting: dataset.School, date: "2015-06-01", status: dataset.NotProhibited,
			ids: []string{"ee-school-1992"}, pending: []string{"ee-school-2014"}},
		{name: "Estonia in force", code: "EE", setting: dataset.Home, date: "2016-01-01", status: dataset.Prohibited, ids: []string{"ee-home-2014"}},
		{name: "Estonia school the day the ban took effect", code: "EE", setting: dataset.School, date: "2016-01-01", status: dataset.Prohibited, ids: []string{"ee-school-2014"}},
		{name: "Estonia adoption month not over", code: "EE", setting: dataset.Home, date: "2014-11-10", status: dataset.NotProhibited, inferred: "ee-home-2014"},
		{name: "Russia home", code: "RU", setting: dataset.Home, date: "2026-01-01", status: dataset.NotProhibited, ids: []string{"ru-home"}, undated: true},
		{name: "Russia school", code: "RU", setting: dataset.School, date: "2026-01-01", status: dataset.UnlawfulNotExplicit, ids: []string{"ru-school"}, undated: true},
		{name: "Russia day care not recorded", code: "RU", setting: dataset.DayCare, date: "2026-01-01", status: dataset.Unknown},
		{name: "Sweden 1979 vs 1979-03-01", code: "SE", setting: dataset.Home, date: "1979-03-01", status: Uncertain,
			possible: []dataset.Status{dataset.Prohibited, dataset.NotProhibited}, ids: []string{"se-home-1949", "se-home-1979"}, boundary: true, adopted: true},
		{name: "Sweden first day of 1979", code: "SE", setting: dataset.Home, date: "1979-01-01", status: Uncertain,
			possible: []dataset.Status{dataset.Prohibited, dataset.NotProhibited}, ids: []string{"se-home-1949", "se-home-1979"}, boundary: true, adopted: true},
		{name: "Sweden last day of 1979", code: "SE", setting: dataset.Home, date: "1979-12-31", status: dataset.Prohibited, ids: []string{"se-home-1979"}, adopted: true},
		{name: "Sweden 1978", code: "SE", setting: dataset.Home, date: "1978-12-31", status: dataset.NotProhibited, ids: []string{"se-home-1949"}},
		{name: "Finland inside 1984, nothing before", code: "FI", setting: dataset.Home, date: "1984-06-01", status: Uncertain,
			possible: []dataset.Status{dataset.Prohibited, dataset.NotProhibited}, ids: []string{"fi-home-1983"}, boundary: true, inferred: "fi-home-1983"},
		{name: "Finland 1983, before the ban", code: "FI", setting: dataset.Home, date: "1983-12-31", status: dataset.NotProhibited, inferred: "fi-home-1983"},
		{name: "Latvia the day before until", code: "LV", setting: dataset.School, date: "1998-07-07", status: dataset.Partial, ids: []string{"lv-school-1990"}},
		{name: "Latvia on until", code: "LV", setting: dataset.School, date: "1998-07-08", status: dataset.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := NewIndex(ds).CellOn(tt.code, tt.setting, on(tt.date))
			if c.Status != tt.status {
				t.Errorf("status = %s, want %s", c.Status, tt.status)
			}
			if diff := cmp.Diff(tt.possible, c.Possible); diff != "" {
				t.Errorf("possible (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.ids, refIDs(c.Provisions)); diff != "" {
				t.Errorf("provisions (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.pending, refIDs(c.Pending)); diff != "" {
				t.Errorf("pending (-want +got):\n%s", diff)
			}
			var inferred string
			if c.InferredBefore != nil {
				inferred = c.InferredBefore.ID
			}
			if c.Inferred != (tt.inferred != "") || inferred != tt.inferred {
				t.Errorf("inferred = %v before %q, want before %q", c.Inferred, inferred, tt.inferred)
			}
			if c.Boundary != tt.boundary || c.FromAdopted != tt.adopted || c.Undated != tt.undated {
				t.Errorf("boundary, from adopted, undated = %v, %v, %v; want %v, %v, %v",
					c.Boundary, c.FromAdopted, c.Undated, tt.boundary, tt.adopted, tt.undated)
			}
		})
	}
}

func refIDs(ps []ProvisionRef) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.ID)
	}
	return out
}

func TestStatusCategories(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			jur("AA", "All", 100), jur("BB", "Committed", 300), jur("CC", "Some", 0),
			jur("DD", "None", 600), jur("EE", "Unlawful", 0), jur("FF", "Boundary", 0), jur("GG", "Lawful at home", 0),
		},
		Commitments: []dataset.Commitment{
			{Jurisdiction: "BB", From: d("2019"), Source: "src-BB"},
			{Jurisdiction: "CC", From: d("2001"), Until: d("2010-05-06"), Source: "src-CC"},
		},
	}
	ds.Provisions = append(ds.Provisions, allProhibited("AA")...)
	ds.Provisions = append(ds.Provisions, allProhibited("BB", dataset.Home)...)
	ds.Provisions = append(ds.Provisions, allProhibited("CC", dataset.Home, dataset.Sentence)...)
	ds.Provisions = append(ds.Provisions, prov("dd-home", "DD", dataset.Home, dataset.NotProhibited, "", "", ""))
	ds.Provisions = append(ds.Provisions, allProhibited("EE", dataset.School)...)
	ds.Provisions = append(ds.Provisions, prov("ee-school", "EE", dataset.School, dataset.UnlawfulNotExplicit, "", "", ""))
	ds.Provisions = append(ds.Provisions, allProhibited("FF", dataset.Home)...)
	ds.Provisions = append(ds.Provisions, prov("ff-home", "FF", dataset.Home, dataset.Prohibited, "", "2020", ""))
	ds.Provisions = append(ds.Provisions, allProhibited("GG", dataset.Home)...)
	ds.Provisions = append(ds.Provisions, prov("gg-home", "GG", dataset.Home, dataset.NotProhibited, "", "", ""))

	m := NewIndex(ds).Status([]string{"GG", "FF", "EE", "DD", "CC", "BB", "AA", "AA"}, on("2020-06-01"))
	type row struct {
		Code      string
		Category  Category
		Uncertain bool
		Committed bool
	}
	var got []row
	for _, r := range m.Rows {
		got = append(got, row{r.Jurisdiction, r.Category, r.CategoryUncertain, r.Committed})
		if len(r.Cells) != len(dataset.Settings) {
			t.Errorf("%s has %d cells, want %d", r.Jurisdiction, len(r.Cells), len(dataset.Settings))
		}
	}
	want := []row{
		{"AA", AllSettings, false, false},
		{"BB", Committed, true, true},      // home is unknown
		{"CC", SomeSettings, true, false},  // home and sentence are unknown
		{"DD", None, true, false},          // five settings are unknown
		{"EE", SomeSettings, false, false}, // unlawful_not_explicit is not prohibition
		{"FF", SomeSettings, true, false},  // home may or may not be prohibited yet
		{"GG", SomeSettings, false, false}, // not prohibited at home: no doubt
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rows (-want +got):\n%s", diff)
	}
	if got, want := m.AsOf, d("2020-06-01"); got != want {
		t.Errorf("as of = %s, want %s", got, want)
	}
	wantShare := ChildShare{Protected: 100, Total: 1000, Percent: 10, Counted: 3, MissingPopulation: []string{"CC", "EE", "FF", "GG"}}
	if diff := cmp.Diff(wantShare, m.Children); diff != "" {
		t.Errorf("children (-want +got):\n%s", diff)
	}
	// The commitment of CC ended on 2010-05-06: current the day before, not on it.
	for date, want := range map[string]bool{"2010-05-05": true, "2010-05-06": false, "2000-12-31": false} {
		r := NewIndex(ds).Status([]string{"CC"}, on(date)).Rows[0]
		if r.Committed != want {
			t.Errorf("CC committed on %s = %v, want %v", date, r.Committed, want)
		}
		if want && r.Category != Committed {
			t.Errorf("CC category on %s = %s, want %s", date, r.Category, Committed)
		}
	}
}

func TestSelect(t *testing.T) {
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{jur("SE", "Sweden", 0), jur("RU", "Russia", 0), jur("IS", "Iceland", 0), jur("GL", "Greenland", 0)},
		Memberships: []dataset.Membership{
			{Jurisdiction: "SE", Group: "CBSS", From: d("1992-03-06")},
			{Jurisdiction: "RU", Group: "CBSS", From: d("1992-03-06"), Until: d("2022-05-17")},
			{Jurisdiction: "IS", Group: "CBSS", From: d("1995")},
			{Jurisdiction: "GL", Group: "Arctic", From: d("1996")},
		},
	}
	tests := []struct {
		group, date string
		want        []string
	}{
		{"CBSS", "2022-05-16", []string{"IS", "RU", "SE"}},
		{"CBSS", "2022-05-17", []string{"IS", "SE"}},
		{"CBSS", "1994-12-31", []string{"RU", "SE"}},
		{"CBSS", "1995-01-01", []string{"IS", "RU", "SE"}},
		{"CBSS", "1992-03-05", []string{}},
		{"", "1900-01-01", []string{"GL", "IS", "RU", "SE"}},
		{"Nordic", "2020-01-01", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.group+" "+tt.date, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, Select(ds, tt.group, on(tt.date))); diff != "" {
				t.Errorf("Select (-want +got):\n%s", diff)
			}
		})
	}
	if diff := cmp.Diff([]string{"Arctic", "CBSS"}, Groups(ds)); diff != "" {
		t.Errorf("Groups (-want +got):\n%s", diff)
	}
}
