import { spread, type Spread } from './quantiles.js';

/**
 * Lead times of delivered shipments, kept exactly (8 bytes each: 80 MB for 1e7) so that p50/p95 are
 * true order statistics, not sketch estimates; the class of each rides in a parallel byte array.
 */
export class LeadTimes {
  private values = new Float64Array(1024);
  private high = new Uint8Array(1024);
  size = 0;
  /** How many are of the high class: a class holding all or none needs no copy (ofClass). */
  private highCount = 0;

  add(value: number, high: boolean): void {
    if (this.size === this.values.length) {
      const v = new Float64Array(this.size * 2), h = new Uint8Array(this.size * 2);
      v.set(this.values); h.set(this.high);
      this.values = v; this.high = h;
    }
    this.high[this.size] = high ? 1 : 0;
    if (high) this.highCount++;
    this.values[this.size++] = value;
  }

  /** The pooled lead times of two runs or parts of one: this one's values, then the other's. */
  merge(other: LeadTimes): LeadTimes {
    const out = new LeadTimes();
    for (const src of [this, other]) for (let i = 0; i < src.size; i++) out.add(src.values[i], src.high[i] === 1);
    return out;
  }

  /** The values and classes as arrays (to post to another thread); `LeadTimes.from` reads them back. */
  toArrays(): { values: Float64Array; high: Uint8Array } {
    return { values: this.values.slice(0, this.size), high: this.high.slice(0, this.size) };
  }

  static from(a: { values: Float64Array; high: Uint8Array }): LeadTimes {
    const out = new LeadTimes();
    out.values = a.values.slice();
    out.high = a.high.slice();
    out.size = a.values.length;
    for (let i = 0; i < out.size; i++) out.highCount += out.high[i];
    if (out.size === 0) { out.values = new Float64Array(1024); out.high = new Uint8Array(1024); }
    return out;
  }

  all(): Spread {
    return spread(this.values.subarray(0, this.size));
  }

  /** Spread of one class; `all` (the spread of every value) is reused when one class holds them all. */
  ofClass(high: boolean, all?: Spread): Spread {
    const want = high ? 1 : 0, count = high ? this.highCount : this.size - this.highCount;
    if (count === this.size) return all ?? this.all();
    const picked = new Float64Array(count);
    let n = 0;
    if (count > 0) for (let i = 0; i < this.size; i++) if (this.high[i] === want) picked[n++] = this.values[i];
    return spread(picked);
  }
}
