package exports

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cpmap/cpmap/dataset"
	"github.com/cpmap/cpmap/mapping"
)

// forbiddenWords lists what no human rendering may show: every code of a
// vocabulary that has an underscore (all_settings, not_met), every record
// id and series of ds, and words that speak of the machinery rather than
// the data.
func forbiddenWords(ds *dataset.Dataset) []string {
	var out []string
	for _, codes := range mapping.LabelCodes() {
		for _, c := range codes {
			if strings.Contains(c, "_") {
				out = append(out, c)
			}
		}
	}
	for _, p := range ds.Provisions {
		out = append(out, p.ID)
	}
	for _, c := range ds.Campaigns {
		out = append(out, c.ID)
	}
	for _, p := range ds.Programmes {
		out = append(out, p.ID)
	}
	for _, s := range ds.Surveys {
		out = append(out, s.ID)
		if s.Series != "" {
			out = append(out, s.Series)
		}
	}
	for _, s := range ds.Sources {
		out = append(out, s.ID)
	}
	// Jurisdictions are named, not coded, in prose and tables alike.
	for _, j := range ds.Jurisdictions {
		out = append(out, j.Code)
	}
	out = append(out, "least-squares", "Direction: single", "Data as of")
	slices.Sort(out)
	return slices.Compact(out)
}

var (
	namedCode     = regexp.MustCompile(`(\p{L}) \([A-Z]{2}\)`)
	styleOrScript = regexp.MustCompile(`(?s)<(style|script)\b.*?</(style|script)>`)
	tag           = regexp.MustCompile(`(?s)<[^>]*>`)
)

// visibleText returns what a reader sees of a page: the text of HTML
// without its tags, styles and scripts; Markdown and text as they are,
// without the addresses of links and Markdown's escapes.
func visibleText(name string, b []byte) string {
	s := string(b)
	switch filepath.Ext(name) {
	case ".html":
		s = styleOrScript.ReplaceAllString(s, " ")
		s = tag.ReplaceAllString(s, " ")
		s = html.UnescapeString(s)
	case ".md":
		s = regexp.MustCompile(`\]\([^)]*\)|<https?://[^>]*>`).ReplaceAllString(s, "]")
		s = strings.ReplaceAll(s, "\\", "")
	}
	return regexp.MustCompile(`https?://\S+`).ReplaceAllString(s, " ")
}

// checkWords reports every forbidden word found in the visible text of a
// rendering.
func checkWords(t *testing.T, name string, out []byte, forbidden []string) {
	t.Helper()
	text := visibleText(name, out)
	// A code given beside its name ("Estonia (EE)", as for the file names
	// of a pack) explains it; only a bare code is forbidden.
	text = namedCode.ReplaceAllString(text, "$1")
	words := regexp.MustCompile(`[\p{L}\p{N}_-]+`).FindAllString(text, -1)
	seen := map[string]bool{}
	for _, w := range words {
		seen[w] = true
	}
	for _, f := range forbidden {
		found := seen[f]
		if strings.ContainsAny(f, " :") {
			found = strings.Contains(text, f)
		}
		if found {
			i := strings.Index(text, f)
			t.Errorf("%s shows %q: …%s…", name, f, text[max(0, i-60):min(len(text), i+len(f)+60)])
		}
	}
}

// TestWordsNotCodes reads every human output of status, progress,
// timeline, summary and brief (text, md, html) for codes and ids: none may
// show.
func TestWordsNotCodes(t *testing.T) {
	for _, ds := range []*dataset.Dataset{briefDataset(), summaryDataset()} {
		checkViews(t, ds)
	}
	checkBrief(t)
}

