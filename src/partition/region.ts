import type { Router } from '../network/router.js';
import { createRouter } from '../network/router.js';
import { networkOf, type SharedNetwork } from '../network/shared-network.js';
import type { RunStats } from '../metrics/snapshots.js';
import type { Series } from '../metrics/series.js';
import { Simulation, type TraceEvent } from '../model/simulation.js';
import { RowBuffer, type PackedRows } from './packed-rows.js';
import type { Scenario } from '../scenario/types.js';
import type { CchTopology } from '../network/cch/topology.js';
import { slotReader, type MetricSlots } from './metric-slots.js';
import { blockedOf, type RoutingState } from './routing-states.js';
import { destinationOf, packTrucks, unpackTrucks, type TruckPack } from './truck-state.js';

/** What a region needs to start: all of it computed from the scenario alone, the same for every region. */
export interface RegionInit {
  scenario: Scenario;
  seed: number;
  network: SharedNetwork;
  owner: Int32Array;
  id: number;
  ids: Float64Array[];
  trace: boolean;
  replanPruning?: boolean;
  /** When the network is routed by the hierarchy: its topology and a metric slot per routing state, shared by all regions. */
  hierarchy?: SharedHierarchy;
}

export interface SharedHierarchy {
  topology: CchTopology;
  states: RoutingState[];
  slots: MetricSlots;
  /** Regions: region `id` customizes states id, id + parts, ... ahead of its first event. */
  parts: number;
}

/** Lines and rows of one region in one window, each with its sort key (5 numbers: time, rank, seq, sub, order). */
export interface Tagged<T> { keys: Float64Array; items: T[] }

export interface WindowOut {
  /** Trucks handed on, by destination region, with the earliest time each pack's trucks can act there. */
  packs: { to: number; pack: TruckPack; earliest: number }[];
  /** Time of this region's next event (Infinity: none). */
  next: number;
  /** Milliseconds this region computed in the window (the rest of the window's wall time it waited). */
  busyMs: number;
}

/** Rows and trace lines written since the last take, each list in canonical order. */
export interface Lines { rows: PackedRows; trace: Tagged<TraceEvent> | null }

export interface PartResult {
  series: Series;
  usage: Int32Array;
  stats: Omit<RunStats, 'leadTimes'> & { leadTimes: { values: Float64Array; high: Uint8Array } };
  sharedEvents: number;
  /** Routing states this region's router customized itself, and the ms it took (0 for routers that do not customize). */
  customized: number;
  customizeMs: number;
  rows: PackedRows;
  trace: Tagged<TraceEvent> | null;
}

class TagBuffer<T> {
  private keys: number[] = [];
  private items: T[] = [];
  private n = 0;
  add(key: [number, number, number, number], item: T): void {
    this.keys.push(key[0], key[1], key[2], key[3], this.n++);
    this.items.push(item);
  }
  take(): Tagged<T> {
    const out = { keys: Float64Array.from(this.keys), items: this.items };
    this.keys = []; this.items = [];
    return out;
  }
}

/**
 * One region of a split run: a Simulation owning some nodes (its checkpoints, stations, factories,
 * demand streams and the trucks on its roads), advanced window by window by the coordinator
 * (run-partitioned.ts), in a worker thread or inline. Its lines and rows carry their canonical keys
 * so the coordinator can merge the regions' outputs into the order one thread writes.
 */
export class Region {
  private readonly sim: Simulation;
  private readonly rows = new RowBuffer();
  private readonly lines: TagBuffer<TraceEvent> | null;
  private readonly owner: Int32Array;
  private readonly ahead: (until: number) => void;
  private readonly router: Router;

