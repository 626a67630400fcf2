import { EventQueue } from '../engine/event-queue.js';
import { sampler, stream, type Sampler, type Uniform } from '../engine/streams.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Route, type Router } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import { LeadTimes } from '../metrics/lead-times.js';
import { SeriesRecorder, type Series } from '../metrics/series.js';
import { buildSummary, type Counts, type Summary } from '../metrics/summary.js';
import { Checkpoint } from './checkpoint.js';
import { Controls } from './controls.js';
import { Factory } from './factory.js';
import { Fleet, LOCAL, PASS, Phase, RELAYED, REPLAN, TURNED, WHITELIST } from './fleet.js';
import { Station } from './station.js';
import { RoutePlanner } from './route-planner.js';
import { reopenedMayShorten, ruleSafe } from './replan-bound.js';

/** Event kinds, packed into the low 3 bits of a queue payload; the rest is a slot or an index. */
const ARRIVAL = 0, NODE = 1, CHECKPOINT_DONE = 2, TRANSFER_DONE = 3, CONTROL = 4, SAMPLE = 5;

export type ShipmentStatus = 'delivered' | 'in-system' | 'failed';
export interface ShipmentRow {
  id: number; stream: string; from: string; to: string; priority: 'whitelist' | 'normal'; pass: boolean;
  createdMin: number; deliveredMin: number | null; status: ShipmentStatus; station: string;
  leadTimeMin: number | null; reason: string;
}
export type TraceEvent = { t: number; truck: number | string; shipment: number | null; event: string } & Record<string, unknown>;

export interface SimulationOptions {
  seed?: number;
  trace?: (event: TraceEvent) => void;
  onShipment?: (row: ShipmentRow) => void;
  /** Called every 65,536 events with the simulated time and the end time, for progress bars. */
  progress?: (nowMin: number, endMin: number) => void;
  /** Reuse a network (and its router's landmarks) built for the same scenario network. */
  network?: Network;
  router?: Router;
  /** Skip re-plans that provably cannot find a faster route when a closure ends (default true; replan-bound.ts). */
  replanPruning?: boolean;
}

export interface RunResult {
  summary: Summary;
  series: Series;
  /** Trucks that entered each directed edge. */
  usage: Int32Array;
  network: Network;
}

/**
 * One simulation run: a pure function of (scenario, seed). Create as many as you like; nothing is shared.
 *
 * The life of a shipment, top to bottom:
 *  1. `arrive`: a demand stream creates it (Poisson); its long-haul truck leaves `from`, with a pass or not.
 *  2. `plan`: the truck picks its target, the destination or, when the destination's zone forbids it
 *     (sealed, or relay without a pass), the nearest reachable station of that zone; then the fastest
 *     open route. No route: it waits and plans again when closures change.
 *  3. `startSegment`/`reachNode`: it drives edge by edge, in one event per stretch up to the next
 *     checkpoint or its target; a change of closures cuts the stretch at the truck's next node when its
 *     route is affected, and it plans again there.
 *  4. `joinCheckpoint`/`checkpointDone`: at a checkpoint it queues for a lane (priority classes, reserved
 *     green-channel lanes); a truck without a valid pass is turned back and relays at a station.
 *  5. `reachStation`/`transferDone`/`dispatchLocal`: at a station it waits for storage and a dock; the
 *     load waits for a local truck, which drives it to the destination and returns.
 *  6. `deliver` (factories restocked) or `fail`; whatever is still moving at the end is `in-system`.
 */
