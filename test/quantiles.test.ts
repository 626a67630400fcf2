import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { exactSum, quantileSorted, spread } from '../src/metrics/quantiles.js';
import { LeadTimes } from '../src/metrics/lead-times.js';

describe('spread() by selection', () => {
  it('equals the sort-based type-7 quantiles on random, tied and sorted inputs', () => {
    const r = seedrandom.alea('quantiles');
    for (const n of [1, 2, 3, 4, 5, 10, 11, 20, 101, 1000, 4097]) {
      for (let rep = 0; rep < 12; rep++) {
        const kind = rep % 4;
        const v = Float64Array.from({ length: n }, (_, i) => (kind === 0 ? Math.floor(r() * 4) : kind === 1 ? i : kind === 2 ? n - i : r() * 1e3));
        const s = v.slice().sort();
        const got = spread(v);
        expect(got.p50).toBeCloseTo(quantileSorted(s, 0.5), 9);
        expect(got.p95).toBeCloseTo(quantileSorted(s, 0.95), 9);
        expect(got.max).toBe(s[n - 1]);
        expect(got.mean).toBeCloseTo(s.reduce((a, b) => a + b, 0) / n, 9);
      }
    }
  });

  it('finds order statistics that straddle histogram buckets (many ties, few distinct values)', () => {
    const r = seedrandom.alea('ties');
    for (const n of [100_001, 131_072]) {
      const v = Float64Array.from({ length: n }, () => Math.floor(r() * 3) + (r() < 0.5 ? 0 : 0.5));
      const s = v.slice().sort(), got = spread(v);
      expect(got.p50).toBe(quantileSorted(s, 0.5));
      expect(got.p95).toBe(quantileSorted(s, 0.95));
    }
  });

  it('does not reorder its input', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3);
    spread(v);
    expect([...v]).toEqual([5, 1, 4, 2, 3]);
  });

  it('gives the same over parts as over their concatenation, with negatives, zeros and wide magnitudes (copy and histogram paths)', () => {
    const r = seedrandom.alea('parts');
    for (const n of [1, 2, 7, 100, 5000, 70_000, 200_000]) {
      const v = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : (r() - 0.3) * 10 ** Math.floor(r() * 12 - 6)));
      const cut = Math.floor(n / 3), parts = [v.subarray(0, cut), v.subarray(cut, 2 * cut), v.subarray(2 * cut)];
      const s = v.slice().sort(), got = spread(parts);
      expect(got).toEqual(spread(v));
      expect(got.p50).toBe(quantileSorted(s, 0.5));
      expect(got.p95).toBe(quantileSorted(s, 0.95));
      expect(got.max).toBe(s[n - 1]);
    }
  });

  it('matches hand-computed values', () => {
    const s = spread(Float64Array.of(1, 2, 3, 4));
    expect([s.n, s.mean, s.p50, s.max]).toEqual([4, 2.5, 2.5, 4]);
    expect(s.p95).toBeCloseTo(3.85, 12); // h = 3 x 0.95 = 2.85: 3 + 0.85 x (4 - 3)
    expect(spread(new Float64Array(0))).toEqual({ n: 0, mean: 0, p50: 0, p95: 0, max: 0 });
  });
});

describe('exactSum()', () => {
  /** The exact sum by integers (every value a multiple of 2^-62 here), rounded once by Number(BigInt) (to nearest, ties to even). */
  const bigSum = (values: number[]) => {
    const scale = 2 ** 62;
    let acc = 0n;
    for (const v of values) acc += BigInt(v * scale); // exact: v * 2^62 is an integer double, and a power of two scales exactly
    return Number(acc) / scale;
  };

  it('is the correctly rounded sum, in any order, with cancellation and mixed magnitudes', () => {
    const u = seedrandom.alea('exact-sum');
    for (let round = 0; round < 40; round++) {
      const n = 1 + Math.floor(u() * 3000);
      // Lead-time-like values (multiples of 2^-10 and up), some huge ones that cancel, some ties of rounding.
      const values = Array.from({ length: n }, () => Math.round(u() * 2 ** 30) / 2 ** 10 * (u() < 0.1 ? -1 : 1));
      if (round % 3 === 0) values.push(2 ** 60, 1, -(2 ** 60), 2 ** 53, 1, -1);
      const want = bigSum(values);
      expect(exactSum(values)).toBe(want);
      expect(exactSum(Float64Array.from(values).reverse())).toBe(want);
    }
  });

  it('rounds a half-way sum to even as fsum does', () => {
    // 2^53 + 1 is half-way between two doubles: the exact sum rounds to even (2^53), then + 2 pushes past it.
    expect(exactSum([2 ** 53, 1])).toBe(2 ** 53);
    expect(exactSum([2 ** 53, 1, 1e-3])).toBe(2 ** 53 + 2);
    expect(exactSum([])).toBe(0);
  });
});

describe('LeadTimes', () => {
  it('spreads each class and all values as spread() of the same values, across chunks, and survives merge and toArrays/from', () => {
    const r = seedrandom.alea('lead-times'), a = new LeadTimes(), b = new LeadTimes(), all: number[] = [], high: number[] = [], normal: number[] = [];
    for (let i = 0; i < 150_000; i++) {
      const v = Math.round(r() * 2 ** 20) / 2 ** 10, h = r() < 0.2;
      (i % 3 === 0 ? b : a).add(v, h);
      all.push(v);
      (h ? high : normal).push(v);
    }
    const merged = LeadTimes.from(a.merge(b).toArrays());
    expect(merged.size).toBe(all.length);
    expect(merged.all()).toEqual(spread(Float64Array.from(all)));
    expect(merged.ofClass(true)).toEqual(spread(Float64Array.from(high)));
    expect(merged.ofClass(false)).toEqual(spread(Float64Array.from(normal)));
    const one = new LeadTimes();
    one.add(3, false); one.add(1, false);
    expect(one.ofClass(false)).toEqual(one.all());
    expect(one.ofClass(true).n).toBe(0);
  });
});
