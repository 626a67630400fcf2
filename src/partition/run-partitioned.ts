import { buildNetwork } from '../network/build.js';
import { computeLandmarks } from '../network/landmarks.js';
import { buildSummary } from '../metrics/summary.js';
import type { RunResult, ShipmentRow, TraceEvent } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { mergeSeries, mergeStats, mergeTagged, mergeUsage, ownersOf } from './merge-parts.js';
import { cutOf, planPartition, type PartitionPlan } from './plan.js';
import type { Network } from '../network/build.js';
import type { RegionInit, SharedHierarchy } from './region.js';
import { buildTopology } from '../network/cch/topology.js';
import { searchFor } from '../network/router.js';
import { shareNetwork, shareTopology } from '../network/shared-network.js';
import { metricSlots } from './metric-slots.js';
import { routingStates } from './routing-states.js';
import { inlineRegions, startRegionPool, workerRegions, type RegionHandle } from './region-handles.js';
import { shipmentIds } from './shipment-ids.js';
import { packSize, type TruckPack } from './truck-state.js';

export interface PartitionedOptions {
  /** Regions (one per thread) asked for; the plan may use fewer (plan.ts). */
  threads: number;
  seed?: number;
  trace?: (event: TraceEvent) => void;
  onShipment?: (row: ShipmentRow) => void;
  /** Run the regions in this thread, one after another (tests; the same bytes as threads). */
  inline?: boolean;
  replanPruning?: boolean;
  clock?: () => number;
  progress?: (nowMin: number, endMin: number) => void;
  /** A given cut (region of every node) instead of the planned one: for tests that need a road cut on purpose. */
  owner?: Int32Array;
}

/** What the split cost and how it went: for the CLI line and the benchmark. */
export interface PartitionReport {
  asked: number; parts: number; cutEdges: number; lookahead: number; work: number[];
  windows: number;
  /** Trucks handed from one region to another. */
  handoffs: number;
  /** Per region: ms spent waiting for the others at window ends (window wall time minus its own compute). */
  idleMs: number[];
  busyMs: number[];
  /** Routing states given a shared metric slot (0: the network is not routed by the hierarchy). */
  sharedStates: number;
  /** Per region: routing states it customized (for all regions, when shared), and the ms that took. */
  customized: number[];
  customizeMs: number[];
  /** Ms from the call to the first window: the cut, the shared network and hierarchy, and the regions' start (customizing ahead included). */
  setupMs: number;
}

/**
 * A run split into regions (src/partition/README in the main README: "One run on several threads").
 * The coordinator (this thread) plans the cut, computes what every region shares from the scenario
 * alone (network and landmarks in SharedArrayBuffers, shipment ids), then drives the regions window by
 * window: each runs every event before (global next event time + lookahead), the trucks that entered
 * a cut road in that window are handed to their new region, and the window's rows and trace lines are
 * merged into canonical order and written. Same bytes as one thread (test/partition.test.ts).
 */
