// Case 3: queries/s of relaysim's router (ngraph.path A* + ALT) with and without the route cache,
// on the YRD network and on generated road-like graphs; answers checked against an independent
// Dijkstra; and the route cache's hit rate in a whole YRD run.
import { existsSync } from 'node:fs';
import seedrandom from 'seedrandom';
import { loadScenario, validateScenario } from '../src/scenario/load.js';
import { buildNetwork, type Network } from '../src/network/build.js';
import { createRouter, type Blocked, type Route, type Router } from '../src/network/router.js';
import { computeLandmarks } from '../src/network/landmarks.js';
import { buildTopology } from '../src/network/cch/topology.js';
import { customize, customizeWeights } from '../src/network/cch/metric.js';
import { customizeFrom, edgeDirections, triangleCount } from '../src/network/cch/partial.js';
import { RouteCache } from '../src/network/route-cache.js';
import { Simulation } from '../src/model/simulation.js';
import { roadGraphScenario } from './graphs.js';
import { summarize, type CaseContext, type CaseResult } from './report.js';

const YRD = 'scenarios/yrd-2022.json';
const RUNS = 5;

/** Point-to-point Dijkstra over the network's own edge arrays (not ngraph, not src's shortest-paths). */
export function referenceDijkstra(net: Network, blocked?: Blocked): (s: number, t: number) => number {
  const n = net.nodeIds.length, E = net.edgeFrom.length;
  const off = new Int32Array(n + 1), adj = new Int32Array(E);
  for (let e = 0; e < E; e++) off[net.edgeFrom[e] + 1]++;
  for (let i = 0; i < n; i++) off[i + 1] += off[i];
  const fill = off.slice(0, n);
  for (let e = 0; e < E; e++) adj[fill[net.edgeFrom[e]]++] = e;
  const dist = new Float64Array(n), done = new Uint8Array(n);
  return (s, t) => {
    dist.fill(Infinity); done.fill(0);
    const heap = new MinHeap();
    dist[s] = 0; heap.push(0, s);
    while (heap.size > 0) {
      const d = heap.topKey(), u = heap.pop();
      if (done[u]) continue;
      done[u] = 1;
      if (u === t) return d;
      for (let j = off[u]; j < off[u + 1]; j++) {
        const e = adj[j], v = net.edgeTo[e], nd = d + net.edgeMin[e];
        if (blocked && (blocked.closedEdge[e] === 1 || blocked.closedNode[v] === 1)) continue;
        if (nd < dist[v]) { dist[v] = nd; heap.push(nd, v); }
      }
    }
    return Infinity;
  };
}

/** Plain binary min-heap of (key, value) with lazy deletion left to the caller. */
class MinHeap {
  private k: number[] = []; private v: number[] = [];
  get size(): number { return this.k.length; }
  topKey(): number { return this.k[0]; }
  push(key: number, val: number): void {
    const k = this.k, v = this.v;
    let i = k.length; k.push(key); v.push(val);
    while (i > 0) { const p = (i - 1) >> 1; if (k[p] <= key) break; k[i] = k[p]; v[i] = v[p]; i = p; }
    k[i] = key; v[i] = val;
  }
  pop(): number {
    const k = this.k, v = this.v, top = v[0], lastK = k.pop()!, lastV = v.pop()!, n = k.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && k[c + 1] < k[c]) c++;
      if (k[c] >= lastK) break;
      k[i] = k[c]; v[i] = v[c]; i = c;
    }
    k[i] = lastK; v[i] = lastV;
    return top;
  }
}

/** Minutes of a route after checking that its edges chain from `s` to `t`. */
function routeMinutes(net: Network, r: Route | null, s: number, t: number): number {
  if (r === null) return Infinity;
  let at = s, sum = 0;
  for (const e of r.edges) {
    if (net.edgeFrom[e] !== at) throw new Error(`route ${s}->${t} is not a path at edge ${e}`);
    at = net.edgeTo[e]; sum += net.edgeMin[e];
  }
  if (at !== t) throw new Error(`route ${s}->${t} ends at ${at}`);
  return sum;
}

