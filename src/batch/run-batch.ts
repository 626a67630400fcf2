import { join } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { runKey, type GridPoint, type Sweep } from './grid.js';
import { checkMeta, prepare } from './prepare.js';
import { acquireLock } from '../output/lock.js';
import { pointResults, writeBatchFiles, type BatchFile } from './outputs.js';
import { createSizedPool, type RunPool } from './pool.js';
import type { BatchOptions, Progress } from './batch-options.js';
import { openQueuePool } from '../queue/queue-pool.js';
import { keyOf } from '../queue/names.js';
import { shardOf } from './shard.js';
import { RunsFile, type RunRecord } from './runs-file.js';
import { readScenarioContent, type ScenarioContent } from './scenario-content.js';
import { repSeed } from './seeds.js';
import { describe, keyMetrics } from './stats.js';

export type { BatchOptions } from './batch-options.js';

export type { Progress } from './batch-options.js';

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
  // Read once, before the queue opens (a read that fails leaves nothing open): tasks carry the
  // scenario's content and its hash, not its path.
  const source = readScenarioContent(options.file, options.allowOutsidePaths === true);
  // The lock is held from the check of batch-meta.json to the last write: no other batch can slip in between.
  // The queue before the lock: an unreachable Redis is bad input, reported before anything is written.
  const queue = !options.pool && options.queue
    ? await openQueuePool({ ...options.queue, kind: 'batch', key: keyOf([meta.scenarioSha256, meta.sets, meta.sweeps, meta.seed]) })
    : undefined;
  let lock: ReturnType<typeof acquireLock>;
  try {
    lock = acquireLock(dir, 'relaysim batch');
  } catch (err) {
    await queue?.destroy();
    throw err;
  }
  let runsFile: RunsFile, done: Map<string, RunRecord>;
  try {
    checkMeta(dir, meta);
    writeFileAtomic(join(dir, 'batch-meta.json'), JSON.stringify(meta, null, 2) + '\n');
    runsFile = new RunsFile(join(dir, 'runs.jsonl'));
    done = runsFile.readRuns();
  } catch (err) {
    lock.release();
    await queue?.destroy();
    throw err;
  }
  try {
    return await runLocked({ ...options, pool: options.pool ?? queue }, !options.pool && queue !== undefined, { grid, seed, maxReps, meta, dir, runsFile, done, source });
  } finally {
    lock.release();
  }
}

async function runLocked(
  options: BatchOptions,
  ownsPool: boolean,
  { grid, seed, maxReps, meta, dir, runsFile, done, source }: ReturnType<typeof prepare> & { runsFile: RunsFile; done: Map<string, RunRecord>; source: ReturnType<typeof readScenarioContent> },
): Promise<BatchResult> {
  const pool = options.pool ?? createSizedPool({ workers: options.workers });
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
    progress.runner = pool.label?.();
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
      await runAll(round.tasks, pool, options.signal, onDone, source, options.sets ?? []);
      if (options.untilCi) target = nextTargets(grid.map(runsOf), planned, options.untilCi, maxReps);
    }
  } finally {
    if (!options.pool || ownsPool) await pool.close();
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

type Planned = { p: GridPoint; rep: number; seed: number };

/**
 * Replications planned[i]..target[i]-1 of each point, replication-major (rep 0 of every point, then
 * rep 1, ...) so that an interrupted batch leaves its points about equally advanced.
 */
function planRound(grid: GridPoint[], planned: number[], target: number[], isDone: (key: string) => boolean, seed: number, inShard: (key: string) => boolean) {
  const tasks: Planned[] = [];
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
  tasks: Planned[], pool: RunPool, signal: AbortSignal | undefined, onDone: (rec: RunRecord) => void,
  source: { content: ScenarioContent; hash: string }, sets: string[],
): Promise<void> {
  let next = 0;
  pool.expect?.(tasks.length);
  const lane = async () => {
    while (next < tasks.length && !signal?.aborted) {
      const t = tasks[next++];
      const out = await pool.run({ scenarioHash: source.hash, sets: [...sets, ...t.p.sets], seed: t.seed, content: source.content });
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
