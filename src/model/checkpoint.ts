import type { Kernel } from '../engine/kernel.js';
import type { Observer } from './observer.js';
import type { Fleet } from './fleet.js';
import type { CheckpointDef } from '../scenario/types.js';
import { sampler, stream, type Sampler, type Uniform } from '../engine/streams.js';
import { Level } from '../metrics/level.js';
import type { CheckpointStats } from '../metrics/snapshots.js';
import type { RunContext } from './run-context.js';
import { ClassQueue } from './class-queue.js';
import { PASS, Phase, RELAYED, TURNED, WHITELIST } from './fleet.js';
import type { ZoneRules } from './zone-rules.js';

export const OPEN_LANE = 0;
export const RESERVED_LANE = 1;

/** Event kind of a finished check (see simulation.ts for the table of kinds). */
export const CHECKPOINT_DONE = 2;

/**
 * A checkpoint: `lanes` servers, of which `priorityLanes` are reserved for white-listed trucks (the green
 * channel). White-listed trucks may use any lane, reserved lanes first; normal trucks only the others.
 * Which lane type a truck holds is remembered by the caller and handed back on release.
 */
export class Checkpoint {
  readonly openLanes: number;
  busyReserved = 0;
  busyOpen = 0;
  readonly queue = new ClassQueue();
  readonly busy: Level;
  // Statistics over trucks that joined the queue after warm-up.
  served = 0;
  waitSum = 0;
  servedByClass: [number, number] = [0, 0];
  waitByClass: [number, number] = [0, 0];
  maxQueue = 0;
  turnedBack = 0;

  constructor(readonly def: CheckpointDef, warmup: number, end: number) {
    this.openLanes = def.lanes - def.priorityLanes;
    this.busy = new Level(warmup, end);
  }

  /** Takes a free lane for an arriving truck: its lane type, or -1 when it must queue. */
  seize(high: boolean, now: number): number {
    if (high && this.busyReserved < this.def.priorityLanes) {
      this.busyReserved++;
      this.busy.add(now, 1);
      return RESERVED_LANE;
    }
    if (this.busyOpen < this.openLanes) {
      this.busyOpen++;
      this.busy.add(now, 1);
      return OPEN_LANE;
    }
    return -1;
  }

  /**
   * Frees a lane and hands it to the next truck allowed on it: a reserved lane only to a white-listed
   * truck, an open lane to a white-listed truck first, then a normal one. Returns that truck or -1.
   */
  release(lane: number, now: number): number {
    const next = lane === RESERVED_LANE ? (this.queue.high.size > 0 ? this.queue.high.shift() : -1) : this.queue.shift();
    if (next >= 0) return next;
    if (lane === RESERVED_LANE) this.busyReserved--;
    else this.busyOpen--;
    this.busy.add(now, -1);
    return -1;
  }

  snapshot(): CheckpointStats {
    return {
      served: this.served, waitSum: this.waitSum, servedByClass: [...this.servedByClass], waitByClass: [...this.waitByClass],
      maxQueue: this.maxQueue, turnedBack: this.turnedBack, busyIntegral: this.busy.integral,
    };
  }
}

/** What the checkpoints hand a truck back to when it is through (the trip process). */
export interface AfterCheckpoint {
  atNode(s: number): void;
  plan(s: number): void;
  fail(s: number, reason: string): void;
}

/**
 * The checkpoint process: a long-haul truck reaching a checkpoint's node queues for a lane (priority
 * classes, reserved lanes), is checked for a service time, and passes, or is turned back when the
 * checkpoint requires a pass it lacks (or at random, `rejectShare`). A turned-back truck relays at a
 * station (zone rules), or fails when there is none.
 */
export class CheckpointProcess {
  readonly checkpoints: Checkpoint[];
  /** Checkpoint index by node, -1 where there is none. */
  readonly at: Int32Array;
  private readonly serviceDraw: Sampler[];
  private readonly rejectDraw: Uniform[];
  private next!: AfterCheckpoint;

  private readonly fleet: Fleet;
  private readonly kernel: Kernel;
  private readonly observer: Observer;

