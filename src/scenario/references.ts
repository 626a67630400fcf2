import { InputError } from './errors.js';
import type { Scenario } from './types.js';
import { reachable, strongComponents } from '../network/components.js';

/**
 * Checks that need the whole scenario: ids unique and known, windows the right way round,
 * polygons closed, demand endpoints connected. Throws the first problem as an InputError.
 */
export function checkReferences(s: Scenario, file: string): void {
  const fail = (field: string, detail: string): never => { throw new InputError(file, field, detail); };
  const nodeIndex = new Map<string, number>();
  s.network.nodes.forEach((nd, i) => {
    if (nodeIndex.has(nd.id)) fail(`network.nodes[${i}].id`, `duplicate id ${JSON.stringify(nd.id)}`);
    nodeIndex.set(nd.id, i);
  });
  if (nodeIndex.size === 0) fail('network.nodes', 'expected at least one node (inline or from network.geojson)');
  const zoneIds = uniqueIds(s.zones, 'zones', fail);
  // Zone membership is a 31-bit mask per node (src/network/zones.ts).
  if (s.zones.length > 31) fail('zones[31]', `at most 31 zones are supported, got ${s.zones.length}`);
  uniqueIds(s.checkpoints, 'checkpoints', fail);
  uniqueIds(s.stations, 'stations', fail);
  uniqueIds(s.demand, 'demand', fail);
  uniqueIds(s.factories, 'factories', fail);
  const knownNode = (field: string, id: string) => { if (!nodeIndex.has(id)) fail(field, `unknown node ${JSON.stringify(id)}`); };

  // A network has millions of edges: no string (field name, key) is made for an edge that is fine.
  const edges = s.network.edges, from = new Int32Array(edges.length), to = new Int32Array(edges.length);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i], u = nodeIndex.get(e.from), v = nodeIndex.get(e.to);
    if (u === undefined) knownNode(`network.edges[${i}].from`, e.from);
    if (v === undefined) knownNode(`network.edges[${i}].to`, e.to);
    if (e.from === e.to) fail(`network.edges[${i}].to`, `an edge from a node to itself (${JSON.stringify(e.from)})`);
    from[i] = u!; to[i] = v!;
  }
  if (s.warmupMin >= s.horizonMin) fail('warmupMin', `expected less than horizonMin (${s.horizonMin}), got ${s.warmupMin}`);

  s.zones.forEach((z, i) => {
    const rings = z.polygon.type === 'Polygon' ? z.polygon.coordinates : z.polygon.coordinates.flat();
    rings.forEach((ring, r) => {
      const a = ring[0], b = ring[ring.length - 1];
      if (ring.length < 4 || a[0] !== b[0] || a[1] !== b[1]) {
        fail(`zones[${i}].polygon`, `ring ${r} is not closed (needs >= 4 positions, first = last)`);
      }
    });
    checkWindows(z.controls, `zones[${i}].controls`, fail);
    const sorted = [...z.controls].sort((p, q) => p.fromMin - q.fromMin);
    for (let k = 1; k < sorted.length; k++) {
      if (sorted[k].fromMin < sorted[k - 1].toMin) fail(`zones[${i}].controls`, 'control windows overlap');
    }
  });

  const cpAt = new Map<string, string>();
  s.checkpoints.forEach((c, i) => {
    knownNode(`checkpoints[${i}].node`, c.node);
    if (c.priorityLanes > c.lanes) fail(`checkpoints[${i}].priorityLanes`, `expected at most lanes (${c.lanes}), got ${c.priorityLanes}`);
    if (cpAt.has(c.node)) fail(`checkpoints[${i}].node`, `node ${JSON.stringify(c.node)} already has checkpoint ${JSON.stringify(cpAt.get(c.node))}`);
    cpAt.set(c.node, c.id);
  });
  const stationAt = new Map<string, string>();
  s.stations.forEach((st, i) => {
    knownNode(`stations[${i}].node`, st.node);
    if (!zoneIds.has(st.zone)) fail(`stations[${i}].zone`, `unknown zone ${JSON.stringify(st.zone)}`);
    if (stationAt.has(st.node)) fail(`stations[${i}].node`, `node ${JSON.stringify(st.node)} already has station ${JSON.stringify(stationAt.get(st.node))}`);
    stationAt.set(st.node, st.id);
  });
  const road = roadKeys(s, nodeIndex, from, to);
  s.closures.forEach((c, i) => {
    if ('edge' in c) {
      knownNode(`closures[${i}].edge[0]`, c.edge[0]);
      knownNode(`closures[${i}].edge[1]`, c.edge[1]);
      if (!road.has(nodeIndex.get(c.edge[0])! * nodeIndex.size + nodeIndex.get(c.edge[1])!)) fail(`closures[${i}].edge`, `no road from ${JSON.stringify(c.edge[0])} to ${JSON.stringify(c.edge[1])}`);
    } else knownNode(`closures[${i}].node`, c.node);
  });
  checkWindows(s.closures, 'closures', fail);
  s.demand.forEach((d, i) => {
    knownNode(`demand[${i}].from`, d.from);
    knownNode(`demand[${i}].to`, d.to);
  });
  s.factories.forEach((f, i) => knownNode(`factories[${i}].node`, f.node));
  checkConnected(s, nodeIndex, from, to, fail);
}