function pairs(n: number, count: number, seed: string): [number, number][] {
  const rng = seedrandom.alea(seed);
  return Array.from({ length: count }, () => [Math.floor(rng() * n), Math.floor(rng() * n)] as [number, number]);
}

function timeQueries(router: Router, qs: [number, number][], blocked?: Blocked): number {
  const t0 = performance.now();
  for (const [s, t] of qs) router.find(s, t, blocked);
  return qs.length / ((performance.now() - t0) / 1000);
}

/** Each of `workload` queries drawn from `qs`, through a fresh RouteCache as the simulation uses it. */
function timeCached(router: Router, net: Network, workload: [number, number][]): { qps: number; hitRate: number } {
  const cache = new RouteCache(net);
  const t0 = performance.now();
  for (const [s, t] of workload) {
    const key = cache.key(0, s, t);
    if (cache.get(key) === undefined) cache.set(key, router.find(s, t));
  }
  return { qps: workload.length / ((performance.now() - t0) / 1000), hitRate: cache.hits / cache.lookups };
}

function exactness(net: Network, router: Router, qs: [number, number][], blocked?: Blocked): { checked: number; maxRelErr: number; unreachable: number } {
  const dij = referenceDijkstra(net, blocked);
  let maxRelErr = 0, unreachable = 0;
  for (const [s, t] of qs) {
    const want = s === t ? 0 : dij(s, t), got = routeMinutes(net, router.find(s, t, blocked), s, t);
    if (want === Infinity || got === Infinity) {
      if (want !== got) throw new Error(`router ${s}->${t}: ${got} min, Dijkstra ${want}`);
      unreachable++;
      continue;
    }
    maxRelErr = Math.max(maxRelErr, Math.abs(got - want) / Math.max(want, 1e-12));
  }
  return { checked: qs.length, maxRelErr, unreachable };
}

function benchNetwork(ctx: CaseContext, label: string, net: Network, queries: number, sample: number, params: CaseResult['params']): CaseResult {
  const n = net.nodeIds.length;
  const t0 = performance.now();
  const router = createRouter(net, { search: 'csr' }); // A*'s figures, comparable with earlier runs; cch: the closed-1pct rows
  const preprocessS = (performance.now() - t0) / 1000;
  const qs = pairs(n, queries, `routing-${label}`);
  const workload = pairs(queries * 10, queries * 10, `workload-${label}`).map(([i]) => qs[i % queries]);
  const check = exactness(net, router, qs.slice(0, sample));
  const exact = check.maxRelErr <= 1e-9;
  ctx.log(`routing ${label}: ${n} nodes, exact on ${check.checked} (max rel err ${check.maxRelErr.toExponential(1)})`);
  const runs: Record<string, number>[] = [];
  for (let r = 0; r < RUNS; r++) {
    const uncachedQps = timeQueries(router, qs);
    const c = timeCached(router, net, workload);
    runs.push({ uncachedQps, cachedQps: c.qps, cacheHitRate: c.hitRate });
  }
  const s = summarize(runs);
  s.median.preprocessS = preprocessS;
  return {
    case: 'routing', id: `routing/${label}`,
    params: { ...params, nodes: n, directedEdges: net.edgeFrom.length, queries, cachedWorkload: workload.length, landmarks: router.landmarks.count },
    ...s,
    checksum: { exactChecked: check.checked, unreachable: check.unreachable, exact: exact ? 1 : 0 },
    note: exact ? `exact vs Dijkstra on ${check.checked} queries` : `NOT EXACT: max rel err ${check.maxRelErr}`,
  };
}

/** A closure state as the simulation makes them: `share` of directed edges and a tenth of that of nodes closed. */
function closureState(net: Network, share: number, seed: string): Blocked {
  const rng = seedrandom.alea(seed), n = net.nodeIds.length, E = net.edgeFrom.length;
  const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
  for (let e = 0; e < E; e++) if (rng() < share) closedEdge[e] = 1;
  for (let v = 0; v < n; v++) if (rng() < share / 10) closedNode[v] = 1;
  return { closedNode, closedEdge, zoneBlock: 0, version: 1 };
}

