package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

// TestImportPhases: on a terminal an import shows each phase after reading
// (merging and checking, writing) and clears it; off one it draws nothing.
func TestImportPhases(t *testing.T) {
	write := importDir(t)
	write("a.csv", "country,setting,status,in force,source\nSE,home,prohibited,1979,https://riksdagen.se/fb\n")
	tests := []struct {
		name     string
		terminal bool
		want     []string
	}{
		{"terminal", true, []string{"\rmerging and checking 3 records into data1…", "\rwriting data1…"}},
		{"piped", false, nil},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			getenv := func(k string) string { return fixedClock[k] }
			data := []string{"data1", "data2"}[i]
			code := runApp(context.Background(), []string{"import", "--data", data, "a.csv"}, &out, &errOut, getenv,
				func(io.Writer) bool { return tt.terminal })
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, errOut.String())
			}
			got := errOut.String()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("stderr lacks %q:\n%q", w, got)
				}
			}
			if !tt.terminal && strings.Contains(got, "\r") {
				t.Errorf("progress drawn off a terminal:\n%q", got)
			}
		})
	}
}
