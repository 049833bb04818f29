package exports

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// summaryDataset is a small dataset like the real one: Sweden with a dated
// ban at home and undated, unconfirmed bans elsewhere; campaigns,
// programmes, a survey series and sources.
func summaryDataset() *dataset.Dataset {
	d := dataset.MustDate
	yes, no := true, false
	children := 2100000
	year := 2023
	ds := &dataset.Dataset{
		Jurisdictions: []dataset.Jurisdiction{
			{Code: "SE", Name: "Sweden", Kind: dataset.State, ChildPopulation: &children, ChildPopulationYear: &year, ChildPopulationSource: "scb"},
			{Code: "RU", Name: "Russia", Kind: dataset.State},
		},
		Provisions: []dataset.Provision{
			{ID: "se-home-1949", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.NotProhibited, Confirmed: &yes,
				InForce: d("1949"), Until: d("1979-07-01"), Instrument: "Parenthood and Guardianship Code", Source: "gi-se"},
			{ID: "se-home-1979", Jurisdiction: "SE", Setting: dataset.Home, Status: dataset.Prohibited, Confirmed: &yes,
				Adopted: d("1979-03"), InForce: d("1979-07-01"), Instrument: "Parenthood and Guardianship Code, 1979 amendment",
				Provision: "ch. 6 s. 1", Quote: "Children may not be subjected to corporal punishment", Translation: dataset.Unofficial,
				Source: "gi-se", VerifiedOn: d("2026-01-15")},
			{ID: "se-alternative-care", Jurisdiction: "SE", Setting: dataset.AlternativeCare, Status: dataset.Prohibited, Confirmed: &no, Source: "gi-se"},
			{ID: "se-day-care", Jurisdiction: "SE", Setting: dataset.DayCare, Status: dataset.Prohibited, Confirmed: &no, Source: "gi-se"},
			{ID: "se-school", Jurisdiction: "SE", Setting: dataset.School, Status: dataset.Prohibited, Confirmed: &no, Source: "gi-se"},
			{ID: "se-penal-institution", Jurisdiction: "SE", Setting: dataset.PenalInstitution, Status: dataset.Prohibited, Confirmed: &no, Source: "gi-se"},
			{ID: "se-sentence", Jurisdiction: "SE", Setting: dataset.Sentence, Status: dataset.Prohibited, Confirmed: &no, Source: "gi-se"},
			// Russia: lawful at home, unlawful without an explicit ban at school, the rest not recorded.
			{ID: "ru-home", Jurisdiction: "RU", Setting: dataset.Home, Status: dataset.NotProhibited, Confirmed: &yes,
				Instrument: "Family Code 1995", Provision: "arts. 54, 56", Source: "gi-ru", VerifiedOn: d("2026-11-01")},
			{ID: "ru-school", Jurisdiction: "RU", Setting: dataset.School, Status: dataset.UnlawfulNotExplicit, Confirmed: &yes, Source: "gi-ru"},
			{ID: "ru-sentence", Jurisdiction: "RU", Setting: dataset.Sentence, Status: dataset.ProhibitedUnidentified, Source: "gi-ru"},
		},
		Campaigns: []dataset.Campaign{
			{ID: "se-campaign-1979", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureCampaign, Name: "Can you bring up children without smacking?",
				Start: d("1979"), End: d("1979"), Audiences: []string{"parents"}, Source: "gi-se"},
			{ID: "se-plan-2022", Jurisdictions: []string{"SE"}, Kind: dataset.MeasureActionPlan, Name: "Strategy against violence against children",
				Start: d("2022"), End: d("2026"), Source: "gov-se"},
		},
		Programmes: []dataset.Programme{
			{ID: "se-komet", Jurisdiction: "SE", Name: "Komet", Model: "Komet", Level: "selective", Evidence: "rct", Start: d("2005"), Source: "gov-se"},
		},
		Surveys: []dataset.Survey{
			{ID: "se-use-1980", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 1980, Value: 51, Respondents: "parents", Population: "parents of children 0–12", Source: "survey-se"},
			{ID: "se-use-2000", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2000, Value: 8, Respondents: "parents", Population: "parents of children 0–12", Source: "survey-se"},
			{ID: "se-use-2022", Jurisdiction: "SE", Series: "se-use", Indicator: dataset.CPUsePastYear, Year: 2022, Value: 3.5, Respondents: "parents", Population: "parents of children 0–12", Source: "survey-se"},
		},
		Sources: []dataset.Source{
			{ID: "gi-se", Title: "Country report for Sweden", Publisher: "Global Initiative to End All Corporal Punishment of Children", URL: "https://endcorporalpunishment.org/reports-on-every-state-and-territory/sweden/", Published: d("2017-02"), Type: "report"},
			{ID: "gov-se", Title: "Government strategy", Publisher: "Government Offices of Sweden", Type: "report"},
			{ID: "scb", Title: "Population statistics", Publisher: "Statistics Sweden", Type: "dataset"},
			{ID: "gi-ru", Title: "Country Report for the Russian Federation", Publisher: "Global Initiative to End All Corporal Punishment of Children", Published: d("2024-02"), Type: "report"},
			{ID: "survey-se", Title: "Corporal punishment of children in Sweden", Publisher: "Stiftelsen Allmänna Barnhuset", Published: d("2022"), Type: "survey"},
		},
	}
	return ds
}

