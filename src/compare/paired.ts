// Differences between two batches, metric by metric: paired by replication seed when both ran the
// same seeds (common random numbers), else unpaired (Welch). Pure functions, checked by hand in tests.
import quantile from '@stdlib/stats-base-dists-t-quantile';
import { tInterval } from '../batch/stats.js';

export interface Difference {
  /** b - a. */
  mean: number;
  /** 95 % half-width; null below two pairs (or two runs on a side). */
  half: number | null;
  n: number;
  paired: boolean;
  /** The interval excludes zero. */
  significant: boolean;
}

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** b - a over the seeds both have, each pair b[seed] - a[seed]. Null when no seed is common. */
export function pairedDifference(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>, level = 0.95): Difference | null {
  const d: number[] = [];
  for (const [seed, va] of [...a].sort((x, y) => x[0] - y[0])) {
    const vb = b.get(seed);
    if (finite(va) && finite(vb)) d.push(vb - va);
  }
  if (d.length === 0) return null;
  const t = tInterval(d, level);
  const half = t.n >= 2 && Number.isFinite(t.halfWidth) ? t.halfWidth : null;
  return { mean: t.mean, half, n: t.n, paired: true, significant: half !== null && Math.abs(t.mean) > half };
}

/** b - a of independent samples: Welch's interval (Satterthwaite degrees of freedom). */
export function welchDifference(a: readonly number[], b: readonly number[], level = 0.95): Difference | null {
  const xa = a.filter(finite), xb = b.filter(finite);
  if (!xa.length || !xb.length) return null;
  const ta = tInterval(xa, level), tb = tInterval(xb, level);
  const mean = tb.mean - ta.mean;
  if (xa.length < 2 || xb.length < 2) return { mean, half: null, n: Math.min(xa.length, xb.length), paired: false, significant: false };
  const va = (ta.sd * ta.sd) / xa.length, vb = (tb.sd * tb.sd) / xb.length;
  const se = Math.sqrt(va + vb);
  if (se === 0) return { mean, half: 0, n: Math.min(xa.length, xb.length), paired: false, significant: mean !== 0 };
  const df = (va + vb) ** 2 / (va ** 2 / (xa.length - 1) + vb ** 2 / (xb.length - 1));
  const half = quantile(1 - (1 - level) / 2, df) * se;
  return { mean, half, n: Math.min(xa.length, xb.length), paired: false, significant: Math.abs(mean) > half };
}
