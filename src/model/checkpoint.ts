import type { CheckpointDef } from '../scenario/types.js';
import { Level } from '../metrics/level.js';
import { ClassQueue } from './class-queue.js';

export const OPEN_LANE = 0;
export const RESERVED_LANE = 1;

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
  servedByClass = [0, 0];
  waitByClass = [0, 0];
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
}