export class Simulation {
  readonly seed: number;
  readonly net: Network;
  private readonly q = new EventQueue();
  private readonly fleet = new Fleet();
  private readonly controls: Controls;
  private readonly routes: RoutePlanner;
  private readonly landmarks: Router['landmarks'];
  private readonly checkpoints: Checkpoint[];
  private readonly cpAt: Int32Array;
  private readonly stations: Station[];
  private readonly stationsOfZone: number[][];
  private readonly factoryAt: Int32Array;
  private readonly factories: Factory[];
  private readonly interarrival: Sampler[];
  private readonly passDraw: Uniform[];
  private readonly serviceDraw: Sampler[];
  private readonly rejectDraw: Uniform[];
  private readonly transferDraw: Sampler[];
  private readonly streamFrom: Int32Array;
  private readonly streamTo: Int32Array;
  private readonly streamDue: Float64Array;
  private readonly streamPass: Float64Array;
  private readonly streamWhite: Uint8Array;
  private readonly usage: Int32Array;
  private readonly leadTimes = new LeadTimes();
  private readonly series: SeriesRecorder;
  private readonly counts: Counts = { created: 0, delivered: 0, failed: 0, relayed: 0, turnedBack: 0, onTime: 0, reroutes: 0, replansAvoided: 0, failedByReason: {} };
  private readonly localName: string[] = [];
  private stationRoute: Route | null = null;
  private readonly end: number;
  private readonly warmup: number;
  private now = 0;
  private events = 0;
  private nextShipment = 0;
  private truckKm = 0;
  private ran = false;

  constructor(readonly scenario: Scenario, private readonly options: SimulationOptions = {}) {
    const s = scenario;
    this.seed = options.seed ?? s.seed;
    this.net = options.network ?? buildNetwork(s);
    const router = options.router ?? createRouter(this.net);
    const idx = (id: string) => this.net.nodeIndex.get(id)!;
    const N = this.net.nodeIds.length;
    this.end = s.horizonMin + s.drainMin;
    this.warmup = s.warmupMin;
    this.controls = new Controls(s, this.net, this.end);
    this.routes = new RoutePlanner(this.net, router, this.controls);
    this.landmarks = router.landmarks;
    this.checkpoints = s.checkpoints.map((c) => new Checkpoint(c, this.warmup, this.end));
    this.cpAt = new Int32Array(N).fill(-1);
    s.checkpoints.forEach((c, i) => { this.cpAt[idx(c.node)] = i; });
    const zoneIndex = new Map(s.zones.map((z, i) => [z.id, i]));
    this.stations = s.stations.map((st) => new Station(st, idx(st.node), zoneIndex.get(st.zone)!, this.warmup, this.end));
    this.stationsOfZone = s.zones.map((_, z) => this.stations.flatMap((st, i) => (st.zone === z ? [i] : [])));
    // Nothing is shipped during the drain, so line stops then are an artefact: factories count to the horizon.
    this.factories = s.factories.map((f) => new Factory(f, this.warmup, s.horizonMin));
    this.factoryAt = new Int32Array(N).fill(-1);
    for (let i = s.factories.length - 1; i >= 0; i--) this.factoryAt[idx(s.factories[i].node)] = i;
    const seed = this.seed;
    this.interarrival = s.demand.map((d) => sampler({ dist: 'exp', mean: d.loadsPerHour > 0 ? 60 / d.loadsPerHour : 1 }, stream(seed, `arrivals/${d.id}`)));
    this.passDraw = s.demand.map((d) => stream(seed, `pass/${d.id}`));
    this.serviceDraw = s.checkpoints.map((c) => sampler(c.serviceMin, stream(seed, `service/${c.id}`)));
    this.rejectDraw = s.checkpoints.map((c) => stream(seed, `reject/${c.id}`));
    this.transferDraw = s.stations.map((st) => sampler(st.transferMin, stream(seed, `transfer/${st.id}`)));
    this.streamFrom = Int32Array.from(s.demand, (d) => idx(d.from));
    this.streamTo = Int32Array.from(s.demand, (d) => idx(d.to));
    this.streamDue = Float64Array.from(s.demand, (d) => d.dueMin ?? Infinity);
    this.streamPass = Float64Array.from(s.demand, (d) => d.passShare);
    this.streamWhite = Uint8Array.from(s.demand, (d) => (d.priority === 'whitelist' ? WHITELIST : 0));
    this.usage = new Int32Array(this.net.edgeFrom.length);
    this.series = new SeriesRecorder(s, this.end);
  }

