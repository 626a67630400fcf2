import { resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { loadScenario } from '../scenario/load.js';
import { Simulation } from '../model/simulation.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Router } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import type { Summary } from '../metrics/summary.js';

/** One replication, as sent to a worker thread: everything it needs, and nothing else. */
export interface RunTask {
  /** Scenario file (JSON or YAML), resolved against the worker's working directory (the process's). */
  file: string;
  /** `--set PATH=VALUE` overrides, applied before validation. */
  sets: string[];
  seed: number;
  /** The scenario may name files outside its folder (`--allow-outside-paths`). */
  allowOutsidePaths?: boolean;
}

export type RunOutcome = { ok: true; summary: Summary } | { ok: false; error: string };

/**
 * TEST ONLY: when this environment variable holds an integer, a task with that seed throws before it
 * runs, so tests can check that a failing replication is recorded and the batch goes on.
 */
export const TEST_FAIL_SEED_ENV = 'RELAYSIM_TEST_FAIL_SEED';
/** TEST ONLY: a task with this seed ends its worker thread (`process.exit` in a worker ends the thread). */
export const TEST_CRASH_SEED_ENV = 'RELAYSIM_TEST_CRASH_SEED';

const testSeed = (name: string, seed: number) => {
  const v = process.env[name];
  return v !== undefined && v !== '' && Number(v) === seed;
};

interface Prepared { scenario: Scenario; network: Network; router: Router }

/** Validated scenarios kept per (file, sets): a batch runs many replications of few grid points. */
const CACHE_SIZE = 16;

/**
 * Makes the task function a worker runs. It keeps the validated scenario, its network and its router
 * (landmarks) per (file, sets), so a batch reads and validates each grid point once per thread, not once
 * per replication. Reuse does not change results: the simulation owns all its mutable state.
 */
export function createTaskRunner(): (task: RunTask) => RunOutcome {
  const cache = new Map<string, Prepared>();
  const prepare = (file: string, sets: string[], allowOutsidePaths: boolean): Prepared => {
    const key = JSON.stringify([resolve(file), sets, allowOutsidePaths]);
    let hit = cache.get(key);
    if (hit) {
      cache.delete(key); // re-insert: most recently used last
    } else {
      const scenario = loadScenario(file, sets, { allowOutsidePaths });
      const network = buildNetwork(scenario);
      hit = { scenario, network, router: createRouter(network) };
      if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, hit);
    return hit;
  };
  return (task) => {
    try {
      if (testSeed(TEST_FAIL_SEED_ENV, task.seed)) throw new Error(`${TEST_FAIL_SEED_ENV}: test failure injected for seed ${task.seed}`);
      if (testSeed(TEST_CRASH_SEED_ENV, task.seed) && !isMainThread) process.exit(3);
      const { scenario, network, router } = prepare(task.file, task.sets, task.allowOutsidePaths === true);
      const { summary } = new Simulation(scenario, { seed: task.seed, network, router }).run();
      return { ok: true, summary };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}
