import { tInterval } from '../batch/stats.js';

/** Mean and 95 % confidence half-width (Student t) of a sample; half is Infinity below n = 2. */
export interface Interval { mean: number; half: number; n: number }

export function meanCi(values: readonly number[], level = 0.95): Interval {
  const t = tInterval(values, level);
  return { mean: t.mean, half: t.n < 2 ? Infinity : t.halfWidth, n: t.n };
}

/**
 * Paired difference a - b over the replications both have (paired by replication, hence by seed:
 * common random numbers), with its 95 % interval. `better` when the whole interval is below zero,
 * i.e. a is significantly smaller (better: every objective is minimised).
 */
export function pairedDiff(a: readonly number[], b: readonly number[], level = 0.95): Interval & { better: boolean; worse: boolean } {
  const n = Math.min(a.length, b.length);
  const d = Array.from({ length: n }, (_, r) => a[r] - b[r]);
  const ci = meanCi(d, level);
  return { ...ci, better: ci.mean + ci.half < 0, worse: ci.mean - ci.half > 0 };
}
