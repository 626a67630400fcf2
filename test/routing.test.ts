// Routing against an independent Dijkstra written here, on seeded random graphs: the lead time of a truck
// that meets no queue is its shortest free-flow path, and createRouter() answers shortest paths under
// closures and zone blocks (or null where there is none).
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation, type ShipmentRow } from '../src/model/simulation.js';
import { buildNetwork } from '../src/network/build.js';
import { createRouter } from '../src/network/router.js';
import type { Scenario } from '../src/scenario/types.js';

/** Park-Miller LCG: the test's own seeded uniform numbers in [0, 1). */
function lcg(seed: number): () => number {
  let x = seed % 2147483647 || 1;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}

interface Arc { from: number; to: number; minutes: number }
interface RandomGraph { raw: Record<string, any>; n: number; arcs: Arc[]; lon: number[]; lat: number[] }

/** Zone rectangle used by the zone-block checks: lon 120.6..120.8, lat 30.2..30.5. */
const ZONE = { lon0: 120.6, lon1: 120.8, lat0: 30.2, lat1: 30.5 };
const inZone = (lon: number, lat: number) => lon >= ZONE.lon0 && lon <= ZONE.lon1 && lat >= ZONE.lat0 && lat <= ZONE.lat1;

/** A connected random road network: a random spanning tree of two-way roads plus extra roads, some
 * one-way, some parallel to an existing road with another speed. */
function randomGraph(seed: number, n: number, extra: number, pairs: number): RandomGraph {
  const u = lcg(seed), int = (k: number) => Math.floor(u() * k);
  const lon = Array.from({ length: n }, () => 120 + u()), lat = Array.from({ length: n }, () => 30 + u());
  const edges: { from: string; to: string; km: number; speedKmh: number; oneway: boolean }[] = [];
  const arcs: Arc[] = [];
  const add = (a: number, b: number, oneway: boolean) => {
    const km = 1 + u() * 49, speedKmh = 20 + u() * 100;
    edges.push({ from: `n${a}`, to: `n${b}`, km, speedKmh, oneway });
    arcs.push({ from: a, to: b, minutes: (km / speedKmh) * 60 });
    if (!oneway) arcs.push({ from: b, to: a, minutes: (km / speedKmh) * 60 });
  };
  for (let i = 1; i < n; i++) add(int(i), i, false);
  for (let k = 0; k < extra; k++) {
    const a = int(n), b = int(n);
    if (a !== b) add(a, b, u() < 0.3);
  }
  for (let k = 0; k < 10; k++) { const e = edges[int(edges.length)]; add(Number(e.from.slice(1)), Number(e.to.slice(1)), e.oneway); }
  const demand = [];
  for (let k = 0; k < pairs; k++) {
    const a = int(n), b = int(n);
    if (a !== b) demand.push({ id: `d${k}`, from: `n${a}`, to: `n${b}`, loadsPerHour: 0.05 });
  }
  const raw = {
    name: `random-${seed}`, horizonMin: 6000, drainMin: 6000, seed,
    network: { nodes: lon.map((x, i) => ({ id: `n${i}`, lon: x, lat: lat[i] })), edges },
    zones: [{ id: 'box', polygon: { type: 'Polygon', coordinates: [[[ZONE.lon0, ZONE.lat0], [ZONE.lon1, ZONE.lat0], [ZONE.lon1, ZONE.lat1], [ZONE.lon0, ZONE.lat1], [ZONE.lon0, ZONE.lat0]]] } }],
    demand,
  };
  return { raw, n, arcs, lon, lat };
}

/** Plain O(n^2) Dijkstra from `source`; `enter(v)` false means v may not be entered (closed), `arcOpen` per arc. */
function dijkstra(g: RandomGraph, source: number, enter: (v: number) => boolean = () => true, arcOpen: (a: Arc) => boolean = () => true): number[] {
  const dist = Array<number>(g.n).fill(Infinity), done = Array<boolean>(g.n).fill(false);
  const out: Arc[][] = Array.from({ length: g.n }, () => []);
  for (const a of g.arcs) out[a.from].push(a);
  dist[source] = 0;
  for (;;) {
    let v = -1;
    for (let i = 0; i < g.n; i++) if (!done[i] && dist[i] < Infinity && (v < 0 || dist[i] < dist[v])) v = i;
    if (v < 0) return dist;
    done[v] = true;
    for (const a of out[v]) if (arcOpen(a) && enter(a.to) && dist[v] + a.minutes < dist[a.to]) dist[a.to] = dist[v] + a.minutes;
  }
}

