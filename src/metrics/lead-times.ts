import { spread, type Spread } from './quantiles.js';

/** Values in the largest chunk: 512 KB. The first is small (many runs deliver little) and each next one twice as large up to this. */
const CHUNK = 1 << 16;

/**
 * Lead times of delivered shipments, kept exactly (8 bytes each: 80 MB for 1e7) so that p50/p95 are
 * true order statistics, not sketch estimates. Each class (white-listed or not) in its own list of
 * fixed-size chunks: no copy as the list grows, and a class's spread reads its chunks where they are.
 * (Growing one array by doubling touched twice the memory it kept, and fresh memory is dear here: ~15 us
 * a 4 KB page on first touch, ~70 ms of a 1e6-shipment run; bench/results/2026-12-07-amd-epyc-engine-s4.md.)
 * The order of the values is not kept: nothing read from them depends on it (exact sum, order statistics).
 */
export class LeadTimes {
  private readonly normal = new Chunks();
  private readonly high = new Chunks();

  get size(): number {
    return this.normal.size + this.high.size;
  }

  add(value: number, high: boolean): void {
    (high ? this.high : this.normal).push(value);
  }

  /** The pooled lead times of two runs or parts of one. */
  merge(other: LeadTimes): LeadTimes {
    const out = new LeadTimes();
    for (const src of [this, other]) {
      for (const part of src.normal.parts()) for (let i = 0; i < part.length; i++) out.normal.push(part[i]);
      for (const part of src.high.parts()) for (let i = 0; i < part.length; i++) out.high.push(part[i]);
    }
    return out;
  }

  /** The values and classes as arrays (to post to another thread); `LeadTimes.from` reads them back. */
  toArrays(): { values: Float64Array; high: Uint8Array } {
    const values = new Float64Array(this.size), high = new Uint8Array(this.size);
    let n = 0;
    for (const part of this.normal.parts()) { values.set(part, n); n += part.length; }
    for (const part of this.high.parts()) { values.set(part, n); high.fill(1, n, n + part.length); n += part.length; }
    return { values, high };
  }

  static from(a: { values: Float64Array; high: Uint8Array }): LeadTimes {
    const out = new LeadTimes();
    for (let i = 0; i < a.values.length; i++) out.add(a.values[i], a.high[i] === 1);
    return out;
  }

  all(): Spread {
    if (this.high.size === 0) return spread(this.normal.parts());
    if (this.normal.size === 0) return spread(this.high.parts());
    return spread([...this.normal.parts(), ...this.high.parts()]);
  }

  /** Spread of one class; `all` (the spread of every value) is reused when one class holds them all. */
  ofClass(high: boolean, all?: Spread): Spread {
    const mine = high ? this.high : this.normal;
    if (mine.size === this.size) return all ?? this.all();
    return spread(mine.parts());
  }
}

/** An append-only list of doubles in chunks (1,024 values, then twice as many each, up to CHUNK). */
class Chunks {
  private readonly full: Float64Array[] = [];
  private last = new Float64Array(1024);
  private n = 0;
  size = 0;

  push(x: number): void {
    if (this.n === this.last.length) {
      this.full.push(this.last);
      this.last = new Float64Array(Math.min(CHUNK, 2 * this.n));
      this.n = 0;
    }
    this.last[this.n++] = x;
    this.size++;
  }

  /** The values, as views of the chunks (not copies). */
  parts(): Float64Array[] {
    return [...this.full, this.last.subarray(0, this.n)];
  }
}
