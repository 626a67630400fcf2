import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { runKey, type GridPoint, type Sweep } from './grid.js';
import { prepare } from './prepare.js';
import { pointResults, writeBatchFiles, type BatchFile } from './outputs.js';
import { createRunPool, type RunPool } from './pool.js';
import { openQueuePool } from '../queue/queue-pool.js';
import { keyOf } from '../queue/names.js';
import { shardOf, type Shard } from './shard.js';
import { RunsFile, type RunRecord } from './runs-file.js';
import { repSeed } from './seeds.js';
import { describe, keyMetrics } from './stats.js';

export interface BatchOptions {
  file: string;
  sets?: string[];
  sweeps?: Sweep[];
  /** Replications per grid point (with `untilCi`: the first round). */
  reps: number;
  /** Base seed; replication r of every point runs with `repSeed(seed, r)`. Default: the scenario's. */
  seed?: number;
  /** Default: the machine's cores. Ignored when `pool` is given. */
  workers?: number;
  outDir?: string;
  /** Sequential precision: add replications per point until this metric's 95 % half-width < target. */
  untilCi?: { metric: string; halfWidth: number };
  maxReps?: number;
  /** Run again the runs recorded as failed (default: keep them, as for any finished run). */
  retryFailed?: boolean;
  /** A pool to use (and leave open); default: one made and closed here. */
  pool?: RunPool;
  /** Run on a BullMQ queue (`relaysim worker` processes) instead of a local pool. */
  queue?: { url: string; onWorkers?: (n: number | null) => void; log?: (line: string) => void; waitMs?: number };
  /** Run only the runs of this shard (a hash of the run key); `relaysim merge` combines the shards' directories. */
  shard?: Shard;
  /** Abort: submit nothing more, let runs in flight finish, write what finished. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number; total: number; ran: number; failed: number;
  /** With a queue: workers serving it (null: Redis would not say); set by the caller, not by runBatch. */
  workers?: number | null;
}

export interface BatchResult {
  dir: string;
  batch: BatchFile;
  /** Runs done by this call; runs found in runs.jsonl and skipped. */
  ran: number;
  skipped: number;
  failed: number;
  interrupted: boolean;
}

export { DEFAULT_MAX_REPS, DEFAULT_OUT } from './prepare.js';

/**
 * Runs the grid of all sweep values x replications on a worker pool, appending each finished run to
 * DIR/runs.jsonl, and writes DIR/batch.json and DIR/batch.csv. Resumes: runs already in runs.jsonl
 * are not run again. Throws InputError on bad input, before writing anything.
 */
export async function runBatch(options: BatchOptions): Promise<BatchResult> {
  const { grid, seed, maxReps, meta, dir } = prepare(options);
  // The queue first: an unreachable Redis is bad input, reported before anything is written.
  const pool = options.pool ?? (options.queue
    ? await openQueuePool({ ...options.queue, kind: 'batch', key: keyOf([meta.scenarioSha256, meta.sets, meta.sweeps, meta.seed]) })
    : createRunPool({ workers: options.workers }));
  const runsFile = new RunsFile(join(dir, 'runs.jsonl'));
  let done: Map<string, RunRecord>;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(join(dir, 'batch-meta.json'), JSON.stringify(meta, null, 2) + '\n');
    done = runsFile.readRuns();
  } catch (err) {
    if (!options.pool) await pool.destroy();
    throw err;
  }
  const inShard = (key: string) => !options.shard || shardOf(key, options.shard.count) === options.shard.index;
  const planned = grid.map(() => 0);
  const progress: Progress = { done: 0, total: 0, ran: 0, failed: 0 };
  let skipped = 0;
  /** Finished runs of a point among its planned replications 0..planned-1, in replication order. */
  const runsOf = (p: GridPoint, i: number): RunRecord[] => Array.from({ length: planned[i] }, (_, rep) => done.get(runKey(p.params, rep, repSeed(seed, rep))))
    .filter((r): r is RunRecord => r !== undefined);
  const onDone = (rec: RunRecord) => {
    runsFile.append(rec);
    done.set(runKey(rec.params, rec.rep, rec.seed), rec);
    progress.done++;
    progress.ran++;
    if (rec.status === 'failed') progress.failed++;
    options.onProgress?.({ ...progress });
  };
  try {
    let target = grid.map(() => options.reps);
    while (!options.signal?.aborted && target.some((t, i) => t > planned[i])) {
      const round = planRound(grid, planned, target, (key) => {
        const rec = done.get(key);
        return rec !== undefined && !(options.retryFailed && rec.status === 'failed');
      }, seed, inShard);
      skipped += round.skipped;
      progress.total += round.tasks.length + round.skipped;
      progress.done = progress.total - round.tasks.length;
      options.onProgress?.({ ...progress });
      planned.splice(0, planned.length, ...target);
      await runAll(round.tasks, pool, options.signal, onDone, options.file, options.sets ?? []);
      if (options.untilCi) target = nextTargets(grid.map(runsOf), planned, options.untilCi, maxReps);
    }
  } finally {
    if (!options.pool) await pool.close();
  }
  const interrupted = options.signal?.aborted ?? false;
  const batch: BatchFile = {
    scenario: options.file, seed, reps: options.reps, sweeps: meta.sweeps, sets: meta.sets,
    untilCi: options.untilCi ? { ...options.untilCi, maxReps } : null,
    complete: !interrupted && grid.every((p, i) => runsOf(p, i).length === Array.from({ length: planned[i] }, (_, rep) => runKey(p.params, rep, repSeed(seed, rep))).filter(inShard).length),
    points: pointResults(grid, (p) => runsOf(p, grid.indexOf(p))),
  };
  writeBatchFiles(dir, batch);
  return { dir, batch, ran: progress.ran, skipped, failed: progress.failed, interrupted };
}

