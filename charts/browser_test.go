package charts

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// chromium returns the path of a Chromium binary. Without one the test is
// skipped, except under CI (CI set), which installs Chromium: there a
// missing binary fails the test rather than letting it pass unseen.
func chromium(t *testing.T) string {
	t.Helper()
	path, skip, fail := findChromium(exec.LookPath, os.Getenv("CI") != "")
	switch {
	case fail != "":
		t.Fatal(fail)
	case skip != "":
		t.Skip(skip)
	}
	return path
}

// chromiumNames are the names a Chromium binary goes by.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome"}

// findChromium looks the binary up, and says why the test must be skipped
// or must fail when there is none.
func findChromium(lookPath func(string) (string, error), ci bool) (path, skip, fail string) {
	for _, name := range chromiumNames {
		if p, err := lookPath(name); err == nil {
			return p, "", ""
		}
	}
	if ci {
		return "", "", "CI is set and no Chromium binary is on PATH: CI must install it (apt-get install -y chromium)"
	}
	return "", "no Chromium binary on PATH (chromium, chromium-browser, google-chrome): install Debian's chromium to run the browser test", ""
}

func TestFindChromium(t *testing.T) {
	found := func(name string) (string, error) {
		if name == "chromium-browser" {
			return "/usr/bin/chromium-browser", nil
		}
		return "", exec.ErrNotFound
	}
	missing := func(string) (string, error) { return "", exec.ErrNotFound }
	tests := []struct {
		name         string
		lookPath     func(string) (string, error)
		ci           bool
		path         string
		skips, fails bool
	}{
		{"found", found, false, "/usr/bin/chromium-browser", false, false},
		{"found under CI", found, true, "/usr/bin/chromium-browser", false, false},
		{"missing here skips", missing, false, "", true, false},
		{"missing under CI fails", missing, true, "", false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, skip, fail := findChromium(tt.lookPath, tt.ci)
			if path != tt.path || (skip != "") != tt.skips || (fail != "") != tt.fails {
				t.Errorf("findChromium = %q, skip %q, fail %q; want %q, skips %v, fails %v", path, skip, fail, tt.path, tt.skips, tt.fails)
			}
		})
	}
}

// probe is what the page reports about itself once drawn.
type probe struct {
	Charts []struct {
		ID      string  `json:"id"`
		Exists  bool    `json:"exists"`
		Series  int     `json:"series"`
		DataURL int     `json:"dataURL"`
		Ink     float64 `json:"ink"`
		Tip     string  `json:"tip"`
		Shown   string  `json:"shown"`
	} `json:"charts"`
}

// probeScript finds every chart of the page, counts its series, measures
// how much of its canvas is painted, and shows the tooltip of the first item
// whose text holds a "<" (the hostile text), returning what the tooltip
// displays.
const probeScript = `(() => {
  const out = {charts: []};
  for (const id of Object.keys(cpmapOptions)) {
    const el = document.getElementById(id);
    const inst = el && echarts.getInstanceByDom(el);
    const r = {id: id, exists: !!inst, series: 0, dataURL: 0, ink: 0, tip: "", shown: ""};
    out.charts.push(r);
    if (!inst) { continue; }
    const opt = inst.getOption();
    r.series = opt.series.length;
    r.dataURL = inst.getDataURL({type: "png", pixelRatio: 1, backgroundColor: "#fff"}).length;
    const cv = el.querySelector("canvas");
    const px = cv.getContext("2d").getImageData(0, 0, cv.width, cv.height).data;
    let ink = 0, n = 0;
    for (let i = 0; i < px.length; i += 4 * 11) { n++; if (px[i + 3] > 0) { ink++; } }
    r.ink = n ? ink / n : 0;
    opt.series.forEach((s, si) => (s.data || []).forEach((d, di) => {
      if (!r.tip && d && typeof d.tip === "string" && d.tip.includes("<")) {
        inst.dispatchAction({type: "showTip", seriesIndex: si, dataIndex: di});
        r.tip = d.tip.split("\n")[0];
        r.shown = el.innerText;
      }
    }));
  }
  return out;
})()`

// guard records calls of alert instead of showing them; it runs before any
// script of the page.
const guard = `window.__cpmapAlerts = []; window.alert = function (m) { window.__cpmapAlerts.push(String(m)); };`