  run(): RunResult {
    if (this.ran) throw new Error('Simulation.run() called twice: create a new Simulation for another run');
    this.ran = true;
    const started = performance.now();
    this.start();
    const q = this.q, fleet = this.fleet, end = this.end, progress = this.options.progress;
    let tick = 0;
    while (q.size > 0 && q.peekTime() <= end) {
      if (progress && (++tick & 0xffff) === 0) progress(q.peekTime(), end);
      const payload = q.pop();
      this.now = q.lastTime;
      const id = payload >> 3;
      switch (payload & 7) {
        case ARRIVAL: this.events++; this.arrive(id); break;
        case NODE:
          // A stretch cut short by a closure leaves its old event behind: skip it.
          if (fleet.evSeq[id] !== q.lastSeq) break;
          this.events++; this.reachNode(id); break;
        case CHECKPOINT_DONE: this.events++; this.checkpointDone(id); break;
        case TRANSFER_DONE: this.events++; this.transferDone(id); break;
        case CONTROL: this.events++; this.controlChange(); break;
        case SAMPLE: this.events++; this.sample(); break;
      }
    }
    this.now = end;
    return this.finish(performance.now() - started);
  }

  private start(): void {
    const s = this.scenario;
    this.controls.apply(0);
    for (const t of this.controls.changeTimes) this.q.push(t, CONTROL);
    for (const t of this.series.times) this.q.push(t, SAMPLE);
    this.stations.forEach((st) => {
      for (let k = 0; k < st.def.localTrucks; k++) {
        const slot = this.fleet.alloc();
        this.fleet.flags[slot] = LOCAL;
        this.fleet.node[slot] = st.node;
        this.fleet.station[slot] = this.stations.indexOf(st);
        this.fleet.carry[slot] = -1;
        this.fleet.phase[slot] = Phase.LocalIdle;
        this.localName[slot] = `${st.def.id}/${k + 1}`;
        st.idle.push(slot);
      }
    });
    s.demand.forEach((d, k) => {
      if (d.loadsPerHour <= 0) return;
      const t = this.interarrival[k]();
      if (t < s.horizonMin) this.q.push(t, (k << 3) | ARRIVAL);
    });
  }

  // 1. A demand stream creates a shipment; its truck sets off at once.
  private arrive(k: number): void {
    const next = this.now + this.interarrival[k]();
    if (next < this.scenario.horizonMin) this.q.push(next, (k << 3) | ARRIVAL);
    const f = this.fleet, share = this.streamPass[k];
    const s = f.alloc();
    f.shipId[s] = this.nextShipment++;
    f.stream[s] = k;
    f.created[s] = this.now;
    // A share of 0 or 1 decides without a draw; any other share draws once per shipment, so shipment n
    // always gets the stream's n-th draw (common random numbers across a sweep of passShare).
    const pass = share >= 1 || (share > 0 && this.passDraw[k]() < share);
    f.flags[s] = (pass ? PASS : 0) | this.streamWhite[k];
    f.node[s] = this.streamFrom[k];
    f.station[s] = -1;
    f.relayZone[s] = -1;
    this.counts.created++;
    if (this.options.trace) this.emit(s, 'create', { from: this.scenario.demand[k].from, to: this.scenario.demand[k].to, pass });
    this.plan(s);
  }

