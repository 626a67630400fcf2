import type { StationDef } from '../scenario/types.js';
import type { Site, StationDefaults } from './candidates.js';
import { objectiveValue, runMetrics, type Objective, type RunMetrics } from './objective.js';
import { repSeed } from '../batch/seeds.js';
import type { Runner } from './runner.js';
import { setKey, stationsFor, type SiteSet } from './sets.js';
import type { EvaluationStore } from './store.js';

/** A set and what its replications gave, in replication order (index r: seed repSeed(S, r)). */
export interface Evaluated { key: string; set: SiteSet; metrics: RunMetrics[]; values: number[] }

export interface EvaluatorOptions {
  runner: Runner;
  store: EvaluationStore;
  /** Scenario file (absolute) and the user's --set overrides, applied before `stations`. */
  file: string;
  sets: string[];
  seed: number;
  /** The scenario may name files outside its folder (`--allow-outside-paths`). */
  allowOutsidePaths?: boolean;
  objective: Objective;
  sites: Site[];
  kept: StationDef[];
  defaults: StationDefaults;
  /** Called once per (set, rep) when it is queued (`queued`) and when it is done. */
  progress?: { queued(n: number): void; done(label: string, resumed: boolean): void };
}

/**
 * Evaluates sets of sites by simulation: replication r of every set runs with the same seed (common
 * random numbers), so differences between sets are paired. Runs already in the store are not repeated.
 */
export class Evaluator {
  private readonly known = new Map<string, { set: SiteSet; metrics: (RunMetrics | undefined)[] }>();

  constructor(private readonly o: EvaluatorOptions) {}

  key(set: SiteSet): string {
    return setKey(set, this.o.sites);
  }

  /** Runs the missing replications 0..reps-1 of every set, all in parallel on the runner. */
  async evaluate(sets: SiteSet[], reps: number): Promise<Evaluated[]> {
    const defs = (set: SiteSet) => () => stationsFor(set, this.o.sites, this.o.kept, this.o.defaults);
    return this.batch(sets.map((set) => ({ key: this.key(set), set, defs: defs(set) })), reps);
  }

  /** Evaluates given stations (the scenario's own, say) under a label, with the same seeds. */
  async evaluateStations(label: string, stations: StationDef[], reps: number): Promise<Evaluated> {
    const [res] = await this.batch([{ key: label, set: [], defs: () => stations }], reps);
    return res;
  }

  private async batch(items: { key: string; set: SiteSet; defs: () => StationDef[] }[], reps: number): Promise<Evaluated[]> {
    const todo: [typeof items[number], number][] = [];
    for (const it of items) {
      const entry = this.entry(it.key, it.set);
      for (let r = 0; r < reps; r++) if (!entry.metrics[r]) todo.push([it, r]);
    }
    this.o.progress?.queued(todo.length);
    await Promise.all(todo.map(([it, r]) => this.runOne(it.key, it.set, r, it.defs)));
    return items.map((it) => this.result(it.key, reps));
  }

  /** Every candidate set evaluated so far (not the fixed stations), with what it has. */
  all(): Evaluated[] {
    return [...this.known.entries()].filter(([, e]) => e.set.length > 0).map(([k]) => this.result(k, Infinity));
  }

  private entry(key: string, set: SiteSet) {
    let e = this.known.get(key);
    if (!e) { e = { set, metrics: [] }; this.known.set(key, e); }
    return e;
  }

  private result(key: string, reps: number): Evaluated {
    const e = this.known.get(key)!;
    const metrics: RunMetrics[] = [];
    for (let r = 0; r < Math.min(reps, e.metrics.length) && e.metrics[r]; r++) metrics.push(e.metrics[r]!);
    return { key, set: e.set, metrics, values: metrics.map((m) => objectiveValue(this.o.objective, m)) };
  }

  private async runOne(key: string, set: SiteSet, rep: number, stations: () => StationDef[]): Promise<void> {
    const seed = repSeed(this.o.seed, rep), entry = this.entry(key, set);
    const stored = this.o.store.get(key, seed);
    if (stored?.metrics) {
      entry.metrics[rep] = stored.metrics;
      this.o.progress?.done(key, true);
      return;
    }
    const res = await this.o.runner.run({
      file: this.o.file, sets: [...this.o.sets, `stations=${JSON.stringify(stations())}`], seed, ...(this.o.allowOutsidePaths ? { allowOutsidePaths: true } : {}),
    });
    if (!res.ok) {
      this.o.store.add({ ctx: this.o.store.ctx, set: key, rep, seed, ok: false, error: res.error });
      throw new Error(`simulating ${key} (replication ${rep}, seed ${seed}): ${res.error}`);
    }
    const metrics = runMetrics(res.summary);
    this.o.store.add({ ctx: this.o.store.ctx, set: key, rep, seed, ok: true, metrics });
    entry.metrics[rep] = metrics;
    this.o.progress?.done(key, false);
  }
}
