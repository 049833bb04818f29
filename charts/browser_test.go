package charts

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/cpmap/cpmap/internal/browsertest"
)

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

// TestBrowser opens every page from disk in headless Chromium with the
// network off and checks that it draws every chart, fetches nothing, logs no
// error, and runs none of the hostile texts of the fixture.
func TestBrowser(t *testing.T) {
	bin := browsertest.Chromium(t)
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

	b := browsertest.Start(t, bin, 60*time.Second)

	tooltips := 0
	for _, p := range append([]Page{{Name: "index"}}, pages...) {
		if err := b.Open(filepath.Join(dir, p.Name+".html")); err != nil {
			t.Fatalf("%s: %v", p.Name, err)
		}
		if p.Name == "index" {
			continue
		}
		got, err := chromedp.Run(b.Context(), chromedp.Evaluate[probe](probeScript))
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
		if err := chromedp.Do(b.Context(), chromedp.Sleep(300*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		ran, err := b.Alerts()
		if err != nil {
			t.Errorf("%s: %v", p.Name, err)
		} else if len(ran) > 0 {
			t.Errorf("%s: hostile text ran: alert called %d times", p.Name, len(ran))
		}
		counts, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]int](`[document.scripts.length, document.images.length]`))
		if err != nil {
			t.Errorf("%s: count elements: %v", p.Name, err)
		} else if want := strings.Count(pageHTML(t, dir, p), "<script>"); counts[0] != want || counts[1] != 0 {
			t.Errorf("%s: the page has %d scripts and %d images, want %d and 0", p.Name, counts[0], counts[1], want)
		}
		if shots != "" {
			png, err := chromedp.Run(b.Context(), chromedp.FullScreenshot(100))
			if err != nil {
				t.Errorf("%s: screenshot: %v", p.Name, err)
			} else if err := os.WriteFile(filepath.Join(shots, p.Name+".png"), png, 0o644); err != nil {
				t.Error(err)
			}
		}
	}
	// Draw every page again with the SVG renderer, whose texts the page can
	// measure, and check that no two texts of a chart overlap.
	for _, p := range pages {
		if len(p.Charts) == 0 {
			continue
		}
		for _, o := range svgTextOverlaps(t, b, filepath.Join(dir, p.File())) {
			t.Errorf("%s: %s", p.Name, o)
		}
	}
	if tooltips < 5 {
		t.Errorf("hostile tooltips shown on %d charts, want at least 5: the fixture lost its hostile texts", tooltips)
	}
	for _, p := range b.Problems() {
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

// overlapScript lists, for every chart of the page drawn with the SVG
// renderer, the pairs of <text> elements whose boxes overlap by more than a
// pixel each way. Boxes are measured with getBoundingClientRect, which
// unlike getBBox takes in the transforms of the groups a text is in and its
// own rotation, so that boxes of different groups compare.
const overlapScript = `(() => {
  const out = [];
  for (const id of Object.keys(cpmapOptions)) {
    const el = document.getElementById(id);
    const svg = el && el.querySelector("svg");
    if (!svg) { out.push("#" + id + ": not drawn as SVG"); continue; }
    const boxes = [];
    svg.querySelectorAll("text").forEach((t) => {
      const s = t.textContent.trim();
      if (!s) { return; }
      const st = getComputedStyle(t);
      if (st.display === "none" || st.visibility === "hidden" || Number(st.opacity) === 0) { return; }
      const r = t.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) { boxes.push({s: s, r: r}); }
    });
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r, b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) {
          out.push("#" + id + ": " + JSON.stringify(boxes[i].s) + " overlaps " + JSON.stringify(boxes[j].s) +
            " (" + w.toFixed(0) + "×" + h.toFixed(0) + " px)");
        }
      }
    }
  }
  return out;
})()`

// svgTextOverlaps opens the page at path drawn with the SVG renderer
// ("?renderer=svg") and returns the texts of its charts that overlap.
func svgTextOverlaps(t *testing.T, b *browsertest.Session, path string) []string {
	t.Helper()
	u, err := browsertest.FileURL(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(b.Context(), chromedp.Navigate(u+"?renderer=svg")); err != nil {
		t.Errorf("%s: open with the SVG renderer: %v", filepath.Base(path), err)
		return nil
	}
	got, err := chromedp.Run(b.Context(), chromedp.Evaluate[[]string](overlapScript))
	if err != nil {
		t.Errorf("%s: measure texts: %v", filepath.Base(path), err)
		return nil
	}
	return got
}
