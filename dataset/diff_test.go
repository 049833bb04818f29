package dataset

import (
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// withOrigins sets every record's origin as if ds had been read from a
// workbook (sheet set, columns shifted by shift) or, with an empty sheet,
// from CSV files in folder file: record i at row i+2.
func withOrigins(ds *Dataset, file, sheet string, shift int) *Dataset {
	for _, t := range Tables() {
		cols := map[string]int{}
		for j, f := range t.Fields {
			cols[f.Name] = j + 1 + shift
		}
		for i := range t.Len(ds) {
			o := Origin{File: file + "/" + t.Path, Row: i + 2, Cols: cols}
			if sheet != "" {
				o.File, o.Sheet = file, t.Name
			}
			t.rows(ds).Index(i).FieldByName("Origin").Set(reflect.ValueOf(o))
		}
	}
	return ds
}

var allowDate = cmp.AllowUnexported(Date{})

func TestDiff(t *testing.T) {
	old := withOrigins(goldenDataset(), "old", "", 0)
	new := goldenDataset()
	// Provisions, in goldenDataset's order: ru-home, se-home-1979, ru-school, pl-home-2010, fo-home-2007.
	new.Provisions[0].Status = Prohibited
	new.Provisions[0].Notes = "hypothetical"
	new.Provisions[3].VerifiedOn = MustDate("2025-03") // pl-home-2010: sorts after the status changes though "pl" < "ru"
	new.Provisions = new.Provisions[:4]                // fo-home-2007 removed
	new.Provisions = append(new.Provisions, Provision{ID: "ee-home-2014", Jurisdiction: "EE", Setting: Home,
		Status: Prohibited, Adopted: MustDate("2014-11"), InForce: MustDate("2016-01-01"), Source: "gi-ee"})
	new.Jurisdictions = append(new.Jurisdictions, Jurisdiction{Code: "EE", Name: "Estonia", Kind: State})
	new.Memberships[3].Note = "founding member" // DK, "Nordic Council, since 1952", 1952
	new.Campaigns[1].Jurisdictions = []string{"DK", "EE", "FI", "PL", "SE"}
	new.Surveys[1].Value = 27                             // pl-2013-approval
	new.Sources = append(new.Sources[:4], new.Sources[5]) // gi-fo removed
	withOrigins(new, "new.xlsx", "x", 1)

	oldPos := func(table string, row, col int) Pos { return Pos{File: "old/" + table + ".csv", Row: row, Col: col} }
	newPos := func(table string, row, col int) Pos { return Pos{File: "new.xlsx", Sheet: table, Row: row, Col: col} }
	want := []Change{
		{Table: "provisions", Key: "ee-home-2014", Kind: Added, NewPos: newPos("provisions", 6, 0)},
		{Table: "provisions", Key: "fo-home-2007", Kind: Removed, OldPos: oldPos("provisions", 6, 0)},
		{Table: "provisions", Key: "ru-home", Kind: Changed, OldPos: oldPos("provisions", 2, 0), NewPos: newPos("provisions", 2, 0),
			Fields: []FieldChange{
				{Field: "status", Old: "not_prohibited", New: "prohibited", OldPos: oldPos("provisions", 2, 4), NewPos: newPos("provisions", 2, 5)},
				{Field: "notes", Old: "Семейный кодекс; first-time battery of family members decriminalised 2017-02-07", New: "hypothetical",
					OldPos: oldPos("provisions", 2, 15), NewPos: newPos("provisions", 2, 16)},
			}},
		{Table: "provisions", Key: "pl-home-2010", Kind: Changed, OldPos: oldPos("provisions", 5, 0), NewPos: newPos("provisions", 5, 0),
			Fields: []FieldChange{
				{Field: "verified_on", Old: "", New: "2025-03", OldPos: oldPos("provisions", 5, 14), NewPos: newPos("provisions", 5, 15)},
			}},
		{Table: "jurisdictions", Key: "EE", Kind: Added, NewPos: newPos("jurisdictions", 9, 0)},
		{Table: "memberships", Key: "DK,Nordic Council, since 1952,1952", Kind: Changed,
			OldPos: oldPos("memberships", 5, 0), NewPos: newPos("memberships", 5, 0),
			Fields: []FieldChange{
				{Field: "note", Old: "", New: "founding member", OldPos: oldPos("memberships", 5, 5), NewPos: newPos("memberships", 5, 6)},
			}},
		{Table: "campaigns", Key: "bsr-never-violence", Kind: Changed, OldPos: oldPos("campaigns", 3, 0), NewPos: newPos("campaigns", 3, 0),
			Fields: []FieldChange{
				{Field: "jurisdictions", Old: "DK;FI;PL;SE", New: "DK;EE;FI;PL;SE", OldPos: oldPos("campaigns", 3, 2), NewPos: newPos("campaigns", 3, 3)},
			}},
		{Table: "surveys", Key: "pl-2013-approval", Kind: Changed, OldPos: oldPos("surveys", 3, 0), NewPos: newPos("surveys", 3, 0),
			Fields: []FieldChange{
				{Field: "value", Old: "26.5", New: "27", OldPos: oldPos("surveys", 3, 6), NewPos: newPos("surveys", 3, 7)},
			}},
		{Table: "sources", Key: "gi-fo", Kind: Removed, OldPos: oldPos("sources", 6, 0)},
	}
	oldBefore, newBefore := old.Clone(), new.Clone()
	got := Diff(old, new)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(oldBefore, old, allowDate); diff != "" {
		t.Errorf("Diff modified old (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(newBefore, new, allowDate); diff != "" {
		t.Errorf("Diff modified new (-before +after):\n%s", diff)
	}
	// The same datasets in another record order give the same changes.
	old.Sort()
	new.Sort()
	if diff := cmp.Diff(want, Diff(old, new)); diff != "" {
		t.Errorf("Diff of the sorted datasets (-want +got):\n%s", diff)
	}
}

func TestDiffSameValuesOtherOrigins(t *testing.T) {
	old := withOrigins(goldenDataset(), "a", "", 0)
	new := withOrigins(goldenDataset(), "b.xlsx", "s", 3)
	new.Sort()
	if got := Diff(old, new); got != nil {
		t.Errorf("Diff of equal values = %v, want nil", got)
	}
}

func TestDiffEmpty(t *testing.T) {
	ds := goldenDataset()
	total := 0
	for _, tb := range Tables() {
		total += tb.Len(ds)
	}
	for _, tt := range []struct {
		name     string
		old, new *Dataset
		kind     ChangeKind
		n        int
	}{
		{"from nil", nil, ds, Added, total},
		{"to nil", ds, nil, Removed, total},
		{"from empty", &Dataset{}, ds, Added, total},
		{"nil to nil", nil, nil, "", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.old, tt.new)
			if len(got) != tt.n {
				t.Fatalf("%d changes, want %d", len(got), tt.n)
			}
			for _, c := range got {
				if c.Kind != tt.kind || len(c.Fields) != 0 {
					t.Errorf("change %+v, want kind %s without fields", c, tt.kind)
				}
			}
			if tt.n > 0 && (got[0].Table != "provisions" || got[len(got)-1].Table != "sources") {
				t.Errorf("first change in %s, last in %s: want provisions first, sources last", got[0].Table, got[len(got)-1].Table)
			}
		})
	}
}

