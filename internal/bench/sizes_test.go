package bench

import (
	"slices"
	"testing"
)

func TestSizes(t *testing.T) {
	sizes := Sizes()
	if got, want := sizes[len(sizes)-1], DefaultConfig(); got != want {
		t.Errorf("largest size = %+v, want DefaultConfig %+v", got, want)
	}
	var names []string
	for i, cfg := range sizes {
		if err := cfg.check(); err != nil {
			t.Errorf("size %d: %v", i, err)
		}
		if i > 0 && cfg.Surveys <= sizes[i-1].Surveys {
			t.Errorf("size %d has %d surveys, not more than size %d's %d", i, cfg.Surveys, i-1, sizes[i-1].Surveys)
		}
		names = append(names, cfg.Name())
	}
	if want := []string{"surveys=1000", "surveys=10000", "surveys=100000"}; !slices.Equal(names, want) {
		t.Errorf("names = %q, want %q", names, want)
	}
}
