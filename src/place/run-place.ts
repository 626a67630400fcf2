import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { buildNetwork } from '../network/build.js';
import { InputError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { checkShipmentCap } from '../scenario/shipment-cap.js';
import { keptStations, placementOf, resolveSites, stationDefaults } from './candidates.js';
import { Evaluator } from './evaluate.js';
import { isObjective, OBJECTIVES, type Objective } from './objective.js';
import { buildResult, writeOutputs, type PlacementResult } from './output.js';
import { createProgress } from './progress.js';
import { createRunner } from './runner.js';
import { openPlaceQueue } from '../queue/place-runner.js';
import { relayFlows, screen } from './screening.js';
import { searchSets } from './search.js';
import { setOrder } from './race.js';
import { enumerateSets, setCost, type SetRules } from './sets.js';
import { EvaluationStore } from './store.js';
import { feasibleWithinBudget } from './budget-check.js';
import { acquireLock } from '../output/lock.js';

export interface PlaceOptions {
  file: string;
  k: number;
  out: string;
  sets?: string[];
  objective?: string;
  reps?: number;
  budget?: number;
  size?: boolean;
  /** Worker threads; 0 runs in this thread. Default: the machine's cores. */
  workers?: number;
  seed?: number;
  /** GeoJSON of candidate points (instead of placement.candidatesGeojson). */
  candidates?: string;
  exhaustiveMax?: number;
  shortlist?: number;
  maxIterations?: number;
  progress?: 'bar' | 'lines' | 'quiet';
  /** Also write placement.html. */
  html?: boolean;
  /** Run on a BullMQ queue served by `relaysim worker` processes (redis://...) instead of local threads. */
  queue?: string;
  /** The scenario may name files outside its folder (`--allow-outside-paths`). */
  allowOutsidePaths?: boolean;
  /** Cap on the expected shipments of one run (default DEFAULT_MAX_SHIPMENTS). */
  maxShipments?: number;
}

import { PLACE_DEFAULTS } from './defaults.js';

export { PLACE_DEFAULTS };

/** `relaysim place`: checks the inputs, searches, writes DIR/placement.{json,csv,html}. Throws InputError on bad input. */
export async function runPlace(o: PlaceOptions): Promise<PlacementResult> {
  const file = resolve(o.file), sets = o.sets ?? [];
  const objective = o.objective ?? PLACE_DEFAULTS.objective;
  if (!isObjective(objective)) throw new InputError(o.file, '--objective', `unknown objective ${JSON.stringify(objective)} (expected ${OBJECTIVES.join(', ')})`);
  const reps = o.reps ?? PLACE_DEFAULTS.reps;
  if (!Number.isInteger(reps) || reps < 2) throw new InputError(o.file, '--reps', `expected an integer >= 2 (a confidence interval needs two replications), got ${reps}`);
  const scenario = loadScenario(o.file, sets, { allowOutsidePaths: o.allowOutsidePaths });
  checkShipmentCap(scenario, o.file, o.maxShipments);
  const net = buildNetwork(scenario);
  const sites = resolveSites(scenario, net, o.file, dirname(file), o.candidates && resolve(o.candidates), o.allowOutsidePaths);
  if (sites.length === 0) throw new InputError(o.file, 'placement.candidates', 'no candidate sites (give placement.candidates, placement.candidatesGeojson or --candidates FILE)');
  const kept = keptStations(scenario, o.file);
  const flows = relayFlows(scenario, net);
  const covered = new Set(kept.map((s) => s.zone));
  const required = [...new Set(flows.map((f) => f.zone))].filter((z) => !covered.has(z));
  for (const z of required) {
    if (!sites.some((s) => s.zone === z)) {
      throw new InputError(o.file, 'placement.candidates', `no candidate in zone ${JSON.stringify(z)}, which is under relay (or sealed) and receives demand that must relay there`);
    }
  }
  if (!Number.isInteger(o.k) || o.k < 1) throw new InputError(o.file, '--k', `expected an integer >= 1, got ${o.k}`);
  if (o.k > sites.length) throw new InputError(o.file, '--k', `expected at most ${sites.length} (the number of candidate sites), got ${o.k}`);
  if (o.k < required.length) throw new InputError(o.file, '--k', `expected at least ${required.length}: one station in each zone that relays demand (${required.join(', ')}), got ${o.k}`);
  const p = placementOf(scenario);
  const budget = o.budget ?? p.budget ?? Infinity;
  const rules: SetRules = {
    sites, required, covered, keptNodes: new Set(kept.map((s) => s.node)), budget, dockCost: p.dockCost, truckCost: p.truckCost, size: o.size === true,
  };
  if (feasibleWithinBudget(o.k, rules) === 'no' || enumerateSets(o.k, rules, 1)?.length === 0) {
    throw new InputError(o.file, o.budget !== undefined ? '--budget' : 'placement.budget', `no set of ${o.k} site(s) covering ${required.join(', ')} costs at most ${budget}`);
  }
  const scr = screen(sites, flows, net);
  const shortlist = shortlistOf(scr.score, sites.map((s) => s.zone), o.shortlist ?? PLACE_DEFAULTS.shortlist);
  const seed = o.seed ?? scenario.seed;
  const defaults = stationDefaults(scenario);
  // Runs on record are reused only for the same scenario content, overrides and sites.
  const ctx = fingerprint({ scenario: { ...scenario, source: undefined, placement: undefined }, sets, defaults, kept, sites: sites.map((s) => [s.id, s.node, s.zone]) });
  // One writer of DIR at a time, from before evaluations.jsonl is read until the outputs are written.
  const lock = acquireLock(o.out, 'relaysim place');
  let store: EvaluationStore;
  try {
    store = new EvaluationStore(join(o.out, 'evaluations.jsonl'), ctx);
  } catch (err) {
    lock.release();
    throw err;
  }
  const progress = createProgress(o.progress ?? 'lines');
  const workers = o.workers ?? availableParallelism();
  let runner;
  try {
    runner = o.queue ? await openPlaceQueue(o.queue, ctx, (l) => progress.log(l)) : createRunner(workers);
  } catch (err) {
    progress.stop();
    lock.release();
    throw err;
  }
  const started = Date.now();
  try {
    const ev = new Evaluator({ runner, store, file, sets, seed, objective, sites, kept, defaults, progress, allowOutsidePaths: o.allowOutsidePaths });
    progress.log(`${sites.length} candidate sites, k=${o.k}, ${reps} replications, objective ${objective}, ${o.queue ? 'the queue' : workers ? `${workers} worker thread(s)` : 'in this thread'}${store.size ? `, ${store.size} runs on record` : ''}`);
    const baseline = scenario.stations.length > 0 ? await ev.evaluateStations('scenario-stations', scenario.stations, reps) : null;
    const order = setOrder((set) => setCost(set, rules), (set) => scr.cost(set.map((c) => c.site)));
    const perK = await searchSets(ev, rules, scr, {
      order,
      k: o.k, kMin: Math.max(1, required.length), reps, exhaustiveMax: o.exhaustiveMax ?? PLACE_DEFAULTS.exhaustiveMax,
      shortlist, maxIterations: o.maxIterations ?? PLACE_DEFAULTS.maxIterations, log: (l) => progress.log(l),
    });
    const result = buildResult({ scenario, order, objective, k: o.k, reps, seed, budget, rules, screening: scr.score, perK, evaluated: ev.all(), baseline, workers, wallMs: Date.now() - started, kept: kept.length });
    writeOutputs(o.out, result, { scenario, net, html: o.html !== false });
    return result;
  } finally {
    progress.stop();
    await runner.close();
    lock.release();
  }
}

/** Sites the local search may add: best screening score relative to the best of the same zone first. */
function shortlistOf(score: number[], zones: string[], size: number): number[] {
  const bestOf = new Map<string, number>();
  score.forEach((s, i) => bestOf.set(zones[i], Math.min(bestOf.get(zones[i]) ?? Infinity, s)));
  const ratio = (i: number) => (Number.isFinite(score[i]) ? score[i] / Math.max(bestOf.get(zones[i])!, 1e-9) : Infinity);
  return score.map((_, i) => i).sort((a, b) => ratio(a) - ratio(b) || a - b).slice(0, Math.max(size, 1));
}

function fingerprint(x: unknown): string {
  return createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
}
