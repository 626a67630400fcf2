import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';
import { bisect } from './bisect.js';

/** How a run is cut into regions (one per thread), and what that cut allows. */
export interface PartitionPlan {
  parts: number;
  /** Region of every node. */
  owner: Int32Array;
  /** Directed roads whose ends lie in different regions. */
  cutEdges: number;
  /** Minutes: the shortest free-flow time of a cut road, the width of a synchronisation window. */
  lookahead: number;
  /** Expected work of each region (the bisection's weights), for the report. */
  work: number[];
  /** Regions asked for; fewer when the network cannot be cut into that many with a usable lookahead. */
  asked: number;
}

/** A window narrower than this would stall the regions on synchronisation: merge rather than cut there. */
export const MIN_LOOKAHEAD_MIN = 0.25;

/**
 * Expected work per node: demand streams at both ends (arrivals, routes and deliveries), checkpoints
 * and stations (queues and services) weighted by the traffic that may reach them, and a little per
 * node so that empty country is shared out too.
 */
export function nodeWork(s: Scenario, net: Network): Float64Array {
  const w = new Float64Array(net.nodeIds.length), idx = (id: string) => net.nodeIndex.get(id)!;
  let total = 0;
  for (const d of s.demand) { w[idx(d.from)] += 2 * d.loadsPerHour; w[idx(d.to)] += d.loadsPerHour; total += d.loadsPerHour; }
  const base = Math.max(total, 1) / Math.max(net.nodeIds.length, 1);
  for (let v = 0; v < w.length; v++) w[v] += base;
  for (const c of s.checkpoints) w[idx(c.node)] += total / Math.max(1, s.checkpoints.length);
  for (const st of s.stations) w[idx(st.node)] += total / Math.max(1, s.stations.length);
  return w;
}

/**
 * Cuts the network into `parts` regions by recursive coordinate bisection of the nodes weighted by
 * expected work. A cut road shorter than MIN_LOOKAHEAD_MIN minutes is healed by moving its head into
 * its tail's region (a few passes); if short cut roads remain, it tries one region fewer. The cut
 * depends on the scenario and `parts` only.
 */
export function planPartition(s: Scenario, net: Network, parts: number): PartitionPlan {
  const weight = nodeWork(s, net);
  for (let p = parts; p >= 1; p--) {
    const owner = bisect(net.lon, net.lat, weight, p);
    if (p > 1) heal(net, owner);
    const used = new Set(owner).size;
    const { cutEdges, lookahead } = cutOf(net, owner);
    if (p === 1 || (used === p && lookahead >= MIN_LOOKAHEAD_MIN)) {
      const work = Array.from({ length: p }, () => 0);
      for (let v = 0; v < owner.length; v++) work[owner[v]] += weight[v];
      return { parts: p, owner, cutEdges, lookahead: p === 1 ? Infinity : lookahead, work, asked: parts };
    }
  }
  throw new Error('unreachable: one region always works');
}

function heal(net: Network, owner: Int32Array): void {
  for (let pass = 0; pass < 8; pass++) {
    let moved = 0;
    for (let e = 0; e < net.edgeFrom.length; e++) {
      const u = net.edgeFrom[e], v = net.edgeTo[e];
      if (owner[u] !== owner[v] && net.edgeMin[e] < MIN_LOOKAHEAD_MIN) { owner[v] = owner[u]; moved++; }
    }
    if (moved === 0) return;
  }
}

export function cutOf(net: Network, owner: Int32Array): { cutEdges: number; lookahead: number } {
  let cutEdges = 0, lookahead = Infinity;
  for (let e = 0; e < net.edgeFrom.length; e++) {
    if (owner[net.edgeFrom[e]] === owner[net.edgeTo[e]]) continue;
    cutEdges++;
    if (net.edgeMin[e] < lookahead) lookahead = net.edgeMin[e];
  }
  return { cutEdges, lookahead };
}
