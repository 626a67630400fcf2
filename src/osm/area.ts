import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { readPolygonFile } from '../scenario/geojson.js';
import { InputError } from '../scenario/errors.js';
import type { Polygon } from '../scenario/schema.js';

/** The part of the map to keep: a test of one position. */
export type Area = (lon: number, lat: number) => boolean;

/** `--bbox W,S,E,N` in degrees; W > E (an antimeridian box) and S > N are refused. */
export function parseBbox(text: string): [number, number, number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const v = parts.map(Number);
  const bad = (why: string): never => { throw new InputError('--bbox', '', `${why}, got ${JSON.stringify(text)}`); };
  if (v.length !== 4 || parts.some((p) => p === '') || v.some((x) => !Number.isFinite(x))) bad('expected W,S,E,N (four numbers in degrees)');
  const [w, s, e, n] = v;
  if (w < -180 || e > 180 || s < -90 || n > 90) bad('expected longitudes in [-180, 180] and latitudes in [-90, 90]');
  if (w > e) bad(`expected W <= E (a box across the antimeridian is not supported: import each side)`);
  if (s > n) bad('expected S <= N');
  return [w, s, e, n];
}

export function bboxArea([w, s, e, n]: readonly number[]): Area {
  return (lon, lat) => lon >= w && lon <= e && lat >= s && lat <= n;
}

/** `--polygon FILE.geojson`: the first Polygon or MultiPolygon in the file, tested after its bounding box. */
export function polygonArea(file: string): Area {
  // A file named on the command line is the user's choice: not confined to a folder.
  const { polygon } = readPolygonFile({ baseDir: process.cwd(), scenarioFile: '--polygon', field: '', allowOutside: true }, file);
  const rings = polygon.type === 'Polygon' ? polygon.coordinates : polygon.coordinates.flat();
  const box = bboxOf(rings.flat());
  if (!box) throw new InputError(file, 'coordinates', 'expected a polygon with at least one position');
  const inBox = bboxArea(box);
  const shape = polygon as Polygon;
  return (lon, lat) => inBox(lon, lat) && booleanPointInPolygon([lon, lat], shape);
}

function bboxOf(points: readonly (readonly number[])[]): [number, number, number, number] | undefined {
  if (points.length === 0) return undefined;
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of points) { w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y); }
  return [w, s, e, n];
}
