package importers

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/google/go-cmp/cmp"
)

// The files of TestMergeInParts: every bulk table, records with and
// without ids (two programmes that get one id before -2), sources cited by
// id and by URL, countries the dataset does not have yet, survey series.
const (
	mergeSources    = "id,title,type\nsrc-a,Report A,report\nsrc-b,Report B,report\nsrc-unused,Nobody cites this,report\n"
	mergeProgrammes = "id,jurisdiction,name,level,age_from,age_to,start,end,source\n" +
		"pg-1,SE,Föräldrastöd,universal,0,17,2010-01-01,,src-a\n" +
		"pg-2,FI,Vanhempien tuki,selective,2,12,2012,,src-b\n" +
		",DK,Forældrekursus,universal,,,2015,,https://example.org/dk-parents\n" +
		",DK,Forældrekursus,indicated,,,2015-06,,https://example.org/dk-parents\n" +
		"pg-3,EE,Vanemate kool,universal,3,9,2016-09,2019,src-b\n" +
		"pg-4,LV,Vecāku skola,universal,,,2018,,https://example.org/lv\n"
	mergeCampaigns = "id,jurisdictions,kind,name,start,audiences,source\n" +
		"cm-1,SE;FI,campaign,Nordic week,2014,parents;public,src-a\n" +
		",DE,guidance,Leitfaden,2003,professionals,src-b\n"
	mergeSurveys = "id,jurisdiction,series,indicator,year,value,respondents,source\n" +
		"sv-1,SE,se-approval,cp_approval,2000,11,parents,src-a\n" +
		"sv-2,SE,se-approval,cp_approval,2010,8,parents,src-a\n" +
		"sv-4,FI,fi-use,cp_use_past_year,2006,28,parents,src-b\n" +
		"sv-5,FI,fi-use,cp_use_past_year,2014,22,parents,src-b\n" +
		",PL,,ban_support,2013,30,adults,src-b\n"
)