func summaryOf(t *testing.T, ds *dataset.Dataset, code string) *mapping.Summary {
	t.Helper()
	s, err := mapping.NewIndex(ds).Summarise(code, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), mapping.DefaultRubric())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestSummaryGolden(t *testing.T) {
	for _, tt := range []struct{ code, format string }{{"SE", "md"}, {"SE", "html"}, {"RU", "md"}, {"RU", "html"}} {
		t.Run(tt.code+" "+tt.format, func(t *testing.T) {
			s := summaryOf(t, summaryDataset(), tt.code)
			format := tt.format
			var buf bytes.Buffer
			if err := WriteSummary(&buf, s, format); err != nil {
				t.Fatal(err)
			}
			name, err := SummaryFileName(tt.code, format)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, filepath.Join("testdata", name), buf.Bytes())
			var again bytes.Buffer
			if err := WriteSummary(&again, s, format); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(buf.Bytes(), again.Bytes()) {
				t.Errorf("two writes of the same summary differ")
			}
		})
	}
}

// hostileDatasetForSummary puts markup in every text the summary prints.
func hostileDatasetForSummary() *dataset.Dataset {
	ds := summaryDataset()
	ds.Jurisdictions[0].Name = `Swe<script>alert(1)</script>den | # x`
	ds.Provisions[1].Instrument = `<img src="https://evil.example/x.png"> **bold** [link](https://evil.example)`
	ds.Provisions[1].Quote = "line one\n# heading\n| a | b |"
	ds.Sources[0].Title = `</li><link rel="stylesheet" href="https://evil.example/x.css">`
	ds.Sources[0].URL = "javascript:alert(1)"
	ds.Campaigns[1].Name = "1. <style>body{background:url(https://evil.example/y)}</style>"
	return ds
}

func TestSummaryHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummaryHTML(&buf, summaryOf(t, hostileDatasetForSummary(), "SE")); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	// Escaped text forms no tag: every tag is the template's own.
	for _, tag := range regexp.MustCompile(`<[^>]*>`).FindAllString(page, -1) {
		name := strings.Fields(strings.Trim(tag, "</>"))
		if len(name) == 0 {
			continue
		}
		switch strings.ToLower(name[0]) {
		case "script", "img", "link", "iframe", "object", "embed", "a", "base", "svg", "video", "audio", "source":
			t.Errorf("page has the tag %s", tag)
		}
		for _, attr := range []string{"src=", "href=", "srcset=", "style=", "on"} {
			for _, f := range name[1:] {
				if strings.HasPrefix(strings.ToLower(f), attr) {
					t.Errorf("page has the attribute %s in %s", f, tag)
				}
			}
		}
	}
	style := page[strings.Index(page, "<style>"):strings.Index(page, "</style>")]
	for _, bad := range []string{"url(", "@import", "@font-face", "http"} {
		if strings.Contains(style, bad) {
			t.Errorf("the stylesheet references %q", bad)
		}
	}
	for _, want := range []string{
		"@page { size: A4;",
		"Swe&lt;script&gt;alert(1)&lt;/script&gt;den",
		"&lt;img src=&#34;https://evil.example/x.png&#34;&gt;",
		mapping.Attribution,
		"Status on 2026-11-27",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := strings.Count(page, "<style>"); n != 1 {
		t.Errorf("page has %d style elements, want the one inline stylesheet", n)
	}
}

func TestSummaryMarkdownEscapes(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummaryMarkdown(&buf, summaryOf(t, hostileDatasetForSummary(), "SE")); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, bad := range []string{"<script>", "<img", "**bold**", "](https://evil", "| a | b |", "<style>"} {
		if regexp.MustCompile(`(^|[^\\])` + regexp.QuoteMeta(bad)).MatchString(md) {
			t.Errorf("markdown contains %q unescaped", bad)
		}
	}
	for _, bad := range []string{"\n# heading", "\n1. <"} {
		if strings.Contains(md, bad) {
			t.Errorf("markdown has a line starting %q", bad[1:])
		}
	}
	// Every table row keeps its column count: a | in the data is escaped.
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| Home") || strings.HasPrefix(line, "| Setting") {
			if got := len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(line, -1)); got != 6 {
				t.Errorf("row %q has %d cell borders, want 6", line, got)
			}
		}
	}
}

func TestMDText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain text", "plain text"},
		{"# heading", `\# heading`},
		{"- item", `\- item`},
		{"1979. A year", `1979\. A year`},
		{"a|b", `a\|b`},
		{"*x* _y_ `z` [l](u) <b> ~s~ &amp;", `\*x\* \_y\_ \` + "`" + `z\` + "`" + ` \[l\](u) \<b\> \~s\~ \&amp;`},
		{"two\nlines\r\n here", "two lines here"},
		{"a - b. c", "a - b. c"},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.want {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSummaryFileName(t *testing.T) {
	tests := []struct {
		code, format, want string
		ok                 bool
	}{
		{"SE", "html", "summary-SE.html", true},
		{"FO", "md", "summary-FO.md", true},
		{"../etc", "md", "", false},
		{"se", "md", "", false},
		{"SE/", "md", "", false},
		{"SEX", "md", "", false},
		{"SE", "pdf", "", false},
	}
	for _, tt := range tests {
		got, err := SummaryFileName(tt.code, tt.format)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("SummaryFileName(%q, %q) = %q, %v; want %q, ok %v", tt.code, tt.format, got, err, tt.want, tt.ok)
		}
	}
}

func TestWriteSummaryUnknownFormat(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, summaryOf(t, summaryDataset(), "SE"), "pdf"); err == nil {
		t.Errorf("format pdf: no error")
	}
}
