package xlsx

import (
	"bytes"
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
			want := SheetScan{
				Merges:  []MergeRange{{2, 1, 4, 1}, {7, 2, 7, 3}, {8, 4, 9, 4}},
				Huge:    []string{"A1:XFD1048576"},
				LastRow: 40,
			}
			got, err := ScanSheet(strings.NewReader(xml))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got, cmp.AllowUnexported(SheetScan{}, MergeRange{})); diff != "" {
				t.Errorf("scan (-want +got):\n%s", diff)
			}
		})
	}
}

func FuzzScanSheet(f *testing.F) {
	f.Add([]byte(`<worksheet><dimension ref="A1:C9"/><sheetData><row r="1"><c r="A1" s="1"><v>0.5</v></c><c s="1"/></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells></worksheet>`))
	f.Add([]byte(`<x:row><x:c r="$B$3" s='1'/></x:row><x:mergeCell ref="Z9:A1"/>`))
	f.Add([]byte("<c r=\"A1\" s=\"1\"<<>><mergeCell ref=\"A1\"/>"))
	f.Add([]byte(`<sheetData><row><c t="inlineStr"><is><r><t>a&amp;</t></r><rPh><t>b</t></rPh></is></c><c t="s"><v>0</v></c></row><row r="9"/></sheetData>`))
	f.Add([]byte(`<row r="2"><c r="B2"><v><![CDATA[x]]></v><f/></c><!-- --></row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// The rows: numbered 1, 2, 3... until an error or the end, with
		// no more cells than a sheet has columns.
		rd := NewRows(bytes.NewReader(data), sstOf("s"), map[int]bool{1: true})
		for want := 1; ; want++ {
			cells, n, err := rd.Next()
			if err != nil {
				break
			}
			if n != want || len(cells) > maxSheetColumns {
				t.Fatalf("row %d (want %d) with %d cells", n, want, len(cells))
			}
			rd.Percent(n, 1)
		}
		sc, err := ScanSheet(bytes.NewReader(data))
		if err != nil {
			return
		}
		for _, m := range sc.Merges {
			if m.R1 > m.R2 || m.C1 > m.C2 || m.R1 < 1 || m.C1 < 1 {
				t.Errorf("bad merge %+v", m)
			}
		}
	})
}
