import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { createTaskRunner, type RunOutcome, type RunTask } from './task.js';

export type { RunOutcome, RunTask } from './task.js';

export interface RunPoolOptions {
  /** Worker threads; default: the machine's cores (`os.availableParallelism()`). */
  workers?: number;
}

export interface RunPool {
  readonly workers: number;
  /** Runs to keep submitted at once (default: 2 x workers); a queue keeps many more than it has threads. */
  readonly inFlight?: number;
  /**
   * Runs one replication on a worker thread. Never rejects: an error inside the run, or a worker that
   * crashed under it, comes back as `{ ok: false, error }`.
   */
  run(task: RunTask): Promise<RunOutcome>;
  /** Waits for runs in flight, then stops the threads. */
  close(): Promise<void>;
  /** Stops the threads now; runs in flight come back as `{ ok: false }`. */
  destroy(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('../../workers/run-task.mjs', import.meta.url));

/**
 * A pool of worker threads that each run `new Simulation(loadScenario(file, sets), { seed }).run()`
 * and send back the summary only (a round trip costs ~0.1 ms; rows would cost far more).
 */
export function createRunPool(options: RunPoolOptions = {}): RunPool {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected an integer >= 1, got ${workers}`);
  const piscina = new Piscina<RunTask, RunOutcome>({
    filename: ENTRY,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 60_000,
  });
  let destroyed = false;
  return {
    workers,
    async run(task) {
      const plain: RunTask = { file: task.file, sets: [...task.sets], seed: task.seed };
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
    run: async (task) => runTask({ file: task.file, sets: [...task.sets], seed: task.seed }),
    close: async () => {},
    destroy: async () => {},
  };
}