export async function runPartitioned(s: Scenario, options: PartitionedOptions): Promise<RunResult & { partition: PartitionReport }> {
  const started = options.clock?.() ?? 0, setupStart = performance.now();
  const pool = options.inline ? null : startRegionPool(options.threads);
  let regions: RegionHandle[] | null = null;
  try {
    const seed = options.seed ?? s.seed, end = s.horizonMin + s.drainMin;
    const network = buildNetwork(s);
    const plan: PartitionPlan = options.owner ? givenCut(network, options.owner) : planPartition(s, network, options.threads);
    const shared = shareNetwork(network, computeLandmarks(network, 16));
    const ids = shipmentIds(s, seed);
    const hierarchy = sharedHierarchy(s, network, plan.parts);
    const inits: RegionInit[] = Array.from({ length: plan.parts }, (_, id) => ({
      scenario: s, seed, network: shared, owner: plan.owner, id, ids, trace: options.trace !== undefined, replanPruning: options.replanPruning, hierarchy,
    }));
    regions = pool ? await workerRegions(pool, inits) : inlineRegions(inits);
    const report: PartitionReport = {
      asked: plan.asked, parts: plan.parts, cutEdges: plan.cutEdges, lookahead: plan.lookahead, work: plan.work.map((w) => Math.round(w * 1000) / 1000),
      windows: 0, handoffs: 0, idleMs: regions.map(() => 0), busyMs: regions.map(() => 0),
      sharedStates: hierarchy?.states.length ?? 0, customized: [], customizeMs: [], setupMs: 0,
    };
    // A hair under the lookahead: a truck's arrival is computed as a sum that may round below (t + road time).
    const L = plan.lookahead * (1 - 1e-9);
    let next = Math.min(...(await Promise.all(regions.map((r) => r.start()))));
    report.setupMs = performance.now() - setupStart;
    let incoming: TruckPack[][] = regions.map(() => []);
    for (;;) {
      const last = !(next + L <= end);
      const windowEnd = last ? end : next + L;
      const t0 = performance.now();
      const outs = await Promise.all(regions.map((r, i) => r.window(incoming[i], windowEnd, last)));
      const wall = performance.now() - t0;
      report.windows++;
      outs.forEach((o, i) => { report.busyMs[i] += o.busyMs; report.idleMs[i] += Math.max(0, wall - o.busyMs); });
      if (options.onShipment) mergeTagged(outs.map((o) => o.rows), options.onShipment);
      if (options.trace) mergeTagged(outs.map((o) => o.trace), options.trace);
      if (last) break;
      options.progress?.(windowEnd, end);
      incoming = regions.map(() => []);
      next = Math.min(...outs.map((o) => o.next));
      for (const o of outs) {
        for (const p of o.packs) {
          if (!(p.earliest >= windowEnd)) throw new Error(`a truck handed on at the window ending ${windowEnd} acts at ${p.earliest}: lookahead violated`);
          incoming[p.to].push(p.pack);
          report.handoffs += packSize(p.pack);
          if (p.earliest < next) next = p.earliest;
        }
      }
    }
    const parts = await Promise.all(regions.map((r) => r.finish()));
    if (options.onShipment) mergeTagged(parts.map((p) => p.rows), options.onShipment);
    if (options.trace) mergeTagged(parts.map((p) => p.trace), options.trace);
    report.customized = parts.map((p) => p.customized);
    report.customizeMs = parts.map((p) => Math.round(p.customizeMs));
    const owners = ownersOf(s, network, plan.owner);
    const stats = mergeStats(s, parts, owners);
    const summary = buildSummary({ scenario: s, seed, endMin: end, stats, wallMs: (options.clock?.() ?? 0) - started });
    return { summary, series: mergeSeries(s, parts, owners), usage: mergeUsage(parts), network, stats, partition: report };
  } finally {
    if (regions) await Promise.all(regions.map((r) => r.close()));
    else await pool?.destroy();
  }
}

/**
 * On networks the router routes by the contraction hierarchy: its topology built once here and a
 * shared metric slot for each routing state the scenario can ask for, so the regions split the
 * customization between them instead of each doing all of it. Capped: a scenario with more closure
 * states than MAX_SHARED_STATES customizes the rest in each region, as before.
 */
function sharedHierarchy(s: Scenario, network: Network, parts: number): SharedHierarchy | undefined {
  if (searchFor(network, 'auto') !== 'cch') return undefined;
  const states = routingStates(s, network).slice(0, MAX_SHARED_STATES);
  const topology = shareTopology(buildTopology(network));
  return { topology, states, slots: metricSlots(topology, states.map((st) => st.key)), parts };
}

/** Shared metric slots at most (each reserves ~40 bytes an arc of address space, written only as far as the arcs kept). */
export const MAX_SHARED_STATES = 64;

function givenCut(net: Network, owner: Int32Array): PartitionPlan {
  const parts = Math.max(...owner) + 1, { cutEdges, lookahead } = cutOf(net, owner);
  return { parts, owner, cutEdges, lookahead, work: Array.from({ length: parts }, () => 0), asked: parts };
}
