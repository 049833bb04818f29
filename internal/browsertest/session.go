package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Session is a headless Chromium with one tab, cut off from the network,
// in which a test opens pages from disk one after the other. It collects
// the problems of every page it opens; a test reads them with Problems
// once it has opened its pages.
type Session struct {
	ctx context.Context

	mu       sync.Mutex
	page     string   // the path of the page open last
	problems []string // in the order the browser reported them
}

// alertGuard records calls of alert in window.__cpmapAlerts instead of
// showing them. It runs before any script of a page, so a hostile text
// that gets to run shows up in Alerts rather than as a dialog.
const alertGuard = `window.__cpmapAlerts = []; window.alert = function (m) { window.__cpmapAlerts.push(String(m)); };`

// Start starts Chromium from bin (see Chromium) headless, as root can
// (--no-sandbox), with a fresh profile in a temporary folder and every
// background fetch of the browser turned off; keeps the tab offline (see
// offline); replaces alert, before any script of a page, with a recorder
// read by Alerts; and starts to collect problems. The session, with every
// page opened and every action run on its Context, must end within timeout
// (a confirm or prompt dialog is reported but holds its page until then).
// Start ends the test with t.Fatal when Chromium does not start or cannot be
// driven, naming the Chromium version and the call that failed; the session
// closes when the test ends.
func Start(t testing.TB, bin string, timeout time.Duration) *Session {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
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
		// Second line of defence, should a request get past the Fetch
		// guard: no name resolves and every connection goes to a proxy
		// that is not there. Both are long-standing command-line switches.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND"),
		chromedp.ProxyServer("http://127.0.0.1:9"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 1000),
	)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
		cancel()
	})
	s := &Session{ctx: bctx}
	if err := chromedp.Listen(bctx, s.listen); err != nil {
		t.Fatalf("start %s: %v", version(bin), err)
	}
	setup := chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: alertGuard}); err != nil {
			return fmt.Errorf("install the alert guard (%s): %w", page.CommandAddScriptToEvaluateOnNewDocument, err)
		}
		if _, err := cdp.Call(ctx, tg, fetch.Enable, fetch.EnableParams{
			Patterns: []*fetch.RequestPattern{{URLPattern: "*", RequestStage: fetch.RequestStageRequest}},
		}); err != nil {
			return fmt.Errorf("take the network offline (%s): %w", fetch.CommandEnable, err)
		}
		return nil
	})
	if err := chromedp.Do(bctx, setup); err != nil {
		t.Fatalf("set up %s: %v", version(bin), err)
	}
	return s
}

// offline answers a request the tab paused on (see Start): a file: or
// data: URL goes on, anything else fails as if the machine had no network,
// with the reason Chromium shows as ERR_INTERNET_DISCONNECTED. The Fetch
// domain is a stable part of the DevTools protocol, unlike the network
// condition emulation, whose methods come and go between Chromium releases.
// It runs in a goroutine of its own: a command may not be sent from the loop
// that reads the tab's events.
func (s *Session) offline(e *fetch.EventRequestPaused) {
	u := e.Request.URL
	err := chromedp.Do(s.ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if local(u) {
			_, err := cdp.Call(ctx, tg, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: e.RequestID})
			return err
		}
		_, err := cdp.Call(ctx, tg, fetch.FailRequest, fetch.FailRequestParams{RequestID: e.RequestID, ErrorReason: network.ErrorReasonInternetDisconnected})
		return err
	}))
	if err != nil && s.ctx.Err() == nil {
		s.report("could not answer the paused request for %s: %v", u, err)
	}
}

// local reports whether u is a URL a page may load offline.
func local(u string) bool {
	return strings.HasPrefix(u, "file:") || strings.HasPrefix(u, "data:")
}

// version names the Chromium at bin with the version it reports, for the
// message of a test that cannot drive it.
func version(bin string) string {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--version").Output()
	if v := strings.TrimSpace(string(out)); err == nil && v != "" {
		return fmt.Sprintf("%s (%s)", bin, v)
	}
	return fmt.Sprintf("%s (version unknown: %v)", bin, err)
}

// Context returns the chromedp context of the session's tab, to run
// actions on the page open with chromedp.Run and chromedp.Do.
func (s *Session) Context() context.Context {
	return s.ctx
}

// Open opens the file at path in the tab and waits for it to load. The
// problems reported from then on are put down to that page.
func (s *Session) Open(path string) error {
	u, err := FileURL(path)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.page = path
	s.mu.Unlock()
	if err := chromedp.Do(s.ctx, chromedp.Navigate(u)); err != nil {
		return fmt.Errorf("open %s: %w", u, err)
	}
	return nil
}

// Alerts returns the messages the page open passed to alert; the page ran
// a script it should not have when there are any.
func (s *Session) Alerts() ([]string, error) {
	ran, err := chromedp.Run(s.ctx, chromedp.Evaluate[[]string](`window.__cpmapAlerts`))
	if err != nil {
		return nil, fmt.Errorf("read the alert guard: %w", err)
	}
	return ran, nil
}

// Problems returns what went wrong in the pages opened so far, in the order
// the browser reported it: requests that leave the machine (anything but
// file: and data: URLs), console.error and console.assert calls, uncaught
// exceptions, dialogs that opened, and errors in the browser's log (a file
// that does not load, for one). Each names the page it happened on. A test
// fails when there are any.
func (s *Session) Problems() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.problems)
}

// report adds a problem of the page open.
func (s *Session) report(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems = append(s.problems, s.page+": "+fmt.Sprintf(format, args...))
}

// listen turns the events of the tab that tell of a problem into problems.
// It runs in the loop that reads the tab's messages, so it only takes a
// lock and appends.
func (s *Session) listen(ev any) {
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		if u := e.Request.URL; !local(u) {
			s.report("request leaves the machine: %s", u)
		}
	case *fetch.EventRequestPaused:
		go s.offline(e)
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range e.Args {
				args = append(args, strings.Trim(string(a.Value), `"`)+a.Description)
			}
			s.report("console.%s: %s", e.Type, strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		d := e.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		s.report("uncaught exception at %s:%d: %s", d.URL, d.LineNumber+1, msg)
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			s.report("browser log error: %s (%s)", e.Entry.Text, e.Entry.URL)
		}
	case *page.EventJavascriptDialogOpening:
		s.report("a %s dialog opened: %q", e.Type, e.Message)
	}
}

// FileURL returns the file: URL of the file at path, made absolute.
func FileURL(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("file URL of %s: %w", path, err)
	}
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x on Windows
	}
	return (&url.URL{Scheme: "file", Path: p}).String(), nil
}