func TestDiffKeyOrder(t *testing.T) {
	// Keys compare column by column, as Sort orders rows: "CBSS" < "CBSS
	// Observers" although "DK,CBSS,…" > "DK,CBSS Observers,…".
	new := &Dataset{Memberships: []Membership{
		{Jurisdiction: "DK", Group: "CBSS Observers", From: MustDate("1980")},
		{Jurisdiction: "DK", Group: "CBSS", From: MustDate("1992")},
		{Jurisdiction: "AX", Group: "Nordic Council", From: MustDate("1970")},
	}}
	var got []string
	for _, c := range Diff(nil, new) {
		got = append(got, c.Key)
	}
	want := []string{"AX,Nordic Council,1970", "DK,CBSS,1992", "DK,CBSS Observers,1980"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("keys (-want +got):\n%s", diff)
	}
}

func TestDiffDuplicateKeys(t *testing.T) {
	old := &Dataset{Sources: []Source{{ID: "a", Title: "x", Type: "report"}, {ID: "a", Title: "y", Type: "report"}}}
	new := &Dataset{Sources: []Source{{ID: "a", Title: "y", Type: "report"}}}
	want := []Change{
		{Table: "sources", Key: "a", Kind: Changed, Fields: []FieldChange{{Field: "title", Old: "x", New: "y"}}},
		{Table: "sources", Key: "a", Kind: Removed},
	}
	if diff := cmp.Diff(want, Diff(old, new)); diff != "" {
		t.Errorf("Diff (-want +got):\n%s", diff)
	}
}

