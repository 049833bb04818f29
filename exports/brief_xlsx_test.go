package exports

import (
	"encoding/xml"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/cpmap/cpmap/internal/xlsx"
	"github.com/xuri/excelize/v2"
)

// TestBriefWorkbookLooksFinished checks what a spreadsheet program shows
// of briefing.xlsx beyond its values: no visible apostrophe in front of
// text, a named font in every style, page setup and print titles on every
// sheet, row heights for wrapped text, and chart value axes that hold only
// what the schema allows.
func TestBriefWorkbookLooksFinished(t *testing.T) {
	ds := briefDataset()
	for i := range ds.Sources {
		if ds.Sources[i].ID == "gi-se" {
			ds.Sources[i].Title = "=1+1"
		}
	}
	dir, _ := writeBrief(t, ds, briefOptions())
	data := readPack(t, dir)["briefing.xlsx"]
	f := openXLSX(t, data)

	t.Run("no visible apostrophes", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			forEachCell(t, f, sheet, func(cell, v string) {
				if strings.HasPrefix(v, "'") {
					t.Errorf("%s!%s = %q shows an apostrophe the data does not hold", sheet, cell, v)
				}
			})
		}
		cell := cellWith(t, f, sheetSources, "=1+1")
		if !quoted(t, f, sheetSources, cell) {
			t.Errorf("%s!%s holds text like a formula without the quote prefix", sheetSources, cell)
		}
	})

	parts := zipParts(t, data, "xl/")
	t.Run("named fonts", func(t *testing.T) {
		fonts := regexp.MustCompile(`(?s)<font>.*?</font>`).FindAllString(parts["xl/styles.xml"], -1)
		if len(fonts) == 0 {
			t.Fatal("no fonts in styles.xml")
		}
		for i, font := range fonts {
			if !strings.Contains(font, "<name val=") {
				t.Errorf("font %d has no name: %s", i, font)
			}
		}
	})

	t.Run("page setup", func(t *testing.T) {
		for _, sheet := range f.GetSheetList() {
			pl, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 ||
				pl.FitToHeight == nil || *pl.FitToHeight != 0 {
				t.Errorf("%s: page layout %+v, want landscape fitted to one page wide", sheet, pl)
			}
			props, err := f.GetSheetProps(sheet)
			if err != nil {
				t.Fatal(err)
			}
			if props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: not fitted to the page", sheet)
			}
		}
		names := f.GetDefinedName()
		for i, sheet := range f.GetSheetList() {
			if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
				return d.Name == "_xlnm.Print_Titles" && d.Scope == sheet && strings.HasSuffix(d.RefersTo, "!$1:$1")
			}) {
				t.Errorf("sheet %d %s: no print titles (header row on every page)", i+1, sheet)
			}
		}
	})

	t.Run("row heights", func(t *testing.T) {
		sheet := f.GetSheetList()[1] // Progress: the gaps wrap over lines
		tall := false
		rows, _ := f.GetRows(sheet)
		for i := 2; i <= len(rows); i++ {
			if h, _ := f.GetRowHeight(sheet, i); h > lineHeight {
				tall = true
			}
		}
		if !tall {
			t.Errorf("%s: no row is taller than one line", sheet)
		}
	})

	t.Run("chart value axes", func(t *testing.T) {
		charts := 0
		for name, x := range parts {
			if !strings.HasPrefix(name, "xl/charts/chart") {
				continue
			}
			charts++
			checkValAxes(t, name, x)
		}
		if charts == 0 {
			t.Error("no charts")
		}
	})
}

// checkValAxes checks every value axis of a chart part: its children are
// those CT_ValAx allows, in the schema's order.
func checkValAxes(t *testing.T, name, x string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(x))
	depth, axis := 0, -1
	var children []string
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch e := tok.(type) {
		case xml.StartElement:
			depth++
			if e.Name.Local == "valAx" {
				axis, children = depth, nil
			} else if axis > 0 && depth == axis+1 {
				children = append(children, e.Name.Local)
			}
		case xml.EndElement:
			if e.Name.Local == "valAx" && depth == axis {
				last := -1
				for _, c := range children {
					i := slices.Index(xlsx.ValAxChildren, c)
					switch {
					case i < 0:
						t.Errorf("%s: valAx holds %s, which CT_ValAx does not allow", name, c)
					case i < last:
						t.Errorf("%s: valAx holds %s out of the schema's order (%v)", name, c, children)
					}
					last = max(last, i)
				}
				axis = -1
			}
			depth--
		}
	}
}
