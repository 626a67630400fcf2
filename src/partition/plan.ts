import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';
import { bisect, type Mass } from './bisect.js';

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
 * The lookahead the cut aims for: half as many windows as the 0.53 min the bench network's cut had
 * with roads under 0.25 min healed only (each window costs a barrier and a round of handoffs, and
 * most windows hold well under a millisecond of events). Roads under a minute are ~10 % of a
 * road-like network's, so the groups they join stay small; at 1.25 min they span the bench network.
 */
export const WIDE_LOOKAHEAD_MIN = 1;
/** How many times the narrow cut's roads the wide cut may cross, at most. */
const WIDE_CUT_GROWTH = 2;

/** Km-equivalents of work at a demand end, a checkpoint or a station (per load an hour through it). */
const END_KM = 2;
/** Points a demand stream's line is sampled at, at most (one per ~2 km). */
const MAX_SAMPLES = 64;

/**
 * Expected work, as weights on the nodes and on points along the demand streams' lines. Most of a run's
 * work is done where the trucks are: re-plan searches when closures change (from the truck's next
 * node), the checks of every truck on the road at each change, their stretches. The trucks of a stream
 * are spread along its route, so a stream weighs its loads an hour times the km of the straight line
 * between its ends, spread evenly along that line (the route is not known before the router is built,
 * and on road networks it stays near the line). Its ends, the checkpoints and the stations weigh a
 * little more; every node a little, so that empty country is shared out too.
 */
export function expectedWork(s: Scenario, net: Network): { weight: Float64Array; mass: Mass } {
  const w = new Float64Array(net.nodeIds.length), idx = (id: string) => net.nodeIndex.get(id)!;
  const lon: number[] = [], lat: number[] = [], mw: number[] = [];
  let total = 0, line = 0;
  for (const d of s.demand) {
    if (!(d.loadsPerHour > 0)) continue;
    const a = idx(d.from), b = idx(d.to), km = kmBetween(net, a, b);
    w[a] += END_KM * d.loadsPerHour; w[b] += END_KM * d.loadsPerHour;
    total += d.loadsPerHour; line += d.loadsPerHour * km;
    const k = Math.max(2, Math.min(MAX_SAMPLES, Math.ceil(km / 2)));
    for (let i = 0; i < k; i++) {
      const t = (i + 0.5) / k;
      lon.push(net.lon[a] + (net.lon[b] - net.lon[a]) * t); lat.push(net.lat[a] + (net.lat[b] - net.lat[a]) * t); mw.push((d.loadsPerHour * km) / k);
    }
  }
  for (const c of s.checkpoints) w[idx(c.node)] += (END_KM * total) / s.checkpoints.length;
  for (const st of s.stations) w[idx(st.node)] += (END_KM * total) / s.stations.length;
  const base = Math.max(0.05 * (line + 2 * END_KM * total), 1) / Math.max(net.nodeIds.length, 1);
  for (let v = 0; v < w.length; v++) w[v] += base;
  return { weight: w, mass: { lon: Float64Array.from(lon), lat: Float64Array.from(lat), weight: Float64Array.from(mw) } };
}

/** Km between two nodes in a straight line (equirectangular: plenty for weights). */
function kmBetween(net: Network, a: number, b: number): number {
  const k = 111.32, dy = (net.lat[b] - net.lat[a]) * k, dx = (net.lon[b] - net.lon[a]) * k * Math.cos((((net.lat[a] + net.lat[b]) / 2) * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

/**
 * Cuts the network into `parts` regions by recursive coordinate bisection of the nodes weighted by
 * expected work, then moves the nodes joined by short roads to one side (heal) so that the lookahead,
 * the shortest cut road, is WIDE_LOOKAHEAD_MIN when that costs little, or at least MIN_LOOKAHEAD_MIN;
 * if a region would vanish or short cut roads remain, it tries one region fewer. The cut depends on
 * the scenario and `parts` only.
 */
export function planPartition(s: Scenario, net: Network, parts: number): PartitionPlan {
  const { weight, mass } = expectedWork(s, net);
  for (let p = parts; p >= 1; p--) {
    const { owner, massOwner } = bisect(net.lon, net.lat, weight, p, mass);
    const { cutEdges, lookahead } = p > 1 ? healCut(net, owner, weight, p) : cutOf(net, owner);
    const used = new Set(owner).size;
    if (p === 1 || (used === p && lookahead >= MIN_LOOKAHEAD_MIN)) {
      const work = Array.from({ length: p }, () => 0);
      for (let v = 0; v < owner.length; v++) work[owner[v]] += weight[v];
      for (let i = 0; i < massOwner.length; i++) work[massOwner[i]] += mass.weight[i];
      return { parts: p, owner, cutEdges, lookahead: p === 1 ? Infinity : lookahead, work, asked: parts };
    }
  }
  throw new Error('unreachable: one region always works');
}

/**
 * Heals `owner` in place to WIDE_LOOKAHEAD_MIN when that costs little, otherwise to MIN_LOOKAHEAD_MIN,
 * and returns the cut it leaves.
 */
function healCut(net: Network, owner: Int32Array, weight: Float64Array, parts: number): { cutEdges: number; lookahead: number } {
  const wide = owner.slice();
  heal(net, owner, weight, parts, MIN_LOOKAHEAD_MIN);
  heal(net, wide, weight, parts, WIDE_LOOKAHEAD_MIN);
  const narrow = cutOf(net, owner);
  // The wider windows pay only while the cut stays about as short: a cut grown across many more
  // roads hands on more trucks (and a group of short roads spanning the map would swallow a region).
  if (new Set(wide).size !== parts) return narrow;
  const wideCut = cutOf(net, wide);
  if (wideCut.cutEdges > WIDE_CUT_GROWTH * narrow.cutEdges) return narrow;
  owner.set(wide);
  return wideCut;
}

/**
 * Makes every cut road at least `below` minutes: the nodes joined by shorter roads are grouped
 * (union-find), and each group goes whole to the region that holds most of its weight (ties: the
 * lower region), so no road shorter than `below` is left between regions. (Moving one road's head
 * at a time, as before, could flip a node back and forth between two regions and never settle.)
 */
function heal(net: Network, owner: Int32Array, weight: Float64Array, parts: number, below: number): void {
  const n = owner.length, up = Int32Array.from({ length: n }, (_, v) => v);
  const root = (v: number): number => { while (up[v] !== v) { up[v] = up[up[v]]; v = up[v]; } return v; };
  for (let e = 0; e < net.edgeFrom.length; e++) {
    if (!(net.edgeMin[e] < below)) continue;
    const a = root(net.edgeFrom[e]), b = root(net.edgeTo[e]);
    if (a !== b) up[Math.max(a, b)] = Math.min(a, b);
  }
  // Weight per region of each group of more than one node (a node alone stays where it is).
  const size = new Int32Array(n), held = new Map<number, Float64Array>();
  for (let v = 0; v < n; v++) size[root(v)]++;
  for (let v = 0; v < n; v++) {
    const r = root(v);
    if (size[r] === 1) continue;
    let w = held.get(r);
    if (w === undefined) held.set(r, w = new Float64Array(parts));
    w[owner[v]] += weight[v];
  }
  const to = new Map<number, number>();
  for (const [r, w] of held) { let best = 0; for (let k = 1; k < parts; k++) if (w[k] > w[best]) best = k; to.set(r, best); }
  for (let v = 0; v < n; v++) { const k = to.get(root(v)); if (k !== undefined) owner[v] = k; }
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