  // 2. Choose the target and the route from where the truck stands; start driving, wait or fail.
  private plan(s: number): void {
    const f = this.fleet, u = f.node[s];
    let zoneBlock = 0;
    if (f.flags[s] & LOCAL) {
      f.target[s] = f.carry[s] >= 0 ? this.streamTo[f.stream[f.carry[s]]] : this.stations[f.station[s]].node;
    } else {
      const turned = (f.flags[s] & TURNED) !== 0;
      zoneBlock = this.controls.forbidden((f.flags[s] & PASS) !== 0 && !turned) & ~this.net.zoneMask[u];
      const dest = this.streamTo[f.stream[s]];
      let zone = turned ? f.relayZone[s] : -1;
      if (!turned && (this.net.zoneMask[dest] & zoneBlock) !== 0) {
        zone = this.relayZoneFor(this.net.zoneMask[dest] & zoneBlock);
        if (zone < 0) return this.fail(s, `zone-${this.controls.ruleOf(lowestBit(this.net.zoneMask[dest] & zoneBlock), this.now)}-no-station`);
      }
      if (zone >= 0) {
        const best = this.nearestStation(zone, u, zoneBlock);
        if (best < 0) return this.waitForPath(s);
        f.station[s] = best;
        f.target[s] = this.stations[best].node;
        f.flags[s] |= RELAYED;
      } else {
        f.station[s] = -1;
        f.target[s] = dest;
        f.flags[s] &= ~RELAYED;
      }
    }
    const route = f.flags[s] & RELAYED && !(f.flags[s] & LOCAL) ? this.stationRoute : this.routes.route(zoneBlock, u, f.target[s]);
    if (route === null) return this.waitForPath(s);
    f.route[s] = route;
    f.rpos[s] = 0;
    f.planEpoch[s] = this.controls.epoch;
    this.startSegment(s);
  }

  private relayZoneFor(zones: number): number {
    for (let z = 0; z < this.stationsOfZone.length; z++) if ((zones & (1 << z)) && this.stationsOfZone[z].length > 0) return z;
    return -1;
  }

  /** The zone's station reachable soonest (ties: scenario order); its route is left in stationRoute. */
  private nearestStation(zone: number, from: number, zoneBlock: number): number {
    const ids = this.stationsOfZone[zone];
    let best = -1, bestMin = Infinity;
    this.stationRoute = null;
    for (let k = 0; k < ids.length; k++) {
      const r = this.routes.route(zoneBlock, from, this.stations[ids[k]].node);
      const m = r === null ? Infinity : r.cumMin[r.edges.length];
      if (m < bestMin) { bestMin = m; best = ids[k]; this.stationRoute = r; }
    }
    return best;
  }

  private waitForPath(s: number): void {
    this.fleet.phase[s] = Phase.WaitingPath;
    if (this.options.trace) this.emit(s, 'wait-no-path', { at: this.net.nodeIds[this.fleet.node[s]] });
  }

  // 3. Drive to the next stop (a checkpoint on the route, or the target) in one event.
  private startSegment(s: number): void {
    const f = this.fleet, route = f.route[s]!, edges = route.edges, p = f.rpos[s], n = edges.length;
    if (p >= n) { this.atNode(s); return; }
    let q = p;
    if (f.flags[s] & LOCAL) q = n;
    else while (q < n) { if (this.cpAt[this.net.edgeTo[edges[q++]]] >= 0) break; }
    f.segEnd[s] = q;
    f.segStart[s] = this.now;
    f.phase[s] = Phase.Driving;
    f.evSeq[s] = this.q.push(this.now + route.cumMin[q] - route.cumMin[p], (s << 3) | NODE);
  }

  private reachNode(s: number): void {
    const f = this.fleet, route = f.route[s]!, p = f.rpos[s], q = f.segEnd[s];
    const edges = route.edges, usage = this.usage;
    for (let i = p; i < q; i++) usage[edges[i]]++;
    this.truckKm += route.cumKm[q] - route.cumKm[p];
    if (this.options.trace) this.emitEdges(s, route, p, q);
    f.node[s] = this.net.edgeTo[edges[q - 1]];
    f.rpos[s] = q;
    const c = this.cpAt[f.node[s]];
    if (c >= 0 && !(f.flags[s] & LOCAL)) this.joinCheckpoint(s, c);
    else this.atNode(s);
  }

  /** At a node with nothing to queue for: arrived, or plan again if told to, or drive on. */
  private atNode(s: number): void {
    const f = this.fleet;
    if (f.node[s] === f.target[s]) return this.reachTarget(s);
    if (f.flags[s] & REPLAN) {
      f.flags[s] &= ~REPLAN;
      this.counts.reroutes++;
      if (this.options.trace) this.emit(s, 'replan', { at: this.net.nodeIds[f.node[s]] });
      return this.plan(s);
    }
    this.startSegment(s);
  }

