import { incoming, outgoing, type Network } from '../network/build.js';
import { dijkstraAll } from '../network/shortest-paths.js';
import type { Scenario } from '../scenario/types.js';
import type { Site } from './candidates.js';

/** A stream that relays in a zone, with its weight (loads/h that must relay) and free-flow times to every node. */
interface Flow { zone: string; weight: number; fromOrigin: Float64Array; toDest: Float64Array; demand: string; from: string; to: string }

export interface Screening {
  /** Per site: demand-weighted mean minutes origin -> site -> destination over the flows of its zone. */
  score: number[];
  /** The p-median cost of a set of site indices (weighted minutes per hour, lower is better). */
  cost(sites: readonly number[]): number;
}

/**
 * Zones that need a station: under relay or sealed at some time, and the destination of demand that
 * relays there (relay: trucks without a pass, 1 - passShare; sealed: all). Returns the flows per zone.
 */
export function relayFlows(s: Scenario, net: Network): Flow[] {
  const out = outgoing(net), inc = incoming(net), N = net.nodeIds.length;
  const fromCache = new Map<number, Float64Array>(), toCache = new Map<number, Float64Array>();
  const from = (u: number) => fromCache.get(u) ?? fromCache.set(u, dijkstraAll(u, N, out.offsets, out.edges, net.edgeTo, net.edgeMin)).get(u)!;
  const to = (v: number) => toCache.get(v) ?? toCache.set(v, dijkstraAll(v, N, inc.offsets, inc.edges, net.edgeFrom, net.edgeMin)).get(v)!;
  const flows: Flow[] = [];
  s.demand.forEach((d) => {
    const u = net.nodeIndex.get(d.from)!, v = net.nodeIndex.get(d.to)!;
    s.zones.forEach((z, zi) => {
      if (!(net.zoneMask[v] & (1 << zi)) || (net.zoneMask[u] & (1 << zi))) return;
      const sealed = z.controls.some((c) => c.rule === 'sealed'), relay = z.controls.some((c) => c.rule === 'relay');
      const share = sealed ? 1 : relay ? 1 - d.passShare : 0;
      if (share > 0 && d.loadsPerHour > 0) flows.push({ zone: z.id, weight: d.loadsPerHour * share, fromOrigin: from(u), toDest: to(v), demand: d.id, from: d.from, to: d.to });
    });
  });
  return flows;
}

/** What a flow with no site in its zone costs, so a greedy build covers zones first and stays finite. */
const UNCOVERED_MIN = 1e7;

/**
 * Shortest-path screening: each flow uses, of the set's sites in its zone, the one its truck reaches
 * soonest (as the simulation's trucks do) and pays origin -> site -> destination. Queues, closures and
 * local fleets are left to the simulation.
 */
export function screen(sites: Site[], flows: Flow[], net: Network): Screening {
  const node = sites.map((s) => net.nodeIndex.get(s.node)!);
  const score = sites.map((s, i) => {
    let w = 0, sum = 0;
    for (const f of flows) if (f.zone === s.zone) { w += f.weight; sum += f.weight * (f.fromOrigin[node[i]] + f.toDest[node[i]]); }
    return w > 0 ? sum / w : Infinity;
  });
  const cost = (set: readonly number[]) => {
    let total = 0;
    for (const f of flows) {
      let reach = Infinity, via = Infinity;
      for (const i of set) {
        if (sites[i].zone !== f.zone) continue;
        const t = f.fromOrigin[node[i]];
        if (t < reach) { reach = t; via = t + f.toDest[node[i]]; }
      }
      total += f.weight * Math.min(via, UNCOVERED_MIN);
    }
    return total;
  };
  return { score, cost };
}

/**
 * p-median on the screening cost: greedy add from `start`, then first-improvement swaps until none helps.
 * `ok(set)` says whether a set is allowed (coverage, budget); sets it rejects are skipped.
 */
export function pMedian(k: number, m: number, scr: Screening, ok: (set: number[]) => boolean, start: number[] = []): number[] | null {
  let set = [...start];
  const costOf = (s: number[]) => (ok(s) ? scr.cost(s) : Infinity);
  while (set.length < k) {
    let best: number[] | null = null, bestCost = Infinity;
    for (let i = 0; i < m; i++) {
      if (set.includes(i)) continue;
      const next = [...set, i].sort((a, b) => a - b);
      const c = set.length + 1 === k ? costOf(next) : scr.cost(next);
      if (c < bestCost || best === null) { bestCost = c; best = next; }
    }
    if (best === null) return null;
    set = best;
  }
  let current = costOf(set);
  for (let improved = true; improved; ) {
    improved = false;
    for (let a = 0; a < set.length && !improved; a++) {
      for (let j = 0; j < m && !improved; j++) {
        if (set.includes(j)) continue;
        const next = set.map((x, q) => (q === a ? j : x)).sort((p, q) => p - q);
        const c = costOf(next);
        if (c < current - 1e-9) { set = next; current = c; improved = true; }
      }
    }
  }
  return Number.isFinite(current) ? set : null;
}
