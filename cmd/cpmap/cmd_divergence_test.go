package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/divergence"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// codingWorkbook writes a workbook of one sheet into the working folder.
func codingWorkbook(t *testing.T, name, sheet string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		t.Fatal(err)
	}
	for r, row := range rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(name); err != nil {
		t.Fatal(err)
	}
	return name
}

// twoCodings makes a temporary folder the working folder and writes two
// codings of Poland's law into it: coder A's Polish workbook (anna.xlsx,
// the country in a title row, Tak/Nie, dates in words) and coder B's
// English one laid out as the template (piotr.xlsx). They agree on the
// home once synonyms are normalised (Tak and yes), differ in the
// precision of its in_force (1 August 2010 and 2010) and in the school's
// status (prohibited and partial); only A has penal institutions, only B
// day care. Both cite one source by URL.
func twoCodings(t *testing.T) (a, b string) {
	t.Helper()
	t.Chdir(t.TempDir())
	const src = "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20101250842"
	a = codingWorkbook(t, "anna.xlsx", "Przepisy", [][]any{
		{"Polska – reformy prawne w zakresie kar cielesnych"},
		{},
		{"Obszar", "Zakaz", "Data uchwalenia", "Wejście w życie", "Ustawa", "Źródło"},
		{"Dom", "Tak", "6.05.2010", "1 sierpnia 2010", "Kodeks rodzinny i opiekuńczy", src},
		{"Szkoła", "Tak", "1996", nil, "Karta Nauczyciela", src},
		{"Zakłady karne", "Nie", nil, nil, nil, src},
	})
	b = codingWorkbook(t, "piotr.xlsx", "provisions", [][]any{
		{"jurisdiction", "setting", "status", "adopted", "in_force", "instrument", "source"},
		{"PL", "home", "yes", "2010-05-06", "2010", "Family and Guardianship Code", src},
		{"PL", "school", "partial", "1996", nil, "Teachers' Charter", src},
		{"PL", "day_care", "not prohibited", nil, nil, nil, src},
	})
	return a, b
}

// divergenceJSON is the part of the JSON report the tests read.
type divergenceJSON struct {
	Total struct {
		Coded, Divergent, PrecisionOnly, OneSided int
		Rate, RateWithoutPrecision                float64
	}
	Recommendation struct {
		Full  bool
		Share float64
	}
	Divergences []map[string]string
	OnlyA       []map[string]any
	OnlyB       []map[string]any
	Matched     int
}

