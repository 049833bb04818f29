package importers

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestScanSheet checks the scan of a sheet part for merges and its
// dimension, on merges placed across the scan's chunk boundary, with and
// without a namespace prefix.
func TestScanSheet(t *testing.T) {
	for _, offset := range []int{-600, -520, -100, -20, -5, 0, 3, 40, 700} {
		t.Run(fmt.Sprint(offset), func(t *testing.T) {
			var b strings.Builder
			b.WriteString(`<?xml version="1.0"?><worksheet><dimension ref="A1:D40"/><sheetData>`)
			b.WriteString(`<row r="1"><c r="A1" s="3"><v>0.5</v></c><c s="3"><v>1</v></c><c r="D1"><v>2</v></c></row>`)
			b.WriteString(`<row><c s="3"><v>mergeCell dimension</v></c></row>`)
			for b.Len() < 1<<20+offset {
				b.WriteString(`<row r="9"><c r="A9" t="s"><v>1</v></c></row>`)
			}
			b.WriteString(`</sheetData><mergeCells count="3"><mergeCell ref="A2:A4"/><x:mergeCell ref="B7:C7" /><mergeCell ref="D9:D8"/>`)
			b.WriteString(`<mergeCell ref="A1:XFD1048576"/></mergeCells></worksheet>`)
			xml := b.String()
			want := sheetScan{
				merges:  []mergeRange{{2, 1, 4, 1}, {7, 2, 7, 3}, {8, 4, 9, 4}},
				huge:    []string{"A1:XFD1048576"},
				lastRow: 40,
			}
			got, err := scanSheet(strings.NewReader(xml))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(sheetScan{}, mergeRange{})); diff != "" {
				t.Errorf("scan (-want +got):\n%s", diff)
			}
		})
	}
}
