// Paired uncached exact queries under one closure state (1 % of directed edges, 0.1 % of nodes closed)
// on a generated road-like graph: A* (csr) against the hierarchy (cch), in rounds in one process, and
// optionally against the hierarchy of another checkout (OLD=/path/to/checkout, with node_modules):
//   [OLD=...] npx tsx bench/router-ab.ts [NODES=1e5] [QUERIES=200] [ROUNDS=3]
// Prints one JSON line: median q/s per router and the ratios; answers are checked against each other.
// Uncached: the rounds repeat the same queries, so the hierarchy keeps no backward search per target
// here (backwardCacheBytes 0); `cchKept` is the default router, which keeps them (after the first
// round every target's backward side is kept: the figure for targets asked for again and again).
import seedrandom from 'seedrandom';
import { roadGraphScenario } from './graphs.js';
import { validateScenario } from '../src/scenario/load.js';
import { buildNetwork } from '../src/network/build.js';
import { createRouter, type Blocked, type Router } from '../src/network/router.js';
import { computeLandmarks } from '../src/network/landmarks.js';

const nodes = Number(process.argv[2] ?? 1e5), Q = Number(process.argv[3] ?? 200), rounds = Number(process.argv[4] ?? 3);
const net = buildNetwork(validateScenario(roadGraphScenario({ nodes, seed: 1 }), 'generated'));
const n = net.nodeIds.length, E = net.edgeFrom.length, rng = seedrandom.alea('router-ab');
const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
for (let e = 0; e < E; e++) if (rng() < 0.01) closedEdge[e] = 1;
for (let v = 0; v < n; v++) if (rng() < 0.001) closedNode[v] = 1;
const blocked: Blocked = { closedNode, closedEdge, zoneBlock: 0, version: 1 };
const qs = Array.from({ length: Q }, () => [Math.floor(rng() * n), Math.floor(rng() * n)] as const);
const landmarks = computeLandmarks(net, 16);
const makers: [string, () => Router][] = [
  ['csr', () => createRouter(net, { landmarks, search: 'csr' })],
  ['cch', () => createRouter(net, { landmarks, search: 'cch', backwardCacheBytes: 0 })],
  ['cchKept', () => createRouter(net, { landmarks, search: 'cch' })],
];
if (process.env.OLD) {
  const old = (await import(`${process.env.OLD}/src/network/router.ts`)) as { createRouter: typeof createRouter };
  makers.push(['cchOld', () => old.createRouter(net, { landmarks, search: 'cch' })]);
}
const routers = new Map<string, Router>(), setupS: Record<string, number> = {};
for (const [name, make] of makers) {
  const t0 = performance.now(), r = make();
  r.find(0, n - 1, blocked); // preprocessing and the state's customization
  setupS[name] = +((performance.now() - t0) / 1000).toFixed(2);
  routers.set(name, r);
}
const minutes = (r: ReturnType<Router['find']>) => (r ? r.cumMin[r.edges.length] : Infinity);
for (const [s, t] of qs.slice(0, 20)) {
  const want = minutes(routers.get('csr')!.find(s, t, blocked));
  for (const [name, r] of routers) {
    const got = minutes(r.find(s, t, blocked));
    if (got !== want && Math.abs(got - want) > 1e-9 * Math.max(1, want)) throw new Error(`${name} ${s}->${t}: ${got} min, csr ${want}`);
  }
}
const qps = new Map<string, number[]>([...routers.keys()].map((k) => [k, []]));
for (let r = 0; r < rounds; r++) for (const [name, router] of routers) {
  const t0 = performance.now();
  for (const [s, t] of qs) router.find(s, t, blocked);
  qps.get(name)!.push(Q / ((performance.now() - t0) / 1000));
}
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
const m = Object.fromEntries([...qps].map(([k, v]) => [k, Math.round(med(v))]));
console.log(JSON.stringify({ nodes: n, queries: Q, rounds, setupS, medianQps: m, cchOverCsr: +(m.cch / m.csr).toFixed(2), ...(m.cchOld ? { cchOverOld: +(m.cch / m.cchOld).toFixed(2) } : {}) }));
