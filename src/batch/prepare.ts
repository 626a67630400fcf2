import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import { checkShipmentCap } from '../scenario/shipment-cap.js';
import { checkSweeps, gridPoints, type GridPoint, type Sweep } from './grid.js';
import { metricNames } from './stats.js';
import type { BatchOptions } from './batch-options.js';
import type { Shard } from './shard.js';

import { DEFAULT_MAX_REPS, DEFAULT_OUT } from './defaults.js';

export { DEFAULT_MAX_REPS, DEFAULT_OUT };

/** What identifies a batch in its directory (batch-meta.json): a resume must match it. */
export interface Meta { scenario: string; scenarioPath: string; scenarioSha256: string; sets: string[]; sweeps: Sweep[]; seed: number; shard?: Shard }

/** Every check that can fail on bad input, before anything is written. */
export function prepare(options: BatchOptions) {
  const sets = options.sets ?? [], sweeps = options.sweeps ?? [];
  const dir = options.outDir ?? DEFAULT_OUT;
  const maxReps = options.maxReps ?? Math.max(DEFAULT_MAX_REPS, options.reps);
  checkOptions(options, maxReps);
  checkSweeps(sweeps);
  const grid = gridPoints(sweeps);
  const { seed: scenarioSeed, names } = validatePoints(options.file, sets, grid, sweeps, options);
  const seed = options.seed ?? scenarioSeed;
  if (options.untilCi && !names.includes(options.untilCi.metric)) {
    throw new InputError('--until-ci', '', `unknown metric ${JSON.stringify(options.untilCi.metric)}; one of: ${names.join(', ')}`);
  }
  const scenarioSha256 = createHash('sha256').update(readFileSync(options.file)).digest('hex');
  const meta: Meta = { scenario: options.file, scenarioPath: resolve(options.file), scenarioSha256, sets, sweeps, seed, ...(options.shard ? { shard: options.shard } : {}) };
  return { grid, seed, maxReps, meta, dir };
}

function checkOptions(o: BatchOptions, maxReps: number): void {
  if (!Number.isInteger(o.reps) || o.reps < 1) throw new InputError('--reps', '', `expected an integer >= 1, got ${o.reps}`);
  if (o.seed !== undefined && !Number.isInteger(o.seed)) throw new InputError('--seed', '', `expected an integer, got ${o.seed}`);
  if (o.workers !== undefined && (!Number.isInteger(o.workers) || o.workers < 1)) throw new InputError('--workers', '', `expected an integer >= 1, got ${o.workers}`);
  if (!Number.isInteger(maxReps) || maxReps < o.reps) throw new InputError('--max-reps', '', `expected an integer >= --reps (${o.reps}), got ${maxReps}`);
  if (o.untilCi && !(o.untilCi.halfWidth > 0 && Number.isFinite(o.untilCi.halfWidth))) {
    throw new InputError('--until-ci', '', `expected a half-width > 0, got ${o.untilCi.halfWidth}`);
  }
  if (o.untilCi && o.shard) throw new InputError('--shard', '', 'cannot be combined with --until-ci (the next round of a point depends on all its runs); give --reps instead');
  if (o.untilCi && o.reps < 2) throw new InputError('--reps', '', 'with --until-ci, expected at least 2 replications per round');
}

/** Validates every grid point's scenario here, so a bad sweep value stops the batch before it starts. */
function validatePoints(file: string, sets: string[], grid: GridPoint[], sweeps: Sweep[], o: BatchOptions): { seed: number; names: string[] } {
  const ids = { checkpoints: new Set<string>(), stations: new Set<string>(), factories: new Set<string>() };
  let seed = 1;
  grid.forEach((p, i) => {
    try {
      const s = loadScenario(file, [...sets, ...p.sets], { allowOutsidePaths: o.allowOutsidePaths });
      checkShipmentCap(s, file, o.maxShipments);
      if (i === 0) seed = s.seed;
      s.checkpoints.forEach((c) => ids.checkpoints.add(c.id));
      s.stations.forEach((c) => ids.stations.add(c.id));
      s.factories.forEach((c) => ids.factories.add(c.id));
    } catch (err) {
      if (!(err instanceof InputError) || p.sets.length === 0) throw err;
      const swept = sweeps.some((sw) => err.detail.startsWith(`--set ${sw.path}:`));
      const detail = swept ? err.detail.replace(/^--set /, '--sweep ') : err.detail;
      throw new InputError(err.file, err.field, `${detail} (grid point ${p.point})`);
    }
  });
  return { seed, names: metricNames({ checkpoints: [...ids.checkpoints], stations: [...ids.stations], factories: [...ids.factories] }) };
}

/** Refuses a directory that holds runs of another scenario, overrides, sweeps or seed. */
export function checkMeta(dir: string, meta: Meta): void {
  const metaFile = join(dir, 'batch-meta.json');
  if (!existsSync(metaFile)) {
    if (existsSync(join(dir, 'runs.jsonl'))) throw new InputError(dir, '', 'holds runs.jsonl but no batch-meta.json; choose another --out or remove it');
    return;
  }
  let old: Meta;
  try {
    old = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
  } catch {
    throw new InputError(metaFile, '', 'unreadable; choose another --out or remove the directory');
  }
  const same = (k: keyof Meta) => JSON.stringify(old[k]) === JSON.stringify(meta[k]);
  const diff = (['scenarioPath', 'scenarioSha256', 'sets', 'sweeps', 'seed'] as const).filter((k) => !same(k));
  if (diff.length) {
    const label = { scenarioPath: 'scenario', scenarioSha256: 'scenario contents', sets: 'sets', sweeps: 'sweeps', seed: 'seed' };
    const show = (k: keyof Meta, m: Meta) => k === 'scenarioSha256' ? `sha256 ${String(m[k]).slice(0, 12)}`
      : JSON.stringify(k === 'sweeps' ? m.sweeps.map((s) => `${s.path}=${s.values.join(',')}`) : m[k]);
    throw new InputError(metaFile, '', `holds a batch with other ${diff.map((k) => `${label[k]} (${show(k, old)}, now ${show(k, meta)})`).join(', ')}; ` +
      'refusing to mix runs: choose another --out, or remove the directory');
  }
}
