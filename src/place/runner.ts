import { dirname, resolve } from 'node:path';
import { createRunPool } from '../batch/pool.js';
import type { RunOutcome, RunTask } from '../batch/task.js';
import { Simulation } from '../model/simulation.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Router } from '../network/router.js';
import { readScenarioFile, validateScenario } from '../scenario/load.js';

/** One simulation to run: the batch pool's task (src/batch/task.ts). */
export type Task = RunTask;
export type TaskResult = RunOutcome;
export interface Runner {
  /** Worker threads (0: in this thread). */
  workers: number;
  run(task: Task): Promise<TaskResult>;
  close(): Promise<void>;
}

/**
 * Runs tasks in this thread: `new Simulation(loadScenario(file, sets), { seed }).run().summary`, with the
 * scenario file read once and the network and router reused across tasks that differ only in `stations`
 * (a Simulation accepts both, and gives the same result as with its own).
 */
export function inProcessRunner(): Runner {
  const raw = new Map<string, unknown>();
  const nets = new Map<string, { network: Network; router: Router }>();
  return {
    workers: 0,
    async run(task) {
      await new Promise((r) => setImmediate(r)); // let progress output and signals through between runs
      try {
        if (!raw.has(task.file)) raw.set(task.file, readScenarioFile(task.file));
        const scenario = validateScenario(raw.get(task.file), task.file, dirname(resolve(task.file)), task.sets, { allowOutsidePaths: task.allowOutsidePaths });
        const netKey = `${task.file}\u0000${task.sets.filter((s) => !s.startsWith('stations=')).join('\u0000')}`;
        let shared = nets.get(netKey);
        if (!shared) {
          const network = buildNetwork(scenario);
          shared = { network, router: createRouter(network) };
          nets.set(netKey, shared);
        }
        return { ok: true, summary: new Simulation(scenario, { seed: task.seed, ...shared }).run().summary };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    async close() {},
  };
}

/** `workers` threads on the batch pool (src/batch/pool.ts); 0: in this thread. */
export function createRunner(workers: number): Runner {
  if (workers <= 0) return inProcessRunner();
  const pool = createRunPool({ workers });
  return { workers, run: (t) => pool.run(t), close: () => pool.close() };
}
