package exports

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// unsafeText is the importers' inverse of SafeText, as its doc comment
// states it: one apostrophe goes when the rest is guarded.
func unsafeText(s string) string {
	if rest, ok := strings.CutPrefix(s, "'"); ok && guarded(rest) {
		return rest
	}
	return s
}

func TestSafeText(t *testing.T) {
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
			got := SafeText(tt.in)
			if got != tt.want {
				t.Errorf("SafeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if back := unsafeText(got); back != tt.in {
				t.Errorf("inverse of SafeText(%q) = %q, want the original", tt.in, back)
			}
		})
	}
}

func TestSafeRecord(t *testing.T) {
	in := []string{"id", "=1", "-5", "ok"}
	got := SafeRecord(in)
	want := []string{"id", "'=1", "'-5", "ok"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("SafeRecord (-want +got):\n%s", diff)
	}
	if in[1] != "=1" {
		t.Errorf("SafeRecord changed its input: %q", in)
	}
}

// FuzzSafeText checks that a guarded value never starts with a trigger
// character and that the importers' inverse gives back the original.
func FuzzSafeText(f *testing.F) {
	for _, s := range []string{"", "=1", "'=1", "''", "-", "＝", "\t", "abc", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := SafeText(s)
		if r, _ := utf8.DecodeRuneInString(got); got != "" && strings.ContainsRune(formulaTriggers, r) {
			t.Errorf("SafeText(%q) = %q starts with a trigger character", s, got)
		}
		if back := unsafeText(got); back != s {
			t.Errorf("unsafeText(SafeText(%q)) = %q", s, back)
		}
	})
}
