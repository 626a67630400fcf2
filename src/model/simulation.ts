import { Kernel } from '../engine/kernel.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Router } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import { SeriesRecorder, type Series } from '../metrics/series.js';
import { emptyCounts, type RunStats } from '../metrics/snapshots.js';
import { buildSummary, type Summary } from '../metrics/summary.js';
import { leavingOf, WHOLE_NETWORK, type Boundary } from './boundary.js';
import { CheckpointProcess } from './checkpoint.js';
import { Controls } from './controls.js';
import { Factories } from './factory.js';
import { Fleet } from './fleet.js';
import { Observer, type ShipmentFields, type ShipmentRow, type TraceEvent } from './observer.js';
import { ReplanProcess } from './replan.js';
import { RoutePlanner } from './route-planner.js';
import type { RunContext } from './run-context.js';
import { SamplingProcess } from './sampling.js';
import { StationProcess } from './station.js';
import { TripProcess } from './trip.js';
import { ZoneRules } from './zone-rules.js';

export type { ShipmentFields, ShipmentRow, ShipmentStatus, TraceEvent } from './observer.js';

export interface SimulationOptions {
  seed?: number;
  trace?: (event: TraceEvent) => void;
  onShipment?: (row: ShipmentRow) => void;
  /** The same rows as numbers (a writer that needs no object per row); with onShipment, both are called. */
  shipmentFields?: ShipmentFields;
  /** Called every 65,536 events with the simulated time and the end time, for progress bars. */
  progress?: (nowMin: number, endMin: number) => void;
  /** Reuse a network (and its router's landmarks) built for the same scenario network. */
  network?: Network;
  router?: Router;
  /** Milliseconds, for summary.wallMs only (the model reads no clock); without it wallMs is 0. */
  clock?: () => number;
  /** The nodes this run owns (a part of a partitioned run); default: all of them. */
  boundary?: Boundary;
  /** Skip re-plans that provably cannot find a faster route when a closure ends (default true; replan-bound.ts). */
  replanPruning?: boolean;
  /** This run is one part of a run split across threads (src/partition/): the nodes it owns and the shipment ids. */
  part?: PartSpec;
}

/** One part of a split run: it owns the nodes v with owner[v] === id; ids[k][n] is the id of stream k's n-th shipment. */
export interface PartSpec {
  owner: Int32Array;
  id: number;
  ids: Float64Array[];
}

export interface RunResult {
  summary: Summary;
  series: Series;
  /** Trucks that entered each directed edge. */
  usage: Int32Array;
  network: Network;
  /** The statistics behind the summary, mergeable with those of other parts or runs (metrics/snapshots.ts). */
  stats: RunStats;
}

/**
 * One simulation run: a pure function of (scenario, seed). Create as many as you like; nothing is shared.
 * This is the wiring; each rule lives in its process, registered with the kernel for its event kinds:
 *
 * | kind | event             | process (file)                 | at equal times |
 * |------|-------------------|--------------------------------|----------------|
 * | 0    | shipment created  | trip (trip.ts)                 | 3rd            |
 * | 1    | stretch driven    | trip (trip.ts)                 | 3rd            |
 * | 2    | check done        | checkpoint (checkpoint.ts)     | 3rd            |
 * | 3    | transfer done     | station (station.ts)           | 3rd            |
 * | 4    | closures change   | re-planning (replan.ts)        | 1st            |
 * | 5    | series sample     | sampling (sampling.ts)         | 2nd            |
 *
 * Zone rules (zone-rules.ts) and routes (route-planner.ts) are asked by the trip; the observer
 * (observer.ts) writes trace lines and shipment rows; statistics come out as snapshots (metrics/snapshots.ts).
 */
export class Simulation {
  readonly seed: number;
  readonly net: Network;
  private readonly ctx: RunContext;
  private readonly routes: RoutePlanner;
  private readonly series: SeriesRecorder;
  private readonly checkpoints: CheckpointProcess;
  private readonly stations: StationProcess;
  private readonly factories: Factories;
  private readonly trip: TripProcess;
  private readonly replan: ReplanProcess;
  private readonly sampling: SamplingProcess;
  private readonly fleet: Fleet;
  private readonly controls: Controls;
  /** Slots of trucks that entered a road into another part during this window (split runs). */
  private readonly outbox: number[] = [];
  /** The nodes this run (or part of a split run) owns. */
  private readonly owns: (node: number) => boolean;
  private ran = false;
  /** True once the end-of-run accounting runs: its lines sort after every event at the end time. */
  private ending = false;

