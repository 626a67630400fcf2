import { buildNetwork } from '../network/build.js';
import { computeLandmarks, type Landmarks } from '../network/landmarks.js';
import { buildSummary } from '../metrics/summary.js';
import type { RunResult, ShipmentFields, ShipmentRow, TraceEvent } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';
import { mergeKeyed, mergeSeries, mergeStats, mergeUsage, ownersOf } from './merge-parts.js';
import { emitFields, rowOf } from './packed-rows.js';
import { cutOf, planPartition, type PartitionPlan } from './plan.js';
import type { Network } from '../network/build.js';
import type { Lines, PartResult, RegionInit, SharedHierarchy } from './region.js';
import { buildTopology, type CchTopology } from '../network/cch/topology.js';
import { searchFor } from '../network/router.js';
import { shareNetwork, shareTopology, type SharedNetwork } from '../network/shared-network.js';
import { metricSlots } from './metric-slots.js';
import { routingStates } from './routing-states.js';
import { inlineRegions, LANDMARKS, runOnThreads, startRegionPool, type RegionHandle } from './region-handles.js';
import { nextWindow } from './window-sync.js';
import { threadTimes, threadTimesSince } from './thread-clock.js';

type ThreadTimes = { cpuMs: number; queuedMs: number };
import { shipmentIds } from './shipment-ids.js';
import { packSize, type TruckPack } from './truck-state.js';

export interface PartitionedOptions {
  /** Regions (one per thread) asked for; the plan may use fewer (plan.ts). */
  threads: number;
  seed?: number;
  trace?: (event: TraceEvent) => void;
  onShipment?: (row: ShipmentRow) => void;
  /** The same rows as numbers (as Simulation's option: a writer that needs no object per row); with onShipment, both are called. */
  shipmentFields?: ShipmentFields;
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
  /** Per region: ms spent waiting for the others at window ends (on threads; 0 inline). */
  idleMs: number[];
  /** Per region: ms running its events. */
  busyMs: number[];
  /** Per region on threads: ms of its window phase neither running events nor waiting (handing trucks on, posting rows). */
  overheadMs: number[];
  /** Routing states given a shared metric slot (0: the network is not routed by the hierarchy). */
  sharedStates: number;
  /** Per region: routing states it customized (for all regions, when shared), and the ms that took. */
  customized: number[];
  customizeMs: number[];
  /**
   * On threads, where the OS tells (Linux): per region, the CPU ms and the ms runnable but waiting for a
   * core, in set-up (from the thread's task) and in the window phase; and this thread's (the
   * coordinator: the cut, the shared network and hierarchy, then merging rows).
   */
  regionCpu?: { setup: ThreadTimes | null; phase: ThreadTimes | null }[];
  coordinatorCpu?: ThreadTimes | null;
  /** Ms from the call to the first window: the cut, the shared network and hierarchy, and the regions' start (customizing ahead included). */
  setupMs: number;
}

/**
 * A run split into regions (the main README: "One run on several threads"). This thread plans the cut
 * and computes what every region shares from the scenario alone (network and landmarks in
 * SharedArrayBuffers, shipment ids, the hierarchy); then the regions run window by window: each runs
 * every event before (earliest next event anywhere + lookahead), and the trucks that entered a cut road
 * in that window go to their new region. On threads the regions agree on the windows among themselves
 * (window-sync.ts) and this thread only merges their rows and lines into canonical order as they come;
 * inline (tests) this thread drives them. Same bytes as one thread (test/partition.test.ts).
 */
