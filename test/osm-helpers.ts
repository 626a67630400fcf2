// Test-side readers of raw OSM data, written apart from src/osm so the checks do not share its code.
import { createOSMStream } from 'osm-pbf-parser-node';
import { readFileSync } from 'node:fs';
import { distance } from '@turf/distance';

export interface RawOsm {
  nodes: Map<number, [number, number]>;
  ways: { id: number; refs: number[]; tags: Record<string, string> }[];
}

export async function readRawPbf(file: string): Promise<RawOsm> {
  const nodes = new Map<number, [number, number]>();
  const ways: RawOsm['ways'] = [];
  for await (const item of createOSMStream(file, { withTags: { node: false, way: true, relation: false } })) {
    const it = item as { type?: string; id: number; lon: number; lat: number; refs: number[]; tags?: Record<string, string> };
    if (it.type === 'node') nodes.set(it.id, [it.lon, it.lat]);
    else if (it.type === 'way') ways.push({ id: it.id, refs: it.refs, tags: it.tags ?? {} });
  }
  return { nodes, ways };
}

export const HIGHWAYS = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link']);

/** The rules, restated: truck allowed unless the most specific of hgv/motor_vehicle/access is no|private. */
export function allowed(tags: Record<string, string>, highways = HIGHWAYS): boolean {
  if (!highways.has(tags.highway)) return false;
  const rule = tags.hgv !== undefined ? tags.hgv : tags.motor_vehicle !== undefined ? tags.motor_vehicle : tags.access;
  return rule !== 'no' && rule !== 'private';
}

/** +1 forward, -1 backward, 0 both. */
export function direction(tags: Record<string, string>): number {
  switch (tags.oneway) {
    case 'yes': case 'true': case '1': return 1;
    case '-1': case 'reverse': return -1;
    case 'no': case 'false': case '0': return 0;
  }
  return tags.junction === 'roundabout' || tags.junction === 'circular' || tags.highway === 'motorway' ? 1 : 0;
}

export type Adjacency = Map<number, { to: number; km: number }[]>;

/** Node-level directed graph of the raw allowed ways, every segment weighted by turf's great-circle km. */
export function rawGraph(raw: RawOsm, highways = HIGHWAYS): { adj: Adjacency; totalKm: number } {
  const adj: Adjacency = new Map();
  let totalKm = 0;
  const arc = (a: number, b: number, km: number) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a)!.push({ to: b, km });
  };
  for (const w of raw.ways) {
    if (!allowed(w.tags, highways)) continue;
    const dir = direction(w.tags);
    for (let k = 1; k < w.refs.length; k++) {
      const a = w.refs[k - 1], b = w.refs[k];
      const pa = raw.nodes.get(a), pb = raw.nodes.get(b);
      if (!pa || !pb || a === b) continue;
      const km = distance(pa, pb, { units: 'kilometers' });
      totalKm += km;
      if (dir >= 0) arc(a, b, km);
      if (dir <= 0) arc(b, a, km);
    }
  }
  return { adj, totalKm };
}

/** Plain Dijkstra with a sorted-array frontier (small graphs only): km from `source` to every node. */
export function dijkstra(adj: Adjacency, source: number): Map<number, number> {
  const dist = new Map<number, number>([[source, 0]]);
  const done = new Set<number>();
  const frontier: [number, number][] = [[0, source]];
  while (frontier.length > 0) {
    let best = 0;
    for (let i = 1; i < frontier.length; i++) if (frontier[i][0] < frontier[best][0]) best = i;
    const [d, u] = frontier[best];
    frontier[best] = frontier[frontier.length - 1];
    frontier.pop();
    if (done.has(u)) continue;
    done.add(u);
    for (const { to, km } of adj.get(u) ?? []) {
      const nd = d + km;
      if (nd < (dist.get(to) ?? Infinity)) { dist.set(to, nd); frontier.push([nd, to]); }
    }
  }
  return dist;
}

export interface NetworkFile {
  points: { id: string; osmId: number; lon: number; lat: number }[];
  lines: { from: string; to: string; km: number; speedKmh: number; oneway: boolean; road?: string; osmWay: number; coords: number[][] }[];
  raw: { attribution?: string; source?: Record<string, unknown> };
}

export function readNetwork(file: string): NetworkFile {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const points: NetworkFile['points'] = [], lines: NetworkFile['lines'] = [];
  for (const f of doc.features) {
    if (f.geometry.type === 'Point') points.push({ ...f.properties, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] });
    else lines.push({ ...f.properties, coords: f.geometry.coordinates });
  }
  return { points, lines, raw: doc };
}

/** Adjacency of an imported network by OSM node id, with the file's km. */
export function networkGraph(net: NetworkFile): Adjacency {
  const osm = new Map(net.points.map((p) => [p.id, p.osmId]));
  const adj: Adjacency = new Map();
  const arc = (a: number, b: number, km: number) => {
    if (!adj.has(a)) adj.set(a, []);
    adj.get(a)!.push({ to: b, km });
  };
  for (const l of net.lines) {
    const a = osm.get(l.from)!, b = osm.get(l.to)!;
    arc(a, b, l.km);
    if (!l.oneway) arc(b, a, l.km);
  }
  return adj;
}
