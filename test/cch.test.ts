// The customizable contraction hierarchy (src/network/cch/) on a road-like lattice, against a Dijkstra
// written here: under random closure states and a zone block, with metrics named by version (reused)
// and by content, with a budget that keeps only one metric, and the order is a permutation.
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { buildNetwork, type Network } from '../src/network/build.js';
import { CCH_MAX_NODES, CCH_MIN_NODES, createRouter, searchFor, type Blocked, type Route } from '../src/network/router.js';
import { buildTopology } from '../src/network/cch/topology.js';
import { customize, customizeWeights, searchRows } from '../src/network/cch/metric.js';
import { cchQuery } from '../src/network/cch/query.js';
import { customizeFrom, edgeDirections, triangleCount } from '../src/network/cch/partial.js';
import { roadGraphScenario } from '../bench/graphs.js';

function lcg(seed: number): () => number {
  let x = seed % 2147483647 || 1;
  return () => (x = (x * 48271) % 2147483647) / 2147483647;
}

/** O(n^2) Dijkstra with the router's rules: closed edges and nodes, zone nodes but for the target. */
function dijkstra(net: Network, s: number, t: number, b: Blocked): number {
  const n = net.nodeIds.length, dist = new Float64Array(n).fill(Infinity), done = new Uint8Array(n);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e < net.edgeFrom.length; e++) out[net.edgeFrom[e]].push(e);
  dist[s] = 0;
  for (;;) {
    let v = -1;
    for (let i = 0; i < n; i++) if (!done[i] && dist[i] < Infinity && (v < 0 || dist[i] < dist[v])) v = i;
    if (v < 0 || v === t) return dist[t];
    done[v] = 1;
    for (const e of out[v]) {
      const w = net.edgeTo[e];
      if (b.closedEdge[e] || b.closedNode[w] || ((net.zoneMask[w] & b.zoneBlock) !== 0 && w !== t)) continue;
      if (dist[v] + net.edgeMin[e] < dist[w]) dist[w] = dist[v] + net.edgeMin[e];
    }
  }
}

function checkRoute(net: Network, r: Route, s: number, t: number, b: Blocked): number {
  let at = s, sum = 0;
  for (let i = 0; i < r.edges.length; i++) {
    const e = r.edges[i];
    expect(net.edgeFrom[e]).toBe(at);
    expect(b.closedEdge[e]).toBe(0);
    at = net.edgeTo[e];
    expect(b.closedNode[at]).toBe(0);
    if (at !== t) expect(net.zoneMask[at] & b.zoneBlock).toBe(0);
    sum += net.edgeMin[e];
  }
  expect(at).toBe(t);
  return sum;
}

