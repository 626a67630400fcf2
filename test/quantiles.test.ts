import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { quantileSorted, spread } from '../src/metrics/quantiles.js';

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

  it('does not reorder its input', () => {
    const v = Float64Array.of(5, 1, 4, 2, 3);
    spread(v);
    expect([...v]).toEqual([5, 1, 4, 2, 3]);
  });

  it('matches hand-computed values', () => {
    const s = spread(Float64Array.of(1, 2, 3, 4));
    expect([s.n, s.mean, s.p50, s.max]).toEqual([4, 2.5, 2.5, 4]);
    expect(s.p95).toBeCloseTo(3.85, 12); // h = 3 x 0.95 = 2.85: 3 + 0.85 x (4 - 3)
    expect(spread(new Float64Array(0))).toEqual({ n: 0, mean: 0, p50: 0, p95: 0, max: 0 });
  });
});
