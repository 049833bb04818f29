package exports

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/cpmap/cpmap/mapping"
	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"
)

// The day briefing tests answer for, and the time they are made.
var (
	briefAsOf = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	briefNow  = time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
)

// briefDataset is a small dataset like the real one: Sweden prohibiting in
// all settings since 1979 (the other settings since 1958, unconfirmed),
// Finland since 1984 with a commitment first, Estonia prohibiting at home
// from 2016 with the other settings not recorded, a territory (the Faroe
// Islands) that the road leaves out, and Norway outside the group;
// campaigns, a programme, survey series (one with a break) and sources with
// and without addresses that may be linked.
func briefDataset() *dataset.Dataset {
	d := dataset.MustDate
	yes, no := true, false
	se, fi := 2100000, 1000000
	y := 2023
	// early is a setting prohibited before the home, unconfirmed.
	early := func(code string, s dataset.Setting, inForce string) dataset.Provision {
		return dataset.Provision{ID: strings.ToLower(code) + "-" + strings.ReplaceAll(string(s), "_", "-"), Jurisdiction: code,
			Setting: s, Status: dataset.Prohibited, Confirmed: &no, InForce: d(inForce), Source: "gi-" + strings.ToLower(code)}
	}
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "EE", Name: "Estonia", Kind: dataset.State},
			{Code: "FI", Name: "Finland", Kind: dataset.State, ChildPopulation: &fi, ChildPopulationYear: &y, ChildPopulationSource: "stat-fi"},
			{Code: "FO", Name: "Faroe Islands", Kind: dataset.Territory, Parent: "DK"},
			{Code: "NO", Name: "Norway", Kind: dataset.State},
			{Code: "SE", Name: "Sweden", Kind: dataset.State, ChildPopulation: &se, ChildPopulationYear: &y, ChildPopulationSource: "gi-se"},
		},
		Memberships: []dataset.Membership{
			{Jurisdiction: "EE", Group: "CBSS", From: d("1992-03-06")},
			{Jurisdiction: "FI", Group: "CBSS", From: d("1992-03-06")},
			{Jurisdiction: "FO", Group: "CBSS", From: d("1992-03-06")},
			{Jurisdiction: "SE", Group: "CBSS", From: d("1992-03-06")},
		},
		Provisions: []dataset.Provision{
			{ID: "ee-home-2014", Jurisdiction: "EE", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: &yes,
				Adopted: d("2014-11"), InForce: d("2016-01-01"), Instrument: "Child Protection Act", Provision: "s. 24",
				Quote: "Corporal punishment of a child is prohibited", Translation: dataset.Unofficial, Source: "gi-ee", VerifiedOn: d("2026-02")},
			{ID: "ee-school", Jurisdiction: "EE", Setting: dataset.School, Status: dataset.Prohibited, Confirmed: &yes,
				Instrument: "Basic Schools and Upper Secondary Schools Act", Source: "gi-ee"},
			{ID: "fi-home-1984", Jurisdiction: "FI", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: &yes,
				Adopted: d("1983"), InForce: d("1984-01-01"), Instrument: "Child Custody and Right of Access Act", Provision: "s. 1(3)", Source: "gi-fi"},
			early("FI", dataset.AlternativeCare, "1983"), early("FI", dataset.DayCare, "1983"), early("FI", dataset.School, "1983"),
			early("FI", dataset.PenalInstitution, "1983"), early("FI", dataset.Sentence, "1983"),
			{ID: "fo-home", Jurisdiction: "FO", Setting: dataset.Home, Status: dataset.NotProhibited, Confirmed: &yes, Source: "gi-fo"},
			{ID: "no-home-1987", Jurisdiction: "NO", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: &yes, Adopted: d("1987"), Source: "gi-no"},
			{ID: "se-home-1949", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.NotProhibited, Confirmed: &yes,
				InForce: d("1949"), Until: d("1979-07-01"), Instrument: "Parenthood and Guardianship Code", Source: "gi-se"},
			{ID: "se-home-1979", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: &yes,
				Adopted: d("1979-03"), InForce: d("1979-07-01"), Instrument: "Parenthood and Guardianship Code", Provision: "ch. 6 s. 1",
				Source: "gi-se", VerifiedOn: d("2026-01-15")},
			early("SE", dataset.AlternativeCare, "1958"), early("SE", dataset.DayCare, "1958"), early("SE", dataset.School, "1958"),
			early("SE", dataset.PenalInstitution, "1958"), early("SE", dataset.Sentence, "1958"),
		},
		Commitments: []dataset.Commitment{
			{Jurisdiction: "EE", From: d("2014-11"), Source: "gi-ee"},
		},
		Campaigns: []dataset.Campaign{
			{ID: "ee-campaign-2020", Jurisdictions: []string{"EE"}, Kind: dataset.MeasureCampaign, Name: "Raising without violence",
				NameOriginal: "Kasvatus ilma vägivallata", Start: d("2020-09"), Lead: "Ministry of Social Affairs", LeadType: "government",
				Audiences: []string{"parents", "public"}, Channels: []string{"online", "social_media"}, Source: "gi-ee"},
			{ID: "nordic-guidance-2022", Jurisdictions: []string{"FI", "SE"}, Kind: dataset.MeasureGuidance, Name: "Nordic guidance for professionals",
				Start: d("2022"), End: d("2023"), Audiences: []string{"professionals"}, Source: "report-nordic"},
			{ID: "se-plan-2030", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureActionPlan, Name: "A plan that starts later",
				Start: d("2030"), Source: "gi-se"},
		},
		Programmes: []dataset.Programme{
			{ID: "ee-incredible-years", Jurisdiction: "EE", Name: "Incredible Years", Model: "Incredible Years", Level: "universal",
				Delivery: []string{"group"}, AgeFrom: ptr(3), AgeTo: ptr(8), Start: d("2014"), Reach: ptr(500), ReachYear: ptr(2019),
				Evidence: "rct", Source: "gi-ee"},
		},
		Surveys: []dataset.Survey{
			{ID: "se-use-1980", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 1980, Value: 51, Respondents: "parents", Source: "survey-se"},
			{ID: "se-use-2000", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2000, Value: 8, Respondents: "parents", Source: "survey-se"},
			{ID: "se-use-2011", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2011, Value: 3, Respondents: "parents", Break: &yes, Source: "survey-se"},
			{ID: "se-use-2022", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2022, Value: 2.5, Respondents: "parents", Source: "survey-se"},
			{ID: "fi-approve-1981", Jurisdiction: "FI", Series: "fi-approve", Indicator: dataset.CPApproval, Year: 1981, Value: 47, Respondents: "adults", Source: "gi-fi"},
			{ID: "fi-approve-2012", Jurisdiction: "FI", Series: "fi-approve", Indicator: dataset.CPApproval, Year: 2012, Value: 17, Respondents: "adults", Source: "gi-fi"},
			{ID: "ee-approve-2018", Jurisdiction: "EE", Series: "ee-approve", Indicator: dataset.CPApproval, Year: 2018, Value: 26.5, Respondents: "adults",
				SampleSize: ptr(1000), Question: "Is smacking acceptable?", Method: "phone", Source: "ftp-source"},
		},
		Sources: []dataset.Source{
			{ID: "ftp-source", Title: "Survey archive", URL: "ftp://example.org/survey.csv", Type: "dataset"},
			{ID: "gi-ee", Title: "Country report for Estonia", Publisher: "Global Initiative", URL: "https://endcorporalpunishment.org/reports-on-every-state-and-territory/estonia/", Published: d("2024"), Type: "report"},
			{ID: "gi-fi", Title: "Country report for Finland", Publisher: "Global Initiative", URL: "https://endcorporalpunishment.org/reports-on-every-state-and-territory/finland/", Type: "report"},
			{ID: "gi-fo", Title: "Country report for Denmark (Faroe Islands)", Publisher: "Global Initiative", Published: d("2017-10"), Type: "report"},
			{ID: "gi-no", Title: "Country report for Norway", Publisher: "Global Initiative", Type: "report"},
			{ID: "gi-se", Title: "Country report for Sweden", Publisher: "Global Initiative", URL: "http://endcorporalpunishment.org/sweden", Published: d("2017-02"), Type: "report"},
			{ID: "report-nordic", Title: "Nordic report", Type: "report"},
			{ID: "stat-fi", Title: "Population statistics", Publisher: "Statistics Finland", Type: "dataset"},
			{ID: "survey-se", Title: "Corporal punishment of children in Sweden", Publisher: "Stiftelsen Allmänna Barnhuset", Published: d("2022"), Type: "survey"},
		},
	}
	return ds
}

