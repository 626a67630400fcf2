import { Kernel } from '../engine/kernel.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Router } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import { SeriesRecorder, type Series } from '../metrics/series.js';
import { emptyCounts, type RunStats } from '../metrics/snapshots.js';
import { buildSummary, type Summary } from '../metrics/summary.js';
import { WHOLE_NETWORK, type Boundary } from './boundary.js';
import { CheckpointProcess } from './checkpoint.js';
import { Controls } from './controls.js';
import { Factories } from './factory.js';
import { Fleet } from './fleet.js';
import { Observer, type ShipmentRow, type TraceEvent } from './observer.js';
import { ReplanProcess } from './replan.js';
import { RoutePlanner } from './route-planner.js';
import type { RunContext } from './run-context.js';
import { SamplingProcess } from './sampling.js';
import { StationProcess } from './station.js';
import { TripProcess } from './trip.js';
import { ZoneRules } from './zone-rules.js';

export type { ShipmentRow, ShipmentStatus, TraceEvent } from './observer.js';

export interface SimulationOptions {
  seed?: number;
  trace?: (event: TraceEvent) => void;
  onShipment?: (row: ShipmentRow) => void;
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
  private ran = false;

  constructor(readonly scenario: Scenario, private readonly options: SimulationOptions = {}) {
    const s = scenario;
    this.seed = options.seed ?? s.seed;
    const net = this.net = options.network ?? buildNetwork(s);
    const end = s.horizonMin + s.drainMin;
    const fleet = new Fleet();
    const observer = new Observer(fleet, net, s, s.stations.map((st) => st.id), options.trace, options.onShipment);
    this.ctx = { scenario: s, seed: this.seed, net, kernel: new Kernel(), fleet, observer, counts: emptyCounts(), warmup: s.warmupMin, end };
    const controls = new Controls(s, net, end);
    const router = options.router ?? createRouter(net);
    this.routes = new RoutePlanner(net, router, controls);
    this.series = new SeriesRecorder(s, end);
    this.stations = new StationProcess(this.ctx);
    const st = this.stations.stations;
    const zones = new ZoneRules(net, controls, this.routes, Int32Array.from(st, (x) => x.node), Int32Array.from(st, (x) => x.zone), s.zones.length);
    this.checkpoints = new CheckpointProcess(this.ctx, zones);
    this.factories = new Factories(s.factories, net.nodeIndex, net.nodeIds.length, s.warmupMin, s.horizonMin);
    this.trip = new TripProcess(this.ctx, controls, this.routes, zones, this.checkpoints, this.stations, this.factories, this.series, options.boundary ?? WHOLE_NETWORK);
    this.checkpoints.connect(this.trip);
    this.stations.connect(this.trip);
    this.replan = new ReplanProcess(this.ctx, controls, this.routes, this.trip, options.replanPruning === false ? null : router.landmarks);
    this.sampling = new SamplingProcess(this.ctx, this.series, this.checkpoints, this.stations, this.factories);
  }

  run(): RunResult {
    if (this.ran) throw new Error('Simulation.run() called twice: create a new Simulation for another run');
    this.ran = true;
    const started = this.options.clock?.() ?? 0;
    this.replan.start();
    this.sampling.start();
    this.stations.start();
    this.trip.start();
    this.ctx.kernel.runUntil(this.ctx.end, this.options.progress);
    const stats = this.finish();
    const summary = buildSummary({ scenario: this.scenario, seed: this.seed, endMin: this.ctx.end, stats, wallMs: (this.options.clock?.() ?? 0) - started });
    return { summary, series: this.series.result(this.scenario), usage: this.trip.usage, network: this.net, stats };
  }

  /** End-of-run accounting: partial stretches, levels up to the end, in-system rows; the statistics snapshot. */
  private finish(): RunStats {
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
