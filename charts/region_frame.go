package charts

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/cpmap/cpmap/charts/assets"
)

// mapFrame is the part of the world the region map shows, as west, south,
// east and north bounds in degrees: the states around the Baltic Sea, from
// Iceland to the Gulf of Finland and from the Alps' foothills to the North
// Cape. Greenland, Svalbard and Russia east of St Petersburg lie outside it:
// drawn whole, Greenland alone took half the frame. A jurisdiction the frame
// cuts off entirely is listed under the map as not on it.
var mapFrame = [4]float64{-25, 47, 42, 71.6}

// mapAspect is the ratio of a degree of longitude to one of latitude on the
// map: about the cosine of the region's middle latitude.
const mapAspect = 0.55

// regionGeoJSON returns the embedded GeoJSON of the region with every
// polygon clipped to mapFrame, and features of which less than a tenth is
// left in the frame dropped.
var regionGeoJSON = sync.OnceValues(func() ([]byte, error) {
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Type       string          `json:"type"`
			Properties json.RawMessage `json:"properties"`
			Geometry   struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(assets.BSRGeoJSON, &fc); err != nil {
		return nil, fmt.Errorf("region map: %w", err)
	}
	type feature struct {
		Type       string          `json:"type"`
		Properties json.RawMessage `json:"properties"`
		Geometry   struct {
			Type        string           `json:"type"`
			Coordinates [][][][2]float64 `json:"coordinates"`
		} `json:"geometry"`
	}
	out := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: fc.Type, Features: []feature{}}
	for _, f := range fc.Features {
		polys, err := polygons(f.Geometry.Type, f.Geometry.Coordinates)
		if err != nil {
			return nil, fmt.Errorf("region map: %w", err)
		}
		var kept [][][][2]float64
		var whole, left float64
		for _, p := range polys {
			if len(p) == 0 {
				continue
			}
			_, a := centroid(p[0])
			whole += a
			outer := clipRing(p[0], mapFrame)
			if len(outer) >= 3 {
				_, b := centroid(outer)
				left += b
			}
			if len(outer) < 3 {
				continue
			}
			q := [][][2]float64{outer}
			for _, hole := range p[1:] {
				if h := clipRing(hole, mapFrame); len(h) >= 3 {
					q = append(q, h)
				}
			}
			kept = append(kept, q)
		}
		// A sliver at the frame's edge (Greenland's east coast) would read
		// as a smudge: a jurisdiction keeps its shape only if a tenth of it
		// is inside the frame.
		if len(kept) == 0 || left < whole/10 {
			continue
		}
		g := feature{Type: f.Type, Properties: f.Properties}
		g.Geometry.Type = "MultiPolygon"
		g.Geometry.Coordinates = kept
		out.Features = append(out.Features, g)
	}
	b, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("region map: %w", err)
	}
	return b, nil
})

// polygons decodes the coordinates of a GeoJSON Polygon or MultiPolygon as
// a list of polygons, each a list of rings.
func polygons(geomType string, coords json.RawMessage) ([][][][2]float64, error) {
	switch geomType {
	case "Polygon":
		var p [][][2]float64
		if err := json.Unmarshal(coords, &p); err != nil {
			return nil, err
		}
		return [][][][2]float64{p}, nil
	case "MultiPolygon":
		var ps [][][][2]float64
		if err := json.Unmarshal(coords, &ps); err != nil {
			return nil, err
		}
		return ps, nil
	}
	return nil, fmt.Errorf("unexpected geometry %q", geomType)
}

// clipRing clips a polygon's ring to the box west, south, east, north
// (Sutherland–Hodgman against each edge in turn). The result may run along
// the box's edges; it is empty when the ring lies outside.
func clipRing(ring [][2]float64, box [4]float64) [][2]float64 {
	edges := []struct {
		inside func(p [2]float64) bool
		cross  func(a, b [2]float64) [2]float64
	}{
		{func(p [2]float64) bool { return p[0] >= box[0] }, func(a, b [2]float64) [2]float64 { return atX(a, b, box[0]) }},
		{func(p [2]float64) bool { return p[0] <= box[2] }, func(a, b [2]float64) [2]float64 { return atX(a, b, box[2]) }},
		{func(p [2]float64) bool { return p[1] >= box[1] }, func(a, b [2]float64) [2]float64 { return atY(a, b, box[1]) }},
		{func(p [2]float64) bool { return p[1] <= box[3] }, func(a, b [2]float64) [2]float64 { return atY(a, b, box[3]) }},
	}
	out := ring
	for _, e := range edges {
		in := out
		out = nil
		for i, cur := range in {
			prev := in[(i+len(in)-1)%len(in)]
			switch {
			case e.inside(cur):
				if !e.inside(prev) {
					out = append(out, e.cross(prev, cur))
				}
				out = append(out, cur)
			case e.inside(prev):
				out = append(out, e.cross(prev, cur))
			}
		}
		if len(out) == 0 {
			return nil
		}
	}
	return out
}

// atX is where the segment a–b crosses the meridian x.
func atX(a, b [2]float64, x float64) [2]float64 {
	t := (x - a[0]) / (b[0] - a[0])
	return [2]float64{x, a[1] + t*(b[1]-a[1])}
}

// atY is where the segment a–b crosses the parallel y.
func atY(a, b [2]float64, y float64) [2]float64 {
	t := (y - a[1]) / (b[1] - a[1])
	return [2]float64{a[0] + t*(b[0]-a[0]), y}
}
