package assets

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestEChartsJS(t *testing.T) {
	if len(EChartsJS) < 100_000 {
		t.Fatalf("echarts.min.js is %d bytes, want a full bundle", len(EChartsJS))
	}
	want := `version="` + EChartsVersion + `"`
	if !bytes.Contains(EChartsJS, []byte(want)) {
		t.Errorf("echarts.min.js does not contain %s", want)
	}
	// The script is meant to be inlined in a <script> element: a "</script"
	// inside it would end the element early.
	if bytes.Contains(bytes.ToLower(EChartsJS), []byte("</script")) {
		t.Error("echarts.min.js contains </script and cannot be inlined as is")
	}
}

func TestLicenses(t *testing.T) {
	if !strings.Contains(EChartsLicense, "Apache License") || !strings.Contains(EChartsLicense, "Version 2.0") {
		t.Error("EChartsLicense is not the Apache-2.0 text")
	}
	if !strings.Contains(EChartsNotice, "Apache ECharts") {
		t.Error("EChartsNotice does not name Apache ECharts")
	}
	if !strings.Contains(ZRenderLicense, "BSD 3-Clause") {
		t.Error("ZRenderLicense is not the BSD 3-Clause text")
	}
}

type featureCollection struct {
	Type     string    `json:"type"`
	Features []feature `json:"features"`
}

type feature struct {
	Type       string `json:"type"`
	Properties struct {
		Name  string `json:"name"`
		ISOA2 string `json:"iso_a2"`
		Label string `json:"label"`
	} `json:"properties"`
	Geometry struct {
		Type        string          `json:"type"`
		Coordinates json.RawMessage `json:"coordinates"`
	} `json:"geometry"`
}

// polygons returns the geometry as a list of polygons, each a list of rings.
func (f feature) polygons(t *testing.T) [][][][2]float64 {
	t.Helper()
	switch f.Geometry.Type {
	case "Polygon":
		var p [][][2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &p); err != nil {
			t.Fatalf("%s: %v", f.Properties.Name, err)
		}
		return [][][][2]float64{p}
	case "MultiPolygon":
		var mp [][][][2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &mp); err != nil {
			t.Fatalf("%s: %v", f.Properties.Name, err)
		}
		return mp
	default:
		t.Fatalf("%s: geometry type %q, want Polygon or MultiPolygon", f.Properties.Name, f.Geometry.Type)
		return nil
	}
}

func TestBSRGeoJSON(t *testing.T) {
	// The map is meant to be inlined in a <script> element as a JavaScript
	// literal (echarts.registerMap), so it must not contain markup.
	if bytes.ContainsRune(BSRGeoJSON, '<') {
		t.Error("bsr.geo.json contains '<' and cannot be inlined in a <script> as is")
	}
	var fc featureCollection
	if err := json.Unmarshal(BSRGeoJSON, &fc); err != nil {
		t.Fatalf("bsr.geo.json: %v", err)
	}
	if fc.Type != "FeatureCollection" {
		t.Fatalf("type %q, want FeatureCollection", fc.Type)
	}
	var codes []string
	for _, f := range fc.Features {
		codes = append(codes, f.Properties.Name)
	}
	want := []string{"DE", "DK", "EE", "FI", "FO", "GL", "IS", "LT", "LV", "NO", "PL", "RU", "SE"}
	if !slices.Equal(codes, want) {
		t.Fatalf("feature names %v, want %v (sorted)", codes, want)
	}
	if !slices.Equal(BSRCodes, want) {
		t.Errorf("BSRCodes = %v, want %v", BSRCodes, want)
	}

	minLon, minLat, maxLon, maxLat := BSRBBox[0], BSRBBox[1], BSRBBox[2], BSRBBox[3]
	for _, f := range fc.Features {
		name := f.Properties.Name
		if f.Type != "Feature" {
			t.Errorf("%s: type %q, want Feature", name, f.Type)
		}
		if f.Properties.ISOA2 != name {
			t.Errorf("%s: iso_a2 %q, want %q", name, f.Properties.ISOA2, name)
		}
		if f.Properties.Label == "" {
			t.Errorf("%s: empty label", name)
		}
		polys := f.polygons(t)
		if len(polys) == 0 {
			t.Errorf("%s: empty geometry", name)
		}
		for _, poly := range polys {
			if len(poly) == 0 {
				t.Errorf("%s: polygon without rings", name)
			}
			for _, ring := range poly {
				if len(ring) < 4 || ring[0] != ring[len(ring)-1] {
					t.Errorf("%s: ring of %d points is not closed", name, len(ring))
				}
				for i, p := range ring {
					if p[0] < minLon || p[0] > maxLon || p[1] < minLat || p[1] > maxLat {
						t.Errorf("%s: point %v outside the clip box %v", name, p, BSRBBox)
						break
					}
					// A long east-west edge that is not on the box's top or
					// bottom edge means a ring was clipped across the
					// antimeridian and draws a band over the map.
					if i > 0 {
						q := ring[i-1]
						onEdge := p[1] == q[1] && (p[1] == minLat || p[1] == maxLat)
						if math.Abs(p[0]-q[0]) > 20 && !onEdge {
							t.Errorf("%s: edge %v-%v spans %.0f degrees of longitude", name, q, p, math.Abs(p[0]-q[0]))
						}
					}
				}
			}
		}
	}
}