const rssMiB = () => process.memoryUsage().rss / 2 ** 20;

/**
 * Uncached exact queries under an arbitrary closure state (1 % of edges, 0.1 % of nodes closed), for
 * the typed-array A* (csr) and the customizable contraction hierarchy (cch): q/s, the hierarchy's
 * preprocessing (order + topology) and customization time per closure state, and memory.
 */
function benchClosed(ctx: CaseContext, label: string, net: Network, queries: number, sample: number): CaseResult[] {
  const n = net.nodeIds.length, qs = pairs(n, queries, `closed-${label}`), blocked = closureState(net, 0.01, `state-${label}`);
  const landmarks = computeLandmarks(net, 16);
  const out: CaseResult[] = [];
  for (const search of ['csr', 'cch'] as const) {
    const rss0 = rssMiB(), t0 = performance.now();
    // Uncached: the rounds repeat the same queries, so the hierarchy keeps no backward search per target.
    const router = createRouter(net, { landmarks, search, ...(search === 'cch' ? { backwardCacheBytes: 0 } : {}) });
    const preprocessS = (performance.now() - t0) / 1000;
    const check = exactness(net, router, qs.slice(0, sample), blocked);
    const exact = check.maxRelErr <= 1e-9;
    const runs: Record<string, number>[] = [];
    for (let r = 0; r < RUNS; r++) runs.push({ uncachedQps: timeQueries(router, qs, blocked) });
    const s = summarize(runs);
    s.median.preprocessS = preprocessS;
    s.median.rssGrowthMiB = rssMiB() - rss0;
    if (search === 'cch') {
      const topo = buildTopology(net), custom: number[] = [], fromOpen: number[] = [];
      const base = customizeWeights(topo, net, new Uint8Array(n), new Uint8Array(net.edgeFrom.length), 0, true);
      const edgeDir = edgeDirections(topo, net.edgeFrom.length), triangles = triangleCount(topo);
      let fellBack = 0, metricBytes = 0;
      for (let r = 0; r < 3; r++) {
        const b = closureState(net, 0.01, `custom-${label}-${r}`), t1 = performance.now();
        metricBytes = customize(topo, net, b.closedNode, b.closedEdge, 0).bytes;
        custom.push((performance.now() - t1) / 1000);
        // As the router does it: from the open network's weights, unless that passes its work limit.
        const t2 = performance.now();
        if (customizeFrom(topo, net, base, edgeDir, b.closedNode, b.closedEdge, 0, triangles / 2) === null) { fellBack++; customize(topo, net, b.closedNode, b.closedEdge, 0); }
        fromOpen.push((performance.now() - t2) / 1000);
      }
      // A scale-case state: as many closures as bench/graphs.ts makes (n / 500 fast roads), here directed edges.
      const few = closureState(net, 0, 'none'), fast: number[] = [];
      for (let e = 0; e < net.edgeFrom.length; e++) if (net.edgeMin[e] / net.edgeKm[e] < 60 / 40) fast.push(e);
      const rng = seedrandom.alea(`few-${label}`);
      for (let k = 0; k < Math.max(5, Math.round(n / 500)); k++) few.closedEdge[fast[Math.floor(rng() * fast.length)]] = 1;
      const t3 = performance.now();
      const fewR = customizeFrom(topo, net, base, edgeDir, few.closedNode, few.closedEdge, 0, triangles / 2);
      s.median.customizeFewFromOpenS = (performance.now() - t3) / 1000;
      // The same roads closed both ways, as the scale case closes them: a symmetric state (metric.ts).
      for (let e = 0; e < net.edgeFrom.length; e++) if (few.closedEdge[e] === 1) { const back = net.edgeByPair.get(net.edgeTo[e] * n + net.edgeFrom[e]); if (back !== undefined) few.closedEdge[back] = 1; }
      const sym: number[] = [];
      for (let r = 0; r < 3; r++) { const t4 = performance.now(); customize(topo, net, few.closedNode, few.closedEdge, 0); sym.push((performance.now() - t4) / 1000); }
      s.median.customizeScaleStateS = sym.sort((a, b) => a - b)[1];
      s.median.fewFellBack = fewR === null ? 1 : 0;
      s.median.customizeS = custom.sort((a, b) => a - b)[1];
      s.median.customizeFromOpenS = fromOpen.sort((a, b) => a - b)[1];
      s.median.fromOpenFellBack = fellBack;
      s.median.arcs = topo.head.length;
      s.median.triangles = triangles;
      s.median.metricMiB = metricBytes / 2 ** 20;
    }
    ctx.log(`routing ${label} closed/${search}: ${s.median.uncachedQps.toFixed(0)} q/s, exact on ${check.checked} (max rel err ${check.maxRelErr.toExponential(1)})`);
    out.push({
      case: 'routing', id: `routing/${label}/closed-1pct/${search}`,
      params: { nodes: n, directedEdges: net.edgeFrom.length, queries, closedEdges: blocked.closedEdge.reduce((a, b) => a + b, 0), closedNodes: blocked.closedNode.reduce((a, b) => a + b, 0) },
      ...s,
      checksum: { exactChecked: check.checked, unreachable: check.unreachable, exact: exact ? 1 : 0 },
      note: exact ? `exact vs Dijkstra under the closure state on ${check.checked} queries` : `NOT EXACT: max rel err ${check.maxRelErr}`,
    });
  }
  return out;
}

