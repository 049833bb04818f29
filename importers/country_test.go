package importers

import "testing"

func TestCountry(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"Poland", "PL", true},
		{"Polska", "PL", true},
		{"sverige", "SE", true},
		{"FI", "FI", true},
		{"EST", "EE", true},
		{"Zzyzx", "", false},
	}
	for _, tt := range tests {
		got, ok := Country(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Country(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSuggestCountry(t *testing.T) {
	tests := []struct {
		in, wantName, wantCode string
		ok                     bool
	}{
		{"Latvja", "Latvia", "LV", true},
		{"Polnd", "Poland", "PL", true},
		{"Zzyzx", "", "", false},
		{"Q", "", "", false},
	}
	for _, tt := range tests {
		name, code, ok := SuggestCountry(tt.in)
		if name != tt.wantName || code != tt.wantCode || ok != tt.ok {
			t.Errorf("SuggestCountry(%q) = %q, %q, %v; want %q, %q, %v", tt.in, name, code, ok, tt.wantName, tt.wantCode, tt.ok)
		}
	}
}
