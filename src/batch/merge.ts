import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { InputError } from '../scenario/errors.js';
import { gridPoints, runKey } from './grid.js';
import { pointResults, writeBatchFiles, type BatchFile } from './outputs.js';
import type { Meta } from './prepare.js';
import { RunsFile, type RunRecord } from './runs-file.js';
import { repSeed } from './seeds.js';
import { shardOf } from './shard.js';

export interface MergeResult { dir: string; batch: BatchFile; shards: number; runs: number }

interface ShardDir { dir: string; meta: Meta; batch: BatchFile }

function readJson<T>(file: string, what: string): T {
  if (!existsSync(file)) throw new InputError(file, '', `missing: is this the --out of a \`relaysim batch --shard\`? (${what})`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    throw new InputError(file, '', 'unreadable JSON');
  }
}

/**
 * `relaysim merge`: combines the directories of `relaysim batch --shard I/N` into one, with the
 * batch.json and batch.csv one machine would have written, and a runs.jsonl a plain `relaysim batch`
 * can resume from. Throws InputError (writing nothing) for a missing or repeated shard, shards of
 * different batches, or a run in the wrong shard's directory.
 */
export function mergeShards(dirs: string[], out: string): MergeResult {
  if (dirs.length === 0) throw new InputError('merge', '', 'expected the directories of the shards');
  const shards: ShardDir[] = dirs.map((dir) => {
    const meta = readJson<Meta>(join(dir, 'batch-meta.json'), 'batch-meta.json');
    if (!meta.shard) throw new InputError(join(dir, 'batch-meta.json'), 'shard', 'not a shard (the batch ran without --shard): nothing to merge');
    return { dir, meta, batch: readJson<BatchFile>(join(dir, 'batch.json'), 'batch.json') };
  });
  const first = shards[0];
  const identity = (s: ShardDir) => JSON.stringify([s.meta.scenarioPath, s.meta.scenarioSha256, s.meta.sets, s.meta.sweeps, s.meta.seed, s.meta.shard!.count, s.batch.reps]);
  for (const s of shards.slice(1)) {
    if (identity(s) !== identity(first)) {
      throw new InputError(s.dir, '', `is a shard of another batch than ${first.dir} (scenario, sets, sweeps, seed, --reps or shard count differ)`);
    }
  }
  const count = first.meta.shard!.count;
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const seen = byIndex.get(s.meta.shard!.index);
    if (seen) throw new InputError(s.dir, '', `shard ${s.meta.shard!.index}/${count} is given twice (also ${seen})`);
    byIndex.set(s.meta.shard!.index, s.dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new InputError('merge', '', `missing shard(s) ${missing.map((i) => `${i}/${count}`).join(', ')} of ${count}`);
  const absOut = resolve(out);
  if (shards.some((s) => resolve(s.dir) === absOut)) throw new InputError(out, '', '--out is one of the shards; choose a new directory');
  if (existsSync(join(out, 'runs.jsonl')) || existsSync(join(out, 'batch-meta.json'))) throw new InputError(out, '', 'already holds a batch; choose another --out');

  const runs = new Map<string, RunRecord>();
  for (const s of shards) {
    for (const [key, rec] of new RunsFile(join(s.dir, 'runs.jsonl')).readRuns()) {
      if (shardOf(key, count) !== s.meta.shard!.index) throw new InputError(join(s.dir, 'runs.jsonl'), '', `holds a run of another shard (${rec.point}, replication ${rec.rep})`);
      runs.set(key, rec);
    }
  }
  const { meta: m, batch: b } = first;
  const grid = gridPoints(m.sweeps);
  const runsOf = (p: (typeof grid)[number]) => Array.from({ length: b.reps }, (_, rep) => runs.get(runKey(p.params, rep, repSeed(m.seed, rep))))
    .filter((r): r is RunRecord => r !== undefined);
  const ordered = grid.flatMap(runsOf);
  const batch: BatchFile = {
    scenario: m.scenario, seed: m.seed, reps: b.reps, sweeps: m.sweeps, sets: m.sets, untilCi: null,
    complete: shards.every((s) => s.batch.complete) && ordered.length === grid.length * b.reps,
    points: pointResults(grid, runsOf),
  };
  const meta: Meta = { scenario: m.scenario, scenarioPath: m.scenarioPath, scenarioSha256: m.scenarioSha256, sets: m.sets, sweeps: m.sweeps, seed: m.seed };
  mkdirSync(out, { recursive: true });
  writeFileAtomic(join(out, 'runs.jsonl'), ordered.map((r) => JSON.stringify(r) + '\n').join(''));
  writeFileAtomic(join(out, 'batch-meta.json'), JSON.stringify(meta, null, 2) + '\n');
  writeBatchFiles(out, batch);
  return { dir: out, batch, shards: count, runs: ordered.length };
}