  private reachTarget(s: number): void {
    const f = this.fleet;
    if (!(f.flags[s] & LOCAL)) {
      if (f.station[s] >= 0) this.reachStation(s);
      else this.deliver(s);
      return;
    }
    if (f.carry[s] >= 0) {
      const load = f.carry[s];
      f.carry[s] = -1;
      this.deliver(load);
      this.plan(s); // back to the station
    } else {
      this.localBack(s);
    }
  }

  // 4. Checkpoint: queue for a lane, get checked, pass or be turned back.
  private joinCheckpoint(s: number, c: number): void {
    const f = this.fleet, cp = this.checkpoints[c], high = (f.flags[s] & WHITELIST) !== 0;
    f.qTime[s] = this.now;
    if (this.options.trace) this.emit(s, 'checkpoint-queue', { checkpoint: cp.def.id });
    const lane = cp.seize(high, this.now);
    if (lane >= 0) return this.startCheck(s, c, lane);
    f.phase[s] = Phase.CheckpointQueue;
    cp.queue.push(s, high);
    if (this.now >= this.warmup && cp.queue.size > cp.maxQueue) cp.maxQueue = cp.queue.size;
  }

  private startCheck(s: number, c: number, lane: number): void {
    const f = this.fleet, cp = this.checkpoints[c];
    f.phase[s] = Phase.CheckpointService;
    f.lane[s] = lane;
    if (f.qTime[s] >= this.warmup) {
      const wait = this.now - f.qTime[s], cls = f.flags[s] & WHITELIST ? 0 : 1;
      cp.served++; cp.waitSum += wait; cp.servedByClass[cls]++; cp.waitByClass[cls] += wait;
    }
    if (this.options.trace) this.emit(s, 'checkpoint-start', { checkpoint: cp.def.id });
    this.q.push(this.now + this.serviceDraw[c](), (s << 3) | CHECKPOINT_DONE);
  }

  private checkpointDone(s: number): void {
    const f = this.fleet, c = this.cpAt[f.node[s]], cp = this.checkpoints[c];
    const next = cp.release(f.lane[s], this.now);
    if (next >= 0) this.startCheck(next, c, f.lane[s]);
    if (this.options.trace) this.emit(s, 'checkpoint-done', { checkpoint: cp.def.id });
    // Only trucks heading for their destination are turned back: one bound for a transfer station
    // (relaying already, or turned back before) is let through to it.
    const rejected = cp.def.requirePass && !(f.flags[s] & (RELAYED | TURNED)) &&
      (!(f.flags[s] & PASS) || (cp.def.rejectShare > 0 && this.rejectDraw[c]() < cp.def.rejectShare));
    if (rejected) return this.turnBack(s, c);
    this.atNode(s);
  }

  /** Turned back: relay at a station of the destination's zone, else of the checkpoint's zone, else fail. */
  private turnBack(s: number, c: number): void {
    const f = this.fleet;
    f.flags[s] |= TURNED;
    this.counts.turnedBack++;
    if (f.qTime[s] >= this.warmup) this.checkpoints[c].turnedBack++;
    if (this.options.trace) this.emit(s, 'turned-back', { checkpoint: this.checkpoints[c].def.id });
    const zone = this.relayZoneFor(this.net.zoneMask[this.streamTo[f.stream[s]]]);
    f.relayZone[s] = zone >= 0 ? zone : this.relayZoneFor(this.net.zoneMask[f.node[s]]);
    if (f.relayZone[s] < 0) return this.fail(s, 'turned-back-no-station');
    this.plan(s);
  }

  // 5. Station: storage (the gate blocks when full), a dock, then a local truck.
  private reachStation(s: number): void {
    const f = this.fleet, st = this.stations[f.station[s]];
    f.stationArr[s] = this.now;
    this.counts.relayed++;
    if (this.now >= this.warmup) st.arrivals++;
    if (this.options.trace) this.emit(s, 'station-arrive', { station: st.def.id });
    if (st.hasRoom()) this.admit(s, st);
    else { f.phase[s] = Phase.StationGate; st.gate.push(s, (f.flags[s] & WHITELIST) !== 0); }
    st.noteQueues(this.now >= this.warmup);
  }

