package xlsx

import (
	"bytes"
	"regexp"
)

// Charts: excelize writes the X axis of a scatter chart as a value axis
// (c:valAx) holding elements only a category axis may hold (auto,
// lblAlgn, lblOffset, noMultiLvlLbl), which Gnumeric rejects; it cites
// the X values of a scatter series as text (strRef), which LibreOffice
// then numbers 1, 2, 3; and it leaves the title of a vertical axis
// unrotated in its text properties, which LibreOffice follows. FixChart
// rewrites a chart part so that it is valid and reads the same everywhere.

// ValAxChildren are the elements a value axis (CT_ValAx of the OOXML
// schema, DrawingML charts) may hold, in the schema's order.
var ValAxChildren = []string{
	"axId", "scaling", "delete", "axPos", "majorGridlines", "minorGridlines", "title", "numFmt",
	"majorTickMark", "minorTickMark", "tickLblPos", "spPr", "txPr", "crossAx", "crosses", "crossesAt",
	"crossBetween", "majorUnit", "minorUnit", "dispUnits", "extLst",
}

var (
	// valAxElem matches a value axis, with or without the c: prefix.
	valAxElem = regexp.MustCompile(`(?s)<((?:c:)?)valAx>.*?</(?:c:)?valAx>`)
	// catOnly matches the elements of a category axis that a value axis
	// may not hold, written empty or as a start and end tag.
	catOnly = regexp.MustCompile(`<((?:c:)?)(auto|lblAlgn|lblOffset|noMultiLvlLbl|tickLblSkip|tickMarkSkip)\b[^>]*?(?:/>|></(?:c:)?(?:auto|lblAlgn|lblOffset|noMultiLvlLbl|tickLblSkip|tickMarkSkip)>)`)
	// xValText matches the X values of a scatter series cited as text.
	xValText = regexp.MustCompile(`(?s)<((?:c:)?)xVal><(?:c:)?strRef>(<(?:c:)?f>[^<]*</(?:c:)?f>)(?:<(?:c:)?strCache>.*?</(?:c:)?strCache>)?</(?:c:)?strRef></(?:c:)?xVal>`)
	// axisElem matches any axis.
	axisElem = regexp.MustCompile(`(?s)<(?:c:)?(?:valAx|catAx|dateAx|serAx)>.*?</(?:c:)?(?:valAx|catAx|dateAx|serAx)>`)
	// vertical matches the position of a vertical axis.
	vertical = regexp.MustCompile(`<(?:c:)?axPos val="[lr]"`)
	// axisTitle matches an axis's title.
	axisTitle = regexp.MustCompile(`(?s)<((?:c:)?)title>.*?</(?:c:)?title>`)
	// unrotated matches a text body without rotation.
	unrotated = regexp.MustCompile(`<a:bodyPr([^>]*?) rot="0"`)
)

// FixChart returns the chart part x (xl/charts/chartN.xml) with every value
// axis holding only what CT_ValAx allows, the X values of scatter series
// cited as numbers, and the title of every vertical axis rotated to read
// upwards.
func FixChart(x []byte) []byte {
	x = valAxElem.ReplaceAllFunc(x, func(ax []byte) []byte {
		return catOnly.ReplaceAll(ax, nil)
	})
	x = xValText.ReplaceAll(x, []byte(`<${1}xVal><${1}numRef>$2</${1}numRef></${1}xVal>`))
	x = axisElem.ReplaceAllFunc(x, func(ax []byte) []byte {
		if !vertical.Match(ax) {
			return ax
		}
		return axisTitle.ReplaceAllFunc(ax, func(t []byte) []byte {
			t = unrotated.ReplaceAll(t, []byte(`<a:bodyPr$1 rot="-5400000"`))
			if !bytes.Contains(t, []byte(`vert=`)) {
				t = bytes.ReplaceAll(t, []byte(`rot="-5400000"`), []byte(`rot="-5400000" vert="horz"`))
			}
			return t
		})
	})
	// Optional elements that say nothing here and that Gnumeric does not
	// know: the 3-D view and walls of a flat chart, an empty paragraph end,
	// and a series' data labels when every label is switched off.
	if !threeD.Match(x) {
		x = flatOnly.ReplaceAll(x, nil)
	}
	x = paraEnd.ReplaceAll(x, nil)
	x = serLabelsOff.ReplaceAllFunc(x, func(d []byte) []byte {
		if bytes.Contains(d, []byte(`val="1"`)) {
			return d
		}
		return nil
	})
	// Booleans of text runs as 0 and 1, which every reader takes
	// (Gnumeric reads b="false" as a bad integer).
	x = runBool.ReplaceAllFunc(x, func(a []byte) []byte {
		if bytes.HasSuffix(a, []byte(`"false"`)) {
			return append(bytes.TrimSuffix(a, []byte(`"false"`)), `"0"`...)
		}
		return append(bytes.TrimSuffix(a, []byte(`"true"`)), `"1"`...)
	})
	return x
}

var (
	// threeD matches a plot of three dimensions, which needs its view.
	threeD = regexp.MustCompile(`<(?:c:)?(?:area3DChart|bar3DChart|line3DChart|pie3DChart|surface3DChart|surfaceChart)\b`)
	// flatOnly matches the 3-D view, floor and walls of a chart.
	flatOnly = regexp.MustCompile(`(?s)<((?:c:)?)(view3D|floor|sideWall|backWall)>.*?</(?:c:)?(?:view3D|floor|sideWall|backWall)>`)
	// paraEnd matches an end-of-paragraph run property with no content.
	paraEnd = regexp.MustCompile(`<a:endParaRPr\b[^>]*?(?:/>|></a:endParaRPr>)`)
	// serLabelsOff matches the data labels of a series (they follow
	// invertIfNegative or spPr inside c:ser; the chart's own labels follow
	// the last series) without nested labels.
	serLabelsOff = regexp.MustCompile(`(?s)<(?:c:)?dLbls>(?:(?:<(?:c:)?(?:spPr|txPr)>.*?</(?:c:)?(?:spPr|txPr)>)|<(?:c:)?(?:spPr|txPr)/>)*(?:<(?:c:)?show\w+ val="[01]"(?:/>|></(?:c:)?show\w+>))+</(?:c:)?dLbls>`)
)

// runBool matches the bold and italic attributes of a text run's
// properties written as words.
var runBool = regexp.MustCompile(` [bi]="(?:false|true)"`)

// chartPart matches the name of a chart part.
var chartPart = regexp.MustCompile(`^xl/charts/chart\d+\.xml$`)