// TestBrowser opens every page from disk in headless Chromium with the
// network off and checks that it draws every chart, fetches nothing, logs no
// error, and runs none of the hostile texts of the fixture.
func TestBrowser(t *testing.T) {
	bin := chromium(t)
	in := fixtureInput()
	pages, err := Pages(in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(dir, pages, in.Meta); err != nil {
		t.Fatal(err)
	}
	shots := os.Getenv("CPMAP_SCREENSHOTS") // a folder to save screenshots in, to look at

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
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
				var args []string
				for _, a := range e.Args {
					args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				report("console.%s: %s", e.Type, strings.Join(args, " "))
			}
		case *runtime.EventExceptionThrown:
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			report("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
		case *log.EventEntryAdded:
			if e.Entry.Level == log.EntryLevelError {
				report("browser log error: %s (%s)", e.Entry.Text, e.Entry.URL)
			}
		case *page.EventJavascriptDialogOpening:
			report("a %s dialog opened: %q", e.Type, e.Message)
		}
	}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	setup := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: guard}); err != nil {
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

	tooltips := 0
	for _, p := range append([]Page{{Name: "index"}}, pages...) {
		url := "file://" + filepath.ToSlash(filepath.Join(dir, p.Name+".html"))
		if err := chromedp.Do(bctx, chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s: open: %v", p.Name, err)
		}
		if p.Name == "index" {
			continue
		}
		got, err := chromedp.Run(bctx, chromedp.Evaluate[probe](probeScript))
		if err != nil {
			t.Errorf("%s: probe: %v", p.Name, err)
			continue
		}
		if len(got.Charts) != len(p.Charts) {
			t.Errorf("%s: the page holds %d charts, want %d", p.Name, len(got.Charts), len(p.Charts))
		}
		byID := map[string]*Chart{}
		for _, c := range p.Charts {
			byID[c.ID] = c
		}
		for _, c := range got.Charts {
			want, ok := byID[c.ID]
			switch {
			case !ok:
				t.Errorf("%s: unexpected chart #%s", p.Name, c.ID)
				continue
			case !c.Exists:
				t.Errorf("%s: no ECharts instance on #%s", p.Name, c.ID)
			case c.Series != want.Series:
				t.Errorf("%s: #%s has %d series, want %d", p.Name, c.ID, c.Series, want.Series)
			}
			delete(byID, c.ID)
			if c.Ink < 0.02 || c.DataURL < 5000 {
				t.Errorf("%s: #%s looks blank: %.1f%% of the canvas painted, image of %d bytes", p.Name, c.ID, 100*c.Ink, c.DataURL)
			}
			if c.Tip != "" {
				tooltips++
				if !strings.Contains(c.Shown, c.Tip) {
					t.Errorf("%s: #%s: the tooltip does not show the text %q as text; the chart shows:\n%s", p.Name, c.ID, c.Tip, c.Shown)
				}
			}
		}
		for id := range byID {
			t.Errorf("%s: chart #%s was not drawn", p.Name, id)
		}
		// Let a hostile image's onerror or a deferred script fire, if any.
		if err := chromedp.Do(bctx, chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		ran, err := chromedp.Run(bctx, chromedp.Evaluate[[]string](`window.__cpmapAlerts`))
		if err != nil {
			t.Errorf("%s: read the alert guard: %v", p.Name, err)
		} else if len(ran) > 0 {
			t.Errorf("%s: hostile text ran: alert called %d times", p.Name, len(ran))
		}
		counts, err := chromedp.Run(bctx, chromedp.Evaluate[[]int](`[document.scripts.length, document.images.length]`))
		if err != nil {
			t.Errorf("%s: count elements: %v", p.Name, err)
		} else if want := strings.Count(pageHTML(t, dir, p), "<script>"); counts[0] != want || counts[1] != 0 {
			t.Errorf("%s: the page has %d scripts and %d images, want %d and 0", p.Name, counts[0], counts[1], want)
		}
		if shots != "" {
			png, err := chromedp.Run(bctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Errorf("%s: screenshot: %v", p.Name, err)
			} else if err := os.WriteFile(filepath.Join(shots, p.Name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
	if tooltips < 5 {
		t.Errorf("hostile tooltips shown on %d charts, want at least 5: the fixture lost its hostile texts", tooltips)
	}
	mu.Lock()
	defer mu.Unlock()
	for _, p := range problems {
		t.Error(p)
	}
}

// pageHTML reads a written page.
func pageHTML(t *testing.T, dir string, p Page) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, p.File()))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
