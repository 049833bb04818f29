package exports

import (
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/cpmap/cpmap/internal/browsertest"
)

// TestBriefBrowser opens every page of a pack written from a hostile
// dataset in headless Chromium, offline, and checks that no page fetches
// anything, logs an error or runs the hostile text, that every chart is
// drawn, and that the overview prints on A4 paper.
func TestBriefBrowser(t *testing.T) {
	bin := browsertest.Chromium(t)
	ds := briefDataset()
	for i := range ds.Provisions {
		if ds.Provisions[i].ID == "se-home-1979" {
			ds.Provisions[i].Instrument = `</script><script>alert(1)</script>`
		}
	}
	ds.Jurisdictions[4].Name = `Sweden <img src=x onerror=alert(2)>`
	opt := briefOptions()
	opt.Since, opt.SinceName = briefBefore(), `before <b onmouseover=alert(3)>`
	dir, res := writeBrief(t, ds, opt)

	b := browsertest.Start(t, bin, 90*time.Second)

	opened := 0
	for _, name := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		opened++
		if err := b.Open(filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		// Charts: every chart element holds a drawn ECharts instance.
		drawn, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]int](`typeof cpmapOptions === "undefined" ? [0, 0] :
			[Object.keys(cpmapOptions).length, Object.keys(cpmapOptions).filter(id => echarts.getInstanceByDom(document.getElementById(id))).length]`))
		if err != nil {
			t.Errorf("%s: probe the charts: %v", name, err)
		} else if drawn[0] != drawn[1] {
			t.Errorf("%s: %d of %d charts drawn", name, drawn[1], drawn[0])
		}
		if strings.HasPrefix(name, "charts/") && name != "charts/index.html" && drawn[0] == 0 {
			t.Errorf("%s: a chart page without charts", name)
		}
		if err := chromedp.Do(b.Context(), chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		ran, err := b.Alerts()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if len(ran) > 0 {
			t.Errorf("%s: hostile text ran: alert called %d times", name, len(ran))
		}
		images, err := chromedp.Run(b.Context(), chromedp.Evaluate[int](`document.images.length`))
		if err != nil || images != 0 {
			t.Errorf("%s: %d images (%v), want none", name, images, err)
		}
		if name == "index.html" {
			// Every link of the overview leads to a page of the pack or a
			// place in it.
			hrefs, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]string](`[...document.links].map(a => a.href)`))
			if err != nil {
				t.Errorf("index.html: links: %v", err)
			}
			prefix, err := browsertest.FileURL(dir)
			if err != nil {
				t.Fatal(err)
			}
			prefix += "/"
			for _, h := range hrefs {
				if strings.HasPrefix(h, "http://") || strings.HasPrefix(h, "https://") {
					continue // a reference's title links to its address
				}
				h, _, _ = strings.Cut(h, "#")
				rel, ok := strings.CutPrefix(h, prefix)
				if !ok || (rel != "index.html" && !slices.Contains(res.Files, rel)) {
					t.Errorf("index.html links to %s, outside the pack", h)
				}
			}
			text, err := chromedp.Run(b.Context(), chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil || !strings.Contains(text, "Sweden <img src=x onerror=alert(2)>") {
				t.Errorf("index.html does not show the hostile name as text (%v)", err)
			}
			pdf, err := chromedp.Run(b.Context(), printPDF())
			if err != nil {
				t.Errorf("index.html: print: %v", err)
			} else if !a4MediaBox.Match(pdf) {
				t.Errorf("index.html does not print on A4 paper (no A4 media box in the PDF of %d bytes)", len(pdf))
			}
		}
	}
	if opened < 10 {
		t.Errorf("opened %d pages, want every page of the pack", opened)
	}
	for _, p := range b.Problems() {
		t.Error(p)
	}
}

// a4MediaBox matches the media box of an A4 page in a PDF: 210 × 297 mm,
// about 595 × 842 points, written with whatever rounding.
var a4MediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+59[4-6](\.\d+)?\s+84[1-3](\.\d+)?\s*\]`)

// printPDF prints the page to PDF as the browser's print dialog would,
// taking the paper size from the page's @page rule.
func printPDF() chromedp.Action[[]byte] {
	return func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		prefer, background := true, true
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &prefer, PrintBackground: &background})
		return res.Data, err
	}
}
