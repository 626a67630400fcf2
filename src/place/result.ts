import type { Scenario } from '../scenario/types.js';
import type { Evaluated } from './evaluate.js';
import type { Objective, RunMetrics } from './objective.js';
import { meanCi, pairedDiff, type Interval } from './ranking.js';
import type { Order } from './race.js';
import type { KResult, Method } from './search.js';
import { setCost, type SetRules } from './sets.js';

// placement.json's content, in a module of its own: the writers (output.ts) and the page (html.ts)
// both read its type, and neither imports the other for it.

export interface SetSummary {
  key: string;
  k: number;
  sites: { id: string; zone: string; docks: number; localTrucks: number }[];
  cost: number;
  mean: number;
  /** 95 % half-width; null with one replication. */
  half: number | null;
  n: number;
  /** Means over the replications of what every objective reads. */
  metrics: Record<keyof RunMetrics, number>;
}
export interface Margin { of: string; over: string; mean: number; half: number | null; n: number; significant: boolean }

export type PlacementResult = ReturnType<typeof buildResult>;

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

export function summarise(e: Evaluated, rules: SetRules): SetSummary {
  const ci = meanCi(e.values);
  const keys = ['leadP95', 'leadMean', 'lineStopMin', 'lateShare', 'failedShare', 'endMin'] as const;
  const metrics = Object.fromEntries(keys.map((k) => [k, round(e.metrics.reduce((a, m) => a + m[k], 0) / Math.max(1, e.metrics.length))])) as Record<keyof RunMetrics, number>;
  return {
    key: e.key, k: e.set.length,
    sites: e.set.map((c) => ({ id: rules.sites[c.site].id, zone: rules.sites[c.site].zone, docks: c.docks, localTrucks: c.trucks })),
    cost: setCost(e.set, rules), mean: round(ci.mean)!, half: round(ci.half), n: ci.n, metrics,
  };
}

/** `a - b`, paired by replication: how much worse a is than b (positive: a worse). */
function margin(a: Evaluated, b: Evaluated): Margin {
  const d: Interval & { worse: boolean } = pairedDiff(a.values, b.values);
  return { of: a.key, over: b.key, mean: round(d.mean)!, half: round(d.half), n: d.n, significant: d.worse };
}

export function buildResult(x: {
  scenario: Scenario; order: Order; objective: Objective; k: number; reps: number; seed: number; budget: number; rules: SetRules;
  screening: number[]; perK: KResult[]; evaluated: Evaluated[]; baseline: Evaluated | null; workers: number; wallMs: number;
  /** Scenario stations kept in every set (not counted in k). */
  kept?: number;
}) {
  const atK = x.perK[x.perK.length - 1];
  const best = atK.best;
  // Sets whose every replication came out exactly as the best's are ties, not runners-up.
  const same = (e: Evaluated) => e.values.length === best.values.length && e.values.every((v, r) => v === best.values[r]);
  const others = x.evaluated.filter((e) => e.key !== best.key && e.set.length === x.k);
  const ties = others.filter(same).sort(x.order);
  const rivals = others.filter((e) => !same(e));
  const full = rivals.filter((e) => e.values.length >= best.values.length);
  const runnerUp = (full.length ? full : rivals).sort(x.order)[0] ?? null;
  return {
    scenario: x.scenario.name, file: x.scenario.source.file, objective: x.objective, k: x.k, reps: x.reps, seed: x.seed,
    budget: Number.isFinite(x.budget) ? x.budget : null, size: x.rules.size, method: atK.method as Method,
    workers: x.workers, wallMs: x.wallMs,
    candidates: x.rules.sites.map((s, i) => ({ ...s, screeningMin: round(x.screening[i], 2), chosen: best.set.some((c) => c.site === i) })),
    best: summarise(best, x.rules),
    /** Sets with the very same results as the best (the tie-breaks chose among them). */
    ties: ties.map((e) => e.key),
    runnerUp: runnerUp && summarise(runnerUp, x.rules),
    margin: runnerUp && margin(runnerUp, best),
    baseline: x.baseline && baselineOf(x.baseline, x.scenario, x.rules, x.perK, x.kept),
    tradeoff: x.perK.map((r) => ({ method: r.method, ...summarise(r.best, x.rules) })),
    evaluated: [...x.evaluated].sort((a, b) => a.set.length - b.set.length || x.order(a, b)).map((e) => summarise(e, x.rules)),
  };
}

/** Paired difference `best - baseline` (negative: the best set is better), "significant" when its interval excludes zero. */
export interface VsBaseline { k: number; best: string; mean: number; half: number | null; n: number; significant: boolean }

/**
 * The scenario's own stations, as evaluated, against the best set with as many stations (like with
 * like): `vsBest` is best - baseline, paired by replication; null when the search did not reach that k.
 */
function baselineOf(e: Evaluated, s: Scenario, rules: SetRules, perK: KResult[], kept = 0) {
  const sum = summarise(e, rules);
  sum.k = s.stations.length - kept;
  sum.sites = s.stations.map((st) => ({ id: st.id, zone: st.zone, docks: st.docks, localTrucks: st.localTrucks }));
  const same = perK.find((r) => r.k === sum.k);
  let vsBest: VsBaseline | null = null;
  if (same) {
    const d = pairedDiff(same.best.values, e.values);
    vsBest = { k: sum.k, best: same.best.key, mean: round(d.mean)!, half: round(d.half), n: d.n, significant: d.better || d.worse };
  }
  return { ...sum, vsBest, note: same ? null : `the scenario has ${sum.k} station(s) to compare; the search covered k = ${perK[0]?.k}..${perK[perK.length - 1]?.k} (run with --k ${sum.k} to compare like with like)` };
}