  private admit(s: number, st: Station): void {
    st.storage++;
    if (st.hasFreeDock()) this.startTransfer(s, st);
    else { this.fleet.phase[s] = Phase.StationDockQueue; st.dockQueue.push(s, (this.fleet.flags[s] & WHITELIST) !== 0); }
  }

  private startTransfer(s: number, st: Station): void {
    const f = this.fleet;
    st.docksBusy++;
    st.docks.add(this.now, 1);
    f.phase[s] = Phase.Transfer;
    if (f.stationArr[s] >= this.warmup) { st.waited++; st.waitSum += this.now - f.stationArr[s]; }
    if (this.options.trace) this.emit(s, 'transfer-start', { station: st.def.id });
    this.q.push(this.now + this.transferDraw[f.station[s]](), (s << 3) | TRANSFER_DONE);
  }

  private transferDone(s: number): void {
    const f = this.fleet, st = this.stations[f.station[s]];
    if (f.stationArr[s] >= this.warmup) st.transfers++;
    if (this.options.trace) this.emit(s, 'transfer-done', { station: st.def.id });
    st.docksBusy--;
    st.docks.add(this.now, -1);
    const next = st.dockQueue.shift();
    if (next >= 0) this.startTransfer(next, st);
    f.phase[s] = Phase.Stored;
    if (st.idle.length > 0) this.dispatchLocal(s, st, st.idle.pop()!);
    else st.ready.push(s, (f.flags[s] & WHITELIST) !== 0);
  }

  private dispatchLocal(s: number, st: Station, truck: number): void {
    const f = this.fleet;
    st.storage--;
    f.phase[s] = Phase.OnLocalTruck;
    f.carry[truck] = s;
    st.localBusy.add(this.now, 1);
    if (f.stationArr[s] >= this.warmup) { st.localTrips++; st.dwellSum += this.now - f.stationArr[s]; }
    if (this.options.trace) this.emit(truck, 'local-depart', { station: st.def.id, shipmentOf: f.shipId[s] });
    const waiting = st.gate.shift();
    if (waiting >= 0) this.admit(waiting, st);
    this.plan(truck);
  }

  private localBack(truck: number): void {
    const f = this.fleet, st = this.stations[f.station[truck]];
    st.localBusy.add(this.now, -1);
    const next = st.ready.shift();
    if (next >= 0) return this.dispatchLocal(next, st, truck);
    f.phase[truck] = Phase.LocalIdle;
    st.idle.push(truck);
  }

  // 6. The end of a shipment.
  private deliver(s: number): void {
    const f = this.fleet, k = f.stream[s], lead = this.now - f.created[s];
    const onTime = lead <= this.streamDue[k];
    this.counts.delivered++;
    if (onTime) this.counts.onTime++;
    if (f.created[s] >= this.warmup) this.leadTimes.add(lead, (f.flags[s] & WHITELIST) !== 0);
    this.series.delivered();
    const fac = this.factoryAt[this.streamTo[k]];
    if (fac >= 0) this.factories[fac].deliver(this.now);
    if (this.options.trace) this.emit(s, 'delivered', { leadTimeMin: lead });
    this.row(s, 'delivered', '');
    this.fleet.release(s);
  }

  private fail(s: number, reason: string): void {
    this.counts.failed++;
    this.counts.failedByReason[reason] = (this.counts.failedByReason[reason] ?? 0) + 1;
    if (this.options.trace) this.emit(s, 'failed', { reason });
    this.row(s, 'failed', reason);
    this.fleet.release(s);
  }