// checkViews checks status, progress, timeline and the summaries of ds.
func checkViews(t *testing.T, ds *dataset.Dataset) {
	forbidden := forbiddenWords(ds)
	ix := mapping.NewIndex(ds)
	on := time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)
	var codes []string
	for _, j := range ds.Jurisdictions {
		codes = append(codes, j.Code)
	}
	dd := ix.DataDate(codes)
	views := map[string]func(format string) ([]byte, error){
		"status": func(f string) ([]byte, error) {
			var b bytes.Buffer
			err := WriteStatus(&b, StatusView{Matrix: ix.Status(codes, on), Scope: "every jurisdiction", DataDate: &dd}, f)
			return b.Bytes(), err
		},
		"progress": func(f string) ([]byte, error) {
			var b bytes.Buffer
			err := WriteProgress(&b, ProgressView{AsOf: dataset.DateOf(on), Scope: "every jurisdiction",
				Rubric: mapping.DefaultRubric(), Progress: ix.Progress(codes, on, mapping.DefaultRubric()), DataDate: &dd, Source: ix.Source}, f)
			return b.Bytes(), err
		},
		"timeline": func(f string) ([]byte, error) {
			var b bytes.Buffer
			err := WriteTimeline(&b, TimelineView{AsOf: dataset.DateOf(on), Scope: "every jurisdiction", Changes: ix.Timeline(codes), DataDate: &dd, Source: ix.Source, Name: ix.Name}, f)
			return b.Bytes(), err
		},
	}
	for name, write := range views {
		for _, f := range []string{"text", "md"} {
			out, err := write(f)
			if err != nil {
				t.Fatalf("%s %s: %v", name, f, err)
			}
			checkWords(t, name+"."+f, out, forbidden)
			if f == "text" {
				for i, l := range strings.Split(string(out), "\n") {
					if n := len([]rune(l)); n > maxLine {
						t.Errorf("%s.text line %d has %d characters: %q", name, i+1, n, l)
					}
				}
			}
		}
	}
	for _, code := range codes {
		s, err := ix.Summarise(code, on, mapping.DefaultRubric())
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range SummaryFormats {
			var b bytes.Buffer
			if err := WriteSummary(&b, s, f); err != nil {
				t.Fatal(err)
			}
			checkWords(t, "summary-"+code+"."+f, b.Bytes(), forbidden)
		}
	}
}

// checkBrief checks the pages of a briefing pack with what changed.
func checkBrief(t *testing.T) {
	forbidden := forbiddenWords(briefDataset())
	opt := briefOptions()
	opt.Since, opt.SinceName = briefBefore(), "old-data-folder"
	dir, res := writeBrief(t, briefDataset(), opt)
	for _, f := range res.Files {
		if strings.HasPrefix(f, BriefChartsDir+"/") || !(strings.HasSuffix(f, ".html") || strings.HasSuffix(f, ".md") || strings.HasSuffix(f, ".txt")) {
			continue // the charts are the charts package's to check
		}
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		checkWords(t, "brief/"+f, b, append(forbidden, "old-data-folder"))
	}
}

// TestDataDateNotClock checks that with the clock years ahead the line
// about the data still gives the data's own date, apart from the date of
// the view.
func TestDataDateNotClock(t *testing.T) {
	ds := summaryDataset()
	later := time.Date(2035, 6, 1, 0, 0, 0, 0, time.UTC)
	s, err := mapping.NewIndex(ds).Summarise("SE", later, mapping.DefaultRubric())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range SummaryFormats {
		var b bytes.Buffer
		if err := WriteSummary(&b, s, f); err != nil {
			t.Fatal(err)
		}
		text := visibleText("x."+f, b.Bytes())
		for _, want := range []string{"Status on 2035-06-01.", "Data checked up to 2026-01-15."} {
			if !strings.Contains(text, want) {
				t.Errorf("summary.%s lacks %q", f, want)
			}
		}
	}
	opt := briefOptions()
	opt.AsOf, opt.Now = later, later
	dir, _ := writeBrief(t, briefDataset(), opt)
	for _, f := range []string{BriefIndexHTML, BriefIndexMD, BriefReadme} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		text := visibleText(f, b)
		if !regexp.MustCompile(`(Data checked up to|checked up to) 20[12]\d-`).MatchString(text) || strings.Contains(text, "checked up to 2035") {
			t.Errorf("%s does not give the data's own date apart from the clock:\n%s", f, text[:min(len(text), 600)])
		}
	}
}