function uniqueIds(items: readonly { id: string }[], field: string, fail: (f: string, d: string) => never): Set<string> {
  const seen = new Set<string>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) fail(`${field}[${i}].id`, `duplicate id ${JSON.stringify(it.id)}`);
    seen.add(it.id);
  });
  return seen;
}

function checkWindows(ws: readonly { fromMin: number; toMin: number }[], field: string, fail: (f: string, d: string) => never) {
  ws.forEach((w, i) => {
    if (!(w.toMin > w.fromMin)) fail(`${field}[${i}].toMin`, `window ends before it starts (fromMin ${w.fromMin}, toMin ${w.toMin})`);
  });
}

/**
 * The directed roads (u * nodes + v) that closures name and the network has, or an empty set when no
 * closure names a road: only those are looked for, so a big network with few closures adds little.
 */
function roadKeys(s: Scenario, nodeIndex: Map<string, number>, from: Int32Array, to: Int32Array): Set<number> {
  const n = nodeIndex.size, wanted = new Set<number>(), found = new Set<number>();
  for (const c of s.closures) {
    if (!('edge' in c)) continue;
    const u = nodeIndex.get(c.edge[0]), v = nodeIndex.get(c.edge[1]);
    if (u !== undefined && v !== undefined) wanted.add(u * n + v);
  }
  if (wanted.size === 0) return found;
  s.network.edges.forEach((e, i) => {
    const k = from[i] * n + to[i], back = to[i] * n + from[i];
    if (wanted.has(k)) found.add(k);
    if (!e.oneway && wanted.has(back)) found.add(back);
  });
  return found;
}

/** Every demand stream's endpoints must be joined by roads (closures and zones aside). */
function checkConnected(s: Scenario, index: Map<string, number>, from: Int32Array, to: Int32Array, fail: (f: string, d: string) => never): void {
  const n = index.size, edges = s.network.edges;
  const deg = new Int32Array(n + 1);
  for (let i = 0; i < edges.length; i++) {
    deg[from[i] + 1]++;
    if (!edges[i].oneway) deg[to[i] + 1]++;
  }
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const fill = deg.slice(0, n), targets = new Int32Array(deg[n]);
  for (let i = 0; i < edges.length; i++) {
    targets[fill[from[i]]++] = to[i];
    if (!edges[i].oneway) targets[fill[to[i]]++] = from[i];
  }
  const comp = strongComponents(n, deg, targets);
  s.demand.forEach((d, i) => {
    const u = index.get(d.from)!, v = index.get(d.to)!;
    if (comp[u] !== comp[v] && !reachable(u, v, deg, targets)) {
      fail(`demand[${i}]`, `no road connects ${JSON.stringify(d.from)} to ${JSON.stringify(d.to)}`);
    }
  });
}
