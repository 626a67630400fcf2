import type { Route } from '../network/router.js';

/** Where a truck (or its load) is in its life; see the lifecycle in simulation.ts. */
export const Phase = {
  Free: 0, Driving: 1, WaitingPath: 2, CheckpointQueue: 3, CheckpointService: 4,
  StationGate: 5, StationDockQueue: 6, Transfer: 7, Stored: 8, OnLocalTruck: 9, LocalIdle: 10,
} as const;

export const PASS = 1, WHITELIST = 2, LOCAL = 4, TURNED = 8, REPLAN = 16, RELAYED = 32;

/**
 * Canonical truck ids (the `entity` of their events, engine/kernel.ts): local trucks 0.. in station
 * order, long-haul trucks LONG_HAUL + shipment id. Never the slot, which depends on what was freed
 * when, and so on how the run was split.
 */
export const LONG_HAUL = 2 ** 24;

/**
 * Truck state as parallel typed arrays indexed by slot (struct of arrays: no object per truck, no
 * garbage in the event loop). A long-haul truck and its shipment share a slot until the shipment ends;
 * local trucks hold slots for the whole run. Freed slots are reused, so memory follows the number of
 * shipments in the system, not the number created.
 */
export class Fleet {
  cap: number;
  high = 0;
  private readonly free: number[] = [];
  shipId!: Float64Array; created!: Float64Array; segStart!: Float64Array;
  /** Canonical id (LONG_HAUL above), the seq of the truck's current stretch event, and that event's time. */
  ent!: Float64Array; evSeq!: Float64Array; evTime!: Float64Array;
  qTime!: Float64Array; stationArr!: Float64Array;
  /** Demand stream, and destination node of the shipment (long-haul slots). */
  stream!: Int32Array; dest!: Int32Array; node!: Int32Array; target!: Int32Array; station!: Int32Array; carry!: Int32Array;
  rpos!: Int32Array; segEnd!: Int32Array; planEpoch!: Int32Array; relayZone!: Int32Array;
  /** Split runs: route index of the road on which the truck leaves its part (its LEAVE event). */
  cross!: Int32Array;
  flags!: Uint8Array; phase!: Uint8Array; lane!: Uint8Array;
  route: (Route | null)[] = [];

  constructor(capacity = 1024) {
    this.cap = 0;
    this.resize(capacity);
  }

  alloc(): number {
    const slot = this.free.length > 0 ? this.free.pop()! : this.high++;
    if (slot >= this.cap) this.resize(this.cap * 2);
    return slot;
  }

  release(slot: number): void {
    this.phase[slot] = Phase.Free;
    this.route[slot] = null;
    this.free.push(slot);
  }

  private resize(cap: number): void {
    const f64 = (a?: Float64Array) => { const n = new Float64Array(cap); if (a) n.set(a); return n; };
    const i32 = (a?: Int32Array) => { const n = new Int32Array(cap); if (a) n.set(a); return n; };
    const u8 = (a?: Uint8Array) => { const n = new Uint8Array(cap); if (a) n.set(a); return n; };
    this.shipId = f64(this.shipId); this.created = f64(this.created); this.segStart = f64(this.segStart);
    this.ent = f64(this.ent); this.evSeq = f64(this.evSeq); this.evTime = f64(this.evTime); this.qTime = f64(this.qTime); this.stationArr = f64(this.stationArr);
    this.stream = i32(this.stream); this.dest = i32(this.dest); this.node = i32(this.node); this.target = i32(this.target);
    this.station = i32(this.station); this.carry = i32(this.carry); this.rpos = i32(this.rpos);
    this.segEnd = i32(this.segEnd); this.planEpoch = i32(this.planEpoch); this.relayZone = i32(this.relayZone); this.cross = i32(this.cross);
    this.flags = u8(this.flags); this.phase = u8(this.phase); this.lane = u8(this.lane);
    this.cap = cap;
  }
}