export async function runPartitioned(s: Scenario, options: PartitionedOptions): Promise<RunResult & { partition: PartitionReport }> {
  const started = options.clock?.() ?? 0, setupStart = performance.now(), born = threadTimes();
  const pool = options.inline ? null : startRegionPool(options.threads);
  try {
    const seed = options.seed ?? s.seed, end = s.horizonMin + s.drainMin;
    const network = buildNetwork(s);
    const plan: PartitionPlan = options.owner ? givenCut(network, options.owner) : planPartition(s, network, options.threads);
    // The landmarks and the hierarchy's topology, the longest set-up, are built on the pool's threads
    // (idle until the regions start) at the same time, while this thread does the rest.
    const cch = searchFor(network, 'auto') === 'cch';
    const bare = shareNetwork(network, { count: 0, fwd: new Float64Array(0), bwd: new Float64Array(0) });
    const landmarksP: Promise<Landmarks> = pool ? pool.run({ network: bare }, { name: 'landmarks' }) : Promise.resolve(computeLandmarks(network, LANDMARKS));
    const topologyP: Promise<CchTopology> | null = !cch ? null : pool ? pool.run({ network: bare }, { name: 'topology' }) : Promise.resolve(shareTopology(buildTopology(network)));
    const ids = shipmentIds(s, seed);
    const states = cch ? routingStates(s, network).slice(0, MAX_SHARED_STATES) : [];
    const scenario = pool ? withoutNetworkObjects(s) : s;
    const [landmarks, topology] = await Promise.all([landmarksP, topologyP]);
    const shared: SharedNetwork = { ...bare, landmarks };
    const hierarchy: SharedHierarchy | undefined = topology ? { topology, states, slots: metricSlots(topology, states.map((st) => st.key)), parts: plan.parts } : undefined;
    const inits: RegionInit[] = Array.from({ length: plan.parts }, (_, id) => ({
      scenario, seed, network: shared, owner: plan.owner, id, ids, trace: options.trace !== undefined, replanPruning: options.replanPruning, hierarchy,
    }));
    const report: PartitionReport = {
      asked: plan.asked, parts: plan.parts, cutEdges: plan.cutEdges, lookahead: plan.lookahead, work: plan.work.map((w) => Math.round(w * 1000) / 1000),
      windows: 0, handoffs: 0, idleMs: inits.map(() => 0), busyMs: inits.map(() => 0), overheadMs: inits.map(() => 0),
      sharedStates: hierarchy?.states.length ?? 0, customized: [], customizeMs: [], setupMs: 0,
    };
    const { onShipment, shipmentFields, trace } = options;
    const write = (lines: Lines[]) => {
      if (onShipment || shipmentFields) {
        mergeKeyed(lines.map((l) => l.rows), (r, i) => {
          if (shipmentFields) emitFields(lines[r].rows, i, shipmentFields);
          if (onShipment) onShipment(rowOf(s, lines[r].rows, i));
        });
      }
      if (trace) mergeKeyed(lines.map((l) => l.trace), (r, i) => trace(lines[r].trace!.items[i]));
    };
    let parts: PartResult[];
    if (pool) {
      const got = await runOnThreads(pool, inits, plan.lookahead, end, (lines, windowEnd) => {
        write(lines);
        if (windowEnd < end) options.progress?.(windowEnd, end);
      });
      parts = got.parts;
      const r = got.reports;
      Object.assign(report, {
        windows: r[0].windows, handoffs: r.reduce((a, x) => a + x.handoffs, 0), busyMs: r.map((x) => x.busyMs), idleMs: r.map((x) => x.idleMs),
        overheadMs: r.map((x) => Math.max(0, x.phaseMs - x.busyMs - x.idleMs)),
        setupMs: Math.max(...r.map((x) => x.firstWindowAt)) - (performance.timeOrigin + setupStart),
        regionCpu: r.map((x) => ({ setup: x.setupCpu, phase: x.phaseCpu })), coordinatorCpu: threadTimesSince(born),
      });
    } else {
      parts = driveInline(inlineRegions(inits), plan.lookahead, end, report, write, options.progress);
      report.setupMs = performance.now() - setupStart - report.busyMs.reduce((a, b) => a + b, 0);
    }
    write(parts);
    report.customized = parts.map((p) => p.customized);
    report.customizeMs = parts.map((p) => Math.round(p.customizeMs));
    const owners = ownersOf(s, network, plan.owner);
    const stats = mergeStats(s, parts, owners);
    const summary = buildSummary({ scenario: s, seed, endMin: end, stats, wallMs: (options.clock?.() ?? 0) - started });
    return { summary, series: mergeSeries(s, parts, owners), usage: mergeUsage(parts), network, stats, partition: report };
  } finally {
    await pool?.destroy();
  }
}

/**
 * Regions in this thread, driven window by window as the threads drive themselves (the same windows,
 * nextWindow): each runs its events in the window, then the trucks it handed on go to their regions.
 */
function driveInline(regions: RegionHandle[], lookahead: number, end: number, report: PartitionReport, write: (lines: Lines[]) => void, progress?: (nowMin: number, endMin: number) => void): PartResult[] {
  let next = Math.min(...regions.map((r) => r.start()));
  let incoming: TruckPack[][] = regions.map(() => []);
  for (;;) {
    const w = nextWindow(next, lookahead, end);
    // Every region's share of the states first, as on threads where they customize at the same time:
    // run one after another, the first region would otherwise customize the others' share itself.
    regions.forEach((r, i) => { report.busyMs[i] += r.prepare(w.end); });
    const outs = regions.map((r, i) => r.window(incoming[i], w.end, w.last));
    report.windows++;
    outs.forEach((o, i) => { report.busyMs[i] += o.busyMs; });
    write(regions.map((r) => r.takeLines()));
    if (w.last) break;
    progress?.(w.end, end);
    incoming = regions.map(() => []);
    next = Math.min(...outs.map((o) => o.next));
    for (const o of outs) {
      for (const p of o.packs) {
        if (!(p.earliest >= w.end)) throw new Error(`a truck handed on at the window ending ${w.end} acts at ${p.earliest}: lookahead violated`);
        incoming[p.to].push(p.pack);
        report.handoffs += packSize(p.pack);
        if (p.earliest < next) next = p.earliest;
      }
    }
  }
  return regions.map((r) => r.finish());
}

/**
 * The scenario as the regions on threads get it: the network travels as typed arrays in shared memory
 * (SharedNetwork), so its node and edge objects are left out rather than copied into every thread
 * (at 1e5 nodes ~0.75 s to copy on this thread and more to read on each other). What the model reads
 * of them is kept: whether an edge is one-way (Controls closes both directions of a two-way road).
 */
function withoutNetworkObjects(s: Scenario): Scenario {
  const oneway = { oneway: true }, twoway = { oneway: false };
  const edges = s.network.edges.map((e) => (e.oneway ? oneway : twoway)) as unknown as Scenario['network']['edges'];
  return { ...s, network: { ...s.network, nodes: [], edges } };
}

/**
 * Routing states given a shared metric slot at most (each reserves ~40 bytes an arc of address space,
 * written only as far as the arcs kept): a scenario with more customizes the rest in each region.
 */
export const MAX_SHARED_STATES = 64;

function givenCut(net: Network, owner: Int32Array): PartitionPlan {
  const parts = Math.max(...owner) + 1, { cutEdges, lookahead } = cutOf(net, owner);
  return { parts, owner, cutEdges, lookahead, work: Array.from({ length: parts }, () => 0), asked: parts };
}
