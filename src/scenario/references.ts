import { InputError } from './errors.js';
import type { Scenario } from './types.js';
import { reachable, strongComponents } from '../network/components.js';

/**
 * Checks that need the whole scenario: ids unique and known, windows the right way round,
 * polygons closed, demand endpoints connected. Throws the first problem as an InputError.
 */
export function checkReferences(s: Scenario, file: string): void {
  const fail = (field: string, detail: string): never => { throw new InputError(file, field, detail); };
  const nodeIds = uniqueIds(s.network.nodes, 'network.nodes', fail);
  if (nodeIds.size === 0) fail('network.nodes', 'expected at least one node (inline or from network.geojson)');
  const zoneIds = uniqueIds(s.zones, 'zones', fail);
  // Zone membership is a 31-bit mask per node (src/network/zones.ts).
  if (s.zones.length > 31) fail('zones[31]', `at most 31 zones are supported, got ${s.zones.length}`);
  uniqueIds(s.checkpoints, 'checkpoints', fail);
  uniqueIds(s.stations, 'stations', fail);
  uniqueIds(s.demand, 'demand', fail);
  uniqueIds(s.factories, 'factories', fail);
  const knownNode = (field: string, id: string) => { if (!nodeIds.has(id)) fail(field, `unknown node ${JSON.stringify(id)}`); };

  const edgeKeys = new Set<string>();
  s.network.edges.forEach((e, i) => {
    knownNode(`network.edges[${i}].from`, e.from);
    knownNode(`network.edges[${i}].to`, e.to);
    if (e.from === e.to) fail(`network.edges[${i}].to`, `an edge from a node to itself (${JSON.stringify(e.from)})`);
    edgeKeys.add(`${e.from}\u0000${e.to}`);
    if (!e.oneway) edgeKeys.add(`${e.to}\u0000${e.from}`);
  });
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
  s.closures.forEach((c, i) => {
    if ('edge' in c) {
      knownNode(`closures[${i}].edge[0]`, c.edge[0]);
      knownNode(`closures[${i}].edge[1]`, c.edge[1]);
      if (!edgeKeys.has(`${c.edge[0]}\u0000${c.edge[1]}`)) fail(`closures[${i}].edge`, `no road from ${JSON.stringify(c.edge[0])} to ${JSON.stringify(c.edge[1])}`);
    } else knownNode(`closures[${i}].node`, c.node);
  });
  checkWindows(s.closures, 'closures', fail);
  s.demand.forEach((d, i) => {
    knownNode(`demand[${i}].from`, d.from);
    knownNode(`demand[${i}].to`, d.to);
  });
  s.factories.forEach((f, i) => knownNode(`factories[${i}].node`, f.node));
  checkConnected(s, fail);
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

/** Every demand stream's endpoints must be joined by roads (closures and zones aside). */
function checkConnected(s: Scenario, fail: (f: string, d: string) => never): void {
  const index = new Map(s.network.nodes.map((n, i) => [n.id, i]));
  const n = index.size;
  const deg = new Int32Array(n + 1);
  const arcs: [number, number][] = [];
  for (const e of s.network.edges) {
    const u = index.get(e.from)!, v = index.get(e.to)!;
    arcs.push([u, v]);
    if (!e.oneway) arcs.push([v, u]);
  }
  for (const [u] of arcs) deg[u + 1]++;
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const fill = deg.slice(0, n), targets = new Int32Array(arcs.length);
  for (const [u, v] of arcs) targets[fill[u]++] = v;
  const comp = strongComponents(n, deg, targets);
  s.demand.forEach((d, i) => {
    const u = index.get(d.from)!, v = index.get(d.to)!;
    if (comp[u] !== comp[v] && !reachable(u, v, deg, targets)) {
      fail(`demand[${i}]`, `no road connects ${JSON.stringify(d.from)} to ${JSON.stringify(d.to)}`);
    }
  });
}