func TestDivergence(t *testing.T) {
	a, b := twoCodings(t)
	r := runCpmap(t, fixedClock, "divergence", a, b, "--format", "json", "--review", "review.xlsx")
	if r.code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	var got divergenceJSON
	if err := json.Unmarshal([]byte(r.stdout), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	// Coded answers, by hand: home status (agrees: Tak = yes), adopted
	// (agrees), in_force (precision); school status (diverges), adopted
	// (agrees); penal institutions' status (A's alone); day care's status
	// (B's alone); Poland's kind (agrees); the source's type (agrees).
	if got.Total.Coded != 9 || got.Total.Divergent != 4 || got.Total.PrecisionOnly != 1 || got.Total.OneSided != 2 {
		t.Errorf("total = %+v, want 9 coded, 4 divergent, 1 precision only, 2 one-sided", got.Total)
	}
	if got.Total.Rate != 4.0*100/9 || got.Total.RateWithoutPrecision != 3.0*100/9 {
		t.Errorf("rates = %v, %v; want 4/9 and 3/9 in percent", got.Total.Rate, got.Total.RateWithoutPrecision)
	}
	if !got.Recommendation.Full || got.Recommendation.Share != 100 {
		t.Errorf("recommendation = %+v, want every record double-coded (44%% ≥ 5%%)", got.Recommendation)
	}
	wantDivergences := []map[string]string{
		{"table": "provisions", "record": "jurisdiction=PL,setting=home,period=2010-08-01/..", "field": "in_force", "kind": "precision",
			"a": "2010-08-01", "aCell": "anna.xlsx:'Przepisy'!D4", "b": "2010", "bCell": "piotr.xlsx:'provisions'!E2"},
		{"table": "provisions", "record": "jurisdiction=PL,setting=school,period=1996/..", "field": "status", "kind": "value",
			"a": "prohibited", "aCell": "anna.xlsx:'Przepisy'!B5", "b": "partial", "bCell": "piotr.xlsx:'provisions'!C3"},
	}
	if diff := cmp.Diff(wantDivergences, got.Divergences); diff != "" {
		t.Errorf("divergences (-want +got):\n%s", diff)
	}
	wantOnlyA := []map[string]any{{"table": "provisions", "record": "jurisdiction=PL,setting=penal_institution,period=../..", "row": "anna.xlsx:'Przepisy'!6:6", "answers": 1.0}}
	wantOnlyB := []map[string]any{{"table": "provisions", "record": "jurisdiction=PL,setting=day_care,period=../..", "row": "piotr.xlsx:'provisions'!4:4", "answers": 1.0}}
	if diff := cmp.Diff(wantOnlyA, got.OnlyA); diff != "" {
		t.Errorf("only A (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantOnlyB, got.OnlyB); diff != "" {
		t.Errorf("only B (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.stderr, "wrote review.xlsx: 2 divergences to resolve") {
		t.Errorf("stderr does not say the review was written:\n%s", r.stderr)
	}
	f, err := excelize.OpenFile("review.xlsx")
	if err != nil {
		t.Fatalf("the review workbook: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(divergence.ReviewSheet)
	if err != nil || len(rows) != 3 {
		t.Errorf("review sheet: %d rows (err %v), want a header and 2 divergences", len(rows), err)
	}

	t.Run("text", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "divergence", a, b)
		if r.code != exitOK {
			t.Fatalf("exit %d\n%s", r.code, r.stderr)
		}
		for _, want := range []string{
			"rate: 4 of 9 coded answers diverge: 44.4% (33.3% without precision-only differences)",
			"recommendation: the rate is at or above 5.0%: double-code every record",
			"  provisions jurisdiction=PL,setting=school,period=1996/.. status (value)\n    A: \"prohibited\"  anna.xlsx:'Przepisy'!B5\n    B: \"partial\"  piotr.xlsx:'provisions'!C3\n",
		} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("text report lacks %q:\n%s", want, r.stdout)
			}
		}
	})
	t.Run("markdown", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "divergence", a, b, "--format", "md")
		if r.code != exitOK || !strings.HasPrefix(r.stdout, "# Divergence between coder A (anna.xlsx) and coder B (piotr.xlsx)") {
			t.Errorf("exit %d, stdout:\n%s", r.code, r.stdout)
		}
	})
	t.Run("thresholds from config", func(t *testing.T) {
		if err := os.WriteFile("strict.yaml", []byte("divergence:\n  full_double_coding_until: 50\n  sample_share: 10\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runCpmap(t, fixedClock, "--config", "strict.yaml", "divergence", a, b)
		if r.code != exitOK || !strings.Contains(r.stdout, "recommendation: the rate is below 50.0%: double-code a 10.0% sample of records.") {
			t.Errorf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("a data package folder", func(t *testing.T) {
		if r := runCpmap(t, fixedClock, "import", "--data", "anna", a); r.code != exitOK {
			t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
		}
		r := runCpmap(t, fixedClock, "divergence", "anna", b, "--format", "json")
		var fromFolder divergenceJSON
		if err := json.Unmarshal([]byte(r.stdout), &fromFolder); err != nil || r.code != exitOK {
			t.Fatalf("exit %d, %v\n%s\n%s", r.code, err, r.stdout, r.stderr)
		}
		if fromFolder.Total != got.Total {
			t.Errorf("folder total = %+v, want the workbook's %+v", fromFolder.Total, got.Total)
		}
		if cell := fromFolder.Divergences[1]["aCell"]; cell != filepath.Join("anna", "provisions.csv")+":4:4" {
			t.Errorf("a folder's cell is %s, want its CSV cell", cell)
		}
	})
}

func TestDivergenceExitCodes(t *testing.T) {
	a, b := twoCodings(t)
	bad := codingWorkbook(t, "bad.xlsx", "provisions", [][]any{
		{"jurisdiction", "setting", "status", "source"},
		{"PL", "home", "perhaps", "https://example.org"},
	})
	if err := os.Mkdir("empty", 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"one coding", []string{"divergence", a}, exitUsage, "accepts 2 arg"},
		{"bad format", []string{"divergence", a, b, "--format", "xml"}, exitUsage, `--format "xml"`},
		{"review not xlsx", []string{"divergence", a, b, "--review", "review.csv"}, exitUsage, "must end in .xlsx"},
		{"unknown jurisdiction", []string{"divergence", a, b, "--jurisdiction", "Atlantis"}, exitUsage, "Atlantis"},
		{"missing file", []string{"divergence", a, "absent.xlsx"}, exitProblems, "absent.xlsx: error file-error: no such file"},
		{"unreadable value", []string{"divergence", bad, b}, exitProblems, "bad.xlsx:'provisions'!C2: error enum-error"},
		{"folder without a package", []string{"divergence", "empty", b}, exitProblems, "no data package"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runCpmap(t, fixedClock, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, r.stderr)
			}
			if tt.wantCode != exitOK && r.stdout != "" {
				t.Errorf("a refused comparison printed a report:\n%s", r.stdout)
			}
		})
	}
	if _, err := os.Stat("review.csv"); err == nil {
		t.Error("a refused --review was written")
	}
}

// folderBytes returns every file of a folder, by name.
func folderBytes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// fillReview writes resolved values into a copy of the review workbook:
// values by the Field column of each row (nil leaves the row unresolved).
func fillReview(t *testing.T, from, to string, values map[string]any) {
	t.Helper()
	f, err := excelize.OpenFile(from)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(divergence.ReviewSheet)
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for j, h := range rows[0] {
		col[h] = j + 1
	}
	for i, row := range rows[1:] {
		v, ok := values[row[col["Field"]-1]]
		if !ok || v == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col["Resolved value"], i+2)
		if err := f.SetCellValue(divergence.ReviewSheet, cell, v); err != nil {
			t.Fatal(err)
		}
		note, _ := excelize.CoordinatesToCellName(col["Reviewer note"], i+2)
		if err := f.SetCellValue(divergence.ReviewSheet, note, "checked against the source"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(to); err != nil {
		t.Fatal(err)
	}
}

// TestResolveRoundTrip: coder A's coding is the dataset; the divergences
// with coder B's are reviewed in the workbook and applied.
func TestResolveRoundTrip(t *testing.T) {
	a, b := twoCodings(t)
	if r := runCpmap(t, fixedClock, "import", "--data", "data", a); r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if r := runCpmap(t, fixedClock, "divergence", a, b, "--review", "review.xlsx"); r.code != exitOK {
		t.Fatalf("divergence: exit %d\n%s", r.code, r.stderr)
	}
	// The reviewer takes B's in_force, typed as a number, and B's status
	// for the school, as a synonym.
	fillReview(t, "review.xlsx", "done.xlsx", map[string]any{"in_force": 2010, "status": "Partial"})
	before := folderBytes(t, "data")

	r := runCpmap(t, fixedClock, "import", "--resolve", "done.xlsx", "--data", "data")
	if r.code != exitProblems || !strings.Contains(r.stderr, "--update") {
		t.Errorf("without --update: exit %d, want 1 and a hint\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	for _, want := range []string{
		`provisions pl-home-2010 in_force would change: "2010-08-01" → "2010"   (` + filepath.Join("data", "provisions.csv") + `:2:7 ← done.xlsx:'Review'!I2)`,
		`provisions pl-school-1996 status would change: "prohibited" → "partial"   (` + filepath.Join("data", "provisions.csv") + `:4:4 ← done.xlsx:'Review'!I3)`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, r.stdout)
		}
	}
	if r := runCpmap(t, fixedClock, "import", "--resolve", "done.xlsx", "--data", "data", "--update", "--dry-run"); r.code != exitOK ||
		!strings.Contains(r.stdout, "dry run: nothing written") {
		t.Errorf("--dry-run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if diff := cmp.Diff(before, folderBytes(t, "data")); diff != "" {
		t.Fatalf("the dataset changed without --update (-before +after):\n%s", diff)
	}

	r = runCpmap(t, fixedClock, "import", "--resolve", "done.xlsx", "--data", "data", "--update")
	if r.code != exitOK || !strings.Contains(r.stdout, "2 changed, 0 unchanged\nwrote data\n") {
		t.Fatalf("--update: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	ds, ps, err := dataset.Load("data")
	if err != nil || len(ps) > 0 {
		t.Fatalf("the resolved dataset: %v %v", err, ps)
	}
	got := map[string]string{}
	p := dataset.TableByName("provisions")
	for i := range p.Len(ds) {
		got[p.Value(ds, i, "id")] = p.Value(ds, i, "status") + " " + p.Value(ds, i, "in_force")
	}
	want := map[string]string{
		"pl-home-2010":         "prohibited 2010",
		"pl-school-1996":       "partial ",
		"pl-penal-institution": "not_prohibited ",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("provisions after the review (-want +got):\n%s", diff)
	}
	if v := runCpmap(t, fixedClock, "validate", "--data", "data"); v.code != exitOK {
		t.Errorf("the resolved dataset does not validate:\n%s", v.stdout)
	}
	// Applied twice: nothing more to do.
	r = runCpmap(t, fixedClock, "import", "--resolve", "done.xlsx", "--data", "data")
	if r.code != exitOK || !strings.Contains(r.stdout, "0 changed, 2 unchanged\ndata is up to date\n") {
		t.Errorf("applied again: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestResolveRefusals: a review that cannot be applied is refused whole,
// each problem at its cell, and the dataset is left as it was.
func TestResolveRefusals(t *testing.T) {
	a, b := twoCodings(t)
	if r := runCpmap(t, fixedClock, "import", "--data", "data", a); r.code != exitOK {
		t.Fatalf("import: exit %d\n%s", r.code, r.stderr)
	}
	if r := runCpmap(t, fixedClock, "divergence", a, b, "--review", "review.xlsx"); r.code != exitOK {
		t.Fatalf("divergence: exit %d\n%s", r.code, r.stderr)
	}
	tests := []struct {
		name   string
		values map[string]any
		change func(t *testing.T) // changes the dataset after the review (last: it stays changed)
		want   []string
	}{
		{
			name:   "unresolved",
			values: map[string]any{"in_force": "2010"},
			want:   []string{"review.xlsx:'Review'!I3: error unresolved-error: provisions jurisdiction=PL,setting=school,period=1996/.. status is not resolved"},
		},
		{
			name:   "outside the vocabulary",
			values: map[string]any{"in_force": "2010", "status": "maybe"},
			want:   []string{`review.xlsx:'Review'!I3: error enum-error: provisions jurisdiction=PL,setting=school,period=1996/.. status: cannot map "maybe"`},
		},
		{
			name:   "not a date",
			values: map[string]any{"in_force": "sometime", "status": "partial"},
			want:   []string{`review.xlsx:'Review'!I2: error type-error: provisions jurisdiction=PL,setting=home,period=2010-08-01/.. in_force: `},
		},
		{
			name:   "every refusal at once",
			values: map[string]any{"in_force": "sometime"},
			want: []string{
				"review.xlsx:'Review'!I2: error type-error",
				"review.xlsx:'Review'!I3: error unresolved-error",
			},
		},
		{
			name:   "changed since the review",
			values: map[string]any{"in_force": "2010", "status": "partial"},
			change: func(t *testing.T) {
				ds, _, err := dataset.Load("data")
				if err != nil {
					t.Fatal(err)
				}
				for i := range ds.Provisions {
					if ds.Provisions[i].ID == "pl-school-1996" {
						ds.Provisions[i].Status = dataset.NotProhibited
					}
				}
				if err := dataset.Save("data", ds); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{`review.xlsx:'Review'!E3: error stale-review-error: provisions jurisdiction=PL,setting=school,period=1996/.. status is "not_prohibited" in the dataset (`,
				filepath.Join("data", "provisions.csv") + `:4:4), neither coder A's "prohibited" nor coder B's "partial"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.change != nil {
				tt.change(t)
			}
			before := folderBytes(t, "data")
			// The review is read from a copy named review.xlsx in a folder
			// of its own, so that its cells read review.xlsx:'Review'!…
			copyDir := t.TempDir()
			fillReview(t, "review.xlsx", filepath.Join(copyDir, "review.xlsx"), tt.values)
			data, err := filepath.Abs("data")
			if err != nil {
				t.Fatal(err)
			}
			wd, _ := os.Getwd()
			t.Chdir(copyDir)
			r := runCpmap(t, fixedClock, "import", "--resolve", "review.xlsx", "--data", data, "--update")
			t.Chdir(wd)
			if r.code != exitProblems {
				t.Errorf("exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			if !strings.Contains(r.stderr, "resolve refused") {
				t.Errorf("stderr does not say the review was refused:\n%s", r.stderr)
			}
			if diff := cmp.Diff(before, folderBytes(t, "data")); diff != "" {
				t.Errorf("a refused review changed the dataset (-before +after):\n%s", diff)
			}
		})
	}
	t.Run("files with --resolve", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "import", "--resolve", "review.xlsx", a)
		if r.code != exitUsage || !strings.Contains(r.stderr, "takes no files") {
			t.Errorf("exit %d, want 2\n%s", r.code, r.stderr)
		}
	})
	t.Run("no dataset", func(t *testing.T) {
		r := runCpmap(t, fixedClock, "import", "--resolve", "review.xlsx", "--data", "absent")
		if r.code != exitProblems || !strings.Contains(r.stderr, "no data package") {
			t.Errorf("exit %d, want 1\n%s", r.code, r.stderr)
		}
	})
}
