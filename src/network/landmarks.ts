import { incoming, outgoing, type Network } from './build.js';
import { dijkstraAll } from './shortest-paths.js';

/**
 * Landmark (ALT) lower bounds on travel time. For landmark L, d(v,t) >= d(L,t) - d(L,v) and
 * d(v,t) >= d(v,L) - d(t,L) by the triangle inequality. Closures only remove edges, which can only
 * lengthen true distances, so bounds computed once on the open network stay admissible under any
 * closure: no recomputation when the network changes. Measured on a 1e5-node grid: 14x the plain
 * straight-line A* of ngraph.path (shared/peers/RESULTS.md).
 */
export interface Landmarks {
  count: number;
  /** Node-major: fwd[v*count + l] = d(L_l -> v), bwd[v*count + l] = d(v -> L_l). */
  fwd: Float64Array;
  bwd: Float64Array;
}

export function computeLandmarks(net: Network, wanted = 16): Landmarks {
  const n = net.nodeIds.length;
  const count = Math.min(wanted, n);
  const out = outgoing(net), inc = incoming(net);
  const fwd = new Float64Array(n * count), bwd = new Float64Array(n * count);
  // Farthest-point selection: each new landmark is the node farthest (in reach) from those chosen.
  const nearest = new Float64Array(n).fill(Infinity);
  let next = farthestFrom(dijkstraAll(0, n, out.offsets, out.edges, net.edgeTo, net.edgeMin), 0);
  for (let l = 0; l < count; l++) {
    const df = dijkstraAll(next, n, out.offsets, out.edges, net.edgeTo, net.edgeMin);
    const db = dijkstraAll(next, n, inc.offsets, inc.edges, net.edgeFrom, net.edgeMin);
    for (let v = 0; v < n; v++) {
      fwd[v * count + l] = df[v];
      bwd[v * count + l] = db[v];
      const d = Math.min(df[v], db[v]);
      if (d < nearest[v]) nearest[v] = d;
    }
    next = farthestFrom(nearest, next);
  }
  return { count, fwd, bwd };
}

function farthestFrom(dist: Float64Array, fallback: number): number {
  let best = fallback, bestD = -1;
  for (let v = 0; v < dist.length; v++) if (dist[v] !== Infinity && dist[v] > bestD) { bestD = dist[v]; best = v; }
  return best;
}

/** Lower bound on the time from v to t. Unreachable pairs (Infinity) give no bound. */
export function altBound(lm: Landmarks, v: number, t: number): number {
  const K = lm.count, F = lm.fwd, B = lm.bwd;
  const vo = v * K, to = t * K;
  let h = 0;
  for (let l = 0; l < K; l++) {
    const a = F[to + l] - F[vo + l];
    if (a > h && a !== Infinity) h = a;
    const b = B[vo + l] - B[to + l];
    if (b > h && b !== Infinity) h = b;
  }
  return h;
}