const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, expected));

describe.each([
  { seed: 11, n: 60, extra: 90 },
  { seed: 12, n: 120, extra: 200 },
  { seed: 13, n: 200, extra: 260 },
])('random network (seed $seed, $n nodes)', ({ seed, n, extra }) => {
  const g = randomGraph(seed, n, extra, 40);
  const scenario: Scenario = validateScenario(g.raw, `random-${seed}`);

  it('lead times with no queues equal the shortest-path times (every shipment delivered)', () => {
    const rows: ShipmentRow[] = [];
    const { summary } = new Simulation(scenario, { seed, onShipment: (r) => rows.push(r) }).run();
    expect(summary.shipments.created).toBeGreaterThan(100);
    expect(rows.length).toBe(summary.shipments.created);
    expect(summary.shipments.delivered).toBe(summary.shipments.created);
    const from = new Map<number, number[]>();
    let lead = 0;
    for (const r of rows) {
      const a = Number(r.from.slice(1)), b = Number(r.to.slice(1));
      if (!from.has(a)) from.set(a, dijkstra(g, a));
      expect(r.status).toBe('delivered');
      close(r.leadTimeMin!, from.get(a)![b]);
      close(r.deliveredMin! - r.createdMin, r.leadTimeMin!);
      lead += r.leadTimeMin!;
    }
    expect(Math.abs(summary.leadTimeMin.mean - lead / rows.length)).toBeLessThanOrEqual(5e-7); // summary rounds to 1e-6
    expect(summary.reroutes).toBe(0);
  });

  it.each(['csr', 'ngraph', 'cch'] as const)('createRouter({ search: %s }) finds shortest paths on random pairs, open and under random closures and a zone block', (search) => {
    const net = buildNetwork(scenario), router = createRouter(net, { search });
    const u = lcg(seed * 1000 + 7), int = (k: number) => Math.floor(u() * k);
    const idx = (i: number) => net.nodeIndex.get(`n${i}`)!;
    let nulls = 0, routes = 0;
    for (let round = 0; round < 6; round++) {
      // Round 0: open network; then ~8 % of nodes and ~10 % of directed edges closed; odd rounds also block the zone.
      const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(net.edgeFrom.length);
      const closedPair = new Set<string>();
      if (round > 0) {
        for (let v = 0; v < n; v++) if (u() < 0.08) closedNode[idx(v)] = 1;
        for (let e = 0; e < closedEdge.length; e++) if (u() < 0.1) {
          closedEdge[e] = 1;
          closedPair.add(`${net.nodeIds[net.edgeFrom[e]]}>${net.nodeIds[net.edgeTo[e]]}`);
        }
      }
      const zoneBlock = round % 2;
      for (let k = 0; k < 60; k++) {
        const a = int(n), b = int(n);
        if (a === b) continue;
        const enter = (v: number) => !closedNode[idx(v)] && (!zoneBlock || v === b || !inZone(g.lon[v], g.lat[v]));
        const want = dijkstra(g, a, enter, (arc) => !closedPair.has(`n${arc.from}>n${arc.to}`))[b];
        const route = router.find(idx(a), idx(b), { closedNode, closedEdge, zoneBlock });
        if (want === Infinity) {
          nulls++;
          expect(route, `n${a} -> n${b} has no open path: expected null`).toBeNull();
          continue;
        }
        routes++;
        expect(route).not.toBeNull();
        const r = route!;
        close(r.cumMin[r.edges.length], want);
        // A real path: consecutive open edges from a to b, cumulative minutes adding up.
        let at = idx(a);
        for (let i = 0; i < r.edges.length; i++) {
          const e = r.edges[i];
          expect(net.edgeFrom[e]).toBe(at);
          expect(closedEdge[e]).toBe(0);
          at = net.edgeTo[e];
          expect(closedNode[at]).toBe(0);
          close(r.cumMin[i + 1] - r.cumMin[i], net.edgeMin[e]);
        }
        expect(at).toBe(idx(b));
      }
    }
    expect(routes).toBeGreaterThan(200);
    expect(nulls).toBeGreaterThan(0); // the closures did cut some pairs off
  });
});
