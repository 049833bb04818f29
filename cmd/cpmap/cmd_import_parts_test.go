package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// importStep is one cpmap import of a walk through a dataset's life.
type importStep struct {
	name  string
	files map[string]string // written before the step
	args  []string          // after "import --data data"
}

// The input files of TestImportInParts: every bulk table, records with and
// without ids (two programmes that get one id before -2), sources cited
// by id and by URL, countries the dataset does not have yet, survey series.
const (
	partsSources    = "id,title,type\nsrc-a,Report A,report\nsrc-b,Report B,report\nsrc-unused,Nobody cites this,report\n"
	partsProgrammes = "id,jurisdiction,name,level,age_from,age_to,start,end,source\n" +
		"pg-1,SE,Föräldrastöd,universal,0,17,2010-01-01,,src-a\n" +
		"pg-2,FI,Vanhempien tuki,selective,2,12,2012,,src-b\n" +
		",DK,Forældrekursus,universal,,,2015,,https://example.org/dk-parents\n" +
		",DK,Forældrekursus,indicated,,,2015-06,,https://example.org/dk-parents\n" +
		",NO,Foreldreveiledning,universal,,,2001,,src-a\n" +
		"pg-3,EE,Vanemate kool,universal,3,9,2016-09,2019,src-b\n" +
		"pg-4,LV,Vecāku skola,universal,,,2018,,https://example.org/lv\n" +
		"pg-5,LT,Tėvų mokykla,universal,,,2019,,src-a\n"
	partsCampaigns = "id,jurisdictions,kind,name,start,audiences,source\n" +
		"cm-1,SE;FI,campaign,Nordic week,2014,parents;public,src-a\n" +
		"cm-2,PL,campaign,Kocham nie biję,2006,parents,https://example.org/pl\n" +
		",DE,guidance,Leitfaden,2003,professionals,src-b\n"
	partsSurveys = "id,jurisdiction,series,indicator,year,value,respondents,source\n" +
		"sv-1,SE,se-approval,cp_approval,2000,11,parents,src-a\n" +
		"sv-2,SE,se-approval,cp_approval,2010,8,parents,src-a\n" +
		"sv-3,SE,se-approval,cp_approval,2020,5,parents,src-a\n" +
		"sv-4,FI,fi-use,cp_use_past_year,2006,28,parents,src-b\n" +
		"sv-5,FI,fi-use,cp_use_past_year,2014,22,parents,src-b\n" +
		",PL,,ban_support,2013,30,adults,src-b\n" +
		",PL,,ban_support,2017,45,adults,src-b\n"
)