describe('CCH on a 900-node road-like lattice with a zone', () => {
  const raw = roadGraphScenario({ nodes: 900, seed: 5 });
  const lon = raw.network.nodes.map((n) => n.lon), lat = raw.network.nodes.map((n) => n.lat);
  const mid = (a: number[]) => (Math.min(...a) + Math.max(...a)) / 2;
  const [x0, y0] = [mid(lon), mid(lat)], d = 0.03;
  const zone = { id: 'box', polygon: { type: 'Polygon', coordinates: [[[x0 - d, y0 - d], [x0 + d, y0 - d], [x0 + d, y0 + d], [x0 - d, y0 + d], [x0 - d, y0 - d]]] } };
  const net = buildNetwork(validateScenario({ ...raw, zones: [zone] }, 'cch'));
  const n = net.nodeIds.length, E = net.edgeFrom.length;

  it('the order is a permutation and every network edge has its arc', () => {
    const t = buildTopology(net);
    expect([...t.node].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let v = 0; v < n; v++) expect(t.node[t.rank[v]]).toBe(v);
    const covered = new Set([...t.upEdge, ...t.downEdge].filter((e) => e >= 0));
    expect(covered.size).toBe(E);
    for (let x = 0; x < n; x++) for (let a = t.first[x]; a < t.first[x + 1]; a++) expect(t.head[a]).toBeGreaterThan(x);
    expect(net.zoneMask.some((m) => m !== 0)).toBe(true);
  });

  it.each(['inertial', 'coordinate'] as const)('the %s order gives a permutation, the same one when built again, and exact queries under a closure state', (orderBy) => {
    const t = buildTopology(net, orderBy);
    expect([...t.node].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(buildTopology(net, orderBy).node).toEqual(t.node);
    const u = lcg(orderBy === 'inertial' ? 31 : 37), int = (k: number) => Math.floor(u() * k);
    const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
    for (let v = 0; v < n; v++) if (u() < 0.03) closedNode[v] = 1;
    for (let e = 0; e < E; e++) if (u() < 0.08) closedEdge[e] = 1;
    const b: Blocked = { closedNode, closedEdge, zoneBlock: 1 };
    const m = customize(t, net, closedNode, closedEdge, 1), find = cchQuery(t, net);
    let routes = 0;
    for (let q = 0; q < 150; q++) {
      const s = int(n), tt = int(n);
      if (s === tt || closedNode[tt] === 1 || (net.zoneMask[tt] & 1) !== 0) continue;
      const want = dijkstra(net, s, tt, b), edges = find(s, tt, m, null);
      if (want === Infinity) { expect(edges).toBeNull(); continue; }
      routes++;
      let at = s, sum = 0;
      for (const e of edges!) {
        expect(net.edgeFrom[e]).toBe(at);
        expect(closedEdge[e]).toBe(0);
        at = net.edgeTo[e];
        sum += net.edgeMin[e];
      }
      expect(at).toBe(tt);
      expect(Math.abs(sum - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
    }
    expect(routes).toBeGreaterThan(60);
  });

  it('backward searches kept per target give the routes of searching both halves every time, edge for edge, in any order', () => {
    const t = buildTopology(net), u = lcg(53), int = (k: number) => Math.floor(u() * k);
    const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
    for (let v = 0; v < n; v++) if (u() < 0.01) closedNode[v] = 1;
    for (let e = 0; e < E; e++) if (u() < 0.05) closedEdge[e] = 1;
    const b: Blocked = { closedNode, closedEdge, zoneBlock: 0 };
    const open = customize(t, net, new Uint8Array(n), new Uint8Array(E), 0), closed = customize(t, net, closedNode, closedEdge, 0);
    // Few targets, many sources, two metrics in turn: most queries find their target's backward side kept.
    const targets = Array.from({ length: 6 }, () => int(n)).filter((x) => closedNode[x] === 0);
    const qs = Array.from({ length: 240 }, (_, i) => [int(n), targets[i % targets.length], i % 3 === 0 ? 1 : 0] as const);
    const plain = cchQuery(t, net, { backwardCacheBytes: 0 });
    const want = qs.map(([s, tt, o]) => plain(s, tt, o ? open : closed, null));
    const kept = cchQuery(t, net), tiny = cchQuery(t, net, { backwardCacheBytes: 20_000 }); // tiny: searches age out and come back
    const order = qs.map((_, i) => i).reverse(); // another order: what is kept differs
    for (const [f, idx] of [[kept, qs.map((_, i) => i)], [tiny, order]] as const) {
      for (const i of idx) {
        const [s, tt, o] = qs[i], got = f(s, tt, o ? open : closed, null);
        expect(got === null ? null : Array.from(got)).toEqual(want[i] === null ? null : Array.from(want[i]!));
      }
    }
    // And exact: the closed metric's routes against Dijkstra.
    for (let i = 0; i < 40; i++) {
      const [s, tt, o] = qs[i];
      if (o) continue;
      const d = dijkstra(net, s, tt, b);
      if (d === Infinity) { expect(want[i]).toBeNull(); continue; }
      let sum = 0;
      for (const e of want[i]!) sum += net.edgeMin[e];
      expect(Math.abs(sum - d)).toBeLessThanOrEqual(1e-9 * Math.max(1, d));
    }
  });

  it.each([
    { keyed: true, budget: undefined },
    { keyed: false, budget: undefined },
    { keyed: true, budget: 0 },
    { keyed: true, budget: undefined, partialBaseBytes: 0 },
  ])('exact against Dijkstra under random closure states (versioned: $keyed, metric budget: $budget, partial base: $partialBaseBytes)', ({ keyed, budget, partialBaseBytes }) => {
    const router = createRouter(net, { search: 'cch', metricBudgetBytes: budget, partialBaseBytes });
    const u = lcg(keyed ? 17 : 23), int = (k: number) => Math.floor(u() * k);
    const states: Blocked[] = [];
    for (let k = 0; k < 4; k++) {
      const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
      if (k > 0) {
        for (let v = 0; v < n; v++) if (u() < 0.03 * k) closedNode[v] = 1;
        for (let e = 0; e < E; e++) if (u() < 0.05 * k) closedEdge[e] = 1;
      }
      states.push({ closedNode, closedEdge, zoneBlock: k % 2, ...(keyed ? { version: k } : {}) });
    }
    let routes = 0, nulls = 0;
    // States visited in turn, twice: metrics come back from the cache (or are customized again).
    for (let round = 0; round < 40; round++) {
      const b = states[round % states.length];
      for (let q = 0; q < 5; q++) {
        const s = int(n), t = int(n);
        const want = s === t ? 0 : dijkstra(net, s, t, b);
        const r = router.find(s, t, b);
        if (want === Infinity) { nulls++; expect(r).toBeNull(); continue; }
        routes++;
        expect(r).not.toBeNull();
        const got = checkRoute(net, r!, s, t, b);
        expect(Math.abs(got - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
        expect(Math.abs(r!.cumMin[r!.edges.length] - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
      }
    }
    expect(routes).toBeGreaterThan(120);
    expect(nulls).toBeGreaterThan(0);
  });

  it('a symmetric state (both directions of two-way roads closed, no zone block) customized one direction at a time gives bit for bit the two-direction passes', () => {
    const t = buildTopology(net), u = lcg(61);
    const closedEdge = new Uint8Array(E);
    for (let e = 0; e < E; e++) if (u() < 0.04) { closedEdge[e] = 1; const back = net.edgeByPair.get(net.edgeTo[e] * n + net.edgeFrom[e]); if (back !== undefined) closedEdge[back] = 1; }
    for (const ce of [new Uint8Array(E), closedEdge]) {
      const one = customizeWeights(t, net, new Uint8Array(n), ce, 0, true), both = customizeWeights(t, net, new Uint8Array(n), ce, 0, true, false);
      expect(one.symmetric).toBe(true);
      expect(both.symmetric).toBeUndefined();
      for (const k of ['basic', 'perfect', 'mid', 'pmid'] as const) expect(Array.from(one[k]!)).toEqual(Array.from(both[k]!));
      const a = searchRows(t, one), b = searchRows(t, both);
      expect(a.fwdHead).toBe(a.bwdHead); // one set of rows for both sides
      for (const k of ['fwdFirst', 'fwdHead', 'fwdW', 'fwdArc', 'bwdFirst', 'bwdHead', 'bwdW', 'bwdArc', 'mid'] as const) expect(Array.from(a[k])).toEqual(Array.from(b[k]));
      expect(a.bytes).toBeLessThan(b.bytes);
    }
    // A zone block or a one-way closure makes the state asymmetric: the two-direction passes.
    const oneWay = new Uint8Array(E);
    oneWay[3] = 1;
    expect(customizeWeights(t, net, new Uint8Array(n), oneWay, 0).symmetric).toBeUndefined();
    expect(customizeWeights(t, net, new Uint8Array(n), new Uint8Array(E), 1).symmetric).toBeUndefined();
  });

  it('customizing a state from the open network gives the basic times and middles of customizing it from nothing, and the same perfect times', () => {
    const t = buildTopology(net), edgeDir = edgeDirections(t, E);
    const base = customizeWeights(t, net, new Uint8Array(n), new Uint8Array(E), 0, true);
    const u = lcg(41);
    let partials = 0;
    for (let k = 0; k < 6; k++) {
      const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
      for (let v = 0; v < n; v++) if (u() < 0.002 * k) closedNode[v] = 1;
      for (let e = 0; e < E; e++) if (u() < 0.01 * k) closedEdge[e] = 1;
      const zoneBlock = k % 2;
      const full = customizeWeights(t, net, closedNode, closedEdge, zoneBlock);
      const r = customizeFrom(t, net, base, edgeDir, closedNode, closedEdge, zoneBlock)!;
      expect(r).not.toBeNull();
      if (k > 0) expect(r.basicChanged).toBeGreaterThan(0);
      expect(Array.from(r.weights.basic!)).toEqual(Array.from(customizeWeights(t, net, closedNode, closedEdge, zoneBlock, true).basic!));
      expect(Array.from(r.weights.mid)).toEqual(Array.from(full.mid));
      for (let i = 0; i < full.perfect.length; i++) {
        const a = full.perfect[i], b = r.weights.perfect[i];
        if (a !== b) expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, a));
      }
      if (customizeFrom(t, net, base, edgeDir, closedNode, closedEdge, zoneBlock, triangleCount(t) / 2) !== null) partials++;
    }
    // The work limit lets the small states through and turns a big one back.
    expect(partials).toBeGreaterThan(0);
    expect(customizeFrom(t, net, base, edgeDir, new Uint8Array(n).fill(1), new Uint8Array(E), 0, 10)).toBeNull();
  });

  it('a router shared by two simulations does not mix up their states when both number them alike', () => {
    const router = createRouter(net, { search: 'cch' });
    const u = lcg(7), int = (k: number) => Math.floor(u() * k);
    // Two owners, each with its own arrays, both calling their closure state "version 1".
    const owners = [0.05, 0.2].map((share) => {
      const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
      for (let e = 0; e < E; e++) if (u() < share) closedEdge[e] = 1;
      return { closedNode, closedEdge, zoneBlock: 0, version: 1 } as Blocked;
    });
    let differ = 0;
    for (let q = 0; q < 60; q++) {
      const s = int(n), t = int(n), b = owners[q % 2];
      const want = s === t ? 0 : dijkstra(net, s, t, b), r = router.find(s, t, b);
      if (want !== dijkstra(net, s, t, owners[1 - (q % 2)])) differ++;
      if (want === Infinity) { expect(r).toBeNull(); continue; }
      expect(Math.abs(checkRoute(net, r!, s, t, b) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
    }
    expect(differ).toBeGreaterThan(5);
  });

  it('customizes a state once when two owners name the same contents differently, and keeps states of other contents apart', () => {
    const router = createRouter(net, { search: 'cch', landmarkCount: 1 }) as ReturnType<typeof createRouter> & { metrics(): { customized: number } };
    const closedEdge = new Uint8Array(E);
    for (let e = 0; e < E; e += 7) closedEdge[e] = 1;
    const a: Blocked = { closedNode: new Uint8Array(n), closedEdge, zoneBlock: 0, version: 3 };
    const b: Blocked = { closedNode: new Uint8Array(n), closedEdge: closedEdge.slice(), zoneBlock: 0, version: 8 };
    const open: Blocked = { closedNode: new Uint8Array(n), closedEdge: new Uint8Array(E), zoneBlock: 0, version: 3 };
    const u = lcg(11), int = (k: number) => Math.floor(u() * k);
    for (let q = 0; q < 30; q++) {
      const s = int(n), t = int(n), st = [a, b, open][q % 3];
      const want = s === t ? 0 : dijkstra(net, s, t, st), r = router.find(s, t, st);
      if (want === Infinity) { expect(r).toBeNull(); continue; }
      expect(Math.abs(checkRoute(net, r!, s, t, st) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
    }
    expect(router.metrics().customized).toBe(2);
  });

  it('answers the same routes, edge for edge, whatever the order queries come in', () => {
    const a = createRouter(net, { search: 'cch' }), b = createRouter(net, { search: 'cch' });
    const u = lcg(99), qs = Array.from({ length: 50 }, () => [Math.floor(u() * n), Math.floor(u() * n)]);
    const first = qs.map(([s, t]) => Array.from(a.find(s, t)?.edges ?? []));
    const second = [...qs].reverse().map(([s, t]) => Array.from(b.find(s, t)?.edges ?? [])).reverse();
    expect(second).toEqual(first);
  });
});

describe('the default search', () => {
  const withNodes = (k: number) => ({ nodeIds: { length: k } }) as unknown as Network;
  it('is the hierarchy from CCH_MIN_NODES to CCH_MAX_NODES nodes and A* outside, and an explicit search is kept', () => {
    expect(searchFor(withNodes(CCH_MIN_NODES - 1), 'auto')).toBe('csr');
    expect(searchFor(withNodes(CCH_MIN_NODES), 'auto')).toBe('cch');
    expect(searchFor(withNodes(CCH_MAX_NODES), 'auto')).toBe('cch');
    expect(searchFor(withNodes(CCH_MAX_NODES + 1), 'auto')).toBe('csr');
    expect(searchFor(withNodes(1e5), 'csr')).toBe('csr');
    expect(searchFor(withNodes(10), 'cch')).toBe('cch');
  });
});
