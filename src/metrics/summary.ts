import type { Scenario } from '../scenario/types.js';
import type { RunStats } from './snapshots.js';

export type { ShipmentCounts as Counts } from './snapshots.js';
export type Summary = ReturnType<typeof buildSummary>;

const r = (x: number) => Math.round(x * 1e6) / 1e6;
const ratio = (a: number, b: number) => (b > 0 ? r(a / b) : 0);
/** Reasons in alphabetical order, not in order of first failure (which depends on how a run was split). */
const byKey = (x: Record<string, number>) => Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * The contract's summary.json, plus extensions (docs/internal-api.md), from a run's statistics
 * snapshot (metrics/snapshots.ts) and the scenario's definitions. Only `wallMs` depends on the clock,
 * and it is given by the caller.
 */
export function buildSummary(x: { scenario: Scenario; seed: number; endMin: number; stats: RunStats; wallMs: number }) {
  const s = x.scenario, st = x.stats, c = st.counts, measured = x.endMin - s.warmupMin;
  const lead = st.leadTimes.all();
  const cls = (high: boolean) => { const v = st.leadTimes.ofClass(high, lead); return { n: v.n, mean: r(v.mean), p50: r(v.p50), p95: r(v.p95), max: r(v.max) }; };
  return {
    scenario: s.name, title: s.title ?? s.name, startTime: s.startTime ?? null, seed: x.seed,
    horizonMin: s.horizonMin, warmupMin: s.warmupMin, drainMin: s.drainMin, endMin: x.endMin, sets: s.source.sets,
    shipments: {
      created: c.created, delivered: c.delivered, inSystem: st.inSystem, failed: c.failed,
      relayed: c.relayed, turnedBack: c.turnedBack, onTime: c.onTime, failedByReason: byKey(c.failedByReason),
    },
    leadTimeMin: { mean: r(lead.mean), p50: r(lead.p50), p95: r(lead.p95), max: r(lead.max), n: lead.n, byClass: { whitelist: cls(true), normal: cls(false) } },
    checkpoints: Object.fromEntries(s.checkpoints.map((def) => { const cp = st.checkpoints[def.id]; return [def.id, {
      served: cp.served, meanWaitMin: ratio(cp.waitSum, cp.served), maxQueue: cp.maxQueue,
      utilization: ratio(cp.busyIntegral, def.lanes * measured), turnedBack: cp.turnedBack,
      node: def.node, lanes: def.lanes, priorityLanes: def.priorityLanes,
      servedByClass: { whitelist: cp.servedByClass[0], normal: cp.servedByClass[1] },
      meanWaitByClassMin: { whitelist: ratio(cp.waitByClass[0], cp.servedByClass[0]), normal: ratio(cp.waitByClass[1], cp.servedByClass[1]) },
    }]; })),
    stations: Object.fromEntries(s.stations.map((def) => { const x = st.stations[def.id]; return [def.id, {
      transfers: x.transfers, meanWaitMin: ratio(x.waitSum, x.waited), utilization: ratio(x.dockIntegral, def.docks * measured),
      maxStorage: x.maxStorage, localTrips: x.localTrips,
      node: def.node, zone: def.zone, docks: def.docks, arrivals: x.arrivals, maxQueue: x.maxQueue,
      meanDwellMin: ratio(x.dwellSum, x.localTrips), localUtilization: ratio(x.localBusyIntegral, def.localTrucks * measured),
    }]; })),
    factories: Object.fromEntries(s.factories.map((def) => { const f = st.factories[def.id]; return [def.id, {
      lineStopMin: r(f.lineStopMin), minStock: r(f.minStock === Infinity ? f.finalStock : f.minStock),
      node: def.node, deliveries: f.deliveries, stops: f.stops, finalStock: r(f.finalStock),
    }]; })),
    truckKm: r(st.truckKm), reroutes: c.reroutes, replansAvoided: c.replansAvoided, events: st.events, routeCache: { lookups: st.routeCache.lookups }, wallMs: Math.round(x.wallMs),
  };
}
