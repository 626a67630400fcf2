/** Quantile of sorted values by linear interpolation between order statistics (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Spread { n: number; mean: number; p50: number; p95: number; max: number }

export function spread(values: Float64Array): Spread {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, p50: 0, p95: 0, max: 0 };
  const sorted = values.slice().sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  return { n, mean: sum / n, p50: quantileSorted(sorted, 0.5), p95: quantileSorted(sorted, 0.95), max: sorted[n - 1] };
}
