import type { StationDef } from '../scenario/types.js';
import { Level } from '../metrics/level.js';
import { ClassQueue } from './class-queue.js';

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
}
