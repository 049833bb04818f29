package exports

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// browserBinary returns the path of a Chromium binary. Without one the test
// is skipped, except under CI (CI set), which installs Chromium: there a
// missing binary fails the test rather than letting it pass unseen.
func browserBinary(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set and no Chromium binary is on PATH: CI must install it (apt-get install -y chromium)")
	}
	t.Skip("no Chromium binary on PATH (chromium, chromium-browser, google-chrome): install Debian's chromium to run the browser test")
	return ""
}

// alertGuard records calls of alert instead of showing them; it runs before
// any script of a page.
const alertGuard = `window.__cpmapAlerts = []; window.alert = function (m) { window.__cpmapAlerts.push(String(m)); };`

// TestBriefBrowser opens every page of a pack written from a hostile
// dataset in headless Chromium, offline, and checks that no page fetches
// anything, logs an error or runs the hostile text, that every chart is
// drawn, and that the overview prints on A4 paper.
func TestBriefBrowser(t *testing.T) {
	bin := browserBinary(t)
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

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1000),
	)
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()

	var mu sync.Mutex
	var problems []string
	report := func(format string, args ...any) {
		mu.Lock()
		problems = append(problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	if err := chromedp.Listen(bctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, "file://") && !strings.HasPrefix(u, "data:") {
				report("request leaves the machine: %s", u)
			}
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
				report("console.%s on a page", e.Type)
			}
		case *runtime.EventExceptionThrown:
			report("uncaught exception at %s:%d: %s", e.ExceptionDetails.URL, e.ExceptionDetails.LineNumber+1, e.ExceptionDetails.Text)
		case *page.EventJavascriptDialogOpening:
			report("a %s dialog opened: %q", e.Type, e.Message)
		}
	}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	setup := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: alertGuard}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
			MatchedNetworkConditions: []*network.Conditions{{Offline: true, DownloadThroughput: -1, UploadThroughput: -1}},
		})
		return err
	})
	if err := chromedp.Do(bctx, setup); err != nil {
		t.Fatalf("set up Chromium: %v", err)
	}

	opened := 0
	for _, name := range res.Files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		opened++
		url := "file://" + filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(name)))
		if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s: open: %v", name, err)
		}
		// Charts: every chart element holds a drawn ECharts instance.
		drawn, err := chromedp.Run(bctx, chromedp.Evaluate[[]int](`typeof cpmapOptions === "undefined" ? [0, 0] :
			[Object.keys(cpmapOptions).length, Object.keys(cpmapOptions).filter(id => echarts.getInstanceByDom(document.getElementById(id))).length]`))
		if err != nil {
			t.Errorf("%s: probe the charts: %v", name, err)
		} else if drawn[0] != drawn[1] {
			t.Errorf("%s: %d of %d charts drawn", name, drawn[1], drawn[0])
		}
		if strings.HasPrefix(name, "charts/") && name != "charts/index.html" && drawn[0] == 0 {
			t.Errorf("%s: a chart page without charts", name)
		}
		if err := chromedp.Do(bctx, chromedp.Sleep(200*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		ran, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`window.__cpmapAlerts`))
		if err != nil {
			t.Errorf("%s: read the alert guard: %v", name, err)
		} else if len(ran) > 0 {
			t.Errorf("%s: hostile text ran: alert called %d times", name, len(ran))
		}
		images, err := chromedp.Run(bctx, chromedp.Evaluate[int](`document.images.length`))
		if err != nil || images != 0 {
			t.Errorf("%s: %d images (%v), want none", name, images, err)
		}
		if name == "index.html" {
			// Every link of the overview leads to a page of the pack or a
			// place in it.
			hrefs, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`[...document.links].map(a => a.href)`))
			if err != nil {
				t.Errorf("index.html: links: %v", err)
			}
			prefix := "file://" + filepath.ToSlash(dir) + "/"
			for _, h := range hrefs {
				h, _, _ = strings.Cut(h, "#")
				rel, ok := strings.CutPrefix(h, prefix)
				if !ok || (rel != "index.html" && !slices.Contains(res.Files, rel)) {
					t.Errorf("index.html links to %s, outside the pack", h)
				}
			}
			text, err := chromedp.Run(bctx, chromedp.Evaluate[string](`document.body.innerText`))
			if err != nil || !strings.Contains(text, "Sweden <img src=x onerror=alert(2)>") {
				t.Errorf("index.html does not show the hostile name as text (%v)", err)
			}
			pdf, err := chromedp.Run(bctx, printPDF())
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
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
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
