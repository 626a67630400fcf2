import type { Kernel } from '../engine/kernel.js';
import type { Observer } from './observer.js';
import type { Fleet } from './fleet.js';
import type { StationDef } from '../scenario/types.js';
import { sampler, stream, type Sampler } from '../engine/streams.js';
import { Level } from '../metrics/level.js';
import type { StationStats } from '../metrics/snapshots.js';
import { ClassQueue } from './class-queue.js';
import { LOCAL, Phase, WHITELIST } from './fleet.js';
import type { RunContext } from './run-context.js';

/** Event kind of a finished transfer (see simulation.ts for the table of kinds). */
export const TRANSFER_DONE = 3;

/**
 * A production-material transfer station, the gate of its zone: a long-haul truck waits at the gate
 * until storage has room, then for a dock; after the transfer its load waits in storage for a free
 * local closed-loop truck, which drives it on and comes back. Storage is held from the gate until a
 * local truck takes the load, so a full store blocks the gate. White-listed loads go first in every queue.
 */
export class Station {
  storage = 0;
  docksBusy = 0;
  readonly gate = new ClassQueue();
  readonly dockQueue = new ClassQueue();
  readonly ready = new ClassQueue();
  /** Local trucks at the station with nothing to carry (truck slots). */
  readonly idle: number[] = [];
  readonly docks: Level;
  readonly localBusy: Level;
  // Statistics over loads that reached the gate after warm-up.
  arrivals = 0;
  transfers = 0;
  /** Loads whose transfer started, the count behind waitSum (transfers counts those finished). */
  waited = 0;
  waitSum = 0;
  dwellSum = 0;
  localTrips = 0;
  maxStorage = 0;
  maxQueue = 0;

  constructor(readonly def: StationDef, readonly node: number, readonly zone: number, warmup: number, end: number) {
    this.docks = new Level(warmup, end);
    this.localBusy = new Level(warmup, end);
  }

  hasRoom(): boolean {
    return this.storage < this.def.storageLoads;
  }

  hasFreeDock(): boolean {
    return this.docksBusy < this.def.docks;
  }

  noteQueues(measured: boolean): void {
    if (!measured) return;
    const q = this.gate.size + this.dockQueue.size;
    if (q > this.maxQueue) this.maxQueue = q;
    if (this.storage > this.maxStorage) this.maxStorage = this.storage;
  }

  snapshot(): StationStats {
    return {
      arrivals: this.arrivals, transfers: this.transfers, waited: this.waited, waitSum: this.waitSum, dwellSum: this.dwellSum,
      localTrips: this.localTrips, maxStorage: this.maxStorage, maxQueue: this.maxQueue,
      dockIntegral: this.docks.integral, localBusyIntegral: this.localBusy.integral,
    };
  }
}

/** What a station hands a local truck to: the trip process drives it. */
export interface Driver {
  plan(s: number): void;
}

/**
 * The station process: a relayed load arrives (`reach`), waits at the gate for storage and for a dock,
 * is transferred, and waits in storage for a local truck, which the trip process drives to the
 * destination and back (`localBack`). The station's local fleet is created here, at the start.
 */
export class StationProcess {
  readonly stations: Station[];
  private readonly transferDraw: Sampler[];
  private driver!: Driver;

  private readonly fleet: Fleet;
  private readonly kernel: Kernel;
  private readonly observer: Observer;

  constructor(private readonly ctx: RunContext) {
    this.fleet = ctx.fleet; this.kernel = ctx.kernel; this.observer = ctx.observer;
    const s = ctx.scenario, idx = (id: string) => ctx.net.nodeIndex.get(id)!;
    const zoneIndex = new Map(s.zones.map((z, i) => [z.id, i]));
    this.stations = s.stations.map((st) => new Station(st, idx(st.node), zoneIndex.get(st.zone)!, ctx.warmup, ctx.end));
    this.transferDraw = s.stations.map((st) => sampler(st.transferMin, stream(ctx.seed, `transfer/${st.id}`)));
    ctx.kernel.on(TRANSFER_DONE, 2, (slot) => this.transferDone(slot));
  }

  connect(driver: Driver): void {
    this.driver = driver;
  }

