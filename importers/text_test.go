package importers

import "testing"

func TestSlug(t *testing.T) {
	tests := []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"ascii folding", "Ål ä ł ø", 0, "al-a-l-o"},
		{"punctuation", "Protect me – I am small!", 0, "protect-me-i-am-small"},
		{"cyrillic", "Россия без насилия", 0, "rossiya-bez-nasiliya"},
		{"cut at a hyphen", "non violent childhoods programme", 20, "non-violent"},
		{"nothing left", "§§ –", 0, ""},
		{"underscores", "alternative_care", 0, "alternative-care"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slug(tt.in, tt.max); got != tt.want {
				t.Errorf("slug(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}

func TestStripFootnote(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sweden1", "Sweden"},
		{"YES2", "YES"},
		{"[YES]3", "[YES]"},
		{"Poland*", "Poland"},
		{"Sweden¹²", "Sweden"},
		{"1979", "1979"},
		{"Article 12", "Article 12"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := stripFootnote(tt.in); got != tt.want {
				t.Errorf("stripFootnote(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
