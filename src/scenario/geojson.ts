import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from './errors.js';
import { EdgeSchema, NodeSchema, PolygonSchema, type Polygon } from './schema.js';
import type { EdgeDef, NodeDef } from './types.js';
import { firstIssue } from './issues.js';

/** Reads a referenced file (by resolved path) as JSON: from disk, or from a scenario's bundled content. */
export type JsonReader = (file: string) => unknown;

export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, '', `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(file, '', `invalid JSON: ${(err as Error).message}`);
  }
}

type Feature = { type?: string; geometry?: { type?: string; coordinates?: unknown }; properties?: Record<string, unknown> };

function features(doc: unknown, file: string): Feature[] {
  const d = doc as { type?: string; features?: unknown };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) return d.features as Feature[];
  if (d?.type === 'Feature') return [d as Feature];
  if (d?.type === 'Polygon' || d?.type === 'MultiPolygon') return [{ type: 'Feature', geometry: d as Feature['geometry'], properties: {} }];
  throw new InputError(file, 'type', 'expected a GeoJSON FeatureCollection, Feature or Polygon');
}

/**
 * Network from GeoJSON: Points (properties.id) are nodes; LineStrings (properties.from/to/speedKmh/oneway/km)
 * are edges. An edge without `km` gets its geometry's length, times `detourFactor` when the line is a
 * straight two-point segment (a drawn road already follows its detours).
 */
export function readNetworkGeojson(scenarioDir: string, rel: string, lengthKm: (coords: number[][]) => number, detour: number, read: JsonReader = readJsonFile) {
  const file = resolve(scenarioDir, rel);
  const all = features(read(file), file);
  const nodes: NodeDef[] = [];
  const edges: EdgeDef[] = [];
  all.forEach((f, i) => {
    const kind = f.geometry?.type;
    if (kind === 'Point') {
      const [lon, lat] = (f.geometry?.coordinates ?? []) as number[];
      nodes.push(parseWith(NodeSchema, { ...pick(f.properties, ['id', 'name', 'kind']), lon, lat }, file, `features[${i}].properties`));
    } else if (kind === 'LineString') {
      const coords = f.geometry?.coordinates as number[][];
      const props = pick(f.properties, ['from', 'to', 'speedKmh', 'oneway', 'km', 'road', 'bridge']);
      const edge = parseWith(EdgeSchema, props, file, `features[${i}].properties`);
      if (edge.km === undefined && Array.isArray(coords) && coords.length >= 2) {
        edge.km = lengthKm(coords) * (coords.length === 2 ? detour : 1);
      }
      edges.push(edge);
    } else if (kind !== undefined && kind !== 'Polygon' && kind !== 'MultiPolygon') {
      throw new InputError(file, `features[${i}].geometry.type`, `expected Point or LineString, got ${JSON.stringify(kind)}`);
    }
  });
  return { file, nodes, edges };
}

export function readPolygonFile(scenarioDir: string, rel: string, read: JsonReader = readJsonFile): { file: string; polygon: Polygon } {
  const file = resolve(scenarioDir, rel);
  const all = features(read(file), file);
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
    throw new InputError(file, path ? `${prefix}.${path}` : prefix, message);
  }
  return res.data;
}
