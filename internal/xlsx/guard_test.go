package xlsx

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

func TestGuard(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "Parenthood and Guardianship Code", "Parenthood and Guardianship Code"},
		{"formula", `=HYPERLINK("http://evil","x")`, `'=HYPERLINK("http://evil","x")`},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"plus", "+1", "'+1"},
		{"minus expression", "-1+2", "'-1+2"},
		{"negative number as text", "-5", "'-5"},
		{"tab", "\tcmd", "'\tcmd"},
		{"carriage return", "\rcmd", "'\rcmd"},
		{"line feed", "\ncmd", "'\ncmd"},
		{"fullwidth equals", "＝1+1", "'＝1+1"},
		{"fullwidth plus", "＋1", "'＋1"},
		{"fullwidth minus", "－1", "'－1"},
		{"fullwidth at", "＠SUM(A1)", "'＠SUM(A1)"},
		{"trigger inside", "a=b", "a=b"},
		{"trailing newline", "text\n", "text\n"},
		{"leading space", " =1", " =1"},
		{"apostrophe alone", "'", "'"},
		{"apostrophe text", "'tis", "'tis"},
		{"already apostrophe formula", "'=1", "''=1"},
		{"two apostrophes", "''-5", "'''-5"},
		{"invalid utf-8", "\xff=", "\xff="},
		{"number-looking text", "26.5", "26.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Guard(tt.in)
			if got != tt.want {
				t.Errorf("Guard(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if back := Unguard(got); back != tt.in {
				t.Errorf("Unguard(Guard(%q)) = %q, want the original", tt.in, back)
			}
		})
	}
}

// TestUnguard reads values a person may have typed, guarded or not.
func TestUnguard(t *testing.T) {
	tests := []struct{ in, want string }{
		{"'=1", "=1"},
		{"''=1", "'=1"},
		{"'-5", "-5"},
		{"'\uFF1D1", "\uFF1D1"},
		{"'abc", "'abc"},
		{"'", "'"},
		{"''", "''"},
		{"=1", "=1"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Unguard(tt.in); got != tt.want {
			t.Errorf("Unguard(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestGuardRecord(t *testing.T) {
	in := []string{"id", "=1", "-5", "ok"}
	got := GuardRecord(in)
	want := []string{"id", "'=1", "'-5", "ok"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("GuardRecord (-want +got):\n%s", diff)
	}
	if in[1] != "=1" {
		t.Errorf("GuardRecord changed its input: %q", in)
	}
}

// FuzzGuard checks that a guarded value never starts with a trigger
// character, that Unguard gives back the original, and that Guard gives
// back a value Unguard leaves alone.
func FuzzGuard(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''", "-", "＝", "\t", "abc", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Guard(s)
		if r, _ := utf8.DecodeRuneInString(got); got != "" && strings.ContainsRune(formulaTriggers, r) {
			t.Errorf("Guard(%q) = %q starts with a trigger character", s, got)
		}
		if back := Unguard(got); back != s {
			t.Errorf("Unguard(Guard(%q)) = %q", s, back)
		}
		if u := Unguard(s); u != s && Guard(u) != s {
			t.Errorf("Guard(Unguard(%q)) = %q", s, Guard(u))
		}
	})
}
