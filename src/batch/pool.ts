import { availableParallelism, loadavg } from 'node:os';
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
  /** Runs to keep submitted at once (default: 2 x workers); a queue keeps many more than it has threads. */
  readonly inFlight?: number;
  /**
   * Runs one replication on a worker thread. Never rejects: an error inside the run, or a worker that
   * crashed under it, comes back as `{ ok: false, error }`.
   */
  run(task: Task): Promise<TaskOutcome>;
  /** Waits for runs in flight, then stops the threads. */
  close(): Promise<void>;
  /** Stops the threads now; runs in flight come back as `{ ok: false }`. */
  destroy(): Promise<void>;
  /** Told how many runs are about to be submitted (a sized pool chooses threads or inline from it). */
  expect?(runs: number): void;
  /** Where the runs go, for the progress line: "inline (...)" or "2 workers". */
  label?(): string;
}

const ENTRY = fileURLToPath(new URL('../../workers/run-task.mjs', import.meta.url));
/** This module runs from dist/ (compiled) or src/ (TypeScript under tsx); the workers load the same. */
const COMPILED = import.meta.url.endsWith('.js');

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
    workerData: { compiled: COMPILED },
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
 * Seconds to start a worker thread and load relaysim in it (measured on 2 vCPU: ~0.35 s compiled, 1-3 s
 * when each thread registers tsx and transpiles). Threads on different cores start in parallel.
 */
export const WORKER_START_S = COMPILED ? 0.4 : 1.5;

export interface SizedPoolOptions extends RunPoolOptions {
  /** Start-up cost of a worker thread in seconds (default WORKER_START_S); for tests. */
  startS?: number;
  /** Cores the threads can run on (default: os.availableParallelism(), less those other jobs keep busy: freeCores()). */
  cores?: number;
}

/**
 * Cores a new thread would get now: the machine's, less what the 1-minute load average says other jobs
 * use (this process counts as one). On a machine already loaded beyond its cores, threads only share
 * the same time slices, so a batch that is small for one core stays inline.
 */
export function freeCores(): number {
  const all = availableParallelism(), busy = loadavg()[0];
  return Math.max(1, Math.min(all, Math.round(all + 1 - busy)));
}

/**
 * A pool that runs the first two replications in the calling thread, timing them, and then starts
 * worker threads only if that is estimated to finish sooner than going on inline: a batch whose work is
 * smaller than a thread's start-up never gets slower with more workers. The first run pays for loading
 * the scenario, so the second gives the time per replication. Results do not depend on the choice: each
 * replication's result is a function of its task only. The choice uses the clock, and changes nothing
 * but where runs are computed.
 */
export function createSizedPool(options: SizedPoolOptions = {}): RunPool {
  const workers = options.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers: expected an integer >= 1, got ${workers}`);
  const startS = options.startS ?? WORKER_START_S, cores = options.cores ?? freeCores();
  const runTask = createTaskRunner();
  const probeS: number[] = [];
  let expected = 0, threads: RunPool | null = null, decided = workers === 1;
  let label = workers === 1 ? 'inline (1 worker)' : 'inline (timing the first runs)';
  const decide = () => {
    decided = true;
    const per = probeS[probeS.length - 1], load = Math.max(0, probeS[0] - per), left = Math.max(0, expected);
    const onThreads = startS * Math.ceil(workers / cores) + load + (left * per) / Math.min(workers, cores), onInline = left * per;
    const est = `~${onInline.toFixed(1)} s of runs left inline, ~${onThreads.toFixed(1)} s on ${workers} workers`;
    if (left > 0 && onThreads < 0.9 * onInline) {
      threads = createRunPool({ workers });
      label = `${workers} workers (${est})`;
    } else {
      label = `inline (${est})`;
    }
  };
  return {
    workers,
    expect(runs) {
      expected += runs;
      if (!threads && workers > 1) { decided = false; probeS.length = 0; } // a new round: size it again
    },
    label: () => label,
    async run(task) {
      if (threads) return threads.run(task);
      const plain: Task = { scenarioHash: task.scenarioHash, sets: [...task.sets], seed: task.seed, content: task.content };
      // Let the event loop turn between inline runs, so that Ctrl-C (SIGINT) is seen between them.
      await new Promise((r) => setImmediate(r));
      if (threads) return (threads as RunPool).run(plain);
      if (decided) return runTask(plain);
      // Timed synchronously: other lanes' runs cannot interleave with it.
      const t0 = performance.now();
      const out = runTask(plain);
      probeS.push((performance.now() - t0) / 1000);
      expected--;
      if (probeS.length >= 2 || expected <= 0) decide();
      return out;
    },
    close: async () => { await (threads as RunPool | null)?.close(); },
    destroy: async () => { await (threads as RunPool | null)?.destroy(); },
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
