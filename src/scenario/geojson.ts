import { z } from 'zod';
import { InputError } from './errors.js';
import { EdgeSchema, NodeSchema, PolygonSchema, type Polygon } from './schema.js';
import type { EdgeDef, NodeDef } from './types.js';
import { firstIssue } from './issues.js';
import { readInputFile } from './read-input.js';
import { parseDocument } from './parse-document.js';
import { scenarioPath } from './file-paths.js';

/** Reads a referenced file (by resolved path) as JSON: from disk, or from a scenario's bundled content. */
export type JsonReader = (file: string) => unknown;

/** A JSON file (regular, size-capped), parsed with messages that never quote its content. */
export function readJsonFile(file: string): unknown {
  return parseDocument(readInputFile(file), file, false);
}

/**
 * Reads a file a scenario names. A file that cannot be read or parsed at all is reported against the
 * scenario's field (`scenario.json: network.geojson: /dev/zero: cannot read file (...)`); problems inside
 * a readable GeoJSON name the GeoJSON file and its feature.
 */
function readReferenced(ref: FileRef, file: string): unknown {
  try {
    return (ref.read ?? readJsonFile)(file);
  } catch (err) {
    if (err instanceof InputError && err.field === '') throw new InputError(ref.scenarioFile, ref.field, `${file}: ${err.detail}`);
    throw err;
  }
}

/** Where a scenario's reference to another file points, and whether it may leave the scenario's folder. */
export interface FileRef { baseDir: string; scenarioFile: string; field: string; allowOutside: boolean; read?: JsonReader }

// A LineString's positions: [lon, lat] or [lon, lat, alt], finite, at least two.
const Position = z.array(z.number({ error: 'expected a number' }).refine(Number.isFinite, { error: 'expected a finite number' }), { error: 'expected a [lon, lat] position' })
  .min(2, { error: 'expected a [lon, lat] position' }).max(3, { error: 'expected a [lon, lat] position' })
  .refine((p) => p[0] >= -180 && p[0] <= 180 && p[1] >= -90 && p[1] <= 90, { error: 'expected lon in [-180, 180] and lat in [-90, 90]' });
const LineCoords = z.array(Position, { error: 'expected an array of positions' }).min(2, { error: 'expected at least two positions' });

type Feature = { type?: string; geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> };

function features(doc: unknown, file: string): Feature[] {
  const d = doc as { type?: string; features?: unknown };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) {
    d.features.forEach((f, i) => {
      if (f === null || typeof f !== 'object' || Array.isArray(f)) throw new InputError(file, `features[${i}]`, 'expected a Feature object');
      const g = (f as Feature).geometry;
      if (g !== undefined && g !== null && (typeof g !== 'object' || Array.isArray(g))) throw new InputError(file, `features[${i}].geometry`, 'expected a geometry object or null');
      const p = (f as Feature).properties;
      if (p !== undefined && p !== null && (typeof p !== 'object' || Array.isArray(p))) throw new InputError(file, `features[${i}].properties`, 'expected an object or null');
    });
    return d.features as Feature[];
  }
  if (d?.type === 'Feature') return [d as Feature];
  if (d?.type === 'Polygon' || d?.type === 'MultiPolygon') return [{ type: 'Feature', geometry: d as Feature['geometry'], properties: {} }];
  throw new InputError(file, 'type', 'expected a GeoJSON FeatureCollection, Feature or Polygon');
}

/**
 * Network from GeoJSON: Points (properties.id) are nodes; LineStrings (properties.from/to/speedKmh/oneway/km)
 * are edges. An edge without `km` gets its geometry's length, times `detourFactor` when the line is a
 * straight two-point segment (a drawn road already follows its detours).
 */
export function readNetworkGeojson(ref: FileRef, rel: string, lengthKm: (coords: number[][]) => number, detour: number) {
  const file = scenarioPath(ref.baseDir, rel, ref.scenarioFile, ref.field, ref.allowOutside);
  const all = features(readReferenced(ref, file), file);
  const nodes: NodeDef[] = [];
  const edges: EdgeDef[] = [];
  all.forEach((f, i) => {
    const kind = f.geometry?.type;
    if (kind === 'Point') {
      const xy = f.geometry?.coordinates;
      const [lon, lat] = (Array.isArray(xy) ? xy : []) as unknown[];
      nodes.push(parseWith(NodeSchema, { ...pick(f.properties, ['id', 'name', 'kind']), lon, lat }, file, `features[${i}].properties`));
    } else if (kind === 'LineString') {
      const props = pick(f.properties, ['from', 'to', 'speedKmh', 'oneway', 'km', 'road', 'bridge']);
      const edge = parseWith(EdgeSchema, props, file, `features[${i}].properties`);
      if (edge.km === undefined) {
        const coords = parseWith(LineCoords, f.geometry?.coordinates, file, `features[${i}].geometry.coordinates`);
        const km = lengthKm(coords) * (coords.length === 2 ? detour : 1);
        // A length from geometry must be a usable distance, like a km written in the file.
        if (!(Number.isFinite(km) && km > 0)) throw new InputError(file, `features[${i}].geometry.coordinates`, `the line's length is ${km} km; expected a finite length > 0 (give properties.km)`);
        edge.km = km;
      }
      edges.push(edge);
    } else if (kind !== undefined && kind !== 'Polygon' && kind !== 'MultiPolygon') {
      throw new InputError(file, `features[${i}].geometry.type`, `expected Point or LineString, got ${JSON.stringify(kind)}`);
    }
  });
  return { file, nodes, edges };
}

export function readPolygonFile(ref: FileRef, rel: string): { file: string; polygon: Polygon } {
  const file = scenarioPath(ref.baseDir, rel, ref.scenarioFile, ref.field, ref.allowOutside);
  const all = features(readReferenced(ref, file), file);
  const i = all.findIndex((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon');
  if (i < 0) throw new InputError(file, 'features', 'expected a Polygon or MultiPolygon feature');
  return { file, polygon: parseWith(PolygonSchema, all[i].geometry, file, `features[${i}].geometry`) };
}

function pick(obj: Record<string, unknown> | undefined, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (obj && obj[k] !== undefined) out[k] = obj[k];
  return out;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, file: string, prefix: string): z.output<T> {
  const res = schema.safeParse(value);
  if (!res.success) {
    const { path, message } = firstIssue(res.error, value);
    throw new InputError(file, path ? `${prefix}${path.startsWith('[') ? '' : '.'}${path}` : prefix, message);
  }
  return res.data;
}