  /**
   * Creates the local trucks of every station `owned` (all, in one part), idle at their station;
   * their canonical ids count through all stations' trucks in station order (fleet.ts LONG_HAUL).
   */
  start(owned: (node: number) => boolean = () => true): void {
    const f = this.fleet;
    let id = 0;
    this.stations.forEach((st, i) => {
      for (let k = 0; k < st.def.localTrucks; k++, id++) {
        if (!owned(st.node)) continue;
        const slot = f.alloc();
        f.ent[slot] = id;
        f.evSeq[slot] = 0;
        f.flags[slot] = LOCAL;
        f.node[slot] = st.node;
        f.station[slot] = i;
        f.carry[slot] = -1;
        f.phase[slot] = Phase.LocalIdle;
        st.idle.push(slot);
      }
    });
  }

  /** A relayed long-haul truck reaches its station (f.station). */
  reach(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now, st = this.stations[f.station[s]];
    f.stationArr[s] = now;
    this.ctx.counts.relayed++;
    if (now >= this.ctx.warmup) st.arrivals++;
    if (observer.tracing) observer.event(now, s, 'station-arrive', { station: st.def.id });
    if (st.hasRoom()) this.admit(s, st);
    else { f.phase[s] = Phase.StationGate; st.gate.push(s, (f.flags[s] & WHITELIST) !== 0); }
    st.noteQueues(now >= this.ctx.warmup);
  }

  private admit(s: number, st: Station): void {
    const f = this.fleet;
    st.storage++;
    if (st.hasFreeDock()) this.startTransfer(s, st);
    else { f.phase[s] = Phase.StationDockQueue; st.dockQueue.push(s, (f.flags[s] & WHITELIST) !== 0); }
  }

  private startTransfer(s: number, st: Station): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now;
    st.docksBusy++;
    st.docks.add(now, 1);
    f.phase[s] = Phase.Transfer;
    if (f.stationArr[s] >= this.ctx.warmup) { st.waited++; st.waitSum += now - f.stationArr[s]; }
    if (observer.tracing) observer.event(now, s, 'transfer-start', { station: st.def.id });
    kernel.at(now + this.transferDraw[f.station[s]](), TRANSFER_DONE, s, f.ent[s]);
  }

  private transferDone(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now, st = this.stations[f.station[s]];
    if (f.stationArr[s] >= this.ctx.warmup) st.transfers++;
    if (observer.tracing) observer.event(now, s, 'transfer-done', { station: st.def.id });
    st.docksBusy--;
    st.docks.add(now, -1);
    const next = st.dockQueue.shift();
    if (next >= 0) this.startTransfer(next, st);
    f.phase[s] = Phase.Stored;
    if (st.idle.length > 0) this.dispatchLocal(s, st, st.idle.pop()!);
    else st.ready.push(s, (f.flags[s] & WHITELIST) !== 0);
  }

  private dispatchLocal(s: number, st: Station, truck: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now;
    st.storage--;
    f.phase[s] = Phase.OnLocalTruck;
    f.carry[truck] = s;
    st.localBusy.add(now, 1);
    if (f.stationArr[s] >= this.ctx.warmup) { st.localTrips++; st.dwellSum += now - f.stationArr[s]; }
    if (observer.tracing) observer.event(now, truck, 'local-depart', { station: st.def.id, shipmentOf: f.shipId[s] });
    const waiting = st.gate.shift();
    if (waiting >= 0) this.admit(waiting, st);
    this.driver.plan(truck);
  }

  /** A local truck is back at its station: it takes the next stored load, or waits. */
  localBack(truck: number): void {
    const f = this.fleet, st = this.stations[f.station[truck]];
    st.localBusy.add(this.ctx.kernel.now, -1);
    const next = st.ready.shift();
    if (next >= 0) return this.dispatchLocal(next, st, truck);
    f.phase[truck] = Phase.LocalIdle;
    st.idle.push(truck);
  }

  /** At the end of the run: docks and local trucks busy count to the end. */
  close(end: number): void {
    for (const st of this.stations) { st.docks.accrue(end); st.localBusy.accrue(end); }
  }

  levels(): [number, number, number][] {
    return this.stations.map((st) => [st.gate.size + st.dockQueue.size, st.storage, st.localBusy.value]);
  }

  snapshot(): Record<string, StationStats> {
    return Object.fromEntries(this.stations.map((st) => [st.def.id, st.snapshot()]));
  }
}
