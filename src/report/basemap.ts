// The region under the network: Natural Earth's 1:10m land (world-atlas, public domain), cut to the
// map's view in Node so that a page carries only the few kilobytes of coastline it shows. Inside the
// shipped scenarios' region a precomputed extract (scripts/basemap-extract.ts) stands in for the
// world file: it holds only the region's land, so a page build neither converts nor cuts the whole
// world's (0.40x the cpu of that step, see bench/results/HISTORY.md), and it adds the borders and names of
// provinces (Natural Earth admin-1), which world-atlas lacks.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bboxClip from '@turf/bbox-clip';
import { feature } from 'topojson-client';
import { fileURLToPath } from 'node:url';
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { Division, RegionExtract } from './basemap-extract.js';

export type BBox = [number, number, number, number];

export interface Basemap {
  /** Land inside the view as one MultiPolygon; rings closed, coordinates rounded to ~100 m. */
  land: MultiPolygon;
  /** Borders between provinces (first-level divisions) inside the view; empty outside the extract's region. */
  borders: MultiLineString;
  /** Provinces whose label point is in the view. */
  divisions: Division[];
  bbox: BBox;
  source: string;
}

const SOURCE = 'Natural Earth 1:10m land (public domain), via world-atlas 2.0.2';

/** The precomputed extract's region: eastern China with Taiwan, Korea and western Japan. */
export const REGION_BBOX: BBox = [108, 20, 134, 42];
export const REGION_FILE = fileURLToPath(new URL('../../viz/basemap/east-china.json', import.meta.url));

/** lon/lat box around every point, grown by `pad` of its size on each side (at least 0.05°). */
export function viewBox(points: Iterable<Position>, pad = 0.12): BBox | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of points) {
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
  }
  if (!Number.isFinite(x0)) return null;
  const dx = Math.max(0.05, (x1 - x0) * pad), dy = Math.max(0.05, (y1 - y0) * pad);
  return [x0 - dx, y0 - dy, x1 + dx, y1 + dy];
}

/** Every vertex of a zone polygon (Polygon, MultiPolygon or a Feature of one). */
export function* polygonPoints(p: unknown): Iterable<Position> {
  const g = (p && typeof p === 'object' && (p as Feature).type === 'Feature' ? (p as Feature).geometry : p) as Polygon | MultiPolygon | null;
  if (!g || !Array.isArray(g.coordinates)) return;
  const polys = g.type === 'MultiPolygon' ? g.coordinates : [g.coordinates as Position[][]];
  for (const poly of polys) for (const ring of poly) yield* ring;
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Douglas-Peucker: the vertices that keep the line within `tol` degrees of the original (ends kept).
 * The page needs no detail finer than a fraction of a pixel at the zoom a planner uses.
 */
export function simplify(pts: Position[], tol: number): Position[] {
  if (pts.length < 3 || tol <= 0) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack: [number, number][] = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = pts[a], [bx, by] = pts[b];
    const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    let far = -1, best = tol * tol;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      const t = len2 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
      const ex = px - ax - t * dx, ey = py - ay - t * dy, d2 = ex * ex + ey * ey;
      if (d2 > best) { best = d2; far = i; }
    }
    if (far >= 0) { keep[far] = 1; stack.push([a, far], [far, b]); }
  }
  return pts.filter((_, i) => keep[i]);
}

/** Rounded, simplified ring without repeated vertices; null when too small to draw. */
function cleanRing(ring: Position[], tol: number): Position[] | null {
  const out: Position[] = [];
  for (const [x, y] of simplify(ring, tol)) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 4) return null;
  const [a, z] = [out[0], out[out.length - 1]];
  if (a[0] !== z[0] || a[1] !== z[1]) out.push([a[0], a[1]]);
  return out;
}

const within = (b: BBox, r: BBox) => b[0] >= r[0] && b[1] >= r[1] && b[2] <= r[2] && b[3] <= r[3];