// briefBefore is briefDataset as it was before: Estonia's home ban, its
// campaign and a survey result not yet recorded, home recorded as not
// prohibited.
func briefBefore() *dataset.Dataset {
	ds := briefDataset()
	for i, p := range ds.Provisions {
		if p.ID == "ee-home-2014" {
			ds.Provisions[i] = dataset.Provision{ID: "ee-home-2014", Jurisdiction: "EE", Setting: dataset.Home,
				Status: dataset.NotProhibited, Source: "gi-ee"}
		}
	}
	ds.Campaigns = slices.DeleteFunc(ds.Campaigns, func(c dataset.Campaign) bool { return c.ID == "ee-campaign-2020" })
	ds.Surveys = slices.DeleteFunc(ds.Surveys, func(s dataset.Survey) bool { return s.ID == "se-use-2022" })
	// A change outside the pack's jurisdictions, which it leaves out.
	ds.Provisions = slices.DeleteFunc(ds.Provisions, func(p dataset.Provision) bool { return p.ID == "no-home-1987" })
	return ds
}

func briefOptions() BriefOptions {
	return BriefOptions{Group: "CBSS", AsOf: briefAsOf, Rubric: mapping.DefaultRubric(), Now: briefNow}
}

// writeBrief writes a pack into a new folder and returns the folder.
func writeBrief(t *testing.T, ds *dataset.Dataset, opt BriefOptions) (string, BriefResult) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "pack")
	res, err := WriteBrief(dir, ds, opt)
	if err != nil {
		t.Fatalf("WriteBrief: %v", err)
	}
	return dir, res
}

