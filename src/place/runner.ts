import { createRunPool } from '../batch/pool.js';
import { readScenarioContent } from '../batch/scenario-content.js';
import { createTaskRunner } from '../batch/task.js';
import type { Task, TaskOutcome } from '../batch/task-spec.js';

/** One simulation to run: a scenario file, the overrides for one site set, a seed. */
export interface RunRequest { file: string; sets: string[]; seed: number; allowOutsidePaths?: boolean }
export interface Runner {
  /** Worker threads (0: in this thread). */
  workers: number;
  run(request: RunRequest): Promise<TaskOutcome>;
  close(): Promise<void>;
}

/** Requests to tasks, each scenario read once (also what `place --queue` submits). */
export function createTaskMaker(): (r: RunRequest) => Task {
  const sources = new Map<string, ReturnType<typeof readScenarioContent>>();
  return (r) => {
    let src = sources.get(r.file);
    if (!src) { src = readScenarioContent(r.file, r.allowOutsidePaths === true); sources.set(r.file, src); }
    return { scenarioHash: src.hash, sets: [...r.sets], seed: r.seed, content: src.content };
  };
}

/**
 * `workers` threads on the batch pool (src/batch/pool.ts), or 0: in this thread. Either way a request
 * becomes a task of the one task runner (src/batch/task.ts): the scenario is read once and sent as
 * content, and each thread builds the network and landmarks once for every set of stations.
 */
export function createRunner(workers: number): Runner {
  const task = createTaskMaker();
  if (workers <= 0) {
    const runTask = createTaskRunner();
    return {
      workers: 0,
      async run(r) {
        await new Promise((done) => setImmediate(done)); // let progress output and signals through between runs
        try {
          return runTask(task(r));
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err.message : String(err) };
        }
      },
      async close() {},
    };
  }
  const pool = createRunPool({ workers });
  return {
    workers,
    run: async (r) => {
      try {
        return await pool.run(task(r));
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    close: () => pool.close(),
  };
}
