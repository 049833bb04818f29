// convert.mjs builds ../bsr.geo.json, the Baltic Sea Region map embedded by
// package assets, from Natural Earth 1:50m admin-0 countries (public domain)
// as redistributed in the npm package world-atlas (countries-50m.json).
//
// It is run by hand, once, never at build or run time. To rerun it:
//
//   repo=$(git rev-parse --show-toplevel)
//   work=$(mktemp -d) && cd "$work" && npm init -y >/dev/null &&
//     npm install world-atlas@2.0.2 topojson-client@3.1.0 &&
//     node "$repo/charts/assets/gen/convert.mjs"   # or: node .../convert.mjs OUT.json
//
// Packages are resolved from the current directory, so run it from the folder
// where they were installed. The output is deterministic: features sorted by
// ISO 3166-1 alpha-2 code, coordinates rounded to PRECISION decimals, every
// geometry clipped to the box BBOX (so Russia is cut to its western part).
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHash } from "node:crypto";

const require = createRequire(pathToFileURL(process.cwd() + "/"));
const topology = require("world-atlas/countries-50m.json");
const topojson = require("topojson-client");
const atlasVersion = require("world-atlas/package.json").version;
const clientVersion = require("topojson-client/package.json").version;

// Clip box: [minLon, minLat, maxLon, maxLat]. Keeps Greenland and European Russia.
const BBOX = [-75, 45, 60, 84];
const PRECISION = 3; // decimals (about 100 m), the resolution of the 1:50m source

// ISO 3166-1 numeric (world-atlas feature id) -> alpha-2 and English name.
const JURISDICTIONS = {
  "208": ["DK", "Denmark"],
  "233": ["EE", "Estonia"],
  "234": ["FO", "Faroe Islands"],
  "246": ["FI", "Finland"],
  "276": ["DE", "Germany"],
  "304": ["GL", "Greenland"],
  "352": ["IS", "Iceland"],
  "428": ["LV", "Latvia"],
  "440": ["LT", "Lithuania"],
  "578": ["NO", "Norway"],
  "616": ["PL", "Poland"],
  "643": ["RU", "Russia"],
  "752": ["SE", "Sweden"],
};
// Natural Earth keeps some territories as separate admin-0 units; they are
// drawn as part of the jurisdiction whose law applies there.
const MERGE_INTO = {
  "248": "246", // Åland Islands -> Finland
};

const all = topojson.feature(topology, topology.objects.countries).features;
const byId = new Map(all.map((f) => [f.id, f]));

function polygonsOf(geom) {
  if (!geom) return [];
  if (geom.type === "Polygon") return [geom.coordinates];
  if (geom.type === "MultiPolygon") return geom.coordinates;
  throw new Error("unexpected geometry type " + geom.type);
}

// Sutherland–Hodgman clipping of one closed ring against BBOX.
function clipRing(ring) {
  const [x0, y0, x1, y1] = BBOX;
  const edges = [
    [(p) => p[0] >= x0, (a, b) => cut(a, b, 0, x0)],
    [(p) => p[0] <= x1, (a, b) => cut(a, b, 0, x1)],
    [(p) => p[1] >= y0, (a, b) => cut(a, b, 1, y0)],
    [(p) => p[1] <= y1, (a, b) => cut(a, b, 1, y1)],
  ];
  let pts = ring.slice(0, -1); // open ring
  for (const [inside, intersect] of edges) {
    if (pts.length === 0) break;
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i];
      const prev = pts[(i + pts.length - 1) % pts.length];
      if (inside(cur)) {
        if (!inside(prev)) out.push(intersect(prev, cur));
        out.push(cur);
      } else if (inside(prev)) {
        out.push(intersect(prev, cur));
      }
    }
    pts = out;
  }
  return pts;
}

function cut(a, b, axis, v) {
  const t = (v - a[axis]) / (b[axis] - a[axis]);
  const p = [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
  p[axis] = v;
  return p;
}

const f = 10 ** PRECISION;
const round = (x) => Math.round(x * f) / f + 0; // +0 turns -0 into 0

// Natural Earth rings that cross the antimeridian (Russia's Chukotka) jump
// from +180 to -180; make them continuous so that clipping does not draw a
// band across the whole box.
function unwrapRing(ring) {
  const out = [[ring[0][0], ring[0][1]]];
  let offset = 0;
  for (let i = 1; i < ring.length; i++) {
    const d = ring[i][0] - ring[i - 1][0];
    if (d > 180) offset -= 360;
    else if (d < -180) offset += 360;
    out.push([ring[i][0] + offset, ring[i][1]]);
  }
  return out;
}

// Clip, round, drop repeated points, close; null if the ring degenerates.
function tidyRing(ring) {
  const pts = [];
  for (const p of clipRing(unwrapRing(ring))) {
    const q = [round(p[0]), round(p[1])];
    const last = pts[pts.length - 1];
    if (!last || last[0] !== q[0] || last[1] !== q[1]) pts.push(q);
  }
  while (pts.length > 1 && pts[0][0] === pts[pts.length - 1][0] && pts[0][1] === pts[pts.length - 1][1]) pts.pop();
  if (pts.length < 3) return null;
  pts.push([pts[0][0], pts[0][1]]);
  return pts;
}

const features = [];
for (const [id, [code, label]] of Object.entries(JURISDICTIONS)) {
  const src = byId.get(id);
  if (!src) throw new Error(`feature ${id} (${code}) not found in countries-50m`);
  const polys = [...polygonsOf(src.geometry)];
  for (const [extra, into] of Object.entries(MERGE_INTO)) {
    if (into === id && byId.has(extra)) polys.push(...polygonsOf(byId.get(extra).geometry));
  }
  const out = [];
  for (const poly of polys) {
    const outer = tidyRing(poly[0]);
    if (!outer) continue; // outside the box or too small at this precision
    const holes = poly.slice(1).map(tidyRing).filter(Boolean);
    out.push([outer, ...holes]);
  }
  if (out.length === 0) throw new Error(`${code}: nothing left after clipping`);
  const geometry = out.length === 1
    ? { type: "Polygon", coordinates: out[0] }
    : { type: "MultiPolygon", coordinates: out };
  features.push({
    type: "Feature",
    properties: { name: code, iso_a2: code, label },
    geometry,
  });
}
features.sort((a, b) => (a.properties.name < b.properties.name ? -1 : 1));

const text =
  '{"type":"FeatureCollection","features":[\n' +
  features.map((x) => JSON.stringify(x)).join(",\n") +
  "\n]}\n";
const outPath = process.argv[2] || fileURLToPath(new URL("../bsr.geo.json", import.meta.url));
writeFileSync(outPath, text);
const sha = createHash("sha256").update(text).digest("hex");
console.log(`world-atlas ${atlasVersion}, topojson-client ${clientVersion}`);
console.log(`wrote ${outPath}: ${features.length} features, ${text.length} bytes, sha256 ${sha}`);