// readPack returns every file under dir by slash path.
func readPack(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBriefGolden(t *testing.T) {
	ds := briefDataset()
	dir, res := writeBrief(t, ds, briefOptions())
	files := readPack(t, dir)

	var onDisk []string
	for name := range files {
		onDisk = append(onDisk, name)
	}
	slices.Sort(onDisk)
	listed := slices.Sorted(slices.Values(res.Files))
	if diff := cmp.Diff(onDisk, listed); diff != "" {
		t.Errorf("BriefResult.Files does not list the files written (-on disk +listed):\n%s", diff)
	}
	checkGolden(t, "testdata/brief/files.txt", []byte(strings.Join(res.Files, "\n")+"\n"))
	for _, name := range []string{"index.md", "index.html", "README.txt", "summary-EE.md"} {
		checkGolden(t, "testdata/brief/"+name, files[name])
	}
	if want := filepath.Join(dir, "index.html"); res.Open != want {
		t.Errorf("Open = %q, want %q", res.Open, want)
	}
	if diff := cmp.Diff([]string{"EE", "FI", "FO", "SE"}, res.Codes); diff != "" {
		t.Errorf("Codes (-want +got):\n%s", diff)
	}

	// The country pages are the summaries' own writers' output.
	for _, code := range res.Codes {
		s, err := mapping.NewIndex(ds).Summarise(code, briefAsOf, mapping.DefaultRubric())
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range SummaryFormats {
			var want bytes.Buffer
			if err := WriteSummary(&want, s, format); err != nil {
				t.Fatal(err)
			}
			name, _ := SummaryFileName(code, format)
			if !bytes.Equal(files[name], want.Bytes()) {
				t.Errorf("%s is not WriteSummary's %s page of %s", name, format, code)
			}
		}
	}
	if _, ok := files["summary-NO.html"]; ok {
		t.Error("Norway is not a CBSS member in the fixture but has a page")
	}
}

func TestBriefIndexContent(t *testing.T) {
	dir, _ := writeBrief(t, briefDataset(), briefOptions())
	files := readPack(t, dir)
	index, md := string(files["index.html"]), string(files["index.md"])
	tests := []struct {
		name, want string
	}{
		{"status in words with its colour class", `<td class="cell s-prohibited">prohibited`},
		{"unknown setting in words", `<td class="cell s-unknown">unknown`},
		{"category of Sweden", `<td class="cell c-all_settings">Prohibited in all settings</td>`},
		{"Estonia committed", `<td class="cell c-committed">Committed to full prohibition`},
		{"progress level", `<td class="cell l-met">met</td>`},
		{"link to a country page", `<a href="summary-EE.html">Estonia</a>`},
		{"link to a chart page", `<a href="charts/road-to-prohibition.html">`},
		{"road: Sweden in 1979", `<tr><td class="num">1979</td><td>Sweden</td><td class="num">1 of 3</td></tr>`},
		{"road: Finland in 1984", `<tr><td class="num">1984</td><td>Finland</td><td class="num">2 of 3</td></tr>`},
		{"share of children", "100% of children (0–17) live under full prohibition"},
		{"survey series with its change of method", "2011: 3% (new method)"},
		{"reference linked by title", `<a href="http://endcorporalpunishment.org/sweden">`},
		{"A4", "@page { size: A4;"},
		{"attribution", mapping.Attribution},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(index, tt.want) {
				t.Errorf("index.html lacks %q", tt.want)
			}
		})
	}
	for _, want := range []string{"| [Estonia](summary-EE.md) |", "[The road to prohibition](charts/road-to-prohibition.html)", "| 1979 | Sweden | 1 of 3 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("index.md lacks %q", want)
		}
	}
	if strings.Contains(index, "What changed") || strings.Contains(md, "What changed") {
		t.Error("a pack without Since says what changed")
	}
}

