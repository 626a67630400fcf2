import { distance } from '@turf/distance';
import { point } from '@turf/helpers';
import type { Scenario } from '../scenario/types.js';
import { zoneMasks } from './zones.js';
import { InputError } from '../scenario/errors.js';

/**
 * The road network in the form the simulation and router use: nodes numbered 0..N-1, directed edges
 * 0..E-1 (a two-way road is two edges), per-edge minutes and km in typed arrays, and the outgoing and
 * incoming edges of every node as compressed rows (CSR), built once. No graph library's objects: the
 * ngraph.graph that `search: 'ngraph'` needs is built by that router alone (ngraph-graph.ts); on a
 * 1e5-node network it was most of the build time, unused by the default router.
 */
export interface Network {
  nodeIds: string[];
  nodeIndex: Map<string, number>;
  lon: Float64Array;
  lat: Float64Array;
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeMin: Float64Array;
  edgeKm: Float64Array;
  /** Index of the scenario edge (network.edges) each directed edge came from. */
  edgeSource: Int32Array;
  /** Directed edge u->v by key u*N+v (parallel roads are merged into the fastest). */
  edgeByPair: Map<number, number>;
  /** Bit z set when the node lies in scenario zone z (zones beyond 31 are not supported). */
  zoneMask: Int32Array;
  /** Outgoing edges of node u: out.edges[out.offsets[u] .. out.offsets[u + 1]). */
  out: Csr;
  /** Incoming edges, for searches run backwards from a node. */
  in: Csr;
}

/** Edge indices grouped by node, as compressed rows. */
export interface Csr { offsets: Int32Array; edges: Int32Array }
/** km of a scenario edge: its own `km`, else great-circle distance between its nodes x the detour factor. */
export function edgeLengthKm(e: { km?: number }, from: [number, number], to: [number, number], detourFactor: number): number {
  return e.km ?? distance(point(from), point(to), { units: 'kilometers' }) * detourFactor;
}

/** Free-flow minutes to drive `km` at `speedKmh`. */
export const edgeMinutes = (km: number, speedKmh: number): number => (km / speedKmh) * 60;

export function buildNetwork(s: Scenario): Network {
  const nodeIds = s.network.nodes.map((n) => n.id);
  const nodeIndex = new Map(nodeIds.map((id, i) => [id, i]));
  const N = nodeIds.length;
  const lon = Float64Array.from(s.network.nodes, (n) => n.lon);
  const lat = Float64Array.from(s.network.nodes, (n) => n.lat);
  const from: number[] = [], to: number[] = [], min: number[] = [], km: number[] = [], src: number[] = [];
  const edgeByPair = new Map<number, number>();
  const add = (u: number, v: number, k: number, minutes: number, source: number) => {
    const key = u * N + v;
    const have = edgeByPair.get(key);
    if (have !== undefined) {
      if (minutes < min[have]) { min[have] = minutes; km[have] = k; src[have] = source; }
      return;
    }
    edgeByPair.set(key, from.length);
    from.push(u); to.push(v); min.push(minutes); km.push(k); src.push(source);
  };
  s.network.edges.forEach((e, i) => {
    const u = nodeIndex.get(e.from)!, v = nodeIndex.get(e.to)!;
    const k = edgeLengthKm(e, [lon[u], lat[u]], [lon[v], lat[v]], s.network.detourFactor);
    const minutes = edgeMinutes(k, e.speedKmh);
    // validateScenario has checked this (scenario/derived-numbers.ts); a scenario built in code may not have been.
    if (!(Number.isFinite(k) && Number.isFinite(minutes) && minutes > 0)) {
      throw new InputError(s.source.file, `network.edges[${i}]`, `gives ${k} km in ${minutes} min; expected a finite distance and a finite travel time > 0`);
    }
    add(u, v, k, minutes, i);
    if (!e.oneway) add(v, u, k, minutes, i);
  });
  const edgeFrom = Int32Array.from(from), edgeTo = Int32Array.from(to);
  return {
    nodeIds, nodeIndex, lon, lat, edgeFrom, edgeTo,
    edgeMin: Float64Array.from(min), edgeKm: Float64Array.from(km), edgeSource: Int32Array.from(src),
    edgeByPair, zoneMask: zoneMasks(s, lon, lat), out: edgesBy(edgeFrom, N), in: edgesBy(edgeTo, N),
  };
}

/** Outgoing edges as CSR (offsets by node, edge indices). */
export function outgoing(net: Network): Csr {
  return net.out;
}

/** Incoming edges as CSR, for searches run backwards from a node. */
export function incoming(net: Network): Csr {
  return net.in;
}

/** Edge indices grouped by the node `endpoint[e]` (counting sort into compressed rows). */
function edgesBy(endpoint: Int32Array, n: number): Csr {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < endpoint.length; e++) offsets[endpoint[e] + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n), edges = new Int32Array(endpoint.length);
  for (let e = 0; e < endpoint.length; e++) edges[fill[endpoint[e]]++] = e;
  return { offsets, edges };
}
