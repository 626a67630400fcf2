import { LeadTimes } from '../metrics/lead-times.js';
import { mergeCounts, type RunStats } from '../metrics/snapshots.js';
import type { Series } from '../metrics/series.js';
import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';
import { LONG_HAUL } from '../model/fleet.js';
import type { PartResult } from './region.js';

const MAX_POSITIONS = 300;

/**
 * Calls `sink` with (list, index) for the entries of every region's list in canonical order: by
 * (time, rank, seq, sub, order), KEY numbers an entry. Each list is sorted already (a region runs its
 * events in canonical order), so this is a k-way merge; equal keys never come from two regions (an
 * event runs in one region, and the events every region runs write nothing but lines under a
 * per-truck sub-key).
 */
export function mergeKeyed(lists: ({ keys: Float64Array } | null)[], sink: (list: number, index: number) => void): void {
  const pos = lists.map(() => 0), len = lists.map((l) => (l ? l.keys.length / KEY : 0));
  for (;;) {
    let best = -1;
    for (let i = 0; i < lists.length; i++) {
      if (pos[i] >= len[i]) continue;
      if (best < 0 || before(lists[i]!.keys, pos[i], lists[best]!.keys, pos[best])) best = i;
    }
    if (best < 0) return;
    sink(best, pos[best]++);
  }
}

/** Numbers of a canonical key. */
const KEY = 5;

function before(a: Float64Array, i: number, b: Float64Array, j: number): boolean {
  for (let k = 0; k < 5; k++) {
    const x = a[i * 5 + k], y = b[j * 5 + k];
    if (x !== y) return x < y;
  }
  return false;
}

/** The region that owns each checkpoint, station and factory (by scenario index). */
export interface Owners { checkpoints: number[]; stations: number[]; factories: number[] }

export function ownersOf(s: Scenario, net: Network, owner: Int32Array): Owners {
  const at = (id: string) => owner[net.nodeIndex.get(id)!];
  return { checkpoints: s.checkpoints.map((c) => at(c.node)), stations: s.stations.map((x) => at(x.node)), factories: s.factories.map((f) => at(f.node)) };
}

/**
 * The statistics of the whole run from its regions': counts and sums add (truck-km as integer
 * micro-km), lead times pool (their summary does not depend on order), and each checkpoint, station and
 * factory is taken from the region that owns it (the others hold an untouched copy). Control changes
 * and samples ran in every region but count once.
 */
export function mergeStats(s: Scenario, parts: PartResult[], owners: Owners): RunStats {
  const st = parts.map((p) => p.stats);
  let counts = st[0].counts, lead = LeadTimes.from(st[0].leadTimes);
  for (let i = 1; i < st.length; i++) { counts = mergeCounts(counts, st[i].counts); lead = lead.merge(LeadTimes.from(st[i].leadTimes)); }
  const sum = (f: (x: PartResult['stats']) => number) => st.reduce((a, x) => a + f(x), 0);
  const micro = sum((x) => x.truckMicroKm);
  return {
    counts, inSystem: sum((x) => x.inSystem), leadTimes: lead,
    checkpoints: fromOwners(s.checkpoints, owners.checkpoints, (r) => st[r].checkpoints),
    stations: fromOwners(s.stations, owners.stations, (r) => st[r].stations),
    factories: fromOwners(s.factories, owners.factories, (r) => st[r].factories),
    truckKm: micro / 1e6, truckMicroKm: micro,
    events: sum((x) => x.events) - (parts.length - 1) * parts[0].sharedEvents,
    routeCache: { lookups: sum((x) => x.routeCache.lookups), hits: sum((x) => x.routeCache.hits) },
  };
}

/** The series of the whole run: each site's from its owner, deliveries added, the 300 lowest-id positions. */
export function mergeSeries(s: Scenario, parts: PartResult[], owners: Owners): Series {
  const se = parts.map((p) => p.series), first = se[0];
  const canon = (id: number) => (id < 0 ? -1 - id : LONG_HAUL + id);
  return {
    stepMin: first.stepMin, t: first.t,
    delivered: first.delivered.map((_, i) => se.reduce((a, x) => a + x.delivered[i], 0)),
    positions: first.positions.map((_, i) => se.flatMap((x) => x.positions[i]).sort((a, b) => canon(a[0]) - canon(b[0])).slice(0, MAX_POSITIONS)),
    windows: first.windows,
    checkpoints: fromOwners(s.checkpoints, owners.checkpoints, (r) => se[r].checkpoints),
    stations: fromOwners(s.stations, owners.stations, (r) => se[r].stations),
    factories: fromOwners(s.factories, owners.factories, (r) => se[r].factories),
  };
}

/** Each site's entry, by id, from the region that owns it (`owner[i]` for `sites[i]`; `of` gives a region's entries). */
function fromOwners<T>(sites: readonly { id: string }[], owner: number[], of: (region: number) => Record<string, T>): Record<string, T> {
  return Object.fromEntries(sites.map((c, i) => [c.id, of(owner[i])[c.id]]));
}

export function mergeUsage(parts: PartResult[]): Int32Array {
  const out = new Int32Array(parts[0].usage.length);
  for (const p of parts) for (let e = 0; e < out.length; e++) out[e] += p.usage[e];
  return out;
}
