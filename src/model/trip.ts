import type { Kernel } from '../engine/kernel.js';
import type { Observer } from './observer.js';
import { sampler, stream, type Sampler, type Uniform } from '../engine/streams.js';
import { LeadTimes } from '../metrics/lead-times.js';
import type { SeriesRecorder } from '../metrics/series.js';
import type { Route } from '../network/router.js';
import type { Boundary } from './boundary.js';
import type { AfterCheckpoint, CheckpointProcess } from './checkpoint.js';
import type { Controls } from './controls.js';
import type { Factories } from './factory.js';
import { LOCAL, LONG_HAUL, PASS, Phase, RELAYED, REPLAN, TURNED, WHITELIST, type Fleet } from './fleet.js';
import type { RoutePlanner } from './route-planner.js';
import type { RunContext } from './run-context.js';
import type { Driver, StationProcess } from './station.js';
import { DESTINATION, NO_STATION, NO_ZONE_STATION, type ZoneRules } from './zone-rules.js';

/** Event kinds of the trip (see simulation.ts for the table of kinds). */
export const ARRIVAL = 0, NODE = 1, LEAVE = 6;
/** micro-km: truck-km are summed as integers, so parts of a split run add up to the same total exactly. */
const KM_UNIT = 1e6;

/**
 * The trip of a shipment, top to bottom:
 *  1. `arrive`: a demand stream creates it (Poisson); its long-haul truck leaves `from`, with a pass or not.
 *  2. `plan`: the zone rules (zone-rules.ts) give the leg: the destination, or the station of a zone it
 *     may not enter, with the fastest open route. No route: it waits (`waitForPath`) until closures change.
 *  3. `startSegment`/`reachNode`: it drives in one event per stretch up to the next checkpoint or its
 *     target. A closure change (replan.ts) may cut the stretch at its next node and have it plan again.
 *  4. At a checkpoint the checkpoint process (checkpoint.ts) takes it and hands it back through `atNode`,
 *     or through `plan` after a turn-back.
 *  5. At a station the station process (station.ts) takes the load; a local truck drives it on (this
 *     process again, `plan` with the LOCAL flag) and comes back.
 *  6. `deliver` (factories restocked) or `fail`; whatever is still moving at the end is `in-system`.
 */
export class TripProcess implements AfterCheckpoint, Driver {
  /** Trucks that entered each directed edge. */
  readonly usage: Int32Array;
  readonly leadTimes = new LeadTimes();
  /** Truck-km driven, in micro-km (an exact integer sum; see KM_UNIT). */
  truckMicroKm = 0;
  private nextShipment = 0;
  /** Shipment ids by stream and n-th arrival when a part of a split run creates only some (partition/shipment-ids.ts). */
  private readonly ids: Float64Array[] | null;
  private readonly made: Int32Array;
  /** In a part of a split run, the time each stretch leaves the part's nodes is an event (LEAVE). */
  private readonly split: boolean;
  private readonly interarrival: Sampler[];
  private readonly passDraw: Uniform[];
  private readonly streamFrom: Int32Array;
  private readonly streamTo: Int32Array;
  private readonly streamDue: Float64Array;
  private readonly streamPass: Float64Array;
  private readonly streamWhite: Uint8Array;

  private readonly fleet: Fleet;
  private readonly kernel: Kernel;
  private readonly observer: Observer;

  constructor(
    private readonly ctx: RunContext, private readonly controls: Controls, private readonly routes: RoutePlanner,
    private readonly zones: ZoneRules, private readonly checkpoints: CheckpointProcess, private readonly stations: StationProcess,
    private readonly factories: Factories, private readonly series: SeriesRecorder, private readonly boundary: Boundary,
    ids: Float64Array[] | null = null,
  ) {
    this.ids = ids;
    this.made = new Int32Array(ctx.scenario.demand.length);
    this.split = boundary.split;
    this.fleet = ctx.fleet; this.kernel = ctx.kernel; this.observer = ctx.observer;
    const s = ctx.scenario, idx = (id: string) => ctx.net.nodeIndex.get(id)!;
    this.interarrival = s.demand.map((d) => sampler({ dist: 'exp', mean: d.loadsPerHour > 0 ? 60 / d.loadsPerHour : 1 }, stream(ctx.seed, `arrivals/${d.id}`)));
    this.passDraw = s.demand.map((d) => stream(ctx.seed, `pass/${d.id}`));
    this.streamFrom = Int32Array.from(s.demand, (d) => idx(d.from));
    this.streamTo = Int32Array.from(s.demand, (d) => idx(d.to));
    this.streamDue = Float64Array.from(s.demand, (d) => d.dueMin ?? Infinity);
    this.streamPass = Float64Array.from(s.demand, (d) => d.passShare);
    this.streamWhite = Uint8Array.from(s.demand, (d) => (d.priority === 'whitelist' ? WHITELIST : 0));
    this.usage = new Int32Array(ctx.net.edgeFrom.length);
    ctx.kernel.on(ARRIVAL, 2, (k) => this.arrive(k));
    ctx.kernel.on(NODE, 2, (s) => this.reachNode(s));
    ctx.kernel.on(LEAVE, 2, (s) => this.leave(s));
  }