// TestMergeInParts merges the same imports into the same dataset holding
// every record and in parts of one record, and wants the same plan, the
// same problems and the same files saved: parts change how an import is
// merged, never what it does. Close leaves no file behind.
func TestMergeInParts(t *testing.T) {
	dir := inDir(t)
	base := map[string]string{
		"sources.csv": mergeSources, "programmes.csv": mergeProgrammes,
		"campaigns.csv": mergeCampaigns, "surveys.csv": mergeSurveys,
	}
	baseFiles := []string{"sources.csv", "programmes.csv", "campaigns.csv", "surveys.csv"}
	for _, tc := range []struct {
		name      string
		existing  bool // merge into the dataset of the base files, else into an empty one
		files     map[string]string
		table     string
		args      []string
		conflicts bool // the import has errors
	}{
		{name: "new dataset", files: base, args: baseFiles},
		{name: "again, unchanged", existing: true, files: base, args: baseFiles},
		{name: "changes", existing: true, files: map[string]string{
			"programmes.csv": strings.Replace(mergeProgrammes, "pg-3,EE,Vanemate kool,universal,3,9", "pg-3,EE,Vanemate kool,selective,3,10", 1),
			"surveys.csv":    strings.Replace(mergeSurveys, "sv-5,FI,fi-use,cp_use_past_year,2014,22", "sv-5,FI,fi-use,cp_use_past_year,2014,21", 1),
		}, args: []string{"programmes.csv", "surveys.csv"}},
		{name: "rows that disagree", existing: true, table: "programmes", files: map[string]string{
			"clash.csv": "id,jurisdiction,name,start,source\npg-20,SE,A,2020,src-a\npg-20,SE,B,2020,src-a\npg-21,SE,C,2020,src-a\n",
		}, args: []string{"clash.csv"}, conflicts: true},
		{name: "a series that mixes indicators", existing: true, files: map[string]string{
			"mixed.csv": "id,jurisdiction,series,indicator,year,value,respondents,source\nsv-30,SE,se-approval,ban_support,2024,90,parents,src-a\nsv-31,NO,no-x,cp_approval,2024,3,parents,src-a\n",
		}, args: []string{"mixed.csv"}},
		{name: "bad values", existing: true, table: "programmes", files: map[string]string{
			"bad.csv": "id,jurisdiction,name,age_from,start,source\npg-40,SE,A,19,2020,src-a\npg-41,SE,B,x,2020,src-a\npg-42,SE,C,1,2020,nowhere-source\n",
		}, args: []string{"bad.csv"}, conflicts: true},
		{name: "an id made and an id given meet", existing: true, table: "programmes", files: map[string]string{
			"meet.csv": "id,jurisdiction,name,level,start,source\n,SE,Ny kurs,universal,2022,src-a\nse-ny-kurs-2022,SE,Ny kurs,selective,2022,src-a\n",
		}, args: []string{"meet.csv"}, conflicts: true},
		{name: "a survey moved to another series", existing: true, files: map[string]string{
			"moved.csv": "id,jurisdiction,series,indicator,year,value,respondents,source\nsv-2,SE,se-approval-2,cp_approval,2010,8,parents,src-a\nsv-40,SE,se-approval-2,cp_approval,2024,4,parents,src-a\n",
		}, args: []string{"moved.csv"}},
		{name: "made ids that meet through -2", existing: true, table: "programmes", files: map[string]string{
			"kurs.csv": "jurisdiction,name,start,source\nSE,Kurs,2020,src-a\nSE,Kurs,2020-05,src-a\nSE,Kurs 2020 2,,src-a\n",
		}, args: []string{"kurs.csv"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, body := range tc.files {
				writeFile(t, dir, name, []byte(body))
			}
			for name, body := range base {
				writeFile(t, dir, "base-"+name, []byte(body))
			}
			vopt := dataset.ValidateOptions{Now: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
			existing := func() *dataset.Dataset {
				t.Helper()
				if !tc.existing {
					return &dataset.Dataset{}
				}
				var files []string
				for _, f := range baseFiles {
					files = append(files, "base-"+f)
				}
				res := mustImport(t, Options{}, files...)
				plan, err := Merge(&dataset.Dataset{}, res, MergeOptions{Validate: vopt})
				if err != nil {
					t.Fatal(err)
				}
				return plan.merged
			}
			type outcome struct {
				Added, Unchanged int
				Changed          []dataset.Change
				Problems         []string // of the dataset as it would be
				Import           []string // of the import, with those found merging
				Files            []FileReport
				Data             map[string]string
			}
			merge := func(partRecords int) outcome {
				t.Helper()
				tmp := t.TempDir()
				ex := existing()
				res := mustImport(t, Options{Table: tc.table, Existing: ex, PartRecords: partRecords, TempDir: tmp}, tc.args...)
				defer res.Parts.Close()
				if got, want := res.Parts != nil, partRecords > 0; got != want {
					t.Fatalf("PartRecords %d: parts %v, want %v", partRecords, got, want)
				}
				plan, err := Merge(ex, res, MergeOptions{Validate: vopt, TempDir: tmp})
				if err != nil {
					t.Fatal(err)
				}
				if res.Dataset != nil {
					t.Error("Merge left the records in res.Dataset")
				}
				if got := res.Problems.HasErrors(); got != tc.conflicts {
					t.Errorf("the import has errors: %v, want %v\n%s", got, tc.conflicts, strings.Join(problemLines(res.Problems), "\n"))
				}
				data := filepath.Join(t.TempDir(), "data")
				if err := plan.Save(data); err != nil {
					t.Fatal(err)
				}
				if err := plan.Close(); err != nil {
					t.Fatal(err)
				}
				if err := res.Parts.Close(); err != nil {
					t.Fatal(err)
				}
				if left, _ := os.ReadDir(tmp); len(left) > 0 {
					t.Errorf("PartRecords %d: after Close, the temporary folder holds %d files", partRecords, len(left))
				}
				return outcome{
					Added: plan.Added, Unchanged: plan.Unchanged, Changed: plan.Changed,
					Problems: problemLines(plan.Problems), Import: problemLines(res.Problems),
					Files: res.Files, Data: readDir(t, data),
				}
			}
			whole, parts := merge(0), merge(1)
			if diff := cmp.Diff(whole, parts); diff != "" {
				t.Errorf("(-whole +parts):\n%s", diff)
			}
		})
	}
}

// readDir returns the files of a folder, by name.
func readDir(t *testing.T, dir string) map[string]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// TestMerge merges an import into a dataset: a record with a new key is
// added, an equal one left alone, one whose facts differ is listed and
// applied, and the plan's problems are the merged dataset's.
func TestMerge(t *testing.T) {
	dir := inDir(t)
	writeFile(t, dir, "old.csv", []byte("id,jurisdiction,name,start,source\npg-1,SE,A,2010,src-a\npg-2,SE,B,2011,src-a\n"))
	writeFile(t, dir, "new.csv", []byte("id,jurisdiction,name,start,source\npg-1,SE,A,2010,src-a\npg-2,SE,B,2012,src-a\npg-3,FI,C,2013,src-a\n"))
	writeFile(t, dir, "sources.csv", []byte("id,title,type\nsrc-a,Report A,report\n"))
	first, err := Merge(&dataset.Dataset{}, mustImport(t, Options{Table: "programmes"}, "old.csv"), MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	src := mustImport(t, Options{}, "sources.csv")
	existing := dataset.MergeInto(first.merged, src.Dataset, true).Dataset
	plan, err := Merge(existing, mustImport(t, Options{Table: "programmes", Existing: existing}, "new.csv"), MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer plan.Close()
	got := []string{fmt.Sprintf("%d added, %d unchanged", plan.Added, plan.Unchanged)}
	for _, c := range plan.Changed {
		for _, f := range c.Fields {
			got = append(got, fmt.Sprintf("%s %s %s: %s → %s (%s → %s)", c.Table, c.Key, f.Field, f.Old, f.New, f.OldPos, f.NewPos))
		}
	}
	got = append(got, problemLines(plan.Problems)...)
	want := []string{
		"2 added, 1 unchanged", // pg-3 and its country, FI; pg-1
		"programmes pg-2 start: 2011 → 2012 (old.csv:3:4 → new.csv:3:4)",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plan (-want +got):\n%s", diff)
	}
	data := filepath.Join(dir, "data")
	if err := plan.Save(data); err != nil {
		t.Fatal(err)
	}
	ds, ps, err := dataset.Load(data)
	if err != nil {
		t.Fatal(err)
	}
	if ps.HasErrors() {
		t.Errorf("the saved dataset has errors:\n%s", strings.Join(problemLines(ps), "\n"))
	}
	if diff := cmp.Diff(map[string]map[string]string{
		"pg-1": {"id": "pg-1", "jurisdiction": "SE", "name": "A", "start": "2010", "source": "src-a"},
		"pg-2": {"id": "pg-2", "jurisdiction": "SE", "name": "B", "start": "2012", "source": "src-a"},
		"pg-3": {"id": "pg-3", "jurisdiction": "FI", "name": "C", "start": "2013", "source": "src-a"},
	}, table(ds, "programmes")); diff != "" {
		t.Errorf("programmes saved (-want +got):\n%s", diff)
	}
}

// TestMergeFiles writes records to sorted files with the codec and reads
// them back merged in key order, each with the record before: a key that
// two files hold comes twice, one after the other.
func TestMergeFiles(t *testing.T) {
	dir := t.TempDir()
	pt := dataset.TableByName("programmes")
	c := &codec{}
	var names []string
	for i, ids := range [][]string{{"pg-1", "pg-4", "pg-7"}, {"pg-2", "pg-4"}, {}, {"pg-0", "pg-9"}} {
		ds := &dataset.Dataset{}
		for row, id := range ids {
			values := make([]string, len(pt.Fields))
			for f, v := range map[string]string{"id": id, "jurisdiction": "SE", "name": "Name " + id, "source": "src-a"} {
				values[fieldIndex(pt, f)] = v
			}
			if ps := pt.Append(ds, values, dataset.Origin{File: fmt.Sprintf("f%d.csv", i), Row: row + 2}); ps.HasErrors() {
				t.Fatal(ps)
			}
		}
		name := filepath.Join(dir, fmt.Sprint(i))
		if err := c.writeTable(name, pt, ds); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	var got, pos []string
	err := c.mergeFiles(names, func(r *record, same bool, prev dataset.Pos) error {
		line := fmt.Sprintf("%s %s", r.key(), r.values[fieldIndex(pt, "name")])
		if same {
			line += " again"
			if prev == r.origin.Pos() || prev.Row != 3 {
				t.Errorf("%s again at %s: the one before is at %s, want the other pg-4", r.key(), r.origin.Pos(), prev)
			}
		}
		got = append(got, line)
		pos = append(pos, r.origin.Pos().String())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"pg-0 Name pg-0",
		"pg-1 Name pg-1",
		"pg-2 Name pg-2",
		"pg-4 Name pg-4",
		"pg-4 Name pg-4 again",
		"pg-7 Name pg-7",
		"pg-9 Name pg-9",
	}
	slices.Sort(pos)
	if diff := cmp.Diff([]string{"f0.csv:2", "f0.csv:3", "f0.csv:4", "f1.csv:2", "f1.csv:3", "f3.csv:2", "f3.csv:3"}, pos); diff != "" {
		t.Errorf("positions read back (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("merged (-want +got):\n%s", diff)
	}
}

// TestMergeIDLeftEmpty: confirming a stored provision with the id left
// empty makes a new provision that overlaps the stored one; the error is at
// the researcher's id cell and says to put the stored row's id there.
func TestMergeIDLeftEmpty(t *testing.T) {
	dir := inDir(t)
	no := false
	existing := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "LV", Name: "Latvia", Kind: dataset.State}},
		Provisions: []dataset.Provision{{ID: "lv-school", Jurisdiction: "LV", Setting: dataset.School, Status: dataset.Prohibited,
			Confirmed: &no, InForce: dataset.MustDate("1998"), Source: "gi-lv"}},
		Sources: []dataset.Source{{ID: "gi-lv", Title: "GI Latvia", URL: "https://endcorporalpunishment.org/lv", Type: "report"}},
	}
	name := writeFile(t, dir, "lv.csv", []byte("id,country,setting,status,confirmed,in force,instrument,source\n,LV,school,yes,yes,1998-06-19,Bērnu tiesību aizsardzības likums,gi-lv\n"))
	res := mustImport(t, Options{Existing: existing}, name)
	if errs := errorsOf(res.Problems); len(errs) > 0 {
		t.Fatalf("import problems:\n%s", strings.Join(errs, "\n"))
	}
	plan, err := Merge(existing, res, MergeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer plan.Close()
	want := []string{
		`lv.csv:2:1: error overlap-error: LV school: this row adds a provision (lv-school-1998, in_force 1998-06-19, no until) that overlaps the stored lv-school (in_force 1998, no until) at provisions.csv:2:1: put the id of the stored row (lv-school) in the id column to update it; or, if this is a new provision, give its dates and the stored one's until so that they do not overlap`,
	}
	if diff := cmp.Diff(want, errorsOf(plan.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
