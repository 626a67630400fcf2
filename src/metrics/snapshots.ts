import { LeadTimes } from './lead-times.js';

/**
 * Plain statistics of a run (or of a part of one), as the processes build them at the end: no
 * references to entities. `mergeRunStats` combines the statistics of parts that each simulated some
 * of the entities (a partitioned run, or replications to pool): counts add, maxima take the larger,
 * minima the smaller, lead times are pooled.
 */
export interface ShipmentCounts {
  created: number; delivered: number; failed: number; relayed: number; turnedBack: number; onTime: number;
  reroutes: number; replansAvoided: number; failedByReason: Record<string, number>;
}

export interface CheckpointStats {
  served: number; waitSum: number; servedByClass: [number, number]; waitByClass: [number, number];
  maxQueue: number; turnedBack: number; busyIntegral: number;
}

export interface StationStats {
  arrivals: number; transfers: number; waited: number; waitSum: number; dwellSum: number; localTrips: number;
  maxStorage: number; maxQueue: number; dockIntegral: number; localBusyIntegral: number;
}

export interface FactoryStats {
  lineStopMin: number; minStock: number; stops: number; deliveries: number; finalStock: number;
}

export interface RunStats {
  counts: ShipmentCounts;
  inSystem: number;
  leadTimes: LeadTimes;
  /** By id, in scenario order. */
  checkpoints: Record<string, CheckpointStats>;
  stations: Record<string, StationStats>;
  factories: Record<string, FactoryStats>;
  truckKm: number;
  /** truckKm as an integer count of micro-km: sums of parts are exact (model/trip.ts). */
  truckMicroKm: number;
  events: number;
  routeCache: { lookups: number; hits: number };
}

export function emptyCounts(): ShipmentCounts {
  return { created: 0, delivered: 0, failed: 0, relayed: 0, turnedBack: 0, onTime: 0, reroutes: 0, replansAvoided: 0, failedByReason: {} };
}

export function mergeCounts(a: ShipmentCounts, b: ShipmentCounts): ShipmentCounts {
  const failedByReason = { ...a.failedByReason };
  for (const [k, v] of Object.entries(b.failedByReason)) failedByReason[k] = (failedByReason[k] ?? 0) + v;
  return {
    created: a.created + b.created, delivered: a.delivered + b.delivered, failed: a.failed + b.failed, relayed: a.relayed + b.relayed,
    turnedBack: a.turnedBack + b.turnedBack, onTime: a.onTime + b.onTime, reroutes: a.reroutes + b.reroutes, replansAvoided: a.replansAvoided + b.replansAvoided, failedByReason,
  };
}

export function mergeCheckpointStats(a: CheckpointStats, b: CheckpointStats): CheckpointStats {
  return {
    served: a.served + b.served, waitSum: a.waitSum + b.waitSum,
    servedByClass: [a.servedByClass[0] + b.servedByClass[0], a.servedByClass[1] + b.servedByClass[1]],
    waitByClass: [a.waitByClass[0] + b.waitByClass[0], a.waitByClass[1] + b.waitByClass[1]],
    maxQueue: Math.max(a.maxQueue, b.maxQueue), turnedBack: a.turnedBack + b.turnedBack, busyIntegral: a.busyIntegral + b.busyIntegral,
  };
}

export function mergeStationStats(a: StationStats, b: StationStats): StationStats {
  return {
    arrivals: a.arrivals + b.arrivals, transfers: a.transfers + b.transfers, waited: a.waited + b.waited, waitSum: a.waitSum + b.waitSum,
    dwellSum: a.dwellSum + b.dwellSum, localTrips: a.localTrips + b.localTrips, maxStorage: Math.max(a.maxStorage, b.maxStorage),
    maxQueue: Math.max(a.maxQueue, b.maxQueue), dockIntegral: a.dockIntegral + b.dockIntegral, localBusyIntegral: a.localBusyIntegral + b.localBusyIntegral,
  };
}

export function mergeFactoryStats(a: FactoryStats, b: FactoryStats): FactoryStats {
  return {
    lineStopMin: a.lineStopMin + b.lineStopMin, minStock: Math.min(a.minStock, b.minStock), stops: a.stops + b.stops,
    deliveries: a.deliveries + b.deliveries, finalStock: a.finalStock + b.finalStock,
  };
}

export function mergeRunStats(a: RunStats, b: RunStats): RunStats {
  return {
    counts: mergeCounts(a.counts, b.counts), inSystem: a.inSystem + b.inSystem, leadTimes: a.leadTimes.merge(b.leadTimes),
    checkpoints: mergeById(a.checkpoints, b.checkpoints, mergeCheckpointStats),
    stations: mergeById(a.stations, b.stations, mergeStationStats),
    factories: mergeById(a.factories, b.factories, mergeFactoryStats),
    truckKm: (a.truckMicroKm + b.truckMicroKm) / 1e6, truckMicroKm: a.truckMicroKm + b.truckMicroKm, events: a.events + b.events,
    routeCache: { lookups: a.routeCache.lookups + b.routeCache.lookups, hits: a.routeCache.hits + b.routeCache.hits },
  };
}

/** Union by id, in a's order then b's new ids; an id in both combines with `merge`. */
function mergeById<T>(a: Record<string, T>, b: Record<string, T>, merge: (x: T, y: T) => T): Record<string, T> {
  const out: Record<string, T> = { ...a };
  for (const [id, v] of Object.entries(b)) out[id] = id in out ? merge(out[id], v) : v;
  return out;
}
