// Package browsertest opens pages written to disk in a headless Chromium,
// offline, and collects what goes wrong in them: requests that leave the
// machine, console errors, uncaught exceptions, dialogs, errors in the
// browser's log, and calls of alert.
//
// It is used only by tests (the browser tests of charts and exports); no
// program of cpmap imports it. It reads the environment variable CI, to fail
// rather than skip a browser test when CI has no Chromium.
package browsertest
