import type { Evaluated, Evaluator } from './evaluate.js';
import { race, type Order } from './race.js';
import { pairedDiff } from './ranking.js';
import type { Screening } from './screening.js';
import { pMedian } from './screening.js';
import { defaultChoice, enumerateSets, feasible, normalise, sizesOf, type Choice, type SetRules, type SiteSet } from './sets.js';

export interface SearchOptions {
  k: number;
  /** Smallest k with a feasible set (one site per zone that needs one). */
  kMin: number;
  reps: number;
  /** Enumerate every set of a size when there are at most this many; else greedy add and swap. */
  exhaustiveMax: number;
  /** Sites the simulated local search may add, best screening score first. */
  shortlist: number[];
  maxIterations: number;
  /** Best first (objective mean, then tie-breaks). */
  order: Order;
  log(line: string): void;
}

export type Method = 'exhaustive' | 'greedy' | 'local-search' | 'screening';
export interface KResult { k: number; method: Method; best: Evaluated; ranked: Evaluated[] }

/**
 * Best set for every k = kMin..K: exhaustive where the sets of that size are few, else greedy add from
 * the best set of k - 1 (the trade-off curve), and at K a swap local search from the better of the
 * greedy set and the screening (p-median) set. A move is taken only when it is significantly better.
 */
export async function searchSets(ev: Evaluator, rules: SetRules, scr: Screening, o: SearchOptions): Promise<KResult[]> {
  const out: KResult[] = [];
  let prev: SiteSet | null = null;
  for (let k = o.kMin; k <= o.k; k++) {
    const all = enumerateSets(k, rules, o.exhaustiveMax);
    let res: KResult;
    if (all) {
      o.log(`k=${k}: exhaustive over ${all.length} set(s)`);
      const ranked = await race(ev, all, o.reps, o.order);
      res = { k, method: 'exhaustive', best: ranked[0], ranked };
    } else if (prev === null) {
      const start = screeningSet(k, rules, scr, []);
      o.log(`k=${k}: start from the screening (p-median) set`);
      const ranked = await race(ev, [start], o.reps, o.order);
      res = { k, method: 'screening', best: ranked[0], ranked };
    } else {
      const adds = o.shortlist.filter((i) => !prev!.some((c) => c.site === i))
        .map((i) => normalise([...prev!, defaultChoice(i, rules)])).filter((s) => feasible(s, rules));
      o.log(`k=${k}: greedy add, ${adds.length} set(s)`);
      const ranked = await race(ev, adds, o.reps, o.order);
      res = { k, method: 'greedy', best: ranked[0], ranked };
    }
    if (k === o.k && res.method !== 'exhaustive') res = await localSearch(ev, rules, scr, o, res);
    if (!res.best) throw new Error(`k=${k}: no feasible set to evaluate`);
    out.push(res);
    prev = res.best.set;
  }
  return out;
}

function screeningSet(k: number, rules: SetRules, scr: Screening, start: number[]): SiteSet {
  const ok = (ids: number[]) => feasible(ids.map((i) => defaultChoice(i, rules)), rules) || feasible(ids.map((i) => defaultChoice(i, rules, true)), rules);
  const ids = pMedian(k, rules.sites.length, scr, ok, start);
  if (!ids) throw new Error(`no feasible set of ${k} site(s) within the budget`);
  const set = ids.map((i) => defaultChoice(i, rules));
  return feasible(set, rules) ? set : ids.map((i) => defaultChoice(i, rules, true));
}

/** Swap (and with --size, resize) moves from the better of the greedy and the screening set. */
async function localSearch(ev: Evaluator, rules: SetRules, scr: Screening, o: SearchOptions, from: KResult): Promise<KResult> {
  const p = screeningSet(o.k, rules, scr, []);
  const starts = await race(ev, [from.best.set, p], o.reps, o.order);
  let current = starts[0];
  const seen = new Map<string, Evaluated>([...from.ranked, ...starts].map((e) => [e.key, e]));
  for (let it = 1; it <= o.maxIterations; it++) {
    const moves = neighbours(current.set, rules, o.shortlist);
    o.log(`k=${o.k}: local search, iteration ${it}: ${moves.length} neighbour(s) of ${current.key}`);
    const ranked = await race(ev, moves, o.reps, o.order);
    ranked.forEach((e) => seen.set(e.key, e));
    const challenger = ranked[0];
    if (!challenger || !pairedDiff(challenger.values, current.values).better) break;
    current = challenger;
  }
  const ranked = [...seen.values()].filter((e) => e.values.length >= o.reps && e.set.length === o.k);
  return { k: o.k, method: 'local-search', best: current, ranked };
}

function neighbours(set: SiteSet, rules: SetRules, shortlist: number[]): SiteSet[] {
  const out: SiteSet[] = [];
  const inSet = new Set(set.map((c) => c.site));
  set.forEach((c, a) => {
    for (const j of shortlist) {
      if (inSet.has(j)) continue;
      const sized = sizesOf(j, rules).find((s) => s.docks === c.docks && s.trucks === c.trucks) ?? defaultChoice(j, rules);
      out.push(normalise(set.map((x, q) => (q === a ? sized : x))));
    }
    if (rules.size) for (const r of resizes(c, rules)) out.push(set.map((x, q) => (q === a ? r : x)));
  });
  return out.filter((s) => feasible(s, rules));
}

/** The next smaller and larger allowed dock count and fleet size of a chosen site. */
function resizes(c: Choice, rules: SetRules): Choice[] {
  const s = rules.sites[c.site];
  const step = (list: number[], v: number) => {
    const sorted = [...new Set(list)].sort((a, b) => a - b), i = sorted.indexOf(v);
    return [sorted[i - 1], sorted[i + 1]].filter((x) => x !== undefined);
  };
  return [
    ...step(s.docks, c.docks).map((docks) => ({ ...c, docks })),
    ...step(s.localTrucks, c.trucks).map((trucks) => ({ ...c, trucks })),
  ];
}
