/** Quantile of sorted values by linear interpolation between order statistics (numpy's default, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  const h = (n - 1) * p, lo = Math.floor(h), hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Spread { n: number; mean: number; p50: number; p95: number; max: number }

/**
 * Mean, median, 95th percentile (type 7, as quantileSorted) and max of `values` (one array, or the
 * parts of one), without copying or reordering them. A histogram of the values' top 16 bits (sign,
 * exponent and 4 mantissa bits: 16 buckets per power of two, in the order of the values) says which
 * bucket holds each wanted order statistic; only that bucket's values are copied and selected from.
 * A copy of every value costs more than the rest: on this VM a page of fresh memory costs ~15 us on
 * first touch, ~30 ms for the 8 MB of a 1e6-shipment run (bench/results/2026-12-07-amd-epyc-engine-s4.md).
 */
export function spread(values: Float64Array | readonly Float64Array[]): Spread {
  const parts = values instanceof Float64Array ? [values] : values;
  let n = 0;
  for (const p of parts) n += p.length;
  if (n === 0) return { n: 0, mean: 0, p50: 0, p95: 0, max: 0 };
  // A few values: one copy to select from costs less than the 256 KB histogram and its scan.
  const bits = n > SMALL ? new BucketBits() : null, counts = bits ? new Int32Array(BUCKETS) : null;
  const copy = bits ? null : new Float64Array(n), sum = new ExactSum();
  let max = -Infinity, j = 0;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      const x = p[i];
      if (x > max) max = x;
      sum.add(x);
      if (bits) counts![bits.of(x)]++;
      else copy![j++] = x;
    }
  }
  const stats = bits ? new OrderStats(parts, counts!, bits) : new OrderStats([copy!], Int32Array.of(n), null);
  return { n, mean: sum.value() / n, p50: stats.quantile(n, 0.5), p95: stats.quantile(n, 0.95), max };
}

/** Up to this many values, spread() selects from one copy of them (~0.5 MB at most). */
const SMALL = 1 << 16;

/** 2^16 buckets: the top 16 bits of a double's order-preserving key. */
const BUCKETS = 1 << 16;

/** A double's bucket: the top 16 bits of its bit pattern, flipped so that buckets sort as the values do. */
class BucketBits {
  private readonly f = new Float64Array(1);
  private readonly u = new Uint32Array(this.f.buffer);
  /** Index of the high word (sign, exponent, top of the mantissa) in `u`: 1 on little-endian machines. */
  private readonly hi = new Uint32Array(Float64Array.of(1).buffer)[1] === 0x3ff00000 ? 1 : 0;

  of(x: number): number {
    this.f[0] = x;
    const h = this.u[this.hi];
    // Positive values: set the sign bit (they sort above the negatives); negative: flip every bit (larger magnitude, lower).
    return (h & 0x80000000 ? ~h : h | 0x80000000) >>> 16;
  }
}

/**
 * Order statistics of values spread over parts, from their bucket counts: each found among one bucket's
 * values. With `bits` null there is one bucket: `parts` is a single copy of the values, selected in place.
 */
class OrderStats {
  /** Values of the bucket last copied (`bucket`), partly ordered by earlier selections. */
  private scratch: Float64Array;
  private bucket: number;

  constructor(private readonly parts: readonly Float64Array[], private readonly counts: Int32Array, private readonly bits: BucketBits | null) {
    this.scratch = bits ? new Float64Array(0) : parts[0];
    this.bucket = bits ? -1 : 0;
  }

  /** Type-7 quantile p of the n values, as quantileBySelection computed it. */
  quantile(n: number, p: number): number {
    const h = (n - 1) * p, lo = Math.floor(h);
    const x = this.kth(lo);
    if (lo + 1 >= n || h === lo) return x;
    return x + (h - lo) * (this.kth(lo + 1) - x);
  }

  /** The k-th smallest value (0-based). */
  private kth(k: number): number {
    const counts = this.counts;
    let b = 0, below = 0;
    while (below + counts[b] <= k) below += counts[b++];
    const m = counts[b], a = this.load(b);
    select(a, 0, m - 1, k - below);
    return a[k - below];
  }

  /** The values of bucket b, in `scratch` (copied once: the next order statistic is usually in the same bucket). */
  private load(b: number): Float64Array {
    const m = this.counts[b];
    if (b === this.bucket) return this.scratch.subarray(0, m);
    if (this.scratch.length < m) this.scratch = new Float64Array(m);
    const a = this.scratch, bits = this.bits!;
    let j = 0;
    for (const p of this.parts) for (let i = 0; i < p.length; i++) if (bits.of(p[i]) === b) a[j++] = p[i];
    this.bucket = b;
    return a.subarray(0, m);
  }
}

/**
 * The sum of `values` rounded once (Shewchuk's exact partials, as Python's math.fsum): the same for
 * any order of the values, so pooled lead times of the parts of a split run give the one-thread mean.
 */
export function exactSum(values: ArrayLike<number>): number {
  const s = new ExactSum();
  for (let k = 0; k < values.length; k++) s.add(values[k]);
  return s.value();
}

/** exactSum one value at a time (values in several arrays). */
class ExactSum {
  // Non-overlapping partials, smallest first: at most ~40 for doubles (2098 exponent bits / 53), so a
  // typed array with its own length (a number[] that shrinks and grows per value costs ~3x as much).
  private partials = new Float64Array(64);
  private len = 0;

  add(value: number): void {
    let x = value, i = 0;
    const partials = this.partials, len = this.len;
    for (let j = 0; j < len; j++) {
      // Knuth's two-sum: the rounding error of x + y exactly, whichever is larger (no compare and swap
      // to mispredict); the same hi and lo as fsum's ordered fast two-sum.
      const y = partials[j], hi = x + y, yv = hi - x, lo = (x - (hi - yv)) + (y - yv);
      if (lo !== 0) partials[i++] = lo;
      x = hi;
    }
    if (i === partials.length) { const p = new Float64Array(2 * i); p.set(partials); this.partials = p; }
    this.partials[i] = x;
    this.len = i + 1;
  }

  /** The partials' exact sum rounded to nearest, as fsum does (the top partials, with a half-way fix-up). */
  value(): number {
    const partials = this.partials;
    let n = this.len, hi = 0;
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
