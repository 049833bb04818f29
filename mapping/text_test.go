package mapping

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cpmap/cpmap/dataset"
)

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

func TestCellCaveats(t *testing.T) {
	tests := []struct {
		name string
		cell Cell
		want []string
	}{
		{"plain", Cell{Status: dataset.Prohibited}, nil},
		{"undated, attested", Cell{Status: dataset.Prohibited, Undated: true, AttestedFrom: d("2017-02")},
			[]string{"recorded without a date; attested from 2017-02"}},
		{"undated", Cell{Status: dataset.Prohibited, Undated: true}, []string{"recorded without a date"}},
		{"inferred", Cell{Status: dataset.NotProhibited, Inferred: true,
			InferredBefore: &ProvisionRef{ID: "ee-home", InForce: d("2016-01-01")}},
			[]string{"inferred: before the ban in force on 2016-01-01"}},
		{"inferred from adoption", Cell{Status: dataset.NotProhibited, Inferred: true,
			InferredBefore: &ProvisionRef{ID: "x", Adopted: d("1997")}},
			[]string{"inferred: before the ban in force on 1997"}},
		{"unconfirmed, from adoption", Cell{Status: dataset.Prohibited, FromAdopted: true,
			Provisions: []ProvisionRef{{ID: "x", Unconfirmed: true}}},
			[]string{"no entry-into-force date recorded (counted from adoption)", "not confirmed"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, c := range CellCaveats(tt.cell) {
				got = append(got, c.Text)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("CellCaveats (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLabelsHaveNoCodes(t *testing.T) {
	for vocab, codes := range dataset.Vocabularies {
		for _, c := range codes {
			if l := Label(vocab, c); strings.Contains(l, "_") || (l == c && strings.Contains(c, "_")) {
				t.Errorf("Label(%q, %q) = %q", vocab, c, l)
			}
			if _, ok := labels[vocab][c]; !ok {
				t.Errorf("%s %q has no label", vocab, c)
			}
		}
	}
}