  /** The first shipment of every stream with a rate. */
  start(): void {
    const s = this.ctx.scenario;
    s.demand.forEach((d, k) => {
      if (d.loadsPerHour <= 0 || !this.boundary.owns(this.streamFrom[k])) return;
      const t = this.interarrival[k]();
      if (t < s.horizonMin) this.ctx.kernel.at(t, ARRIVAL, k, k);
    });
  }

  // 1. A demand stream creates a shipment; its truck sets off at once.
  private arrive(k: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now;
    const next = now + this.interarrival[k]();
    if (next < this.ctx.scenario.horizonMin) kernel.at(next, ARRIVAL, k, k);
    const share = this.streamPass[k];
    const s = f.alloc();
    const id = this.ids === null ? this.nextShipment++ : this.ids[k][this.made[k]++];
    f.shipId[s] = id;
    f.ent[s] = LONG_HAUL + id;
    f.evSeq[s] = 0;
    f.stream[s] = k;
    f.dest[s] = this.streamTo[k];
    f.created[s] = now;
    // A share of 0 or 1 decides without a draw; any other share draws once per shipment, so shipment n
    // always gets the stream's n-th draw (common random numbers across a sweep of passShare).
    const pass = share >= 1 || (share > 0 && this.passDraw[k]() < share);
    f.flags[s] = (pass ? PASS : 0) | this.streamWhite[k];
    f.node[s] = this.streamFrom[k];
    f.station[s] = -1;
    f.carry[s] = -1;
    f.relayZone[s] = -1;
    this.ctx.counts.created++;
    if (observer.tracing) observer.event(now, s, 'create', { from: this.ctx.scenario.demand[k].from, to: this.ctx.scenario.demand[k].to, pass });
    this.plan(s);
  }

  // 2. Choose the target and the route from where the truck stands; start driving, wait or fail.
  plan(s: number): void {
    const f = this.fleet, u = f.node[s];
    let route: Route | null;
    if (f.flags[s] & LOCAL) {
      f.target[s] = f.carry[s] >= 0 ? f.dest[f.carry[s]] : this.stations.stations[f.station[s]].node;
      route = this.routes.route(0, u, f.target[s]);
    } else {
      const pass = (f.flags[s] & PASS) !== 0;
      const station = this.zones.leg(u, f.dest[s], pass, (f.flags[s] & TURNED) !== 0, f.relayZone[s]);
      if (station === NO_ZONE_STATION) return this.fail(s, this.zones.failure(this.ctx.kernel.now, u, f.dest[s], pass));
      if (station === NO_STATION) return this.waitForPath(s);
      if (station === DESTINATION) {
        f.station[s] = -1;
        f.target[s] = f.dest[s];
        f.flags[s] &= ~RELAYED;
      } else {
        f.station[s] = station;
        f.target[s] = this.stations.stations[station].node;
        f.flags[s] |= RELAYED;
      }
      route = this.zones.route;
    }
    if (route === null) return this.waitForPath(s);
    f.route[s] = route;
    f.rpos[s] = 0;
    f.planEpoch[s] = this.controls.epoch;
    this.startSegment(s);
  }

  private waitForPath(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, net = this.ctx.net;
    f.phase[s] = Phase.WaitingPath;
    if (observer.tracing) observer.event(kernel.now, s, 'wait-no-path', { at: net.nodeIds[f.node[s]] });
  }

