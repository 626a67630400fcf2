import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { createTaskRunner } from './task.js';
import type { Task, TaskOutcome } from './task-spec.js';

export type { Task, TaskOutcome } from './task-spec.js';

export interface RunPoolOptions {
  /** Worker threads; default: the machine's cores (`os.availableParallelism()`). */
  workers?: number;
  /** Worker entry module; default workers/run-task.mjs (tests give one that injects failures). */
  entry?: string;
}

export interface RunPool {
  readonly workers: number;
  /**
   * Runs one replication on a worker thread. Never rejects: an error inside the run, or a worker that
   * crashed under it, comes back as `{ ok: false, error }`.
   */
  run(task: Task): Promise<TaskOutcome>;
  /** Waits for runs in flight, then stops the threads. */
  close(): Promise<void>;
  /** Stops the threads now; runs in flight come back as `{ ok: false }`. */
  destroy(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('../../workers/run-task.mjs', import.meta.url));

/**
 * A pool of worker threads that each run tasks through the task runner (task.ts) and send back the
 * summary only (a round trip costs ~0.1 ms; rows would cost far more).
 */
export function createRunPool(options: RunPoolOptions = {}): RunPool {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected an integer >= 1, got ${workers}`);
  const piscina = new Piscina<Task, TaskOutcome>({
    filename: options.entry ?? ENTRY,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
  let destroyed = false;
  return {
    workers,
    async run(task) {
      const plain: Task = { scenarioHash: task.scenarioHash, sets: [...task.sets], seed: task.seed, content: task.content };
      try {
        return await piscina.run(plain);
      } catch (err) {
        const why = err instanceof Error ? err.message : String(err);
        return { ok: false, error: destroyed ? `aborted: ${why}` : `worker crashed: ${why}` };
      }
    },
    async close() {
      await piscina.close();
    },
    async destroy() {
      destroyed = true;
      await piscina.destroy();
    },
  };
}

/**
 * The same interface, running each task in the calling thread, one at a time: for tests, debugging
 * and profiling (no thread start-up, one stack). Results are the same as on worker threads.
 */
export function createInlinePool(): RunPool {
  const runTask = createTaskRunner();
  return {
    workers: 1,
    run: async (task) => runTask(task),
    close: async () => {},
    destroy: async () => {},
  };
}