  constructor(init: RegionInit, router?: Router) {
    const { network, landmarks } = networkOf(init.network);
    this.owner = init.owner;
    const h = init.hierarchy, slots = h ? slotReader(h.slots) : null;
    router ??= createRouter(network, { landmarks, topology: h?.topology, metricSource: slots?.source });
    const r = this.router = router;
    this.ahead = (until) => {
      if (!h || !slots || !r.prepare) return;
      // Its share of the states that can be asked for before `until`, so that the regions customize in
      // parallel, in the same window, and only when a state is about to be needed (set-up then waits
      // only for the states of the first window); a state another region needs first is filled by
      // that region instead (metric-slots.ts), and none is done twice.
      for (let k = init.id; k < h.states.length; k += h.parts) if (h.states[k].firstAt < until && slots.empty(k)) r.prepare({ ...blockedOf(h.states[k], network) });
    };
    const rows = this.rows, lines = this.lines = init.trace ? new TagBuffer<TraceEvent>() : null;
    const sim: Simulation = this.sim = new Simulation(init.scenario, {
      seed: init.seed, network, router, replanPruning: init.replanPruning,
      part: { owner: init.owner, id: init.id, ids: init.ids },
      // Rows as numbers: no object per row in this thread, and typed arrays to hand over (packed-rows.ts).
      shipmentFields: (id, stream, bits, station, status, reason, created, t) => rows.add(sim.lineKey(), id, stream, bits, station, status, reason, created, t),
      trace: lines ? (e) => lines.add(sim.lineKey(), e) : undefined,
    });
  }

  start(): number {
    this.sim.begin();
    return this.sim.nextTime();
  }

  /** Customizes this region's share of the routing states that can be asked for before `until` (done by `window` too); returns the ms it took. */
  prepare(until: number): number {
    const t0 = performance.now();
    this.ahead(until);
    return performance.now() - t0;
  }

  /** Takes in the trucks handed to this region, then runs the window up to `end` (`last`: to the end of the run). */
  window(incoming: TruckPack[], end: number, last: boolean): WindowOut {
    const t0 = performance.now();
    this.ahead(end);
    const { fleet, trip, kernel } = this.sim.parts;
    for (const pack of incoming) {
      for (const s of unpackTrucks(fleet, pack)) {
        // The window that handed it on ended before it reaches this region: lookahead (plan.ts).
        if (!(fleet.evTime[s] >= kernel.now)) throw new Error(`truck ${fleet.ent[s]} arrives at t=${fleet.evTime[s]}, before region time ${kernel.now}: lookahead violated`);
        trip.schedule(s, fleet.evTime[s]);
        trip.scheduleLeave(s, fleet.cross[s] + 1);
      }
    }
    this.sim.advance(end, last);
    const packs: WindowOut['packs'] = [];
    if (!last) {
      const byDest = new Map<number, number[]>();
      for (const s of this.sim.takeOutbox()) {
        const to = destinationOf(fleet, s, this.sim.net, this.owner);
        if (!byDest.has(to)) byDest.set(to, []);
        byDest.get(to)!.push(s);
      }
      for (const [to, slots] of [...byDest].sort((a, b) => a[0] - b[0])) {
        let earliest = Infinity;
        for (const s of slots) {
          const r = fleet.route[s]!, k = fleet.cross[s];
          // A lower bound on its first event there, under either way a time along a stretch is summed.
          const p = fleet.rpos[s], at = Math.min(fleet.segStart[s] + r.cumMin[k + 1] - r.cumMin[p], fleet.segStart[s] - r.cumMin[p] + r.cumMin[k + 1]);
          if (at < earliest) earliest = at;
        }
        packs.push({ to, pack: packTrucks(fleet, slots), earliest });
      }
    }
    return { packs, next: this.sim.nextTime(), busyMs: performance.now() - t0 };
  }

  /** The rows and trace lines written since the last call (one window's, or several windows' in a row). */
  takeLines(): Lines {
    return { rows: this.rows.take(), trace: this.lines?.take() ?? null };
  }

  finish(): PartResult {
    const { series, usage, stats } = this.sim.result();
    return {
      series, usage, stats: { ...stats, leadTimes: stats.leadTimes.toArrays() }, sharedEvents: this.sim.sharedEvents(),
      ...customizationOf(this.router),
      rows: this.rows.take(), trace: this.lines?.take() ?? null,
    };
  }
}

function customizationOf(router: Router): { customized: number; customizeMs: number } {
  const m = (router as Partial<{ metrics(): { customized: number; customizeMs: number } }>).metrics?.();
  return { customized: m?.customized ?? 0, customizeMs: m?.customizeMs ?? 0 };
}
