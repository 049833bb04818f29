// Package assets holds the static files that cpmap's chart pages need, embedded
// in the binary so that generated HTML works offline and never references a
// CDN:
//
//   - EChartsJS: Apache ECharts 5.6.0 (dist/echarts.min.js from the npm package
//     echarts), licensed under Apache-2.0; its licence and notice are
//     EChartsLicense and EChartsNotice and must ship with any page or binary
//     that includes the script. ZRenderLicense covers the bundled zrender.
//   - BSRGeoJSON: a GeoJSON FeatureCollection of the 13 Baltic Sea Region
//     jurisdictions (DE, DK, EE, FI, FO, GL, IS, LT, LV, NO, PL, RU, SE), derived
//     from Natural Earth 1:50m admin-0 countries (public domain) via the npm
//     package world-atlas 2.0.2, clipped to longitude -75..60 and latitude
//     45..84. Each feature has properties.name and properties.iso_a2 set to the
//     ISO 3166-1 alpha-2 code (ECharts matches data names against
//     properties.name) and properties.label set to the English name.
//
// The files are generated once by hand; see README.md and gen/convert.mjs.
// Nothing is fetched at build or run time.
package assets

import _ "embed"

// EChartsVersion is the version of the embedded ECharts script.
const EChartsVersion = "5.6.0"

// EChartsJS is the minified ECharts browser bundle (echarts.min.js).
//
//go:embed echarts.min.js
var EChartsJS []byte

// EChartsLicense is the Apache-2.0 licence text shipped with ECharts,
// including its notes on bundled third-party code.
//
//go:embed ECHARTS-LICENSE
var EChartsLicense string

// EChartsNotice is the NOTICE file that the Apache-2.0 licence requires to be
// redistributed with ECharts.
//
//go:embed ECHARTS-NOTICE
var EChartsNotice string

// ZRenderLicense is the BSD-3-Clause licence of zrender, the rendering
// library bundled inside echarts.min.js.
//
//go:embed ZRENDER-LICENSE
var ZRenderLicense string

// BSRMapName is a suggested name under which to register BSRGeoJSON with
// echarts.registerMap.
const BSRMapName = "bsr"

// BSRGeoJSON is the Baltic Sea Region map as a GeoJSON FeatureCollection.
//
//go:embed bsr.geo.json
var BSRGeoJSON []byte

// BSRBBox is the clip box applied to every feature of BSRGeoJSON:
// minimum longitude, minimum latitude, maximum longitude, maximum latitude.
var BSRBBox = [4]float64{-75, 45, 60, 84}

// BSRCodes lists the ISO 3166-1 alpha-2 codes of the features in BSRGeoJSON,
// in the order they appear there.
var BSRCodes = []string{"DE", "DK", "EE", "FI", "FO", "GL", "IS", "LT", "LV", "NO", "PL", "RU", "SE"}