  private row(s: number, status: ShipmentStatus, reason: string): void {
    const out = this.options.onShipment;
    if (!out) return;
    const f = this.fleet, d = this.scenario.demand[f.stream[s]], delivered = status === 'delivered';
    out({
      id: f.shipId[s], stream: d.id, from: d.from, to: d.to, priority: f.flags[s] & WHITELIST ? 'whitelist' : 'normal',
      pass: (f.flags[s] & PASS) !== 0, createdMin: f.created[s], deliveredMin: delivered ? this.now : null, status,
      station: f.station[s] >= 0 && f.flags[s] & RELAYED ? this.stations[f.station[s]].def.id : '',
      leadTimeMin: delivered ? this.now - f.created[s] : null, reason,
    });
  }

  // Closures and zone windows: trucks whose route is affected plan again at their next node.
  private controlChange(): void {
    const { reopened, zonesChanged } = this.controls.apply(this.now);
    const f = this.fleet, waiting: number[] = [];
    for (let s = 0; s < f.high; s++) {
      const phase = f.phase[s];
      if (phase === Phase.WaitingPath) { waiting.push(s); continue; }
      if (phase !== Phase.Driving && phase !== Phase.CheckpointQueue && phase !== Phase.CheckpointService) continue;
      const from = phase === Phase.Driving ? this.nextNodeIndex(s) : f.rpos[s];
      const affected = (zonesChanged && !(f.flags[s] & LOCAL)) || this.routes.closed(f.route[s]!, from) || (this.plannedAround(s, reopened) && this.replanNeeded(s, from, reopened));
      if (!affected) continue;
      f.flags[s] |= REPLAN;
      if (phase === Phase.Driving && from < f.segEnd[s]) {
        const route = f.route[s]!;
        f.segEnd[s] = from;
        f.evSeq[s] = this.q.push(f.segStart[s] + route.cumMin[from] - route.cumMin[f.rpos[s]], (s << 3) | NODE);
      }
    }
    for (const s of waiting) this.plan(s);
  }

  /** Route index of the node a driving truck reaches next (the head of the edge it is on). */
  private nextNodeIndex(s: number): number {
    const f = this.fleet, route = f.route[s]!, p = f.rpos[s], base = f.segStart[s] - route.cumMin[p];
    let j = p + 1;
    while (j < f.segEnd[s] && base + route.cumMin[j] < this.now) j++;
    return j;
  }

  /** Was the route planned around a road or node that has now reopened? Then a faster one may be open. */
  private plannedAround(s: number, reopened: number[]): boolean {
    const closedThen = this.controls.epochClosed[this.fleet.planEpoch[s]];
    for (const x of reopened) if (closedThen.has(x)) return true;
    return false;
  }

  /**
   * A truck planned around what reopened re-plans only if the reopened roads could give it a faster
   * route (replan-bound.ts); otherwise its route is the fastest under the rules now, and it is counted.
   */
  private replanNeeded(s: number, from: number, reopened: number[]): boolean {
    if (this.options.replanPruning === false) return true;
    const f = this.fleet, route = f.route[s]!, local = (f.flags[s] & LOCAL) !== 0;
    // A relayed truck's re-plan re-chooses its station among the zone's: not bounded here.
    if (!local && (f.flags[s] & (TURNED | RELAYED)) !== 0) return true;
    const v = from > 0 ? this.net.edgeTo[route.edges[from - 1]] : f.node[s], t = f.target[s];
    const forbidden = local ? 0 : this.controls.forbidden((f.flags[s] & PASS) !== 0);
    if (!ruleSafe(this.net, forbidden, route, from, v, t)) return true;
    const closedThen = this.controls.epochClosed[f.planEpoch[s]];
    if (reopenedMayShorten(this.net, this.landmarks, reopened, closedThen, route, from, v, t)) return true;
    f.planEpoch[s] = this.controls.epoch;
    this.counts.replansAvoided++;
    return false;
  }

  private sample(): void {
    this.factories.forEach((fac) => fac.advance(this.now));
    this.series.sample(this.now, this.checkpoints, this.stations, this.factories, this.positions());
  }