  constructor(readonly scenario: Scenario, private readonly options: SimulationOptions = {}) {
    const s = scenario;
    this.seed = options.seed ?? s.seed;
    const net = this.net = options.network ?? buildNetwork(s);
    const end = s.horizonMin + s.drainMin;
    const fleet = this.fleet = new Fleet();
    const part = options.part;
    const boundary: Boundary = part
      ? { split: true, owns: (v) => part.owner[v] === part.id, handoff: (slot) => { this.outbox.push(slot); }, leaving: leavingOf(part.owner, part.id, net.edgeTo) }
      : options.boundary ?? WHOLE_NETWORK;
    this.owns = boundary.owns;
    const observer = new Observer(fleet, net, s, s.stations.map((st) => st.id), options.trace, options.onShipment, options.shipmentFields);
    this.ctx = { scenario: s, seed: this.seed, net, kernel: new Kernel(), fleet, observer, counts: emptyCounts(), warmup: s.warmupMin, end };
    const controls = this.controls = new Controls(s, net, end);
    const router = options.router ?? createRouter(net);
    this.routes = new RoutePlanner(net, router, controls);
    this.series = new SeriesRecorder(s, end);
    this.stations = new StationProcess(this.ctx);
    const st = this.stations.stations;
    const zones = new ZoneRules(net, controls, this.routes, Int32Array.from(st, (x) => x.node), Int32Array.from(st, (x) => x.zone), s.zones.length);
    this.checkpoints = new CheckpointProcess(this.ctx, zones);
    this.factories = new Factories(s.factories, net.nodeIndex, net.nodeIds.length, s.warmupMin, s.horizonMin);
    this.trip = new TripProcess(this.ctx, controls, this.routes, zones, this.checkpoints, this.stations, this.factories, this.series, boundary, part?.ids ?? null);
    this.checkpoints.connect(this.trip);
    this.stations.connect(this.trip);
    this.replan = new ReplanProcess(this.ctx, controls, this.routes, this.trip, options.replanPruning === false ? null : router.landmarks);
    this.sampling = new SamplingProcess(this.ctx, this.series, this.checkpoints, this.stations, this.factories);
  }

  run(): RunResult {
    const started = this.options.clock?.() ?? 0;
    this.begin();
    this.ctx.kernel.runUntil(this.ctx.end, this.options.progress);
    const { series, usage, stats } = this.result();
    const summary = buildSummary({ scenario: this.scenario, seed: this.seed, endMin: this.ctx.end, stats, wallMs: (this.options.clock?.() ?? 0) - started });
    return { summary, series, usage, network: this.net, stats };
  }

  /** Starts the processes: control changes, samples, local trucks and demand streams (of the nodes this part owns). */
  begin(): void {
    if (this.ran) throw new Error('Simulation.run() called twice: create a new Simulation for another run');
    this.ran = true;
    this.replan.start();
    this.sampling.start();
    this.stations.start(this.owns);
    this.trip.start();
  }

  // A part of a split run (src/partition/region.ts drives these).

  /** Time of the next event, Infinity when none. */
  nextTime(): number {
    return this.ctx.kernel.peekTime();
  }

  /** Runs the events before `end` (a window), or with `last` every event up to the end of the run. */
  advance(end: number, last: boolean): void {
    if (last) this.ctx.kernel.runUntil(this.ctx.end);
    else this.ctx.kernel.runBefore(end);
  }

  /** The key of the event running now (time, rank, seq) and the observer's sub-key: what a line written now sorts by. */
  lineKey(): [number, number, number, number] {
    const k = this.ctx.kernel;
    return this.ending ? [this.ctx.end, Infinity, 0, this.ctx.observer.sub] : [k.now, k.rank, k.seq, this.ctx.observer.sub];
  }

  /** Slots of the trucks handed on in this window (each once), cleared. */
  takeOutbox(): number[] {
    const out = [...new Set(this.outbox)].filter((s) => this.fleet.phase[s] !== 0);
    this.outbox.length = 0;
    return out;
  }

  /** The fleet and the trip process, for moving trucks between parts (partition/truck-state.ts). */
  get parts(): { fleet: Fleet; trip: TripProcess; kernel: Kernel } {
    return { fleet: this.fleet, trip: this.trip, kernel: this.ctx.kernel };
  }

  /** The series and statistics of this part, after `finish`. */
  result(): { series: Series; usage: Int32Array; stats: RunStats } {
    const stats = this.finish();
    return { series: this.series.result(this.scenario), usage: this.trip.usage, stats };
  }

  /** Control changes and samples up to the end: every part runs them (they count once in a merged run). */
  sharedEvents(): number {
    return this.series.times.filter((t) => t <= this.ctx.end).length + this.controls.changeTimes.filter((t) => t <= this.ctx.end).length;
  }

  /** End-of-run accounting: partial stretches, levels up to the end, in-system rows; the statistics snapshot. */
  private finish(): RunStats {
    this.ending = true;
    const end = this.ctx.end;
    const inSystem = this.trip.finish();
    this.checkpoints.close(end);
    this.stations.close(end);
    this.factories.advance(end);
    return {
      counts: this.ctx.counts, inSystem, leadTimes: this.trip.leadTimes,
      checkpoints: this.checkpoints.snapshot(), stations: this.stations.snapshot(), factories: this.factories.snapshot(),
      truckKm: this.trip.truckKm, truckMicroKm: this.trip.truckMicroKm, events: this.ctx.kernel.events, routeCache: this.routes.stats(),
    };
  }
}
