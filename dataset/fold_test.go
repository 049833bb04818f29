package dataset

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"In force", "in force"},
		{"in_force", "in force"},
		{"  Wejście w życie ", "wejscie w zycie"},
		{"Jā", "ja"},
		{"Łotwa", "lotwa"},
		{"Føroyar", "foroyar"},
		{"Færøerne", "faeroerne"},
		{"Straße", "strasse"},
		{"Þýskaland", "thyskaland"},
		{"Россия", "россия"},
		{"Sweden¹", "sweden1"},
		{"[YES]", "yes"},
		{"Status (Tak/Nie)", "status tak nie"},
		{"", ""},
		{"§ §", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