  /** Up to 300 trucks on the road, placed along their current edge (for the report's playback). */
  private positions(): number[][] {
    const f = this.fleet, out: number[][] = [], { lon, lat, edgeFrom, edgeTo, edgeMin } = this.net;
    for (let s = 0; s < f.high && out.length < 300; s++) {
      if (f.phase[s] !== Phase.Driving) continue;
      const j = this.nextNodeIndex(s), route = f.route[s]!, e = route.edges[j - 1];
      const arrive = f.segStart[s] + route.cumMin[j] - route.cumMin[f.rpos[s]];
      const x = edgeMin[e] > 0 ? Math.min(1, Math.max(0, 1 - (arrive - this.now) / edgeMin[e])) : 1;
      const a = edgeFrom[e], b = edgeTo[e];
      out.push([f.flags[s] & LOCAL ? -1 - s : f.shipId[s], round6(lon[a] + x * (lon[b] - lon[a])), round6(lat[a] + x * (lat[b] - lat[a]))]);
    }
    return out;
  }

  private emit(s: number, event: string, extra: Record<string, unknown>): void {
    const f = this.fleet, local = (f.flags[s] & LOCAL) !== 0;
    const shipment = local ? (f.carry[s] >= 0 ? f.shipId[f.carry[s]] : null) : f.shipId[s];
    this.options.trace!({ t: this.now, truck: local ? this.localName[s] : f.shipId[s], shipment, event, ...extra });
  }

  private emitEdges(s: number, route: Route, p: number, q: number): void {
    const base = this.fleet.segStart[s] - route.cumMin[p], ids = this.net.nodeIds, { edgeFrom, edgeTo } = this.net;
    const saved = this.now;
    for (let i = p; i < q; i++) {
      this.now = base + route.cumMin[i];
      this.emit(s, 'enter-edge', { from: ids[edgeFrom[route.edges[i]]], to: ids[edgeTo[route.edges[i]]] });
    }
    this.now = saved;
  }

  /** At the end: the roads a truck still driving has entered count (trace, usage, km) like any other. */
  private partialSegment(s: number): void {
    const f = this.fleet, route = f.route[s]!, p = f.rpos[s], j = this.nextNodeIndex(s);
    const base = f.segStart[s] - route.cumMin[p];
    let k = p;
    while (k < j && base + route.cumMin[k] <= this.now) k++;
    if (k === p) return;
    for (let i = p; i < k; i++) this.usage[route.edges[i]]++;
    const e = route.edges[k - 1], onEdge = Math.min(1, (this.now - base - route.cumMin[k - 1]) / this.net.edgeMin[e]);
    this.truckKm += route.cumKm[k - 1] - route.cumKm[p] + onEdge * this.net.edgeKm[e];
    if (this.options.trace) this.emitEdges(s, route, p, k);
  }

  private finish(wallMs: number): RunResult {
    const end = this.end, f = this.fleet;
    for (let s = 0; s < f.high; s++) if (f.phase[s] === Phase.Driving) this.partialSegment(s);
    for (const cp of this.checkpoints) cp.busy.accrue(end);
    for (const st of this.stations) { st.docks.accrue(end); st.localBusy.accrue(end); }
    for (const fac of this.factories) fac.advance(end);
    // Whatever is still on its way: in-system, in slot order (deterministic).
    const live: number[] = [];
    for (let s = 0; s < f.high; s++) if (f.phase[s] !== Phase.Free && !(f.flags[s] & LOCAL)) live.push(s);
    live.sort((a, b) => f.shipId[a] - f.shipId[b]);
    for (const s of live) this.row(s, 'in-system', '');
    const summary = buildSummary({
      scenario: this.scenario, seed: this.seed, endMin: end, counts: this.counts, inSystem: live.length,
      leadTimes: this.leadTimes, checkpoints: this.checkpoints, stations: this.stations, factories: this.factories,
      truckKm: this.truckKm, events: this.events, routeCache: this.routes.stats(), wallMs,
    });
    return { summary, series: this.series.result(this.scenario), usage: this.usage, network: this.net };
  }
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
