// Pure aggregation for the report: everything the page draws is reduced here, in Node, so a
// run of a million shipments still yields a page of a few hundred kilobytes of data.
import { select } from '../metrics/quantiles.js';

export interface Histogram {
  binWidth: number;
  /** counts[i] = values in [i * binWidth, (i + 1) * binWidth); values < 0 count in bin 0. */
  counts: number[];
  /** Values >= counts.length * binWidth when maxBins capped the range. */
  overflow: number;
}

/** Bins `values` into [0, w), [w, 2w), ... With maxBins, larger values go to `overflow`. */
export function histogram(values: ArrayLike<number>, binWidth: number, maxBins = Infinity): Histogram {
  if (!(binWidth > 0)) throw new RangeError(`histogram: binWidth must be > 0, got ${binWidth}`);
  const counts: number[] = [];
  let overflow = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    const b = Math.max(0, Math.floor(v / binWidth));
    if (b >= maxBins) { overflow++; continue; }
    while (counts.length <= b) counts.push(0);
    counts[b]++;
  }
  return { binWidth, counts, overflow };
}

/** Smallest of 1, 2, 2.5, 5 x 10^k that is >= x (a bin width people can read). */
export function niceStep(x: number): number {
  if (!(x > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= x - 1e-12 * p) return m * p;
  return 10 * p;
}

/** Value at quantile p (0..1) of an ascending-sorted array by nearest rank (not the type-7 quantileSorted of metrics/quantiles.ts). */
export function nearestRankSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}

/** nearestRankSorted of the values sorted, by one quickselect (a million lead times: a fifth of a sort). */
export function nearestRank(values: ArrayLike<number>, p: number): number {
  const a = Float64Array.from(values), n = a.length;
  if (n === 0) return NaN;
  for (let i = 0; i < n; i++) if (a[i] !== a[i]) return nearestRankSorted(a.sort(), p); // NaN: sort puts it last
  const k = Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1));
  select(a, 0, n - 1, k);
  return a[k];
}

/** A readable bin width and bin count covering values up to their 99th percentile in ~`bins` bins. */
export function autoBins(values: ArrayLike<number>, bins = 40): { binWidth: number; maxBins: number } {
  const top = values.length ? nearestRank(values, 0.99) : 0;
  const binWidth = niceStep((top > 0 ? top : 1) / bins);
  return { binWidth, maxBins: Math.floor(top / binWidth) + 1 };
}

export function autoHistogram(values: ArrayLike<number>, bins = 40): Histogram {
  const { binWidth, maxBins } = autoBins(values, bins);
  return histogram(values, binWidth, maxBins);
}

/** counts[i] = times in [i * stepMin, (i + 1) * stepMin), for i < ceil(endMin / stepMin). */
export function countsPerStep(times: ArrayLike<number>, stepMin: number, endMin: number): number[] {
  const n = Math.max(1, Math.ceil(endMin / stepMin));
  const counts = new Array<number>(n).fill(0);
  for (let i = 0; i < times.length; i++) {
    const b = Math.floor(times[i] / stepMin);
    if (b >= 0 && b < n) counts[b]++;
    else if (b >= n && times[i] <= endMin) counts[n - 1]++;
  }
  return counts;
}

export type Reduce = 'max' | 'mean' | 'sum' | 'last';

/** Groups consecutive samples by `factor` and reduces each group, for long runs sampled finely. */
export function resample(values: ArrayLike<number>, factor: number, how: Reduce): number[] {
  if (factor <= 1) return Array.from(values);
  const out: number[] = [];
  for (let i = 0; i < values.length; i += factor) {
    let acc = how === 'max' ? -Infinity : 0;
    const end = Math.min(values.length, i + factor);
    for (let j = i; j < end; j++) acc = how === 'max' ? Math.max(acc, values[j]) : how === 'last' ? values[j] : acc + values[j];
    out.push(how === 'mean' ? acc / (end - i) : acc);
  }
  return out;
}

/** Round to `digits` decimals so the page's JSON stays small. */
export function roundAll(values: ArrayLike<number>, digits = 2): number[] {
  const k = 10 ** digits;
  return Array.from(values, (v) => Math.round(v * k) / k);
}

/** Intervals [fromMin, toMin) where a sampled stock is at zero (the line stands still). */
export function zeroIntervals(t: ArrayLike<number>, stock: ArrayLike<number>): { fromMin: number; toMin: number }[] {
  const out: { fromMin: number; toMin: number }[] = [];
  let start = -1;
  for (let i = 0; i < stock.length; i++) {
    if (stock[i] <= 0 && start < 0) start = t[i];
    if (stock[i] > 0 && start >= 0) { out.push({ fromMin: start, toMin: t[i] }); start = -1; }
  }
  if (start >= 0) out.push({ fromMin: start, toMin: t[t.length - 1] });
  return out;
}

/** Rule strictness, for shading a zone by the strictest rule it ever has. */
export const RULE_RANK: Record<string, number> = { open: 0, relay: 1, sealed: 2 };

export function strictestRule(controls: { rule?: string }[] | undefined): string {
  let best = 'open';
  for (const c of controls ?? []) if ((RULE_RANK[c.rule ?? ''] ?? -1) > RULE_RANK[best]) best = c.rule as string;
  return best;
}

// Playback frames are aggregation too; they live in their own files to keep each one short.
export { createFrameSink, frameTimes, legFraction, type PlaybackFrames } from './playback.js';
export { createTraceFramer, framesFromPositions } from './trace-frames.js';
