import type { Evaluated, Evaluator } from './evaluate.js';
import { pairedDiff } from './ranking.js';
import type { SiteSet } from './sets.js';

/** Replications every set gets before the sets clearly worse than the leader are dropped. */
export const SCREEN_REPS = 3;

/**
 * Screen-and-select: every set gets min(reps, SCREEN_REPS) replications; a set whose paired difference
 * to the leader (the lowest mean) has a 95 % interval wholly above zero is dropped; the rest get `reps`.
 * Returns the survivors, best first (by mean over `reps` replications).
 */
export async function race(ev: Evaluator, sets: SiteSet[], reps: number, order: Order): Promise<Evaluated[]> {
  if (sets.length === 0) return [];
  const n0 = Math.min(reps, SCREEN_REPS);
  let pool = await ev.evaluate(sets, n0);
  if (n0 < reps && pool.length > 1) {
    const leader = [...pool].sort(order)[0];
    pool = pool.filter((e) => e === leader || !pairedDiff(e.values, leader.values).worse);
    pool = await ev.evaluate(pool.map((e) => e.set), reps);
  }
  return pool.sort(order);
}

export type Order = (a: Evaluated, b: Evaluated) => number;

const avg = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * Best first: lower objective mean; on a tie (sets whose runs come out the same, e.g. a zone's site
 * that few loads use), the cheaper set, then lower mean lead time, then the better screening cost.
 */
export function setOrder(cost: (set: SiteSet) => number, screening: (set: SiteSet) => number): Order {
  return (a, b) => avg(a.values) - avg(b.values) || cost(a.set) - cost(b.set)
    || avg(a.metrics.map((m) => m.leadMean)) - avg(b.metrics.map((m) => m.leadMean))
    || screening(a.set) - screening(b.set) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
