import type { Scenario } from '../scenario/types.js';
import type { Checkpoint } from '../model/checkpoint.js';
import type { Station } from '../model/station.js';
import type { Factory } from '../model/factory.js';
import type { LeadTimes } from './lead-times.js';

export interface Counts {
  created: number; delivered: number; failed: number; relayed: number; turnedBack: number; onTime: number;
  reroutes: number; replansAvoided: number; failedByReason: Record<string, number>;
}

export type Summary = ReturnType<typeof buildSummary>;

const r = (x: number) => Math.round(x * 1e6) / 1e6;
const ratio = (a: number, b: number) => (b > 0 ? r(a / b) : 0);

/** The contract's summary.json, plus extensions (docs/internal-api.md). Only `wallMs` depends on the clock. */
export function buildSummary(x: {
  scenario: Scenario; seed: number; endMin: number; counts: Counts; inSystem: number; leadTimes: LeadTimes;
  checkpoints: Checkpoint[]; stations: Station[]; factories: Factory[]; truckKm: number; events: number;
  routeCache: { lookups: number; hits: number }; wallMs: number;
}) {
  const s = x.scenario, c = x.counts, measured = x.endMin - s.warmupMin;
  const lead = x.leadTimes.all();
  const cls = (high: boolean) => { const v = x.leadTimes.ofClass(high, lead); return { n: v.n, mean: r(v.mean), p50: r(v.p50), p95: r(v.p95), max: r(v.max) }; };
  return {
    scenario: s.name, title: s.title ?? s.name, startTime: s.startTime ?? null, seed: x.seed,
    horizonMin: s.horizonMin, warmupMin: s.warmupMin, drainMin: s.drainMin, endMin: x.endMin, sets: s.source.sets,
    shipments: {
      created: c.created, delivered: c.delivered, inSystem: x.inSystem, failed: c.failed,
      relayed: c.relayed, turnedBack: c.turnedBack, onTime: c.onTime, failedByReason: c.failedByReason,
    },
    leadTimeMin: { mean: r(lead.mean), p50: r(lead.p50), p95: r(lead.p95), max: r(lead.max), n: lead.n, byClass: { whitelist: cls(true), normal: cls(false) } },
    checkpoints: Object.fromEntries(x.checkpoints.map((cp) => [cp.def.id, {
      served: cp.served, meanWaitMin: ratio(cp.waitSum, cp.served), maxQueue: cp.maxQueue,
      utilization: ratio(cp.busy.integral, cp.def.lanes * measured), turnedBack: cp.turnedBack,
      node: cp.def.node, lanes: cp.def.lanes, priorityLanes: cp.def.priorityLanes,
      servedByClass: { whitelist: cp.servedByClass[0], normal: cp.servedByClass[1] },
      meanWaitByClassMin: { whitelist: ratio(cp.waitByClass[0], cp.servedByClass[0]), normal: ratio(cp.waitByClass[1], cp.servedByClass[1]) },
    }])),
    stations: Object.fromEntries(x.stations.map((st) => [st.def.id, {
      transfers: st.transfers, meanWaitMin: ratio(st.waitSum, st.waited), utilization: ratio(st.docks.integral, st.def.docks * measured),
      maxStorage: st.maxStorage, localTrips: st.localTrips,
      node: st.def.node, zone: st.def.zone, docks: st.def.docks, arrivals: st.arrivals, maxQueue: st.maxQueue,
      meanDwellMin: ratio(st.dwellSum, st.localTrips), localUtilization: ratio(st.localBusy.integral, st.def.localTrucks * measured),
    }])),
    factories: Object.fromEntries(x.factories.map((f) => [f.def.id, {
      lineStopMin: r(f.lineStopMin), minStock: r(f.minStock === Infinity ? f.stock : f.minStock),
      node: f.def.node, deliveries: f.deliveries, stops: f.stops, finalStock: r(f.stock),
    }])),
    truckKm: r(x.truckKm), reroutes: c.reroutes, replansAvoided: c.replansAvoided, events: x.events, routeCache: x.routeCache, wallMs: Math.round(x.wallMs),
  };
}
