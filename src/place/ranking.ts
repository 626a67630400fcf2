import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/** Mean and 95 % confidence half-width (Student t) of a sample; half is Infinity below n = 2. */
export interface Interval { mean: number; half: number; n: number }

export function meanCi(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  if (n === 0) return { mean: NaN, half: Infinity, n };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, half: Infinity, n };
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  const sd = Math.sqrt(ss / (n - 1));
  return { mean, half: tQuantile(1 - (1 - level) / 2, n - 1) * sd / Math.sqrt(n), n };
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
