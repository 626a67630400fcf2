import { PASS, WHITELIST } from '../model/fleet.js';
import type { ShipmentFields, ShipmentRow, ShipmentStatus } from '../model/simulation.js';
import type { Scenario } from '../scenario/types.js';

/**
 * shipments.csv rows of a region as numbers (what the observer hands a ShipmentFields writer), with
 * the canonical key of the event that wrote each: typed arrays a thread can hand over without copying
 * an object per row. The coordinator turns them back into rows (rowOf) or hands the numbers on.
 */
export interface PackedRows {
  /** KEY numbers per row: time, rank, seq, sub, order (merge-parts.ts). */
  keys: Float64Array;
  /** Per row: id, createdMin, t (when it ended). */
  nums: Float64Array;
  /** Per row: stream, bits, station, status (STATUSES index), reason (index into `reasons`). */
  ints: Int32Array;
  reasons: string[];
}

const STATUSES: readonly ShipmentStatus[] = ['delivered', 'in-system', 'failed'];

export class RowBuffer {
  private keys: number[] = [];
  private nums: number[] = [];
  private ints: number[] = [];
  private reasons: string[] = [];
  private reasonIndex = new Map<string, number>();
  private n = 0;

  add(key: [number, number, number, number], id: number, stream: number, bits: number, station: number, status: ShipmentStatus, reason: string, createdMin: number, t: number): void {
    let r = this.reasonIndex.get(reason);
    if (r === undefined) { r = this.reasons.length; this.reasons.push(reason); this.reasonIndex.set(reason, r); }
    this.keys.push(key[0], key[1], key[2], key[3], this.n++);
    this.nums.push(id, createdMin, t);
    this.ints.push(stream, bits, station, STATUSES.indexOf(status), r);
  }

  take(): PackedRows {
    const out = { keys: Float64Array.from(this.keys), nums: Float64Array.from(this.nums), ints: Int32Array.from(this.ints), reasons: this.reasons };
    this.keys = []; this.nums = []; this.ints = []; this.reasons = []; this.reasonIndex = new Map();
    return out;
  }
}

/** The buffers of packed rows, to move with a message. */
export function rowBuffers(p: PackedRows): ArrayBuffer[] {
  return [p.keys.buffer as ArrayBuffer, p.nums.buffer as ArrayBuffer, p.ints.buffer as ArrayBuffer];
}

/** Row `i` to a ShipmentFields writer, as the observer would have called it. */
export function emitFields(p: PackedRows, i: number, fields: ShipmentFields): void {
  const n = p.nums, k = p.ints;
  fields(n[3 * i], k[5 * i], k[5 * i + 1], k[5 * i + 2], STATUSES[k[5 * i + 3]], p.reasons[k[5 * i + 4]], n[3 * i + 1], n[3 * i + 2]);
}

/**
 * Row `i` as the object the observer builds for onShipment (observer.ts `row`, from the same numbers:
 * the tests compare every row of a split run with one thread's).
 */
export function rowOf(s: Scenario, p: PackedRows, i: number): ShipmentRow {
  const n = p.nums, k = p.ints;
  const d = s.demand[k[5 * i]], bits = k[5 * i + 1], station = k[5 * i + 2], status = STATUSES[k[5 * i + 3]];
  const created = n[3 * i + 1], t = n[3 * i + 2], delivered = status === 'delivered';
  return {
    id: n[3 * i], stream: d.id, from: d.from, to: d.to, priority: bits & WHITELIST ? 'whitelist' : 'normal',
    pass: (bits & PASS) !== 0, createdMin: created, deliveredMin: delivered ? t : null, status,
    station: station >= 0 ? s.stations[station].id : '',
    leadTimeMin: delivered ? t - created : null, reason: p.reasons[k[5 * i + 4]],
  };
}
