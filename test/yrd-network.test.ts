// Checks on the shipped Yangtze River Delta road network and zone polygons, read straight from the
// GeoJSON (independent of the simulation core). Each check is a small pure function, tested first on
// hand-made broken input so that we know it can fail, then on the shipped data.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  booleanClockwise, booleanIntersects, booleanPointInPolygon, distance, lineString, point, polygon,
} from '@turf/turf';
import type { Feature, FeatureCollection, LineString, Point, Polygon } from 'geojson';

const ROOT = join(import.meta.dirname, '..');
const SCENARIOS = join(ROOT, 'scenarios');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

interface Node { id: string; kind?: string; lon: number; lat: number }
interface Edge { from: string; to: string; speedKmh: number; oneway?: boolean; road?: string; bridge?: boolean; km?: number; coords: number[][] }
interface Net { nodes: Node[]; edges: Edge[] }

const KINDS = ['interchange', 'city', 'port', 'factory', 'station', 'checkpoint'];
const DETOUR = { min: 1.0, max: 1.4, tolerance: 0.15 };

function parseNetwork(fc: FeatureCollection): Net {
  const nodes: Node[] = [];
  const edges: Edge[] = [];
  for (const f of fc.features) {
    const p = f.properties ?? {};
    if (f.geometry.type === 'Point') {
      const [lon, lat] = (f.geometry as Point).coordinates;
      nodes.push({ id: p.id, kind: p.kind, lon, lat });
    } else if (f.geometry.type === 'LineString') {
      edges.push({ ...(p as Omit<Edge, 'coords'>), coords: (f.geometry as LineString).coordinates });
    }
  }
  return { nodes, edges };
}

const gcKm = (a: number[], b: number[]) => distance(point(a), point(b), { units: 'kilometers' });

/** Problems with ids and references: duplicates, bad ids, dangling endpoints, geometry not at the nodes. */
function referenceProblems(net: Net): string[] {
  const out: string[] = [];
  const byId = new Map<string, Node>();
  for (const n of net.nodes) {
    if (!/^[a-z0-9-]+$/.test(n.id ?? '')) out.push(`bad node id ${JSON.stringify(n.id)}`);
    if (byId.has(n.id)) out.push(`duplicate node id ${n.id}`);
    if (n.kind !== undefined && !KINDS.includes(n.kind)) out.push(`${n.id}: unknown kind ${n.kind}`);
    byId.set(n.id, n);
  }
  const pairs = new Set<string>();
  for (const e of net.edges) {
    const a = byId.get(e.from), b = byId.get(e.to);
    if (!a || !b) { out.push(`edge ${e.from}-${e.to}: unknown endpoint`); continue; }
    if (e.from === e.to) out.push(`edge ${e.from}-${e.to}: self-loop`);
    const key = [e.from, e.to].sort().join('|');
    if (pairs.has(key)) out.push(`edge ${e.from}-${e.to}: duplicate`);
    pairs.add(key);
    const [c0, c1] = [e.coords[0], e.coords[e.coords.length - 1]];
    if (e.coords.length !== 2 || gcKm(c0, [a.lon, a.lat]) > 0.01 || gcKm(c1, [b.lon, b.lat]) > 0.01) {
      out.push(`edge ${e.from}-${e.to}: geometry is not [from, to]`);
    }
    if (e.oneway !== false) out.push(`edge ${e.from}-${e.to}: expected oneway false`);
    if (!(e.speedKmh >= 40 && e.speedKmh <= 90)) out.push(`edge ${e.from}-${e.to}: truck speed ${e.speedKmh} km/h outside 40-90`);
  }
  return out;
}

/** Edges whose length is not great-circle x a plausible detour (1.0-1.4, +-15 %), or absurdly long. */
function lengthProblems(net: Net, detourFactor: number): string[] {
  const out: string[] = [];
  for (const e of net.edges) {
    const gc = gcKm(e.coords[0], e.coords[1]);
    const km = e.km ?? gc * detourFactor;
    const ratio = km / gc;
    if (!(ratio >= DETOUR.min * (1 - DETOUR.tolerance) && ratio <= DETOUR.max * (1 + DETOUR.tolerance))) {
      out.push(`edge ${e.from}-${e.to}: ${km.toFixed(1)} km vs ${gc.toFixed(1)} km great-circle (x${ratio.toFixed(2)})`);
    }
    if (gc < 0.5 || gc > 110) out.push(`edge ${e.from}-${e.to}: ${gc.toFixed(1)} km great-circle is implausible for one hop`);
  }
  return out;
}