function yrdCacheRun(ctx: CaseContext): CaseResult {
  const scenario = loadScenario(YRD);
  const runs: Record<string, number>[] = [];
  let sums: Record<string, number> = {};
  for (let r = 0; r < (ctx.quick ? 1 : 3); r++) {
    const t0 = performance.now();
    const { summary, stats } = new Simulation(scenario, { seed: 1 }).run();
    const wallS = (performance.now() - t0) / 1000;
    const rc = stats.routeCache;
    runs.push({ hitRate: rc.hits / Math.max(rc.lookups, 1), shipmentsPerS: summary.shipments.created / wallS, wallS });
    sums = { lookups: rc.lookups, hits: rc.hits, events: summary.events };
  }
  return { case: 'routing', id: 'routing/yrd/sim-route-cache', params: { scenario: YRD, seed: 1 }, ...summarize(runs), checksum: sums, note: 'the route cache of a whole YRD run (RunResult.stats.routeCache)' };
}

export async function runRouting(ctx: CaseContext): Promise<CaseResult[]> {
  const out: CaseResult[] = [];
  if (existsSync(YRD)) {
    out.push(benchNetwork(ctx, 'yrd', buildNetwork(loadScenario(YRD)), 2000, 200, { network: YRD }));
    out.push(yrdCacheRun(ctx));
  } else {
    out.push({ case: 'routing', id: 'routing/yrd', params: { network: YRD }, runs: 0, median: {}, min: {}, max: {}, skipped: `skipped: ${YRD} not available` });
  }
  const sizes: [number, number, number][] = ctx.quick ? [[1e4, 300, 30]] : [[1e4, 1000, 50], [1e5, 200, 20], [1e6, 30, 5]];
  for (const [nodes, queries, sample] of sizes) {
    ctx.log(`routing: generating ${nodes}-node road-like graph`);
    const t0 = performance.now();
    const scenario = validateScenario(roadGraphScenario({ nodes, seed: 1 }), 'generated');
    const net = buildNetwork(scenario);
    const buildS = (performance.now() - t0) / 1000;
    const r = benchNetwork(ctx, `road-${nodes.toExponential().replace('+', '')}`, net, queries, sample, { graph: 'road-like', seed: 1 });
    r.median.buildS = buildS;
    out.push(r);
    // The hierarchy's topology grows as n log n on a lattice: up to 1e5 nodes here (1e6: minutes and GBs).
    if (nodes <= 1e5) out.push(...benchClosed(ctx, `road-${nodes.toExponential().replace('+', '')}`, net, queries, sample));
  }
  return out;
}