// mergeFixture is an existing dataset and an import into it.
func mergeFixture() (existing, incoming *Dataset) {
	existing = withOrigins(goldenDataset(), "data", "", 0)
	incoming = &Dataset{
		Jurisdictions: []Jurisdiction{{Code: "SE", Name: "Sweden", Kind: State, ChildPopulation: ptr(2200000), ChildPopulationYear: ptr(2023), ChildPopulationSource: "scb-2023"}},
		Provisions: []Provision{
			{ID: "ee-home-2014", Jurisdiction: "EE", Setting: Home, Status: Prohibited, InForce: MustDate("2016-01-01"), Source: "gi-ee"},
			goldenDataset().Provisions[1], // se-home-1979, the same
			{ID: "pl-home-2010", Jurisdiction: "PL", Setting: Home, Status: Prohibited, Confirmed: ptr(true),
				Adopted: MustDate("2010-05-06"), InForce: MustDate("2010-08"), Source: "gi-pl"},
		},
		Campaigns: []Campaign{func() Campaign {
			c := goldenDataset().Campaigns[0] // pl-kocham-nie-bije
			c.Audiences = []string{"parents", "policy_makers", "public"}
			return c
		}()},
		Sources: []Source{{ID: "gi-ee", Title: "Estonia", Type: "report"}},
	}
	withOrigins(incoming, "estonia.xlsx", "import", 0)
	// pl-home-2010 leaves instrument, quote and translation empty (kept)
	// and clears provision.
	incoming.Provisions[2].Origin.Cleared = []string{"provision"}
	return existing, incoming
}