function degrees(net: Net): Map<string, number> {
  const deg = new Map(net.nodes.map((n) => [n.id, 0]));
  for (const e of net.edges) { deg.set(e.from, (deg.get(e.from) ?? 0) + 1); deg.set(e.to, (deg.get(e.to) ?? 0) + 1); }
  return deg;
}

/** Degree sanity: no isolated node, pass-through nodes (interchange, checkpoint, station) have >= 2. */
function degreeProblems(net: Net): string[] {
  const deg = degrees(net);
  const out: string[] = [];
  for (const n of net.nodes) {
    const d = deg.get(n.id) ?? 0;
    if (d === 0) out.push(`${n.id}: isolated`);
    if (['interchange', 'checkpoint', 'station'].includes(n.kind ?? '') && d < 2) out.push(`${n.id} (${n.kind}): degree ${d} < 2 (dead end)`);
    if (d > 8) out.push(`${n.id}: degree ${d} > 8`);
  }
  return out;
}

/** Connected components of the undirected graph (nodes listed per component). */
function components(net: Net): string[][] {
  const adj = new Map<string, string[]>(net.nodes.map((n) => [n.id, []]));
  for (const e of net.edges) { adj.get(e.from)?.push(e.to); adj.get(e.to)?.push(e.from); }
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const n of net.nodes) {
    if (seen.has(n.id)) continue;
    const comp: string[] = [];
    const stack = [n.id];
    seen.add(n.id);
    while (stack.length) {
      const u = stack.pop()!;
      comp.push(u);
      for (const v of adj.get(u) ?? []) if (!seen.has(v)) { seen.add(v); stack.push(v); }
    }
    out.push(comp);
  }
  return out;
}

/** Non-bridge edges that touch the sea, and nodes that stand in it. */
function seaProblems(net: Net, sea: Feature<Polygon>[]): string[] {
  const out: string[] = [];
  for (const e of net.edges) {
    const line = lineString(e.coords);
    const wet = sea.filter((s) => booleanIntersects(line, s)).map((s) => s.properties?.name);
    if (wet.length > 0 && e.bridge !== true) out.push(`edge ${e.from}-${e.to} (${e.road}) crosses ${wet.join(', ')} but is not a bridge`);
  }
  for (const n of net.nodes) {
    const wet = sea.filter((s) => booleanPointInPolygon(point([n.lon, n.lat]), s));
    if (wet.length > 0) out.push(`node ${n.id} stands in ${wet[0].properties?.name}`);
  }
  return out;
}

/** Ring problems: open ring, too few/many vertices, clockwise outer ring. */
function ringProblems(name: string, poly: Polygon, minVertices = 15, maxVertices = 60): string[] {
  const out: string[] = [];
  const ring = poly.coordinates[0];
  const [a, b] = [ring[0], ring[ring.length - 1]];
  const closed = a[0] === b[0] && a[1] === b[1];
  if (!closed) out.push(`${name}: ring not closed`);
  const vertices = closed ? ring.length - 1 : ring.length;
  if (vertices < minVertices || vertices > maxVertices) out.push(`${name}: ${vertices} vertices, expected ${minVertices}-${maxVertices}`);
  if (booleanClockwise(ring)) out.push(`${name}: outer ring is clockwise`);
  return out;
}

// ---------------------------------------------------------------------------------------------------