// TestBriefSelfContained checks that no page of the pack refers to anything
// outside it: no remote script, style, image or frame, no link to another
// site, and that every local link resolves to a file of the pack.
func TestBriefSelfContained(t *testing.T) {
	dir, _ := writeBrief(t, briefDataset(), briefOptions())
	files := readPack(t, dir)
	// A reference's title links to its address (<a href="https://…">):
	// following a link fetches nothing; only those links are allowed.
	refLink := regexp.MustCompile(`<a href="https?://[^"]*">`)
	remote := regexp.MustCompile(`(?i)(src|href|action|data)\s*=\s*["']?\s*(https?:|//|javascript:|data:)|@import|url\(\s*["']?(https?:|//)|<iframe|<link\b|<img\b|<object\b|<embed\b`)
	attr := regexp.MustCompile(`(?i)\b(?:href|src)="([^"]*)"`)
	// The charts' inlined scripts are the charts package's to test; the
	// markup around them is checked here.
	scripts := regexp.MustCompile(`(?s)<script>.*?</script>`)
	pages := 0
	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		pages++
		b = scripts.ReplaceAll(b, []byte("<script></script>"))
		b = refLink.ReplaceAll(b, []byte("<a>"))
		if m := remote.Find(b); m != nil {
			t.Errorf("%s refers outside the pack: %q", name, m)
		}
		for _, m := range attr.FindAllSubmatch(b, -1) {
			target := string(m[1])
			if strings.HasPrefix(target, "#") {
				continue
			}
			target, _, _ = strings.Cut(target, "#")
			resolved := filepath.ToSlash(filepath.Join(filepath.Dir(name), target))
			if _, ok := files[resolved]; !ok {
				t.Errorf("%s links to %s, which the pack does not hold", name, m[1])
			}
		}
	}
	if pages < 10 {
		t.Errorf("the pack holds %d HTML pages, want at least 10", pages)
	}
	if !strings.Contains(string(files["index.html"]), "@page { size: A4;") {
		t.Error("index.html has no A4 page rule")
	}
}

