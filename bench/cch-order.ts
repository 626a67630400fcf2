// The hierarchy under its two orders on one generated road-like graph and one closure state (1 % of
// directed edges, 0.1 % of nodes closed, as bench/router-ab.ts): inertial-flow cuts (the default)
// against straight coordinate cuts. Per order: arcs, lower triangles, elimination-tree depth, arc
// directions kept for the search, preprocessing and customization time, and uncached exact queries
// (network edges out) in alternating rounds in one process, medians; answers checked against each other.
//   npx tsx bench/cch-order.ts [NODES=1e5] [QUERIES=300] [ROUNDS=5] [CUSTOMIZATIONS=3]
import seedrandom from 'seedrandom';
import { roadGraphScenario } from './graphs.js';
import { validateScenario } from '../src/scenario/load.js';
import { buildNetwork } from '../src/network/build.js';
import { buildTopology, type CchTopology } from '../src/network/cch/topology.js';
import { customize, type CchMetric } from '../src/network/cch/metric.js';
import { cchQuery } from '../src/network/cch/query.js';
import { triangleCount } from '../src/network/cch/partial.js';

const nodes = Number(process.argv[2] ?? 1e5), Q = Number(process.argv[3] ?? 300), rounds = Number(process.argv[4] ?? 5), C = Number(process.argv[5] ?? 3);
const net = buildNetwork(validateScenario(roadGraphScenario({ nodes, seed: 1 }), 'generated'));
const n = net.nodeIds.length, E = net.edgeFrom.length, rng = seedrandom.alea('router-ab');
const closedNode = new Uint8Array(n), closedEdge = new Uint8Array(E);
for (let e = 0; e < E; e++) if (rng() < 0.01) closedEdge[e] = 1;
for (let v = 0; v < n; v++) if (rng() < 0.001) closedNode[v] = 1;
const qs = Array.from({ length: Q }, () => [Math.floor(rng() * n), Math.floor(rng() * n)] as const);
const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];

interface Side { topo: CchTopology; metric: CchMetric; find: ReturnType<typeof cchQuery>; row: Record<string, number> }
const sides = new Map<string, Side>();
for (const orderBy of ['inertial', 'coordinate'] as const) {
  let t0 = performance.now();
  const topo = buildTopology(net, orderBy);
  const preprocessS = (performance.now() - t0) / 1000;
  const custom: number[] = [];
  let metric: CchMetric | null = null;
  for (let c = 0; c < C; c++) {
    t0 = performance.now();
    metric = customize(topo, net, closedNode, closedEdge, 0);
    custom.push((performance.now() - t0) / 1000);
  }
  let depth = 0, depthMax = 0;
  for (let v = 0; v < n; v++) { let d = 0; for (let x = v; x !== -1; x = topo.parent[x]) d++; depth += d; if (d > depthMax) depthMax = d; }
  sides.set(orderBy, {
    topo, metric: metric!, find: cchQuery(topo, net),
    row: { arcs: topo.head.length, triangles: triangleCount(topo), depthMean: Math.round(depth / n), depthMax, keptUp: metric!.fwdHead.length, keptDown: metric!.bwdHead.length, metricMiB: +(metric!.bytes / 2 ** 20).toFixed(1), preprocessS: +preprocessS.toFixed(2), customizeS: +med(custom).toFixed(2) },
  });
}
const minutes = (edges: Int32Array | null): number => { if (edges === null) return Infinity; let s = 0; for (const e of edges) s += net.edgeMin[e]; return s; };
for (const [s, t] of qs) {
  if (closedNode[t] === 1) continue;
  const [a, b] = [...sides.values()].map((x) => minutes(x.find(s, t, x.metric, null)));
  if (a !== b && Math.abs(a - b) > 1e-9 * Math.max(1, a)) throw new Error(`cch-order: ${s}->${t}: ${a} vs ${b} min`);
}
const qps = new Map<string, number[]>([...sides.keys()].map((k) => [k, []]));
for (let r = 0; r < rounds; r++) for (const [name, x] of sides) {
  const t0 = performance.now();
  for (const [s, t] of qs) x.find(s, t, x.metric, null);
  qps.get(name)!.push(Q / ((performance.now() - t0) / 1000));
}
for (const [name, x] of sides) x.row.qps = Math.round(med(qps.get(name)!));
const [inr, crd] = [sides.get('inertial')!.row, sides.get('coordinate')!.row];
console.log(JSON.stringify({ nodes: n, queries: Q, rounds, inertial: inr, coordinate: crd, ratios: { triangles: +(crd.triangles / inr.triangles).toFixed(2), customize: +(crd.customizeS / inr.customizeS).toFixed(2), qps: +(inr.qps / crd.qps).toFixed(2) } }));