const network = parseNetwork(readJson(join(SCENARIOS, 'data', 'yrd-network.geojson')));
const sea: Feature<Polygon>[] = readJson(join(import.meta.dirname, 'fixtures', 'yrd-sea.geojson')).features;
const shippedScenarios = readdirSync(SCENARIOS).filter((f) => /^yrd-.*\.json$/.test(f)).map((f) => ({ file: f, s: readJson(join(SCENARIOS, f)) }));
const detourFactor: number = shippedScenarios.find((x) => x.file === 'yrd-2022.json')?.s.network.detourFactor ?? 1.25;
const nodeById = new Map(network.nodes.map((n) => [n.id, n]));
const zonePolygon = (city: string): Polygon => {
  const doc = readJson(join(SCENARIOS, 'data', 'zones', `${city}.geojson`));
  return doc.type === 'Feature' ? doc.geometry : doc;
};
const inZone = (id: string, poly: Polygon) => {
  const n = nodeById.get(id);
  if (!n) throw new Error(`no node ${id}`);
  return booleanPointInPolygon(point([n.lon, n.lat]), poly);
};

// Hand-made broken input for the checkers.
const tiny = (): Net => ({
  nodes: [
    { id: 'a', kind: 'city', lon: 121.0, lat: 31.0 },
    { id: 'b', kind: 'interchange', lon: 121.1, lat: 31.0 },
    { id: 'c', kind: 'city', lon: 121.2, lat: 31.0 },
  ],
  edges: [
    { from: 'a', to: 'b', speedKmh: 80, oneway: false, coords: [[121.0, 31.0], [121.1, 31.0]] },
    { from: 'b', to: 'c', speedKmh: 80, oneway: false, coords: [[121.1, 31.0], [121.2, 31.0]] },
  ],
});

describe('the checkers catch broken networks', () => {
  it('a clean tiny network passes every checker', () => {
    const net = tiny();
    expect(referenceProblems(net)).toEqual([]);
    expect(lengthProblems(net, 1.25)).toEqual([]);
    expect(degreeProblems(net)).toEqual([]);
    expect(components(net)).toHaveLength(1);
  });
  it('referenceProblems() flags duplicate ids, dangling endpoints and misplaced geometry', () => {
    const net = tiny();
    net.nodes.push({ id: 'a', lon: 0, lat: 0 });
    net.edges.push({ from: 'c', to: 'zz', speedKmh: 80, oneway: false, coords: [[121.2, 31.0], [121.3, 31.0]] });
    net.edges[0].coords = [[121.0, 31.0], [121.5, 31.5]];
    const p = referenceProblems(net).join('\n');
    expect(p).toMatch(/duplicate node id a/);
    expect(p).toMatch(/edge c-zz: unknown endpoint/);
    expect(p).toMatch(/edge a-b: geometry is not \[from, to\]/);
  });
  it('lengthProblems() flags an edge shorter than the straight line or far too long', () => {
    const net = tiny();
    net.edges[0].km = 5; // straight line is ~9.5 km
    net.edges[1].km = 30; // x3.1
    expect(lengthProblems(net, 1.25)).toHaveLength(2);
    expect(lengthProblems(tiny(), 1.9)).toHaveLength(2); // a detour factor outside 1.0-1.4 (+15 %) fails too
  });
  it('components() and degreeProblems() flag a disconnected, dead-ended graph', () => {
    const net = tiny();
    net.edges.pop();
    expect(components(net)).toHaveLength(2);
    expect(degreeProblems(net).join('\n')).toMatch(/b \(interchange\): degree 1/);
  });
  it('seaProblems() flags a road straight across Hangzhou Bay that is not marked as a bridge', () => {
    const net: Net = {
      nodes: [{ id: 'jinshan', lon: 121.34, lat: 30.745 }, { id: 'zhenhai', lon: 121.70, lat: 29.97 }],
      edges: [{ from: 'jinshan', to: 'zhenhai', speedKmh: 80, oneway: false, coords: [[121.34, 30.745], [121.70, 29.97]] }],
    };
    expect(seaProblems(net, sea)).toEqual([expect.stringMatching(/crosses Hangzhou Bay but is not a bridge/)]);
    net.edges[0].bridge = true;
    expect(seaProblems(net, sea)).toEqual([]);
  });
  it('ringProblems() flags open, clockwise and too coarse rings', () => {
    const cw: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0]]] };
    const p = ringProblems('square', cw).join('\n');
    expect(p).toMatch(/not closed/);
    expect(p).toMatch(/4 vertices/);
    const closedCw: Polygon = { type: 'Polygon', coordinates: [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]] };
    expect(ringProblems('square', closedCw, 3).join('\n')).toMatch(/clockwise/);
  });
});