func TestMergeInto(t *testing.T) {
	imp := func(table string, row, col int) Pos {
		return Pos{File: "estonia.xlsx", Sheet: table, Row: row, Col: col}
	}
	cur := func(table string, row, col int) Pos { return Pos{File: "data/" + table + ".csv", Row: row, Col: col} }
	wantChanged := []Change{
		{Table: "provisions", Key: "pl-home-2010", Kind: Changed, OldPos: cur("provisions", 5, 0), NewPos: imp("provisions", 4, 0),
			Fields: []FieldChange{
				{Field: "in_force", Old: "2010-08-01", New: "2010-08", OldPos: cur("provisions", 5, 7), NewPos: imp("provisions", 4, 7)},
				{Field: "provision", Old: "art. 96¹", New: "", OldPos: cur("provisions", 5, 10), NewPos: imp("provisions", 4, 10)},
			}},
		{Table: "campaigns", Key: "pl-kocham-nie-bije", Kind: Changed, OldPos: cur("campaigns", 2, 0), NewPos: imp("campaigns", 2, 0),
			Fields: []FieldChange{
				{Field: "audiences", Old: "parents;public", New: "parents;policy_makers;public", OldPos: cur("campaigns", 2, 10), NewPos: imp("campaigns", 2, 10)},
			}},
	}
	for _, update := range []bool{false, true} {
		t.Run(map[bool]string{false: "keep", true: "update"}[update], func(t *testing.T) {
			existing, incoming := mergeFixture()
			existingBefore, incomingBefore := existing.Clone(), incoming.Clone()
			res := MergeInto(existing, incoming, update)
			if res.Added != 2 || res.Unchanged != 2 {
				t.Errorf("Added, Unchanged = %d, %d, want 2, 2", res.Added, res.Unchanged)
			}
			if diff := cmp.Diff(wantChanged, res.Changed); diff != "" {
				t.Errorf("Changed (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(existingBefore, existing, allowDate); diff != "" {
				t.Errorf("existing was modified (-before +after):\n%s", diff)
			}
			if diff := cmp.Diff(incomingBefore, incoming, allowDate); diff != "" {
				t.Errorf("incoming was modified (-before +after):\n%s", diff)
			}

			// What changed from existing to the result: the two added
			// records, and the changed ones only with update.
			wantDiff := []Change{
				{Table: "provisions", Key: "ee-home-2014", Kind: Added, NewPos: imp("provisions", 2, 0)},
				{Table: "sources", Key: "gi-ee", Kind: Added, NewPos: imp("sources", 2, 0)},
			}
			if update {
				wantDiff = []Change{wantDiff[0], wantChanged[0], wantChanged[1], wantDiff[1]}
			}
			if diff := cmp.Diff(wantDiff, Diff(existing, res.Dataset)); diff != "" {
				t.Errorf("Diff(existing, merged) (-want +got):\n%s", diff)
			}
			// Everything of incoming is in the result, as is when updating,
			// but for the empty values that keep the stored ones.
			for _, c := range Diff(incoming, res.Dataset) {
				if c.Kind == Removed || c.Kind == Changed && update && slices.ContainsFunc(c.Fields, func(f FieldChange) bool { return f.Old != "" }) {
					t.Errorf("the result lost or changed an incoming record: %+v", c)
				}
			}
			if update {
				p := res.Dataset.Provisions[3] // pl-home-2010
				if p.Instrument != "Family and Guardianship Code" || p.Provision != "" || p.InForce.String() != "2010-08" {
					t.Errorf("pl-home-2010 merged: instrument %q (want kept), provision %q (want cleared), in_force %s", p.Instrument, p.Provision, p.InForce)
				}
			}
			// Existing records first, in their order, then the added ones.
			if got := res.Dataset.Provisions; len(got) != 6 || got[0].ID != "ru-home" || got[5].ID != "ee-home-2014" {
				t.Errorf("provisions in the wrong order: %v", got)
			}
		})
	}
}

func TestMergeIntoSharesNoMemory(t *testing.T) {
	existing, incoming := mergeFixture()
	res := MergeInto(existing, incoming, true)
	for _, c := range res.Dataset.Campaigns {
		if len(c.Audiences) > 0 {
			c.Audiences[0] = "changed"
		}
		c.Jurisdictions[0] = "XX"
		if c.Evaluated != nil {
			*c.Evaluated = !*c.Evaluated
		}
	}
	for _, j := range res.Dataset.Jurisdictions {
		if j.ChildPopulation != nil {
			*j.ChildPopulation = -1
		}
	}
	wantExisting, wantIncoming := mergeFixture()
	if diff := cmp.Diff(wantExisting, existing, allowDate); diff != "" {
		t.Errorf("writing into the result changed existing (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantIncoming, incoming, allowDate); diff != "" {
		t.Errorf("writing into the result changed incoming (-want +got):\n%s", diff)
	}
}

func TestMergeIntoDuplicateIncomingKey(t *testing.T) {
	incoming := withOrigins(&Dataset{Sources: []Source{
		{ID: "gi-ee", Title: "Estonia", Type: "report"},
		{ID: "gi-ee", Title: "Eesti", Type: "report"},
	}}, "in.xlsx", "s", 0)
	for _, update := range []bool{false, true} {
		res := MergeInto(nil, incoming, update)
		want := []Change{{Table: "sources", Key: "gi-ee", Kind: Changed,
			OldPos: Pos{File: "in.xlsx", Sheet: "sources", Row: 2}, NewPos: Pos{File: "in.xlsx", Sheet: "sources", Row: 3},
			Fields: []FieldChange{{Field: "title", Old: "Estonia", New: "Eesti",
				OldPos: Pos{File: "in.xlsx", Sheet: "sources", Row: 2, Col: 2}, NewPos: Pos{File: "in.xlsx", Sheet: "sources", Row: 3, Col: 2}}}}}
		if diff := cmp.Diff(want, res.Changed); diff != "" {
			t.Errorf("update=%v: Changed (-want +got):\n%s", update, diff)
		}
		wantTitle := map[bool]string{false: "Estonia", true: "Eesti"}[update]
		if res.Added != 1 || len(res.Dataset.Sources) != 1 || res.Dataset.Sources[0].Title != wantTitle {
			t.Errorf("update=%v: Added %d, sources %v, want one titled %q", update, res.Added, res.Dataset.Sources, wantTitle)
		}
	}
}

func TestMergeIntoNil(t *testing.T) {
	existing := withOrigins(goldenDataset(), "data", "", 0)
	res := MergeInto(existing, nil, true)
	if diff := cmp.Diff(existing, res.Dataset, allowDate); diff != "" {
		t.Errorf("merging nothing (-want +got):\n%s", diff)
	}
	if res.Added != 0 || res.Unchanged != 0 || res.Changed != nil {
		t.Errorf("merging nothing: %+v", res)
	}
	res = MergeInto(nil, existing, false)
	if diff := cmp.Diff(existing, res.Dataset, allowDate); diff != "" {
		t.Errorf("merging into nothing (-want +got):\n%s", diff)
	}
	if want := len(Diff(nil, existing)); res.Added != want {
		t.Errorf("merging into nothing: Added = %d, want %d", res.Added, want)
	}
}

// TestMergeIntoEmpty: merging into an empty dataset adds every record, in
// incoming's order.
func TestMergeIntoEmpty(t *testing.T) {
	_, incoming := mergeFixture()
	records := 0
	for _, tb := range Tables() {
		records += tb.Len(incoming)
	}
	for name, existing := range map[string]*Dataset{"nil": nil, "empty": {}} {
		got := MergeInto(existing, incoming, false)
		if diff := cmp.Diff(incoming, got.Dataset, allowDate); diff != "" {
			t.Errorf("%s: merged (-incoming +got):\n%s", name, diff)
		}
		if got.Added != records || got.Unchanged != 0 || got.Changed != nil {
			t.Errorf("%s: added %d, unchanged %d, changed %v; want %d added", name, got.Added, got.Unchanged, got.Changed, records)
		}
	}
}