/** The polygons' parts inside `bbox`, rounded; a quick box test skips polygons nowhere near it. */
function clipPolygons(polys: Iterable<Position[][]>, bbox: BBox, tol: number): Position[][][] {
  const coordinates: Position[][][] = [];
  const [x0, y0, x1, y1] = bbox;
  for (const poly of polys) {
    let inside = false;
    for (const [x, y] of poly[0]) if (x >= x0 && x <= x1 && y >= y0 && y <= y1) { inside = true; break; }
    const covers = !inside && poly[0].some(([x]) => x < x0) && poly[0].some(([x]) => x > x1) && poly[0].some(([, y]) => y < y0) && poly[0].some(([, y]) => y > y1);
    if (!inside && !covers) continue;
    const cut = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: poly } }, bbox).geometry as Polygon | MultiPolygon;
    const parts: Position[][][] = cut.type === 'Polygon' ? [cut.coordinates] : cut.coordinates;
    for (const part of parts) {
      // A polygon cut away entirely comes back with empty rings.
      if (!Array.isArray(part) || !Array.isArray(part[0]) || !Array.isArray(part[0][0])) continue;
      const outer = cleanRing(part[0], tol);
      if (outer) coordinates.push([outer, ...part.slice(1).filter((r) => Array.isArray(r) && Array.isArray(r[0])).map((r) => cleanRing(r, tol)).filter((r): r is Position[] => r !== null)]);
    }
  }
  return coordinates;
}

/** The polylines' parts inside `bbox`, rounded, without repeated vertices. */
function clipLines(lines: Position[][], bbox: BBox, tol: number): Position[][] {
  const out: Position[][] = [];
  const [x0, y0, x1, y1] = bbox;
  for (const line of lines) {
    if (!line.some(([x, y]) => x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
    const cut = bboxClip({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } }, bbox).geometry;
    for (const part of cut.type === 'LineString' ? [cut.coordinates] : (cut.coordinates as Position[][])) {
      const p: Position[] = [];
      for (const [x, y] of simplify(part, tol)) {
        const q = [round(x), round(y)], last = p[p.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) p.push(q);
      }
      if (p.length >= 2) out.push(p);
    }
  }
  return out;
}

function* worldLand(): Iterable<Position[][]> {
  const file = createRequire(import.meta.url).resolve('world-atlas/land-10m.json');
  const topo = JSON.parse(readFileSync(file, 'utf8'));
  const land = feature(topo, topo.objects.land) as unknown as { features: Feature<Polygon | MultiPolygon>[] };
  for (const f of land.features) yield* f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
}

/**
 * The land of the view `bbox` (with province borders and names inside the extract's region), or null
 * when the box is not on Earth (a synthetic test network). `useExtract: false` reads the world file
 * even inside the region (the tests compare the two).
 */
export function basemapFor(bbox: BBox | null, o: { useExtract?: boolean } = {}): Basemap | null {
  if (!bbox || bbox[0] < -180 || bbox[2] > 180 || bbox[1] < -85 || bbox[3] > 85) return null;
  const out = { bbox: bbox.map(round) as BBox };
  // Detail below 1/8000 of the view's width (a quarter of a pixel on a 2000-pixel map) is left out.
  const tol = (bbox[2] - bbox[0]) / 8000;
  if (o.useExtract !== false && within(bbox, REGION_BBOX) && existsSync(REGION_FILE)) {
    const x = JSON.parse(readFileSync(REGION_FILE, 'utf8')) as RegionExtract;
    const [x0, y0, x1, y1] = bbox;
    return {
      ...out,
      land: { type: 'MultiPolygon', coordinates: clipPolygons(x.land, bbox, tol) },
      borders: { type: 'MultiLineString', coordinates: clipLines(x.borders, bbox, tol) },
      divisions: x.divisions.filter((d) => d.lon >= x0 && d.lon <= x1 && d.lat >= y0 && d.lat <= y1),
      source: x.source,
    };
  }
  return { ...out, land: { type: 'MultiPolygon', coordinates: clipPolygons(worldLand(), bbox, tol) }, borders: { type: 'MultiLineString', coordinates: [] }, divisions: [], source: SOURCE };
}
