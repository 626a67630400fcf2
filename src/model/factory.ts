import type { FactoryDef } from '../scenario/types.js';
import type { FactoryStats } from '../metrics/snapshots.js';

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

/**
 * The factories of a run: a delivery to a factory's node restocks it (the first factory listed at a
 * node, when several share it). Nothing is shipped during the drain, so line stops then would be an
 * artefact: factories count to the horizon.
 */
export class Factories {
  readonly factories: Factory[];
  private readonly at: Int32Array;

  constructor(defs: FactoryDef[], nodeIndex: Map<string, number>, nodes: number, warmup: number, horizon: number) {
    this.factories = defs.map((f) => new Factory(f, warmup, horizon));
    this.at = new Int32Array(nodes).fill(-1);
    for (let i = defs.length - 1; i >= 0; i--) this.at[nodeIndex.get(defs[i].node)!] = i;
  }

  /** A load delivered to node `node` at `now`. */
  deliver(node: number, now: number): void {
    const i = this.at[node];
    if (i >= 0) this.factories[i].deliver(now);
  }

  /** Brings every stock forward to `now` (samples, and the end of the run). */
  advance(now: number): void {
    for (const f of this.factories) f.advance(now);
  }

  stocks(): number[] {
    return this.factories.map((f) => f.stock);
  }

  snapshot(): Record<string, FactoryStats> {
    return Object.fromEntries(this.factories.map((f) => [f.def.id, {
      lineStopMin: f.lineStopMin, minStock: f.minStock, stops: f.stops, deliveries: f.deliveries, finalStock: f.stock,
    }]));
  }
}
