import type { FactoryDef } from '../scenario/types.js';

/**
 * A factory's stock of one input: it falls continuously at the consumption rate and rises by one load
 * per delivery; the line stops while stock is zero. Tracked exactly between deliveries (no time step).
 */
export class Factory {
  stock: number;
  private last = 0;
  private readonly perMin: number;
  lineStopMin = 0;
  minStock: number;
  stops = 0;
  deliveries = 0;

  constructor(readonly def: FactoryDef, private readonly warmup: number, private readonly end: number) {
    this.stock = def.stockLoads;
    this.minStock = warmup > 0 ? Infinity : def.stockLoads;
    this.perMin = def.consumesLoadsPerHour / 60;
  }

  /** Brings the stock forward to `now`, counting line-stop time inside [warmup, end]. */
  advance(now: number): void {
    const t0 = this.last;
    if (now <= t0) return;
    this.last = now;
    if (this.perMin === 0) return;
    const emptyAt = this.stock > 0 ? t0 + this.stock / this.perMin : t0;
    if (emptyAt < now) {
      if (this.stock > 0) this.stops++;
      this.stock = 0;
      const a = Math.max(emptyAt, this.warmup), b = Math.min(now, this.end);
      if (b > a) this.lineStopMin += b - a;
    } else {
      this.stock -= (now - t0) * this.perMin;
    }
    if (now >= this.warmup && this.stock < this.minStock) this.minStock = this.stock;
  }

  deliver(now: number): void {
    this.advance(now);
    this.stock += 1;
    this.deliveries++;
  }
}
