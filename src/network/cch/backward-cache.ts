import type { CchMetric } from './metric.js';

/** Keys remembered per generation as asked for once (8 bytes and a set entry each). */
const SEEN = 1 << 16;

/** A target's backward elimination-tree search: its chain (ranks ascending), each node's label and arc to it. */
export interface BackwardSearch {
  nodes: Int32Array;
  dist: Float64Array;
  /** Arc the label came through (-1: the target itself, or not reached). */
  via: Int32Array;
}

/**
 * Backward searches by (metric, target rank), bounded like the route cache (route-cache.ts): two
 * generations, each up to half the bytes; new searches go into the young one, a full young one ages
 * and the old one is dropped, and a search found in the old one moves back. Metrics are told apart
 * by identity (a metric dropped by the router takes its searches with it once they age out). What
 * it holds never changes an answer (query.ts).
 */
export class BackwardCache {
  private young = new Map<number, BackwardSearch>();
  private old = new Map<number, BackwardSearch>();
  private youngBytes = 0;
  /** Keys asked for and not kept, in two generations of up to SEEN keys each. */
  private seenYoung = new Set<number>();
  private seenOld = new Set<number>();
  private readonly ids = new WeakMap<CchMetric, number>();
  private nextId = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly maxBytes: number) {}

  get(metric: CchMetric, target: number): BackwardSearch | undefined {
    if (this.maxBytes <= 0) return undefined;
    const key = this.key(metric, target);
    let b = this.young.get(key);
    if (b === undefined && (b = this.old.get(key)) !== undefined) {
      this.old.delete(key);
      this.put(key, b);
    }
    if (b === undefined) this.misses++; else this.hits++;
    return b;
  }

  /**
   * Was this (metric, target) asked for before (and is not kept)? Marks it asked. A target asked for
   * once is searched the cheaper bounded way and not kept (query.ts); the second time it is kept.
   */
  seenBefore(metric: CchMetric, target: number): boolean {
    if (this.maxBytes <= 0) return false;
    const key = this.key(metric, target);
    if (this.seenYoung.has(key) || this.seenOld.has(key)) return true;
    if (this.seenYoung.size >= SEEN) { this.seenOld = this.seenYoung; this.seenYoung = new Set(); }
    this.seenYoung.add(key);
    return false;
  }

  set(metric: CchMetric, target: number, b: BackwardSearch): void {
    if (this.maxBytes > 0) this.put(this.key(metric, target), b);
  }

  private put(key: number, b: BackwardSearch): void {
    const bytes = 16 * b.nodes.length + 250;
    if (this.youngBytes + bytes > this.maxBytes / 2) {
      this.old = this.young;
      this.young = new Map();
      this.youngBytes = 0;
    }
    this.young.set(key, b);
    this.youngBytes += bytes;
  }

  /** One number per (metric, target): metric id * 2^31 + target (exact below 2^53). */
  private key(metric: CchMetric, target: number): number {
    let id = this.ids.get(metric);
    if (id === undefined) { id = this.nextId++; this.ids.set(metric, id); }
    return id * 2147483648 + target;
  }
}