describe('scenarios/data/yrd-network.geojson', () => {
  it('has at least 150 nodes and a matching set of edges', () => {
    expect(network.nodes.length).toBeGreaterThanOrEqual(150);
    expect(network.edges.length).toBeGreaterThanOrEqual(network.nodes.length);
  });
  it('has unique, well-formed ids, and every edge joins two existing nodes with its geometry', () => {
    expect(referenceProblems(network)).toEqual([]);
  });
  it('has every edge length within 15 % of great-circle x a detour of 1.0-1.4', () => {
    expect(detourFactor).toBeGreaterThanOrEqual(DETOUR.min);
    expect(detourFactor).toBeLessThanOrEqual(DETOUR.max);
    expect(lengthProblems(network, detourFactor)).toEqual([]);
  });
  it('is connected', () => {
    const comps = components(network);
    expect(comps.map((c) => c.length)).toEqual([network.nodes.length]);
  });
  it('has sane degrees (no isolated node, no dead-end interchange, nothing above 8)', () => {
    expect(degreeProblems(network)).toEqual([]);
  });
  it('crosses the sea only on bridges and tunnels, and every bridge flag over the sea is used', () => {
    expect(seaProblems(network, sea)).toEqual([]);
    const wetBridges = network.edges.filter((e) => e.bridge && sea.some((s) => booleanIntersects(lineString(e.coords), s)));
    const names = wetBridges.map((e) => e.road);
    // the five crossings of the sea and estuary the network carries
    for (const road of ['Hangzhou Bay Bridge', 'Jiashao Bridge', 'Donghai Bridge', 'Shanghai Yangtze River Tunnel', 'Chongqi Bridge']) {
      expect(names.some((n) => n?.includes(road)), road).toBe(true);
    }
    expect(wetBridges.some((e) => e.from.startsWith('sutong') && e.to.startsWith('sutong'))).toBe(true);
  });
  it('includes the required roads and places', () => {
    const roads = new Set(network.edges.flatMap((e) => (e.road ?? '').split(/[ /(]/)));
    for (const r of ['G2', 'G42', 'G15', 'G60', 'G50', 'G92', 'S20', 'G1501', 'G25', 'G40', 'S32']) expect(roads.has(r), r).toBe(true);
    for (const id of ['lianyungang', 'nantong', 'nanjing', 'wuxi', 'suzhou', 'kunshan', 'jiaxing', 'hangzhou', 'shaoxing', 'ningbo',
      'ningbo-port', 'tesla-lingang', 'ic-fab-lingang', 'sh-anting', 'united-imaging', 'lyg-sensors']) {
      expect(nodeById.has(id), id).toBe(true);
    }
    const tesla = nodeById.get('tesla-lingang')!;
    expect(gcKm([tesla.lon, tesla.lat], [121.77, 30.88])).toBeLessThan(3);
    const anting = nodeById.get('sh-anting')!;
    expect(gcKm([anting.lon, anting.lat], [121.16, 31.29])).toBeLessThan(3);
  });
  it('puts the cities where they are (spot checks against known coordinates, within 5 km)', () => {
    const known: Record<string, [number, number]> = {
      'sh-center': [121.47, 31.23], nanjing: [118.78, 32.06], suzhou: [120.62, 31.30], wuxi: [120.30, 31.57],
      hangzhou: [120.16, 30.27], ningbo: [121.55, 29.87], lianyungang: [119.22, 34.60], nantong: [120.86, 32.01],
      jiaxing: [120.76, 30.75], shaoxing: [120.58, 30.00], kunshan: [120.98, 31.38],
    };
    for (const [id, ll] of Object.entries(known)) {
      const n = nodeById.get(id)!;
      expect(gcKm([n.lon, n.lat], ll), id).toBeLessThan(5);
    }
  });
});

describe('scenarios/data/zones/*.geojson', () => {
  const expected: Record<string, { inside: string[]; outside: string[] }> = {
    shanghai: {
      inside: ['sh-center', 'sh-anting', 'tesla-lingang', 'ic-fab-lingang', 'united-imaging', 'sh-pudong-airport', 'sh-jinshan',
        'g2-anting-cp', 'g15-waigang-cp', 'g15-jinshan-cp', 'g60-fengjing-cp', 'g50-jinze-cp', 's26-baihe-cp', 's32-cp',
        'g40-chongqi-cp', 'sh-changxing', 'ch-chenjia', 'lingang-luchaogang', 'baolong-songjiang'],
      outside: ['kunshan', 'kunshan-hitech', 'sh-station-huaqiao', 's26-kunshan', 'g15-taicang', 'g50-lili', 'sh-station-jiashan',
        'g60-jiashan', 'jiaxing', 's32-xindai', 'g15-pinghu', 'hzb-north', 'g40-chongqi-n', 'g40-haimen', 'g40-qidong', 'yangshan-port'],
    },
    suzhou: {
      inside: ['suzhou', 'suzhou-sip', 'kunshan', 'kunshan-hitech', 'sh-station-huaqiao', 'g15-taicang', 'g15-changshu', 'sutong-south',
        'zhangjiagang', 'g50-lili', 'g1522-wujiang', 'g1522-pingwang'],
      outside: ['sh-anting', 'g2-anting-cp', 'wuxi', 'wuxi-parts', 'g2-wuxi-east', 'sutong-north', 'nantong', 'g60-jiashan', 'g2-jiangyin'],
    },
    jiaxing: {
      inside: ['jiaxing', 'g60-jiashan', 'sh-station-jiashan', 's32-xindai', 'g15-pinghu', 'hzb-north', 'g1522-haining', 'jiashao-north',
        'g60-tongxiang', 'hz-station', 'g60-jiaxing-hub'],
      outside: ['g60-fengjing-cp', 's32-cp', 'g15-jinshan-cp', 'hzb-south', 'jiashao-south', 'hz-ring-east', 'g1522-pingwang', 'g50-nanxun'],
    },
    hangzhou: {
      inside: ['hangzhou', 'hz-ring-east', 'hz-ring-north', 'hz-ring-west', 'hz-ring-south', 'hz-ring-xiaoshan', 'hz-xiaoshan-parts'],
      outside: ['hz-station', 'g92-keqiao', 'g25-deqing', 'jiashao-north', 'jiashao-south', 'shaoxing', 'g1522-haining'],
    },
    ningbo: {
      inside: ['ningbo', 'ningbo-hitech', 'ningbo-port', 'ningbo-ring-west', 'ningbo-ring-north', 'ningbo-ring-east', 'ningbo-ring-south',
        'hzb-south', 'g15-cixi', 'g92-yuyao'],
      outside: ['nb-station', 'g92-shangyu', 'shaoxing', 'zhoushan', 'hzb-north'],
    },
  };
  for (const [city, want] of Object.entries(expected)) {
    it(`${city}: a closed, counter-clockwise ring of 15-60 vertices holding its nodes and not its neighbours'`, () => {
      const poly = zonePolygon(city);
      expect(poly.type).toBe('Polygon');
      expect(ringProblems(city, poly)).toEqual([]);
      expect(() => polygon(poly.coordinates)).not.toThrow();
      expect(want.inside.filter((id) => !inZone(id, poly)), 'should be inside').toEqual([]);
      expect(want.outside.filter((id) => inZone(id, poly)), 'should be outside').toEqual([]);
    });
  }
  it('every transfer station in the shipped scenarios is a gate: outside its zone, next to a node inside it', () => {
    expect(shippedScenarios.length).toBeGreaterThan(0);
    for (const { file, s } of shippedScenarios) {
      for (const st of s.stations) {
        const poly = zonePolygon(st.zone);
        expect(inZone(st.node, poly), `${file} ${st.id}`).toBe(false);
        const neighbours = network.edges.flatMap((e) => (e.from === st.node ? [e.to] : e.to === st.node ? [e.from] : []));
        expect(neighbours.some((id) => inZone(id, poly)), `${file} ${st.id} next to ${st.zone}`).toBe(true);
      }
      for (const cp of s.checkpoints) expect(inZone(cp.node, zonePolygon('shanghai')), `${file} ${cp.id}`).toBe(true);
    }
  });
});
