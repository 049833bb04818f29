package importers

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx/xlsxtest"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// TestPolishWorkbook: a title row naming the country, Polish headers,
// Tak/Nie, dates in words and day first, a source by URL and one by title,
// a totals row.
func TestPolishWorkbook(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "pl.xlsx", xlsxtest.Sheet{Name: "Przepisy", Rows: [][]any{
		{"Polska – reformy prawne w zakresie kar cielesnych"},
		{},
		{"Obszar", "Zakaz", "Data uchwalenia", "Wejście w życie", "Ustawa", "Artykuł", "Źródło", "Uwagi"},
		{"Dom", "Tak", "6.05.2010", "1 sierpnia 2010", "Kodeks rodzinny i opiekuńczy", "art. 96¹", "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20101250842", "nowelizacja z 2010 r."},
		{"Szkoła", "Tak", "1996", nil, "Karta Nauczyciela", "art. 6", "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19820030019"},
		{"Zakłady karne", "Nie", nil, nil, nil, nil, "Raport Rzecznika Praw Dziecka 2019"},
		{"Razem", 3},
	}})
	res := mustImport(t, Options{}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	wantProvisions := map[string]map[string]string{
		"pl-home-2010": {"id": "pl-home-2010", "jurisdiction": "PL", "setting": "home", "status": "prohibited",
			"adopted": "2010-05-06", "in_force": "2010-08-01", "instrument": "Kodeks rodzinny i opiekuńczy", "provision": "art. 96¹",
			"source": "isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu20101250842", "notes": "nowelizacja z 2010 r."},
		"pl-school-1996": {"id": "pl-school-1996", "jurisdiction": "PL", "setting": "school", "status": "prohibited",
			"adopted": "1996", "instrument": "Karta Nauczyciela", "provision": "art. 6",
			"source": "isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu19820030019"},
		"pl-penal-institution": {"id": "pl-penal-institution", "jurisdiction": "PL", "setting": "penal_institution",
			"status": "not_prohibited", "source": "raport-rzecznika-praw-dziecka-2019"},
	}
	if diff := cmp.Diff(wantProvisions, table(res.Dataset, "provisions")); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	wantSources := map[string]map[string]string{
		"isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu20101250842": {"id": "isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu20101250842",
			"title": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20101250842", "url": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU20101250842", "type": "website"},
		"isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu19820030019": {"id": "isap-sejm-gov-pl-isap-nsf-docdetails-xsp-id-wdu19820030019",
			"title": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19820030019", "url": "https://isap.sejm.gov.pl/isap.nsf/DocDetails.xsp?id=WDU19820030019", "type": "website"},
		"raport-rzecznika-praw-dziecka-2019": {"id": "raport-rzecznika-praw-dziecka-2019", "title": "Raport Rzecznika Praw Dziecka 2019", "type": "report"},
	}
	if diff := cmp.Diff(wantSources, table(res.Dataset, "sources")); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	wantJurisdictions := map[string]map[string]string{"PL": {"code": "PL", "name": "Poland", "kind": "state"}}
	if diff := cmp.Diff(wantJurisdictions, table(res.Dataset, "jurisdictions")); diff != "" {
		t.Errorf("jurisdictions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"pl.xlsx:'Przepisy'!7:7: totals row"}, skips(res)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	// Every fact knows its cell.
	p := dataset.TableByName("provisions")
	for i := range p.Len(res.Dataset) {
		if got := p.FieldPos(res.Dataset, i, "status").String(); got != "pl.xlsx:'Przepisy'!B"+map[string]string{"home": "4", "school": "5", "penal_institution": "6"}[string(res.Dataset.Provisions[i].Setting)] {
			t.Errorf("%s status is at %s", res.Dataset.Provisions[i].ID, got)
		}
	}
}

// TestEstonianWorkbook: Estonian headers, Jah/Ei/Osaliselt, D.M.YYYY dates,
// the country in a column.
func TestEstonianWorkbook(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "ee.xlsx", xlsxtest.Sheet{Name: "Õigusaktid", Rows: [][]any{
		{"Riik", "Valdkond", "Keelatud", "Vastu võetud", "Jõustumine", "Seadus", "Paragrahv", "Allikas"},
		{"Eesti", "kodu", "Jah", "19.11.2014", "1.01.2016", "Lastekaitseseadus", "§ 24", "https://www.riigiteataja.ee/akt/106122016011"},
		{"Eesti", "kool", "Jah", "9.06.2010", "1.09.2010", "Põhikooli- ja gümnaasiumiseadus", "§ 58", "https://www.riigiteataja.ee/akt/13332954"},
		{"Eesti", "päevahoid", "Osaliselt", nil, nil, nil, nil, "https://www.riigiteataja.ee/akt/13332954"},
		{"Eesti", "karistus", "Ei", nil, nil, nil, nil, "https://www.riigiteataja.ee/akt/13332954"},
	}})
	res := mustImport(t, Options{}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	want := map[string]map[string]string{
		"ee-home-2016": {"id": "ee-home-2016", "jurisdiction": "EE", "setting": "home", "status": "prohibited", "adopted": "2014-11-19",
			"in_force": "2016-01-01", "instrument": "Lastekaitseseadus", "provision": "§ 24", "source": "riigiteataja-ee-akt-106122016011"},
		"ee-school-2010": {"id": "ee-school-2010", "jurisdiction": "EE", "setting": "school", "status": "prohibited", "adopted": "2010-06-09",
			"in_force": "2010-09-01", "instrument": "Põhikooli- ja gümnaasiumiseadus", "provision": "§ 58", "source": "riigiteataja-ee-akt-13332954"},
		"ee-day-care": {"id": "ee-day-care", "jurisdiction": "EE", "setting": "day_care", "status": "partial", "source": "riigiteataja-ee-akt-13332954"},
		"ee-sentence": {"id": "ee-sentence", "jurisdiction": "EE", "setting": "sentence", "status": "not_prohibited", "source": "riigiteataja-ee-akt-13332954"},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "provisions")); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	if n := len(res.Dataset.Sources); n != 2 {
		t.Errorf("%d sources, want 2 (one per URL)", n)
	}
}

// TestGlobalInitiativeWideTable: one row per country, one column per
// setting, YES/NO/SOME, [YES] unconfirmed, footnote numbers glued to names
// and values, a totals row, footnotes and a source line below, the source
// given by the option.
func TestGlobalInitiativeWideTable(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "gi.xlsx", xlsxtest.Sheet{Name: "Legality", Rows: [][]any{
		{"Global Initiative to End All Corporal Punishment of Children"},
		{"Legality of corporal punishment in the Baltic Sea Region"},
		{"State", "Prohibited in the home", "Alternative care settings", "Day care", "Schools", "Penal institutions", "Sentence for crime"},
		{"Sweden1", "YES", "YES", "YES", "YES", "YES", "YES"},
		{"Russian Federation", "NO", "SOME", "[YES]", "YES2", "YES", "YES"},
		{"Færøerne", "YES", nil, nil, nil, nil, nil},
		{"Iceland"},
		{"Total", 3, 1, 2, 2, 2, 2},
		{},
		{"1 Sweden was the first state to prohibit all corporal punishment, in 1979."},
		{"Source: Global Initiative country reports, 2024"},
	}})
	res := mustImport(t, Options{Source: "https://endcorporalpunishment.org/countdown/"}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	src := "endcorporalpunishment-org-countdown"
	p := func(j, setting, status string, extra ...string) map[string]string {
		id := strings.ToLower(j) + "-" + strings.ReplaceAll(setting, "_", "-")
		m := map[string]string{"id": id, "jurisdiction": j, "setting": setting, "status": status, "source": src}
		for i := 0; i < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	want := map[string]map[string]string{}
	for _, r := range []map[string]string{
		p("SE", "home", "prohibited"), p("SE", "alternative_care", "prohibited"), p("SE", "day_care", "prohibited"),
		p("SE", "school", "prohibited"), p("SE", "penal_institution", "prohibited"), p("SE", "sentence", "prohibited"),
		p("RU", "home", "not_prohibited"), p("RU", "alternative_care", "partial"), p("RU", "day_care", "prohibited", "confirmed", "false"),
		p("RU", "school", "prohibited"), p("RU", "penal_institution", "prohibited"), p("RU", "sentence", "prohibited"),
		p("FO", "home", "prohibited"),
	} {
		want[r["id"]] = r
	}
	if diff := cmp.Diff(want, table(res.Dataset, "provisions")); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	wantJ := map[string]map[string]string{
		"SE": {"code": "SE", "name": "Sweden", "kind": "state"},
		"RU": {"code": "RU", "name": "Russia", "kind": "state"},
		"FO": {"code": "FO", "name": "Faroe Islands", "kind": "territory", "parent": "DK"},
		"DK": {"code": "DK", "name": "Denmark", "kind": "state"},
	}
	if diff := cmp.Diff(wantJ, table(res.Dataset, "jurisdictions")); diff != "" {
		t.Errorf("jurisdictions (-want +got):\n%s", diff)
	}
	wantS := map[string]map[string]string{src: {"id": src, "title": "https://endcorporalpunishment.org/countdown/",
		"url": "https://endcorporalpunishment.org/countdown/", "type": "website"}}
	if diff := cmp.Diff(wantS, table(res.Dataset, "sources")); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	wantSkips := []string{
		"gi.xlsx:'Legality'!7:7: no status in any setting column",
		"gi.xlsx:'Legality'!8:8: totals row",
		"gi.xlsx:'Legality'!10:10: footnote",
		"gi.xlsx:'Legality'!11:11: note",
	}
	if diff := cmp.Diff(wantSkips, skips(res)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	if got := res.Files[0].Sheets[0].Layout; got != "wide" {
		t.Errorf("layout %q, want wide", got)
	}
	pt := dataset.TableByName("provisions")
	for i, pr := range res.Dataset.Provisions {
		if pr.ID == "ru-day-care" {
			if got := pt.FieldPos(res.Dataset, i, "status").String(); got != "gi.xlsx:'Legality'!D5" {
				t.Errorf("ru-day-care status at %s, want gi.xlsx:'Legality'!D5", got)
			}
			if got := pt.FieldPos(res.Dataset, i, "jurisdiction").String(); got != "gi.xlsx:'Legality'!A5" {
				t.Errorf("ru-day-care jurisdiction at %s, want gi.xlsx:'Legality'!A5", got)
			}
		}
	}
}

// TestMissingSource: a sheet without a source column and no --source fails,
// naming its rows.
func TestMissingSource(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "gi.xlsx", xlsxtest.Sheet{Name: "Legality", Rows: [][]any{
		{"State", "Home", "Schools"},
		{"Sweden", "YES", "YES"},
		{"Finland", "YES", "YES"},
		{"Norway", "YES", "YES"},
		{},
		{"Poland", "YES", "YES"},
	}})
	res := mustImport(t, Options{}, name)
	want := []string{"gi.xlsx:'Legality'!2:2: error required-error: rows 2–4, 6 cite no source: add a source column (a URL, a title or a source id) or pass --source URL-or-title"}
	if diff := cmp.Diff(want, errorsOf(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

// TestProblemPositions: every cell that cannot be read is reported at its
// cell, with the synonym file to extend; the other rows are still read.
func TestProblemPositions(t *testing.T) {
	dir := inDir(t)
	rows := [][]any{{"Country", "Setting", "Status", "In force", "Source"}}
	for i := 2; i <= 13; i++ {
		rows = append(rows, []any{"Latvia", "home", "yes", 1998 + i, "https://likumi.lv/ta/id/49096"})
	}
	rows[4] = []any{"Atlantis", "home", "yes", 2001, "https://likumi.lv/ta/id/49096"}
	rows[6] = []any{"Latvia", "garden", "yes", 2003, "https://likumi.lv/ta/id/49096"}
	rows[9] = []any{"Latvia", "school", "Maybe", 2006, "https://likumi.lv/ta/id/49096"}
	rows = append(rows, []any{"Latvia", "day care", "Jā", "sen", "https://likumi.lv/ta/id/49096"})
	rows = append(rows, []any{"Latvia", "sentence", "Jā", "04/13/2010", "https://likumi.lv/ta/id/49096"})
	name := xlsxtest.Write(t, dir, "lv.xlsx", xlsxtest.Sheet{Name: "Legal reforms", Rows: rows})
	res := mustImport(t, Options{}, name)
	want := []string{
		`lv.xlsx:'Legal reforms'!A5: error iso-code-error: jurisdiction: cannot map "Atlantis" to a country: use an ISO 3166-1 code or a country's name, or add the line "CODE,Atlantis," (CODE: its ISO 3166-1 alpha-2 code) to countries.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
		`lv.xlsx:'Legal reforms'!B7: error enum-error: setting: cannot map "garden" to a setting value (home, alternative_care, day_care, school, penal_institution, sentence): write one of them, or add the line "VALUE,garden," (VALUE: one of them) to setting.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
		`lv.xlsx:'Legal reforms'!C10: error enum-error: status: cannot map "Maybe" to a status value (prohibited, unlawful_not_explicit, prohibited_unidentified, partial, not_prohibited, unknown): write one of them, or add the line "VALUE,Maybe," (VALUE: one of them) to status.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
		`lv.xlsx:'Legal reforms'!D14: error type-error: in_force: cannot read "sen" as a date; ` + dateHint,
		`lv.xlsx:'Legal reforms'!D15: error type-error: in_force: cannot read "04/13/2010" as a date: dates are read day first (the European way), and 13 is not a month; if it is month/day/year, write it as 2010-04-13`,
	}
	if diff := cmp.Diff(want, errorsOf(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	if got := len(res.Dataset.Provisions); got != 9 {
		t.Errorf("%d provisions read from the good rows, want 9", got)
	}
}

// TestMergedCells: a header merged over two rows, a group title merged over
// columns, and a country merged down over its rows.
func TestMergedCells(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "fi.xlsx", xlsxtest.Sheet{
		Name: "Lait",
		Rows: [][]any{
			{"Suomi – lainsäädäntö"},
			{"Maa", "Ympäristö", "Tila", "Päivämäärät", nil, "Lähde"},
			{nil, nil, nil, "Hyväksytty", "Voimaantulo", nil},
			{"Suomi", "koti", "kyllä", "1983", "1.01.1984", "https://finlex.fi/fi/laki/ajantasa/1983/19830361"},
			{nil, "koulu", "kyllä", nil, "1.08.1999", nil},
			{nil, "päivähoito", "kyllä", nil, "1.01.1984", nil},
		},
		Merges: [][2]string{{"A1", "F1"}, {"A2", "A3"}, {"B2", "B3"}, {"C2", "C3"}, {"D2", "E2"}, {"F2", "F3"}, {"A4", "A6"}, {"F4", "F6"}},
	})
	res := mustImport(t, Options{}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	src := "finlex-fi-fi-laki-ajantasa-1983-19830361"
	want := map[string]map[string]string{
		"fi-home-1984":     {"id": "fi-home-1984", "jurisdiction": "FI", "setting": "home", "status": "prohibited", "adopted": "1983", "in_force": "1984-01-01", "source": src},
		"fi-school-1999":   {"id": "fi-school-1999", "jurisdiction": "FI", "setting": "school", "status": "prohibited", "in_force": "1999-08-01", "source": src},
		"fi-day-care-1984": {"id": "fi-day-care-1984", "jurisdiction": "FI", "setting": "day_care", "status": "prohibited", "in_force": "1984-01-01", "source": src},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "provisions")); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	if got := res.Files[0].Sheets[0].Header; got != 3 {
		t.Errorf("header found in row %d, want 3", got)
	}
}

// TestSkippedSheets: instruction, hidden, empty sheets and one without a
// header are skipped and said to be, never misread.
func TestSkippedSheets(t *testing.T) {
	dir := inDir(t)
	provisionRows := [][]any{
		{"Country", "Setting", "Status", "Source"},
		{"Norway", "home", "yes", "https://lovdata.no/a"},
	}
	name := xlsxtest.Write(t, dir, "no.xlsx",
		xlsxtest.Sheet{Name: "Instructions", Rows: [][]any{
			{"How to fill in this workbook"},
			{"Country", "Setting", "Status", "Source"},
			{"Norway", "home", "no", "https://example.org/example"},
		}},
		xlsxtest.Sheet{Name: "Old", Hidden: true, Rows: [][]any{
			{"Country", "Setting", "Status", "Source"},
			{"Norway", "home", "no", "https://lovdata.no/old"},
		}},
		xlsxtest.Sheet{Name: "Read me first", Rows: [][]any{{"Country", "Status"}, {"Norway", "no"}}},
		xlsxtest.Sheet{Name: "Empty"},
		xlsxtest.Sheet{Name: "Notes", Rows: [][]any{{"Some remarks"}, {"More remarks"}}},
		xlsxtest.Sheet{Name: "Data", Rows: provisionRows},
	)
	res := mustImport(t, Options{}, name)
	wantSkips := []string{
		"no.xlsx:'Instructions': instructions",
		"no.xlsx:'Old': hidden sheet",
		"no.xlsx:'Read me first': instructions",
		"no.xlsx:'Empty': empty",
		"no.xlsx:'Notes': no header row",
	}
	if diff := cmp.Diff(wantSkips, skips(res)); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	want := map[string]map[string]string{
		"no-home": {"id": "no-home", "jurisdiction": "NO", "setting": "home", "status": "prohibited", "source": "lovdata-no-a"},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "provisions")); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string(nil), errorsOf(res.Problems)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

// TestExcelDatesAndPercentages: real date cells in several number formats
// are day-precision dates; a year typed as a number is a year; numbers in
// percent-formatted cells are percentages.
func TestExcelDatesAndPercentages(t *testing.T) {
	dir := inDir(t)
	d := func(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }
	custom := func(code string) excelize.Style { return excelize.Style{CustomNumFmt: &code} }
	name := xlsxtest.Write(t, dir, "dates.xlsx",
		xlsxtest.Sheet{Name: "Laws", Rows: [][]any{
			{"Country", "Setting", "Status", "Adopted", "In force", "Source"},
			{"SE", "home", "yes", d(1979, 3, 15), d(1979, 7, 1), "https://riksdagen.se/a"},
			{"FI", "home", "yes", 1983, d(1984, 1, 1), "https://finlex.fi/a"},
			{"NO", "home", "yes", d(1987, 5, 29), d(1987, 6, 1), "https://lovdata.no/a"},
			{"DK", "home", "yes", "1997", 35582.0, "https://retsinformation.dk/a"},
			{"DE", "home", "yes", "07/2000", d(2000, 11, 8), "https://bgbl.de/a"},
		}, Styles: map[string]excelize.Style{
			"D2": {NumFmt: 14}, "E2": custom("dd.mm.yyyy"),
			"E3": custom("yyyy"),
			"D4": {NumFmt: 15}, "E4": custom("mmmm yyyy"),
			"E6": {NumFmt: 22},
		}},
		xlsxtest.Sheet{Name: "Surveys", Rows: [][]any{
			{"Country", "Indicator", "Year", "Value", "Respondents", "Sample size", "Source"},
			{"SE", "cp_approval", 2010, 0.265, "parents", 1200, "https://sverige.se/s"},
			{"FI", "approval", 2012, 45, "adults", "1 500", "https://fi.fi/s"},
			{"EE", "cp_approval", 2014, "26,5 %", "vanemad", nil, "https://ee.ee/s"},
			{"LV", "ban_support", 2015, 0.5, "adults", nil, "https://lv.lv/s"},
			{"LT", "ban_support", 2016, 0.4, "adults", nil, "https://lt.lt/s"},
		}, Styles: map[string]excelize.Style{
			"D2": {NumFmt: 10}, "D5": custom("0.0%"), "D4": custom(`0.0" %"`),
		}},
	)
	res := mustImport(t, Options{}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	gotDates := map[string][2]string{}
	for _, p := range res.Dataset.Provisions {
		gotDates[p.Jurisdiction] = [2]string{p.Adopted.String(), p.InForce.String()}
	}
	wantDates := map[string][2]string{
		"SE": {"1979-03-15", "1979-07-01"},
		"FI": {"1983", "1984-01-01"},
		"NO": {"1987-05-29", "1987-06-01"},
		"DK": {"1997", "1997-06-01"},
		"DE": {"2000-07", "2000-11-08"},
	}
	if diff := cmp.Diff(wantDates, gotDates); diff != "" {
		t.Errorf("adopted, in_force (-want +got):\n%s", diff)
	}
	gotValues := map[string]string{}
	for _, s := range res.Dataset.Surveys {
		gotValues[s.ID] = dataset.TableByName("surveys").Value(&dataset.Dataset{Surveys: []dataset.Survey{s}}, 0, "value")
	}
	wantValues := map[string]string{
		"se-cp-approval-2010": "26.5", // 0.265 formatted 0.00%
		"fi-cp-approval-2012": "45",
		"ee-cp-approval-2014": "26.5", // "26,5 %" typed as text
		"lv-ban-support-2015": "50",   // 0.5 formatted 0.0%
		"lt-ban-support-2016": "0.4",  // 0.4 with no percent format: 0.4 %
	}
	if diff := cmp.Diff(wantValues, gotValues); diff != "" {
		t.Errorf("survey values (-want +got):\n%s", diff)
	}
	for _, s := range res.Dataset.Surveys {
		if s.ID == "fi-cp-approval-2012" && (s.SampleSize == nil || *s.SampleSize != 1500) {
			t.Errorf("fi sample size %v, want 1500", s.SampleSize)
		}
	}
}

// TestConflictsAndDuplicates: rows in two files that give the same record
// agree (one record) or disagree (a conflict naming both cells); rows that
// differ in what identifies them get -2.
func TestConflictsAndDuplicates(t *testing.T) {
	dir := inDir(t)
	a := writeFile(t, dir, "a.csv", []byte("country,setting,status,in force,source\n"+
		"SE,home,prohibited,1979,https://riksdagen.se/fb\n"+
		"SE,school,prohibited,1958,https://riksdagen.se/skol\n"))
	b := xlsxtest.Write(t, dir, "b.xlsx", xlsxtest.Sheet{Name: "Sweden", Rows: [][]any{
		{"Country", "Setting", "Status", "In force", "Source", "Notes"},
		{"Sweden", "school", "yes", "1958", "https://riksdagen.se/skol", "School ordinance"},
		{"Sweden", "home", "partial", "1979", "https://riksdagen.se/fb"},
		{"Sweden", "home", "yes", "1979-07-01", "https://riksdagen.se/fb"},
	}})
	res := mustImport(t, Options{}, a, b)
	want := []string{`b.xlsx:'Sweden'!C3: error conflict-error: provisions se-home-1979: status is "partial" here but "prohibited" at a.csv:2:3`}
	if diff := cmp.Diff(want, errorsOf(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	got := table(res.Dataset, "provisions")
	wantP := map[string]map[string]string{
		"se-home-1979":   {"id": "se-home-1979", "jurisdiction": "SE", "setting": "home", "status": "prohibited", "in_force": "1979", "source": "riksdagen-se-fb"},
		"se-home-1979-2": {"id": "se-home-1979-2", "jurisdiction": "SE", "setting": "home", "status": "prohibited", "in_force": "1979-07-01", "source": "riksdagen-se-fb"},
		"se-school-1958": {"id": "se-school-1958", "jurisdiction": "SE", "setting": "school", "status": "prohibited", "in_force": "1958", "source": "riksdagen-se-skol", "notes": "School ordinance"},
	}
	if diff := cmp.Diff(wantP, got); diff != "" {
		t.Errorf("provisions (-want +got):\n%s", diff)
	}
	// The same rows in the other order get the same ids.
	res2 := mustImport(t, Options{}, b, a)
	ids := func(r *Result) []string {
		var out []string
		for _, p := range r.Dataset.Provisions {
			out = append(out, p.ID+" "+p.InForce.String())
		}
		return out
	}
	if diff := cmp.Diff(sortedCopy(ids(res)), sortedCopy(ids(res2))); diff != "" {
		t.Errorf("ids depend on the order of files (-first +second):\n%s", diff)
	}
}

func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	slices.Sort(out)
	return out
}

// TestExistingDataset: sources and jurisdictions the dataset already has
// are cited, not created again.
func TestExistingDataset(t *testing.T) {
	dir := inDir(t)
	existing := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "SE", Name: "Sweden", Kind: dataset.State}},
		Sources:       []dataset.Source{{ID: "sfs-1949-381", Title: "Föräldrabalk (1949:381)", URL: "https://www.riksdagen.se/sv/dokument/sfs-1949-381/", Type: "legislation"}},
	}
	name := writeFile(t, dir, "se.csv", []byte("country,setting,status,in force,source\n"+
		"SE,home,yes,1979-07-01,http://riksdagen.se/sv/dokument/sfs-1949-381\n"+
		"SE,school,yes,,Föräldrabalk (1949:381)\n"))
	res := mustImport(t, Options{Existing: existing}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	for _, p := range res.Dataset.Provisions {
		if p.Source != "sfs-1949-381" {
			t.Errorf("%s cites %q, want the existing source sfs-1949-381", p.ID, p.Source)
		}
	}
	if len(res.Dataset.Sources) != 0 || len(res.Dataset.Jurisdictions) != 0 {
		t.Errorf("created %v and %v, which the dataset has", res.Dataset.Sources, res.Dataset.Jurisdictions)
	}
}

// TestForcedTableAndJurisdiction: --table reads a sheet whose header also
// fits another table; --jurisdiction gives the country of a file without one.
func TestForcedTableAndJurisdiction(t *testing.T) {
	dir := inDir(t)
	name := writeFile(t, dir, "commitment.csv", []byte("from;until;source;notes\n2008-05;6.05.2010;https://www.sejm.gov.pl/x;announced by the Prime Minister\n"))
	res := mustImport(t, Options{Table: "commitments", Jurisdiction: "Polska"}, name)
	if len(res.Problems) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(problemLines(res.Problems), "\n"))
	}
	want := map[string]map[string]string{
		"PL,2008-05": {"jurisdiction": "PL", "from": "2008-05", "until": "2010-05-06", "source": "sejm-gov-pl-x", "notes": "announced by the Prime Minister"},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "commitments")); diff != "" {
		t.Errorf("commitments (-want +got):\n%s", diff)
	}
	if _, err := Import([]string{name}, Options{Table: "laws"}); err == nil || !strings.Contains(err.Error(), `table "laws"`) {
		t.Errorf("an unknown --table: %v", err)
	}
	if _, err := Import([]string{name}, Options{Jurisdiction: "Atlantis"}); err == nil {
		t.Errorf("an unknown --jurisdiction was accepted")
	}
	if _, err := Import([]string{name}, Options{Encoding: "ebcdic"}); err == nil {
		t.Errorf("an unknown --encoding was accepted")
	}
}

// TestHeaderProblems: a column named twice is an error; an unknown column
// with values too (nothing read is dropped); a missing required column stops
// the sheet.
func TestHeaderProblems(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "h.xlsx",
		xlsxtest.Sheet{Name: "Twice", Rows: [][]any{
			{"Country", "Setting", "Status", "Status (GI)", "Colour", "Source"},
			{"SE", "home", "yes", "yes", "blue", "https://a.se"},
		}},
		xlsxtest.Sheet{Name: "No status", Rows: [][]any{
			{"Country", "Setting", "In force", "Source"},
			{"SE", "home", "1979", "https://a.se"},
		}},
		xlsxtest.Sheet{Name: "No country", Rows: [][]any{
			{"Setting", "Status", "Source"},
			{"home", "yes", "https://a.se"},
		}},
	)
	res := mustImport(t, Options{}, name)
	want := []string{
		`h.xlsx:'No country'!1:1: error required-error: the rows of provisions name no country: add a country column, name the country in a title above the header, or pass --jurisdiction`,
		`h.xlsx:'No status'!1:1: error required-error: provisions needs a status column (required): name it "status", or if a column of yours holds it under another name, add the line "provisions,status,YOUR HEADER," to headers.csv in a synonyms folder (name the folder with synonyms: in config.yaml)`,
		`h.xlsx:'Twice'!D1: error header-error: column "Status (GI)" says the same as column C ("Status"): keep one of them`,
		`h.xlsx:'Twice'!E1: error header-error: column "Colour" maps to no column of provisions, and its values would be lost: if it holds data, add the line "provisions,FIELD,Colour," (FIELD: one of id, jurisdiction, setting, status, confirmed, adopted, in_force, until, instrument, provision, quote, translation, source, verified_on, notes, source_url, source_title, source_type) to headers.csv in a synonyms folder (name the folder with synonyms: in config.yaml); if it is not data, pass --ignore-column "Colour"`,
	}
	if diff := cmp.Diff(want, problemLines(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}

func TestFileSummary(t *testing.T) {
	f := FileReport{File: "pl.xlsx", Problems: 1, Sheets: []SheetReport{
		{Name: "Instructions", Skip: "instructions"},
		{Name: "Przepisy", Table: "provisions", Rows: 3, Records: 3, Skipped: []Skip{{Reason: "totals row"}}},
		{Name: "Old", Skip: "hidden sheet"},
		{Name: "Bad", Table: "provisions", Skip: "header problems"},
	}}
	want := "pl.xlsx: 1 table ('Przepisy' provisions), 3 rows read into 3 records, 1 row and 3 sheets skipped, 1 problem"
	if got := f.String(); got != want {
		t.Errorf("String() = %q\nwant        %q", got, want)
	}
	empty := FileReport{File: "x.csv", Sheets: []SheetReport{{Skip: "empty"}}}
	if got, want := empty.String(), "x.csv: no tables, 0 rows read into 0 records, nothing skipped, 0 problems"; got != want {
		t.Errorf("String() = %q\nwant        %q", got, want)
	}
}

// TestProgress: a progress bar is drawn in place while a long sheet is read,
// and cleared; nothing is written without a writer.
func TestProgress(t *testing.T) {
	dir := inDir(t)
	var b strings.Builder
	b.WriteString("country,setting,status,source\n")
	for range 2500 {
		b.WriteString("SE,home,yes,https://riksdagen.se\n")
	}
	name := writeFile(t, dir, "long.csv", []byte(b.String()))
	var out strings.Builder
	mustImport(t, Options{Progress: &out}, name)
	got := out.String()
	for _, want := range []string{"\rlong.csv", "[", "1000/2502 rows", "2000/2502 rows"} {
		if !strings.Contains(got, want) {
			t.Errorf("progress output lacks %q: %q", want, got)
		}
	}
	if !strings.HasSuffix(got, "\r") {
		t.Errorf("the bar is not cleared at the end: %q", got)
	}
}

// TestSourceColumns: a source given by title and URL columns becomes one
// sources record (the title as title, its id from the URL), of the type a
// type column gives; a source id column cites a sources sheet of the same
// workbook, whose rows without an id get one from their URL.
func TestSourceColumns(t *testing.T) {
	dir := inDir(t)
	name := xlsxtest.Write(t, dir, "de.xlsx",
		xlsxtest.Sheet{Name: "Gesetze", Rows: [][]any{
			{"Land", "Bereich", "Verboten", "In Kraft", "Titel der Quelle", "Link", "Art der Quelle"},
			{"Deutschland", "Familie", "ja", "8.11.2000", "Gesetz zur Ächtung der Gewalt in der Erziehung", "https://www.bgbl.de/x", "Gesetz"},
			{"Deutschland", "Schule", "ja", "1973", "Gesetz zur Ächtung der Gewalt in der Erziehung", "https://www.bgbl.de/x", "Gesetz"},
		}},
		xlsxtest.Sheet{Name: "Kampagnen", Rows: [][]any{
			{"Land", "Art", "Name", "Start", "Quelle"},
			{"DE", "Kampagne", "Mehr Respekt vor Kindern", "2000", "bmfsfj-2000"},
		}},
		xlsxtest.Sheet{Name: "Quellen", Rows: [][]any{
			{"id", "Titel", "URL", "Typ"},
			{"bmfsfj-2000", "Mehr Respekt vor Kindern", "https://www.bmfsfj.de/a", "Bericht"},
			{nil, "Kinderreport", "https://www.dkhw.de/kinderreport/", "Bericht"},
		}},
	)
	res := mustImport(t, Options{}, name)
	if errs := errorsOf(res.Problems); len(errs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
	}
	want := map[string]map[string]string{
		"bgbl-de-x":            {"id": "bgbl-de-x", "title": "Gesetz zur Ächtung der Gewalt in der Erziehung", "url": "https://www.bgbl.de/x", "type": "legislation"},
		"bmfsfj-2000":          {"id": "bmfsfj-2000", "title": "Mehr Respekt vor Kindern", "url": "https://www.bmfsfj.de/a", "type": "report"},
		"dkhw-de-kinderreport": {"id": "dkhw-de-kinderreport", "title": "Kinderreport", "url": "https://www.dkhw.de/kinderreport/", "type": "report"},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "sources")); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	for _, p := range res.Dataset.Provisions {
		if p.Source != "bgbl-de-x" {
			t.Errorf("%s cites %q", p.ID, p.Source)
		}
	}
	if len(res.Dataset.Campaigns) != 1 || res.Dataset.Campaigns[0].Source != "bmfsfj-2000" || res.Dataset.Campaigns[0].ID != "de-mehr-respekt-vor-kindern-2000" {
		t.Errorf("campaigns: %+v", res.Dataset.Campaigns)
	}
}

// TestJurisdictionsSheet: a jurisdictions sheet needs only the codes: names,
// kinds and parents come from ISO 3166 and territories.csv unless given.
func TestJurisdictionsSheet(t *testing.T) {
	dir := inDir(t)
	name := writeFile(t, dir, "countries.csv", []byte("code,name,kind\nFO,,\nAX,Åland,\nDK,,\nIS,Ísland,state\n"))
	res := mustImport(t, Options{}, name)
	if errs := errorsOf(res.Problems); len(errs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
	}
	want := map[string]map[string]string{
		"FO": {"code": "FO", "name": "Faroe Islands", "kind": "territory", "parent": "DK"},
		"AX": {"code": "AX", "name": "Åland", "kind": "territory", "parent": "FI"},
		"DK": {"code": "DK", "name": "Denmark", "kind": "state"},
		"FI": {"code": "FI", "name": "Finland", "kind": "state"},
		"IS": {"code": "IS", "name": "Ísland", "kind": "state"},
	}
	if diff := cmp.Diff(want, table(res.Dataset, "jurisdictions")); diff != "" {
		t.Errorf("jurisdictions (-want +got):\n%s", diff)
	}
}

// TestKeepExisting: a field the sheet has no column for, or whose cell is
// empty, keeps the existing record's value when merged ("not given"); a
// cell holding the clear marker, in any of its languages, clears it; on a
// new record the marker is just an empty value.
func TestKeepExisting(t *testing.T) {
	dir := inDir(t)
	yes := true
	existing := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{{Code: "SE", Name: "Sweden", Kind: dataset.State}},
		Provisions: []dataset.Provision{{ID: "se-home-1979", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.Prohibited,
			Confirmed: &yes, InForce: dataset.MustDate("1979-07-01"), Instrument: "Föräldrabalken", Source: "sfs", Notes: "first in the world"}},
		Sources: []dataset.Source{{ID: "sfs", Title: "SFS", URL: "https://riksdagen.se/sfs", Type: "legislation"}},
	}
	tests := []struct {
		name        string
		csv         string
		wantNotes   string   // of the record merged with update
		wantChanged []string // fields MergeInto reports as changed
	}{
		{"no notes column", "country,setting,status,in force,law,source\nSE,home,yes,1979-07-01,Föräldrabalken,sfs\n", "first in the world", nil},
		{"an empty notes cell", "country,setting,status,in force,law,source,notes\nSE,home,yes,1979-07-01,Föräldrabalken,sfs,\n", "first in the world", nil},
		{"the clear marker", "country,setting,status,in force,law,source,notes\nSE,home,yes,1979-07-01,Föräldrabalken,sfs,(clear)\n", "", []string{"notes"}},
		{"the clear marker in Latvian", "country,setting,status,in force,law,source,notes\nSE,home,yes,1979-07-01,Föräldrabalken,sfs, ( Dzēst ) \n", "", []string{"notes"}},
		{"clear without parentheses is a note", "country,setting,status,in force,law,source,notes\nSE,home,yes,1979-07-01,Föräldrabalken,sfs,clear\n", "clear", []string{"notes"}},
		{"a new status", "country,setting,status,in force,source\nSE,home,partial,1979-07-01,sfs\n", "first in the world", []string{"status"}},
		{"an update citing no source keeps the stored one", "id,country,setting,status,in force,notes,source\nse-home-1979,SE,home,yes,1979-07-01,,\n", "first in the world", nil},
		{"a new record with the marker", "country,setting,status,in force,source,notes\nSE,school,yes,1979-07-01,sfs,(clear)\n", "first in the world", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := writeFile(t, dir, "se.csv", []byte(tt.csv))
			res := mustImport(t, Options{Existing: existing}, name)
			if errs := errorsOf(res.Problems); len(errs) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(errs, "\n"))
			}
			mr := dataset.MergeInto(existing, res.Dataset, false)
			var changed []string
			for _, c := range mr.Changed {
				for _, f := range c.Fields {
					changed = append(changed, f.Field)
				}
			}
			if diff := cmp.Diff(tt.wantChanged, changed); diff != "" {
				t.Errorf("changed fields (-want +got):\n%s", diff)
			}
			merged := dataset.MergeInto(existing, res.Dataset, true).Dataset
			if got := merged.Provisions[0].Notes; got != tt.wantNotes {
				t.Errorf("merged notes %q, want %q", got, tt.wantNotes)
			}
			for _, p := range merged.Provisions[1:] {
				if p.Notes != "" {
					t.Errorf("new record %s has notes %q, want none", p.ID, p.Notes)
				}
			}
		})
	}
}

// TestEmptySourceCell: rows whose source cell is empty, in a sheet with a
// source column, are pointed at that cell and told what to give.
func TestEmptySourceCell(t *testing.T) {
	dir := inDir(t)
	name := writeFile(t, dir, "lv.csv", []byte("country,setting,status,source\nLV,home,yes,https://likumi.lv\nLV,school,yes,\n"))
	res := mustImport(t, Options{}, name)
	want := []string{`lv.csv:3:4: error required-error: row 3 cites no source: the source cell is empty: give the source's id, URL or title (or pass --source URL-or-title for every row that cites none)`}
	if diff := cmp.Diff(want, problemLines(res.Problems)); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
}
