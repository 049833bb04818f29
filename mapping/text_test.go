package mapping

import "testing"

func TestGroupDigits(t *testing.T) {
	tests := []struct {
		n    int
		sep  string
		want string
	}{
		{0, ",", "0"},
		{999, ",", "999"},
		{1000, ",", "1,000"},
		{1234567, ",", "1,234,567"},
		{-1234567, ",", "-1,234,567"},
		{123456, "\u202f", "123\u202f456"},
	}
	for _, tt := range tests {
		if got := GroupDigits(tt.n, tt.sep); got != tt.want {
			t.Errorf("GroupDigits(%d, %q) = %q, want %q", tt.n, tt.sep, got, tt.want)
		}
	}
}