type Task = { p: GridPoint; rep: number; seed: number };

/**
 * Replications planned[i]..target[i]-1 of each point, replication-major (rep 0 of every point, then
 * rep 1, ...) so that an interrupted batch leaves its points about equally advanced.
 */
function planRound(grid: GridPoint[], planned: number[], target: number[], isDone: (key: string) => boolean, seed: number, inShard: (key: string) => boolean) {
  const tasks: Task[] = [];
  let skipped = 0;
  for (let rep = Math.min(...planned); rep < Math.max(...target); rep++) {
    const s = repSeed(seed, rep);
    grid.forEach((p, i) => {
      if (rep < planned[i] || rep >= target[i] || !inShard(runKey(p.params, rep, s))) return;
      if (isDone(runKey(p.params, rep, s))) skipped++;
      else tasks.push({ p, rep, seed: s });
    });
  }
  return { tasks, skipped };
}

/** Runs tasks with a bounded number in flight, so an abort stops submitting at once. */
async function runAll(
  tasks: Task[], pool: RunPool, signal: AbortSignal | undefined, onDone: (rec: RunRecord) => void, file: string, sets: string[],
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < tasks.length && !signal?.aborted) {
      const t = tasks[next++];
      const out = await pool.run({ file, sets: [...sets, ...t.p.sets], seed: t.seed });
      const base = { point: t.p.point, params: t.p.params, rep: t.rep, seed: t.seed };
      onDone(out.ok ? { ...base, status: 'ok', summary: out.summary } : { ...base, status: 'failed', error: out.error });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, pool.inFlight ?? pool.workers * 2) }, lane));
}

/**
 * Replications per point for the next round of `--until-ci`: a point whose half-width is not below
 * the target gets about as many as the estimate (n x (hw / target)^2), at least 20 % more, at most 4x,
 * at most maxReps. Depends on the finished runs only, never on timing, so the set of runs is reproducible.
 */
function nextTargets(runs: RunRecord[][], planned: number[], ci: { metric: string; halfWidth: number }, maxReps: number): number[] {
  return runs.map((rs, i) => {
    const values = rs.filter((r) => r.status === 'ok' && r.summary).map((r) => keyMetrics(r.summary!)[ci.metric]);
    const s = describe(values);
    if (s.halfWidth !== null && s.halfWidth < ci.halfWidth) return planned[i];
    const n = planned[i];
    const estimate = s.halfWidth === null ? 2 * n : Math.ceil(n * (s.halfWidth / ci.halfWidth) ** 2);
    return Math.min(maxReps, Math.max(estimate, n + 1, Math.ceil(n * 1.2)), 4 * n);
  });
}