  constructor(private readonly ctx: RunContext, private readonly zones: ZoneRules) {
    this.fleet = ctx.fleet; this.kernel = ctx.kernel; this.observer = ctx.observer;
    const s = ctx.scenario, net = ctx.net;
    this.checkpoints = s.checkpoints.map((c) => new Checkpoint(c, ctx.warmup, ctx.end));
    this.at = new Int32Array(net.nodeIds.length).fill(-1);
    s.checkpoints.forEach((c, i) => { this.at[net.nodeIndex.get(c.node)!] = i; });
    this.serviceDraw = s.checkpoints.map((c) => sampler(c.serviceMin, stream(ctx.seed, `service/${c.id}`)));
    this.rejectDraw = s.checkpoints.map((c) => stream(ctx.seed, `reject/${c.id}`));
    ctx.kernel.on(CHECKPOINT_DONE, 2, (s) => this.done(s));
  }

  connect(next: AfterCheckpoint): void {
    this.next = next;
  }

  /** Truck `s` reaches checkpoint `c`: a lane now, or the queue. */
  join(s: number, c: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now, cp = this.checkpoints[c], high = (f.flags[s] & WHITELIST) !== 0;
    f.qTime[s] = now;
    if (observer.tracing) observer.event(now, s, 'checkpoint-queue', { checkpoint: cp.def.id });
    const lane = cp.seize(high, now);
    if (lane >= 0) return this.startCheck(s, c, lane);
    f.phase[s] = Phase.CheckpointQueue;
    cp.queue.push(s, high);
    if (now >= this.ctx.warmup && cp.queue.size > cp.maxQueue) cp.maxQueue = cp.queue.size;
  }

  private startCheck(s: number, c: number, lane: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now, cp = this.checkpoints[c];
    f.phase[s] = Phase.CheckpointService;
    f.lane[s] = lane;
    if (f.qTime[s] >= this.ctx.warmup) {
      const wait = now - f.qTime[s], cls = f.flags[s] & WHITELIST ? 0 : 1;
      cp.served++; cp.waitSum += wait; cp.servedByClass[cls]++; cp.waitByClass[cls] += wait;
    }
    if (observer.tracing) observer.event(now, s, 'checkpoint-start', { checkpoint: cp.def.id });
    kernel.at(now + this.serviceDraw[c](), CHECKPOINT_DONE, s, f.ent[s]);
  }

  private done(s: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer, now = kernel.now, c = this.at[f.node[s]], cp = this.checkpoints[c];
    const next = cp.release(f.lane[s], now);
    if (next >= 0) this.startCheck(next, c, f.lane[s]);
    if (observer.tracing) observer.event(now, s, 'checkpoint-done', { checkpoint: cp.def.id });
    // Only trucks heading for their destination are turned back: one bound for a transfer station
    // (relaying already, or turned back before) is let through to it.
    const rejected = cp.def.requirePass && !(f.flags[s] & (RELAYED | TURNED)) &&
      (!(f.flags[s] & PASS) || (cp.def.rejectShare > 0 && this.rejectDraw[c]() < cp.def.rejectShare));
    if (rejected) return this.turnBack(s, c);
    this.next.atNode(s);
  }

  /** Turned back: relay at a station of the destination's zone, else of the checkpoint's zone, else fail. */
  private turnBack(s: number, c: number): void {
    const f = this.fleet, kernel = this.kernel, observer = this.observer;
    f.flags[s] |= TURNED;
    this.ctx.counts.turnedBack++;
    if (f.qTime[s] >= this.ctx.warmup) this.checkpoints[c].turnedBack++;
    if (observer.tracing) observer.event(kernel.now, s, 'turned-back', { checkpoint: this.checkpoints[c].def.id });
    f.relayZone[s] = this.zones.relayZoneAfterTurnBack(f.dest[s], f.node[s]);
    if (f.relayZone[s] < 0) return this.next.fail(s, 'turned-back-no-station');
    this.next.plan(s);
  }

  /** At the end of the run: lanes busy count to the end. */
  close(end: number): void {
    for (const cp of this.checkpoints) cp.busy.accrue(end);
  }

  queueLengths(): [number, number][] {
    return this.checkpoints.map((cp) => [cp.queue.size, cp.busyOpen + cp.busyReserved]);
  }

  snapshot(): Record<string, CheckpointStats> {
    return Object.fromEntries(this.checkpoints.map((cp) => [cp.def.id, cp.snapshot()]));
  }
}