// TestImportInParts runs the same imports holding every record in memory
// and with tiny parts (import.part_records: 1; every step imports at least two records of the bulk tables, so that they go to parts), and wants the same exit
// codes, output and data files: parts change how an import works, never
// what it does.
func TestImportInParts(t *testing.T) {
	steps := []importStep{
		{name: "new dataset", files: map[string]string{
			"sources.csv": partsSources, "programmes.csv": partsProgrammes,
			"campaigns.csv": partsCampaigns, "surveys.csv": partsSurveys,
		}, args: []string{"sources.csv", "programmes.csv", "campaigns.csv", "surveys.csv"}},
		{name: "again, unchanged", args: []string{"sources.csv", "programmes.csv", "campaigns.csv", "surveys.csv"}},
		{name: "a change refused", files: map[string]string{
			"programmes.csv": strings.Replace(partsProgrammes, "pg-3,EE,Vanemate kool,universal,3,9", "pg-3,EE,Vanemate kool,selective,3,10", 1),
			"surveys.csv":    strings.Replace(partsSurveys, "sv-5,FI,fi-use,cp_use_past_year,2014,22", "sv-5,FI,fi-use,cp_use_past_year,2014,21", 1),
		}, args: []string{"programmes.csv", "surveys.csv"}},
		{name: "the change applied", args: []string{"--update", "programmes.csv", "surveys.csv"}},
		{name: "new records added", files: map[string]string{
			"more.csv": "id,jurisdiction,name,start,source\npg-9,IS,Uppeldi,2020,src-a\n,RU,Школа родителей,2011,https://example.org/ru\n",
		}, args: []string{"--table", "programmes", "more.csv"}},
		{name: "rows that disagree", files: map[string]string{
			"clash.csv": "id,jurisdiction,name,start,source\npg-20,SE,A,2020,src-a\npg-20,SE,B,2020,src-a\npg-21,SE,C,2020,src-a\n",
		}, args: []string{"--table", "programmes", "clash.csv"}},
		{name: "a series that mixes indicators", files: map[string]string{
			"mixed.csv": "id,jurisdiction,series,indicator,year,value,respondents,source\nsv-30,SE,se-approval,ban_support,2024,90,parents,src-a\nsv-31,NO,no-x,cp_approval,2024,3,parents,src-a\n",
		}, args: []string{"mixed.csv"}},
		{name: "bad values", files: map[string]string{
			"bad.csv": "id,jurisdiction,name,age_from,start,source\npg-40,SE,A,19,2020,src-a\npg-41,SE,B,x,2020,src-a\npg-42,SE,C,1,2020,nowhere-source\n",
		}, args: []string{"--table", "programmes", "bad.csv"}},
		{name: "an unknown source", files: map[string]string{
			"unknown.csv": "id,jurisdiction,name,start,source\npg-60,SE,A,2020,src-a\npg-61,SE,B,2020,src-nowhere\n",
		}, args: []string{"--table", "programmes", "unknown.csv"}},
		{name: "an id made and an id given meet", files: map[string]string{
			"meet.csv": "id,jurisdiction,name,level,start,source\n,SE,Ny kurs,universal,2022,src-a\nse-ny-kurs-2022,SE,Ny kurs,selective,2022,src-a\n",
		}, args: []string{"--table", "programmes", "meet.csv"}},
		{name: "a survey moved to another series, refused", files: map[string]string{
			"moved.csv": "id,jurisdiction,series,indicator,year,value,respondents,source\nsv-2,SE,se-approval-2,cp_approval,2010,8,parents,src-a\nsv-40,SE,se-approval-2,cp_approval,2024,4,parents,src-a\n",
		}, args: []string{"moved.csv"}},
		{name: "a survey moved to another series", args: []string{"--update", "moved.csv"}},
		{name: "a survey moved into a series it does not fit", files: map[string]string{
			"misfit.csv": "id,jurisdiction,series,indicator,year,value,respondents,source\nsv-4,FI,se-approval,cp_use_past_year,2006,28,parents,src-b\nsv-41,FI,fi-use,cp_use_past_year,2024,20,parents,src-b\n",
		}, args: []string{"--update", "misfit.csv"}},
		{name: "made ids that meet through -2", files: map[string]string{
			"kurs.csv": "jurisdiction,name,start,source\nSE,Kurs,2020,src-a\nSE,Kurs,2020-05,src-a\nSE,Kurs 2020 2,,src-a\n",
		}, args: []string{"--table", "programmes", "kurs.csv"}},
		{name: "a dry run", files: map[string]string{
			"dry.csv": "id,jurisdiction,name,start,source\npg-50,SE,A,2020,src-a\npg-51,FI,B,2021,src-b\npg-52,DK,C,2022,src-a\n",
		}, args: []string{"--dry-run", "--table", "programmes", "dry.csv"}},
	}
	whole, parts := t.TempDir(), t.TempDir()
	for _, dir := range []string{whole, parts} {
		n := "0"
		if dir == parts {
			n = "1"
		}
		if err := os.WriteFile(filepath.Join(dir, "cpmap.yaml"), []byte("import:\n  part_records: "+n+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(dir string, step importStep) (cpmapResult, map[string]string) {
		t.Helper()
		t.Chdir(dir)
		for name, body := range step.files {
			if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		args := append([]string{"--config", "cpmap.yaml", "import", "--data", "data"}, step.args...)
		return runCpmap(t, fixedClock, args...), snapshot(t, filepath.Join(dir, "data"))
	}
	codes := map[string]int{}
	for _, step := range steps {
		w, wData := run(whole, step)
		p, pData := run(parts, step)
		codes[step.name] = w.code
		if testing.Verbose() {
			t.Logf("%s: exit %d\n%s%s", step.name, p.code, p.stdout, p.stderr)
		}
		if w.code != p.code {
			t.Errorf("%s: exit %d in parts, %d whole\nstderr in parts:\n%s\nstderr whole:\n%s", step.name, p.code, w.code, p.stderr, w.stderr)
		}
		if diff := cmp.Diff(w.stdout, p.stdout); diff != "" {
			t.Errorf("%s: stdout (-whole +parts):\n%s", step.name, diff)
		}
		if diff := cmp.Diff(w.stderr, p.stderr); diff != "" {
			t.Errorf("%s: stderr (-whole +parts):\n%s", step.name, diff)
		}
		if diff := cmp.Diff(wData, pData); diff != "" {
			t.Errorf("%s: data (-whole +parts):\n%s", step.name, diff)
		}
	}
	// The walk must go through what it is meant to: a refusal is not a
	// success by accident, nor the other way round.
	want := map[string]int{
		"new dataset": exitOK, "again, unchanged": exitOK, "a change refused": exitProblems,
		"the change applied": exitOK, "new records added": exitOK, "rows that disagree": exitProblems,
		"a series that mixes indicators": exitProblems, "bad values": exitProblems, "an unknown source": exitProblems, "an id made and an id given meet": exitProblems,
		"a survey moved to another series, refused": exitProblems, "a survey moved to another series": exitOK,
		"a survey moved into a series it does not fit": exitProblems, "made ids that meet through -2": exitOK,
		"a dry run": exitOK,
	}
	if diff := cmp.Diff(want, codes); diff != "" {
		t.Errorf("exit codes (-want +got):\n%s", diff)
	}
}