func TestBriefSince(t *testing.T) {
	opt := briefOptions()
	opt.Since, opt.SinceName = briefBefore(), "data-2025"
	dir, _ := writeBrief(t, briefDataset(), opt)
	files := readPack(t, dir)
	index, md := string(files["index.html"]), string(files["index.md"])
	for _, want := range []string{
		"What changed since the previous data",
		"Estonia (EE), home: not prohibited → prohibited (adopted 2014-11, in force 2016-01-01), Child Protection Act, s. 24 (corrected)",
		"Awareness campaign: Raising without violence, Estonia (EE), 2020-09–; for parents, the public",
		"Sweden (SE): used corporal punishment in the past year, 2.5% of parents in 2022",
		"Since the previous data",
		": 1 change of legal status, 1 new campaign or plan, 1 new survey result",
	} {
		for name, page := range map[string]string{"index.html": index, "index.md": md} {
			text := page
			if name == "index.md" {
				text = strings.ReplaceAll(text, "\\", "")
			}
			if !strings.Contains(text, want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
	if strings.Contains(index, "no-home-1987") {
		t.Error("index.html lists a change of Norway, which the pack does not cover")
	}

	f := openXLSX(t, files["briefing.xlsx"])
	rows, err := f.GetRows(sheetChanges)
	if err != nil {
		t.Fatalf("Changes sheet: %v", err)
	}
	want := [][]string{
		{"Table", "Record", "Change", "Field", "Before", "After"},
		{"provisions", "ee-home-2014", "changed", "status", "not_prohibited", "prohibited"},
		{"provisions", "ee-home-2014", "changed", "confirmed", "", "true"},
	}
	if diff := cmp.Diff(want, rows[:3]); diff != "" {
		t.Errorf("Changes sheet starts (-want +got):\n%s", diff)
	}
	var added []string
	for _, r := range rows[1:] {
		if r[2] == "added" {
			added = append(added, r[0]+" "+r[1])
		}
		if r[1] == "no-home-1987" {
			t.Errorf("the Changes sheet lists Norway's provision: %q", r)
		}
	}
	if diff := cmp.Diff([]string{"campaigns ee-campaign-2020", "surveys se-use-2022"}, added); diff != "" {
		t.Errorf("records added (-want +got):\n%s", diff)
	}
}

func TestBriefWorkbook(t *testing.T) {
	dir, _ := writeBrief(t, briefDataset(), briefOptions())
	data, err := os.ReadFile(filepath.Join(dir, "briefing.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	f := openXLSX(t, data)

	wantSheets := []string{"Overview", "Progress", "Prohibition timeline", "Survey trends",
		"EE Estonia", "FI Finland", "FO Faroe Islands", "SE Sweden", "Sources", "About"}
	if diff := cmp.Diff(wantSheets, f.GetSheetList()); diff != "" {
		t.Errorf("sheets (-want +got):\n%s", diff)
	}

	t.Run("overview in words and colours", func(t *testing.T) {
		rows, err := f.GetRows("Overview")
		if err != nil {
			t.Fatal(err)
		}
		wantHeader := []string{"Code", "Jurisdiction", "Home", "Alternative care", "Day care", "Schools", "Penal institutions", "Sentence for crime", "Category", "Committed to full prohibition", "Notes"}
		if diff := cmp.Diff(wantHeader, rows[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		wantEE := []string{"EE", "Estonia", "prohibited", "unknown", "unknown", "prohibited", "unknown", "unknown", "Committed to full prohibition", "yes, since 2014-11"}
		if diff := cmp.Diff(wantEE, rows[1][:10]); diff != "" {
			t.Errorf("Estonia's row (-want +got):\n%s", diff)
		}
		for _, c := range []struct {
			cell, class string
		}{{"C2", "s-prohibited"}, {"D2", "s-unknown"}, {"I2", "c-committed"}, {"C4", "s-not_prohibited"}, {"I5", "c-all_settings"}} {
			want, _ := colourOf(c.class)
			if got := fillOf(t, f, "Overview", c.cell); got != want.Fill {
				t.Errorf("%s is filled %q, want %q (%s)", c.cell, got, want.Fill, c.class)
			}
		}
		if got := fillOf(t, f, "Overview", "A2"); got != "" {
			t.Errorf("A2 (a code) is filled %q, want no fill", got)
		}
		panes, err := f.GetPanes("Overview")
		if err != nil || !panes.Freeze || panes.YSplit != 1 {
			t.Errorf("Overview panes = %+v, %v; want the header row frozen", panes, err)
		}
	})

	t.Run("country facts with citations", func(t *testing.T) {
		rows, err := f.GetRows("SE Sweden")
		if err != nil {
			t.Fatal(err)
		}
		var home, survey []string
		for _, r := range rows {
			if len(r) > 2 && r[0] == "Legal status" && r[1] == "Home" {
				home = r
			}
			if len(r) > 11 && r[11] == "se-use-2011" {
				survey = r
			}
		}
		wantHome := []string{"Legal status", "Home", "prohibited", "", "Parenthood and Guardianship Code", "ch. 6 s. 1", "1979-03", "1979-07-01", "",
			"gi-se", "http://endcorporalpunishment.org/sweden", "se-home-1979"}
		if diff := cmp.Diff(wantHome, home[:12]); diff != "" {
			t.Errorf("Sweden's home row (-want +got):\n%s", diff)
		}
		if len(survey) < 13 || survey[0] != "Survey" || survey[3] != "3" || survey[7] != "2011" || !strings.Contains(survey[12], "Break in the series") {
			t.Errorf("Sweden's 2011 survey row = %q", survey)
		}
		cell := cellWith(t, f, "SE Sweden", "http://endcorporalpunishment.org/sweden")
		if ok, link, _ := f.GetCellHyperLink("SE Sweden", cell); !ok || link != "http://endcorporalpunishment.org/sweden" {
			t.Errorf("%s: hyperlink %v %q, want the source's address", cell, ok, link)
		}
		for _, r := range rows {
			if len(r) > 11 && r[11] == "se-plan-2030" {
				t.Error("a plan starting after the as-of date is listed")
			}
		}
	})

	t.Run("sources with working links", func(t *testing.T) {
		rows, err := f.GetRows("Sources")
		if err != nil {
			t.Fatal(err)
		}
		links := map[string]string{}
		for i, r := range rows[1:] {
			cell := xlsxCell(8, i+2)
			if ok, link, _ := f.GetCellHyperLink("Sources", cell); ok {
				links[r[0]] = link
			}
		}
		want := map[string]string{
			"gi-ee": "https://endcorporalpunishment.org/reports-on-every-state-and-territory/estonia/",
			"gi-fi": "https://endcorporalpunishment.org/reports-on-every-state-and-territory/finland/",
			"gi-se": "http://endcorporalpunishment.org/sweden",
		}
		if diff := cmp.Diff(want, links); diff != "" {
			t.Errorf("hyperlinks by source (-want +got):\n%s", diff)
		}
		var ids []string
		for _, r := range rows[1:] {
			ids = append(ids, r[0])
		}
		wantIDs := []string{"ftp-source", "gi-ee", "gi-fi", "gi-fo", "gi-se", "report-nordic", "stat-fi", "survey-se"}
		if diff := cmp.Diff(wantIDs, ids); diff != "" {
			t.Errorf("sources listed (-want +got):\n%s", diff)
		}
	})

	t.Run("timeline", func(t *testing.T) {
		rows, err := f.GetRows("Prohibition timeline")
		if err != nil {
			t.Fatal(err)
		}
		if rows[1][0] != "1978" {
			t.Errorf("the timeline starts in %s, want 1978, the year before Sweden's full prohibition", rows[1][0])
		}
		got := map[string]string{}
		for _, r := range rows[1:] {
			got[r[0]] = r[1]
		}
		for year, want := range map[string]string{"1978": "0", "1979": "1", "1983": "1", "1984": "2", "2025": "2", "2026-11-27": "2"} {
			if got[year] != want {
				t.Errorf("states with full prohibition in %s = %q, want %q", year, got[year], want)
			}
		}
	})

	t.Run("no formulas", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			forEachCell(t, f, sheet, func(cell, _ string) {
				if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, cell, fm)
				}
			})
		}
	})

	t.Run("native charts", func(t *testing.T) {
		charts := zipParts(t, data, "xl/charts/")
		// The timeline, and one per indicator: cp_approval and cp_use_past_year.
		if len(charts) != 3 {
			t.Errorf("the workbook holds %d charts (%v), want 3", len(charts), charts)
		}
		var all string
		for _, c := range charts {
			all += c
		}
		for _, want := range []string{"<barChart>", "<scatterChart>", "&#39;Prohibition timeline&#39;!$B$2:$B$", "&#39;Survey trends&#39;!$F$"} {
			if !strings.Contains(all, want) {
				t.Errorf("the charts lack %q", want)
			}
		}
		// Chart titles are the indicators' words, not their codes.
		for _, want := range []string{"Approval of corporal punishment", "Use of corporal punishment in the past year"} {
			if !strings.Contains(all, want) {
				t.Errorf("the charts lack the title %q", want)
			}
		}
		for _, code := range []string{"cp_approval", "cp approval", "cp_use_past_year"} {
			if strings.Contains(all, code) {
				t.Errorf("a chart shows the code %q", code)
			}
		}
		// Each survey chart starts a printed page of its own: one row
		// break per survey chart, in one sheet.
		breaks := 0
		for _, x := range zipParts(t, data, "xl/worksheets/") {
			breaks += strings.Count(x, "<brk ")
		}
		if breaks != 2 {
			t.Errorf("the worksheets hold %d page breaks, want 2 (one before each survey chart)", breaks)
		}
		// Legends name a series in words, never by its id: they refer to
		// the label column of the survey sheet.
		rows, err := f.GetRows("Survey trends")
		if err != nil {
			t.Fatal(err)
		}
		var labels []string
		for _, r := range rows {
			if len(r) > 0 {
				labels = append(labels, r[len(r)-1])
			}
		}
		if !slices.Contains(labels, "Sweden: parents, 1980–2022") || slices.ContainsFunc(labels, func(l string) bool { return strings.Contains(l, "se-use") }) {
			t.Errorf("the survey charts' legend labels do not name Sweden's series in words: %q", labels)
		}
	})
}

func TestBriefRoad(t *testing.T) {
	// A ban in one setting long before any full prohibition, and a
	// territory, which the road does not count.
	ds := briefDataset()
	ds.Provisions = append(ds.Provisions, dataset.Provision{ID: "ee-sentence-1950", Jurisdiction: "EE", Setting: dataset.Sentence,
		Status: dataset.Prohibited, InForce: dataset.MustDate("1950"), Source: "gi-ee"})
	b, err := newBrief(ds, briefOptions())
	if err != nil {
		t.Fatal(err)
	}
	type point struct {
		Label   string
		States  int
		Of      int
		Reached []string
	}
	var got []point
	for _, p := range b.road() {
		if len(p.Reached) > 0 || p.Label == "1978" || p.Label == "2026-11-27" {
			got = append(got, point{p.Label, p.States, p.Of, p.Reached})
		}
	}
	want := []point{
		{"1978", 0, 3, nil},
		{"1979", 1, 3, []string{"Sweden"}},
		{"1984", 2, 3, []string{"Finland"}},
		{"2026-11-27", 2, 3, nil},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("road (-want +got):\n%s", diff)
	}
	if first := b.road()[0].Label; first != "1978" {
		t.Errorf("the road starts in %s, want 1978", first)
	}

	none := briefDataset()
	none.Provisions = slices.DeleteFunc(none.Provisions, func(p dataset.Provision) bool { return p.Jurisdiction != "EE" })
	b, err = newBrief(none, briefOptions())
	if err != nil {
		t.Fatal(err)
	}
	if r := b.road(); len(r) != 1 || r[0].Label != "2026-11-27" || r[0].States != 0 {
		t.Errorf("road without any full prohibition = %+v, want the as-of date alone", r)
	}
}

func TestBriefDeterministic(t *testing.T) {
	opt := briefOptions()
	opt.Since, opt.SinceName = briefBefore(), "before"
	a, _ := writeBrief(t, briefDataset(), opt)
	b, _ := writeBrief(t, briefDataset(), opt)
	fa, fb := readPack(t, a), readPack(t, b)
	if len(fa) != len(fb) {
		t.Fatalf("two runs wrote %d and %d files", len(fa), len(fb))
	}
	for name, data := range fa {
		if !bytes.Equal(data, fb[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// TestBriefHostile writes a pack from a dataset whose texts try to run
// script in the pages and formulas in the workbook.
func TestBriefHostile(t *testing.T) {
	const (
		script   = `</script><script>alert(1)</script>`
		formula  = `=HYPERLINK("http://evil","x")`
		atFormul = `@SUM(A1)`
	)
	ds := briefDataset()
	for i := range ds.Provisions {
		if ds.Provisions[i].ID == "se-home-1979" {
			ds.Provisions[i].Instrument = script
			ds.Provisions[i].Provision = "-1+2"
		}
	}
	for i := range ds.Sources {
		switch ds.Sources[i].ID {
		case "gi-se":
			ds.Sources[i].Title = formula
		case "gi-fi":
			ds.Sources[i].Title = atFormul
			ds.Sources[i].URL = "javascript:alert(1)"
		}
	}
	ds.Jurisdictions[4].Name = `Sweden <img src=x onerror=alert(2)>`
	dir, _ := writeBrief(t, ds, briefOptions())
	files := readPack(t, dir)

	for name, b := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		page := string(b)
		if strings.Contains(page, "<script>alert(1)") || strings.Contains(page, "<img src=x") {
			t.Errorf("%s holds the hostile markup unescaped", name)
		}
	}
	for _, c := range []struct{ file, want string }{
		{"summary-SE.html", "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"index.html", "Sweden &lt;img src=x onerror=alert(2)&gt;"},
	} {
		if !strings.Contains(string(files[c.file]), c.want) {
			t.Errorf("%s does not show the hostile text as escaped text %q", c.file, c.want)
		}
	}
	if strings.Contains(string(files["index.md"]), "<script>") {
		t.Error("index.md holds raw markup")
	}

	f := openXLSX(t, files["briefing.xlsx"])
	seen := map[string]bool{}
	for _, sheet := range f.GetSheetList() {
		forEachCell(t, f, sheet, func(cell, v string) {
			if fm, _ := f.GetCellFormula(sheet, cell); fm != "" {
				t.Errorf("%s!%s holds the formula %q", sheet, cell, fm)
			}
			if xlsx.Guard(v) != v && !quoted(t, f, sheet, cell) {
				t.Errorf("%s!%s = %q starts like a formula and is not quote-prefixed", sheet, cell, v)
			}
			seen[v] = true
			if ok, link, _ := f.GetCellHyperLink(sheet, cell); ok && !strings.HasPrefix(link, "http") {
				t.Errorf("%s!%s links to %q", sheet, cell, link)
			}
		})
	}
	for _, want := range []string{formula, atFormul, "-1+2", script} {
		if !seen[want] {
			t.Errorf("no cell reads %q", want)
		}
	}
	if !slices.Contains(f.GetSheetList(), "SE Sweden img srcx onerroralert") {
		t.Errorf("sheets %q: want Sweden's cleaned of what a sheet name cannot hold", f.GetSheetList())
	}
}

func TestBriefKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	mustWrite := func(name, body string) {
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mustWrite("notes.txt", "mine")
	mustWrite("charts/extra.html", "mine too")
	mustWrite("index.html", "an old index")
	res, err := WriteBrief(dir, briefDataset(), briefOptions())
	if err != nil {
		t.Fatal(err)
	}
	files := readPack(t, dir)
	for name, want := range map[string]string{"notes.txt": "mine", "charts/extra.html": "mine too"} {
		if got := string(files[name]); got != want {
			t.Errorf("%s = %q, want it untouched (%q)", name, got, want)
		}
	}
	if string(files["index.html"]) == "an old index" {
		t.Error("index.html was not replaced")
	}
	var extra []string
	for name := range files {
		if !slices.Contains(res.Files, name) && name != "notes.txt" && name != "charts/extra.html" {
			extra = append(extra, name)
		}
	}
	if len(extra) > 0 {
		t.Errorf("files left behind (temporary files?): %v", extra)
	}
	if slices.Contains(res.Files, "notes.txt") {
		t.Error("the result lists a file the pack does not own")
	}
	if !strings.Contains(string(files["README.txt"]), "never\ndeletes a file") {
		t.Error("README.txt does not say that other files are left alone")
	}
}

func TestBriefErrors(t *testing.T) {
	bad := briefDataset()
	bad.Jurisdictions = append(bad.Jurisdictions, dataset.Jurisdiction{Code: "../x", Name: "Nowhere", Kind: dataset.State})
	tests := []struct {
		name string
		ds   *dataset.Dataset
		edit func(*BriefOptions)
		want string
	}{
		{"code that cannot name a file", bad, func(o *BriefOptions) { o.Group, o.Codes = "", nil }, "not two capital letters"},
		{"code not in the dataset", briefDataset(), func(o *BriefOptions) { o.Codes = []string{"SE", "DK"} }, "DK is not in the dataset"},
		{"group without members", briefDataset(), func(o *BriefOptions) { o.Group = "EU" }, `no jurisdiction is a member of "EU"`},
		{"invalid rubric", briefDataset(), func(o *BriefOptions) { o.Rubric = mapping.Rubric{} }, "rubric"},
		{"no date", briefDataset(), func(o *BriefOptions) { o.AsOf, o.Now = time.Time{}, time.Time{} }, "no as-of date"},
		{"no dataset", nil, func(*BriefOptions) {}, "no dataset"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := briefOptions()
			tt.edit(&opt)
			dir := filepath.Join(t.TempDir(), "pack")
			_, err := WriteBrief(dir, tt.ds, opt)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Errorf("a failed pack created %s", dir)
			}
		})
	}
}

func TestBriefCodesAndDefaults(t *testing.T) {
	opt := briefOptions()
	opt.Group, opt.Codes, opt.AsOf = "", []string{"SE", "NO", "SE"}, time.Time{}
	dir, res := writeBrief(t, briefDataset(), opt)
	if diff := cmp.Diff([]string{"NO", "SE"}, res.Codes); diff != "" {
		t.Errorf("codes (-want +got):\n%s", diff)
	}
	if got, want := res.AsOf.String(), "2026-11-27"; got != want {
		t.Errorf("AsOf = %s, want the day of Now, %s", got, want)
	}
	files := readPack(t, dir)
	if !strings.Contains(string(files["README.txt"]), "Covers:      2 jurisdictions: Norway, Sweden") {
		t.Errorf("README.txt does not say what it covers:\n%s", files["README.txt"])
	}
}

func TestLinkableURL(t *testing.T) {
	tests := []struct {
		url  string
		want bool
	}{
		{"https://example.org/a?b=1&c=2", true},
		{"http://example.org", true},
		{"HTTPS://EXAMPLE.ORG/x", true},
		{"", false},
		{"ftp://example.org/x", false},
		{"javascript:alert(1)", false},
		{"mailto:a@example.org", false},
		{"//example.org/x", false},
		{"/relative/path", false},
		{"https://user:pass@example.org/", false},
		{"https://example.org/a b", false},
		{"https://example.org/\nx", false},
		{"https:///nohost", false},
		{"https://example.org/" + strings.Repeat("a", 2100), false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if got := LinkableURL(tt.url); got != tt.want {
				t.Errorf("LinkableURL(%q) = %v, want %v", tt.url, got, tt.want)
			}
		})
	}
}

func TestCountrySheetName(t *testing.T) {
	tests := []struct {
		name, code, in, want string
	}{
		{"plain", "SE", "Sweden", "SE Sweden"},
		{"forbidden characters", "XX", "A/B\\C?D*E[F]G:H'", "XX ABCDEFGH"},
		{"long, cut at 31 characters", "DE", "Federal Republic of Germany and more words", "DE Federal Republic of Germany"},
		{"letters of any script", "RU", "Россия", "RU Россия"},
		{"empty", "FO", "", "FO"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := countrySheetName(tt.code, tt.in)
			if got != tt.want {
				t.Errorf("countrySheetName(%q, %q) = %q, want %q", tt.code, tt.in, got, tt.want)
			}
			if n := len([]rune(got)); n > 31 {
				t.Errorf("%q has %d characters, more than a sheet name may", got, n)
			}
		})
	}
}

// fillOf returns the fill colour of a cell, or "" for none.
func fillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.TrimPrefix(strings.ToUpper(st.Fill.Color[0]), "#")
}

// forEachCell calls fn with every non-empty cell of a sheet.
func forEachCell(t *testing.T, f *excelize.File, sheet string, fn func(cell, value string)) {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		for j, v := range r {
			if v != "" {
				fn(xlsxCell(j+1, i+1), v)
			}
		}
	}
}

// cellWith returns the first cell of a sheet whose value is v.
func cellWith(t *testing.T, f *excelize.File, sheet, v string) string {
	t.Helper()
	found := ""
	forEachCell(t, f, sheet, func(cell, got string) {
		if found == "" && got == v {
			found = cell
		}
	})
	if found == "" {
		t.Fatalf("no cell of %s holds %q", sheet, v)
	}
	return found
}

// zipParts returns the contents of the parts of an xlsx under prefix.
func zipParts(t *testing.T, data []byte, prefix string) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, prefix) || strings.HasSuffix(zf.Name, "/") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if _, err := buf.ReadFrom(rc); err != nil {
			t.Fatal(err)
		}
		rc.Close()
		out[zf.Name] = buf.String()
	}
	return out
}

func TestChartParts(t *testing.T) {
	tests := []struct {
		n, max int
		want   [][2]int
	}{
		{0, 255, nil},
		{3, 255, [][2]int{{0, 3}}},
		{255, 255, [][2]int{{0, 255}}},
		{256, 255, [][2]int{{0, 255}, {255, 256}}},
		{600, 255, [][2]int{{0, 255}, {255, 510}, {510, 600}}},
	}
	for _, tt := range tests {
		if got := chartParts(tt.n, tt.max); !slices.Equal(got, tt.want) {
			t.Errorf("chartParts(%d, %d) = %v, want %v", tt.n, tt.max, got, tt.want)
		}
	}
}