  // 3. Drive to the next stop (a checkpoint on the route, or the target) in one event.
  private startSegment(s: number): void {
    const f = this.fleet, kernel = this.kernel, route = f.route[s]!, edges = route.edges, p = f.rpos[s], n = edges.length;
    if (p >= n) { this.atNode(s); return; }
    let q = p;
    if (f.flags[s] & LOCAL) q = n;
    else {
      const cpAt = this.checkpoints.at, edgeTo = this.ctx.net.edgeTo;
      while (q < n) { if (cpAt[edgeTo[edges[q++]]] >= 0) break; }
    }
    f.segEnd[s] = q;
    f.segStart[s] = kernel.now;
    f.phase[s] = Phase.Driving;
    this.schedule(s, kernel.now + route.cumMin[q] - route.cumMin[p]);
    if (this.split) this.scheduleLeave(s, p);
  }

  /**
   * The stretch event of truck `s` at `t`, superseding any earlier one (a new seq). Its seq counts on
   * across the parts of a split run, so an event a part left behind never matches a truck that came back.
   */
  schedule(s: number, t: number): void {
    const f = this.fleet;
    f.evTime[s] = t;
    this.kernel.at(t, NODE, s, f.ent[s], ++f.evSeq[s]);
  }

  /**
   * A part of a split run: the first road of the stretch from route index `from` on that leads to a
   * node this part does not own; the truck leaves when it enters it. It reaches that node one road
   * later, at least a lookahead after: the window in which it leaves cannot reach it (partition/).
   */
  scheduleLeave(s: number, from: number): void {
    const f = this.fleet, route = f.route[s]!, edges = route.edges, edgeTo = this.ctx.net.edgeTo, q = f.segEnd[s];
    const out = this.boundary.leaving?.(route, from, q);
    for (let k = out === undefined ? from : out < 0 ? q : out; k < q; k++) {
      if (this.boundary.owns(edgeTo[edges[k]])) continue;
      f.cross[s] = k;
      // Timed as nextNodeIndex reckons positions (base + cumMin): a control change at the same time
      // then finds the truck short of the road's tail (and cuts it there) exactly when it has not left.
      this.kernel.at(Math.max(this.kernel.now, f.segStart[s] - route.cumMin[f.rpos[s]] + route.cumMin[k]), LEAVE, s, f.ent[s], f.evSeq[s]);
      return;
    }
  }

  /** Truck `s` enters a road to another part: handed on at the end of the window, unless its stretch changed since. */
  private leave(s: number): void {
    const kernel = this.kernel;
    kernel.discard();
    if (this.isCurrentStretch(s)) this.boundary.handoff(s, kernel.now);
  }

  /**
   * The stretch event running now is truck `s`'s current one: a stretch cut short by a closure leaves
   * its old event behind, and so does a truck handed to another part (its slot freed or reused).
   */
  private isCurrentStretch(s: number): boolean {
    const f = this.fleet, kernel = this.kernel;
    return f.phase[s] === Phase.Driving && f.ent[s] === kernel.entity && f.evSeq[s] === kernel.seq;
  }

  /** Ends the stretch of driving truck `s` at route index `at` (its next node), where it will plan again. */
  cutStretch(s: number, at: number): void {
    const f = this.fleet, kernel = this.kernel, route = f.route[s]!;
    f.segEnd[s] = at;
    // The next node is reached at or after now; rounding in a different sum must not put it before.
    this.schedule(s, Math.max(kernel.now, f.segStart[s] + route.cumMin[at] - route.cumMin[f.rpos[s]]));
  }

  private reachNode(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer;
    if (!this.isCurrentStretch(s)) return kernel.discard();
    const route = f.route[s]!, p = f.rpos[s], q = f.segEnd[s];
    const edges = route.edges, usage = this.usage;
    for (let i = p; i < q; i++) usage[edges[i]]++;
    this.truckMicroKm += Math.round((route.cumKm[q] - route.cumKm[p]) * KM_UNIT);
    if (observer.tracing) observer.edges(s, route, p, q, f.segStart[s] - route.cumMin[p]);
    const node = this.ctx.net.edgeTo[edges[q - 1]];
    f.node[s] = node;
    f.rpos[s] = q;
    const c = this.checkpoints.at[node];
    if (c >= 0 && !(f.flags[s] & LOCAL)) this.checkpoints.join(s, c);
    else this.atNode(s);
  }

