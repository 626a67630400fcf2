/** Quantile of sorted values by linear interpolation between order statistics (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Spread { n: number; mean: number; p50: number; p95: number; max: number }

/**
 * Mean, median, 95th percentile (type 7, as quantileSorted) and max, by selection rather than a full
 * sort: two quickselects over a copy cost about a fifth of sorting a million values.
 */
export function spread(values: Float64Array): Spread {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, p50: 0, p95: 0, max: 0 };
  const a = values.slice();
  let max = -Infinity;
  for (let i = 0; i < n; i++) if (a[i] > max) max = a[i];
  return { n, mean: exactSum(a) / n, p50: quantileBySelection(a, 0, 0.5), p95: quantileBySelection(a, Math.floor((n - 1) * 0.5), 0.95), max };
}

/**
 * The sum of `values` rounded once (Shewchuk's exact partials, as Python's math.fsum): the same for
 * any order of the values, so pooled lead times of the parts of a split run give the one-thread mean.
 */
export function exactSum(values: ArrayLike<number>): number {
  // Non-overlapping partials, smallest first: at most ~40 for doubles (2098 exponent bits / 53), so a
  // typed array with its own length (a number[] that shrinks and grows per value costs ~3x as much).
  let partials = new Float64Array(64), len = 0;
  for (let k = 0; k < values.length; k++) {
    let x = values[k], i = 0;
    for (let j = 0; j < len; j++) {
      // Knuth's two-sum: the rounding error of x + y exactly, whichever is larger (no compare and swap
      // to mispredict); the same hi and lo as fsum's ordered fast two-sum.
      const y = partials[j], hi = x + y, yv = hi - x, lo = (x - (hi - yv)) + (y - yv);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    if (i === partials.length) { const p = new Float64Array(2 * i); p.set(partials); partials = p; }
    partials[i] = x;
    len = i + 1;
  }
  // Round the partials' exact sum to nearest, as fsum does (the top partials, with a half-way fix-up).
  let n = len, hi = 0;
  if (n > 0) {
    hi = partials[--n];
    let lo = 0;
    while (n > 0) {
      const x = hi, y = partials[--n];
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    if (n > 0 && ((lo < 0 && partials[n - 1] < 0) || (lo > 0 && partials[n - 1] > 0))) {
      const y = lo * 2, x = hi + y, yr = x - hi;
      if (y === yr) hi = x;
    }
  }
  return hi;
}

/** Type-7 quantile; `a` is partitioned in place, and positions below `from` are already <= the rest. */
function quantileBySelection(a: Float64Array, from: number, p: number): number {
  const n = a.length, h = (n - 1) * p, lo = Math.floor(h);
  select(a, from, n - 1, lo);
  if (lo + 1 >= n || h === lo) return a[lo];
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < next) next = a[i];
  return a[lo] + (h - lo) * (next - a[lo]);
}

/** Hoare quickselect: afterwards a[k] holds the k-th smallest of a[left..right], smaller ones before it. */
export function select(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    const mid = (left + right) >> 1;
    // Median of three as the pivot: sorted input (common for lead times in a quiet run) stays linear.
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left, j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) { swap(a, i, j); i++; j--; }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i]; a[i] = a[j]; a[j] = t;
}