  /** At a node with nothing to queue for: arrived, or plan again if told to, or drive on. */
  atNode(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, net = this.ctx.net;
    if (f.node[s] === f.target[s]) return this.reachTarget(s);
    if (f.flags[s] & REPLAN) {
      f.flags[s] &= ~REPLAN;
      this.ctx.counts.reroutes++;
      if (observer.tracing) observer.event(kernel.now, s, 'replan', { at: net.nodeIds[f.node[s]] });
      return this.plan(s);
    }
    this.startSegment(s);
  }

  private reachTarget(s: number): void {
    const f = this.fleet;
    if (!(f.flags[s] & LOCAL)) {
      if (f.station[s] >= 0) this.stations.reach(s);
      else this.deliver(s);
      return;
    }
    if (f.carry[s] >= 0) {
      const load = f.carry[s];
      f.carry[s] = -1;
      this.deliver(load);
      this.plan(s); // back to the station
    } else {
      this.stations.localBack(s);
    }
  }

  // 6. The end of a shipment.
  private deliver(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, counts = this.ctx.counts, now = kernel.now, k = f.stream[s], lead = now - f.created[s];
    const onTime = lead <= this.streamDue[k];
    counts.delivered++;
    if (onTime) counts.onTime++;
    if (f.created[s] >= this.ctx.warmup) this.leadTimes.add(lead, (f.flags[s] & WHITELIST) !== 0);
    this.series.delivered();
    this.factories.deliver(f.dest[s], now);
    if (observer.tracing) observer.event(now, s, 'delivered', { leadTimeMin: lead });
    observer.row(now, s, 'delivered', '');
    f.release(s);
  }

  fail(s: number, reason: string): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, counts = this.ctx.counts;
    counts.failed++;
    counts.failedByReason[reason] = (counts.failedByReason[reason] ?? 0) + 1;
    if (observer.tracing) observer.event(kernel.now, s, 'failed', { reason });
    observer.row(kernel.now, s, 'failed', reason);
    f.release(s);
  }

  /**
   * At the end (`now` = end): the roads a truck still driving has entered count (trace, usage, km) like
   * any other; then every shipment still on its way gets its in-system row, by shipment id. Returns how many.
   */
  finish(): number {
    const f = this.fleet, observer = this.ctx.observer;
    // By canonical id, not slot: the trace lines of the last stretches come in the same order however the run was split.
    const driving: number[] = [];
    for (let s = 0; s < f.high; s++) if (f.phase[s] === Phase.Driving) driving.push(s);
    driving.sort((a, b) => f.ent[a] - f.ent[b]);
    for (const s of driving) { observer.sub = f.ent[s]; this.partialSegment(s); }
    const live: number[] = [];
    for (let s = 0; s < f.high; s++) if (f.phase[s] !== Phase.Free && !(f.flags[s] & LOCAL)) live.push(s);
    live.sort((a, b) => f.shipId[a] - f.shipId[b]);
    for (const s of live) { observer.sub = f.ent[s]; observer.row(this.ctx.kernel.now, s, 'in-system', ''); }
    return live.length;
  }

  /** Truck-km driven. */
  get truckKm(): number {
    return this.truckMicroKm / KM_UNIT;
  }

  private partialSegment(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, net = this.ctx.net, now = kernel.now;
    const route = f.route[s]!, p = f.rpos[s], j = nextNodeIndex(f, s, now);
    const base = f.segStart[s] - route.cumMin[p];
    let k = p;
    while (k < j && base + route.cumMin[k] <= now) k++;
    if (k === p) return;
    for (let i = p; i < k; i++) this.usage[route.edges[i]]++;
    const e = route.edges[k - 1], onEdge = Math.min(1, (now - base - route.cumMin[k - 1]) / net.edgeMin[e]);
    this.truckMicroKm += Math.round((route.cumKm[k - 1] - route.cumKm[p] + onEdge * net.edgeKm[e]) * KM_UNIT);
    if (observer.tracing) observer.edges(s, route, p, k, base);
  }
}

/** Route index of the node driving truck `s` reaches next at time `now` (the head of the edge it is on). */
export function nextNodeIndex(f: Fleet, s: number, now: number): number {
  const route = f.route[s]!, p = f.rpos[s], base = f.segStart[s] - route.cumMin[p];
  let j = p + 1;
  while (j < f.segEnd[s] && base + route.cumMin[j] < now) j++;
  return j;
}
