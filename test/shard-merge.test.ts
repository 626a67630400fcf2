// `relaysim batch --shard I/N` on N "machines", then `relaysim merge`: the same batch.json as one machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKey } from '../src/batch/grid.js';
import { shardOf } from '../src/batch/shard.js';
import { runLines } from './batch-helpers.js';

const ARGS = ['scenarios/reference/mmc.json', '--reps', '7', '--sweep', 'checkpoints.gate.lanes=4,5', '--set', 'horizonMin=1500', '--seed', '3', '--workers', '1', '--quiet'];
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-shard-'));
const relaysim = (args: string[]) => spawnSync(process.execPath, ['bin/relaysim.mjs', ...args], { encoding: 'utf8' });
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');

describe('batch --shard and merge', () => {
  it('three shards merged give the batch.json and batch.csv of one machine; a missing or repeated shard exits 2', () => {
    const root = tmp(), whole = join(root, 'whole');
    expect(relaysim(['batch', ...ARGS, '--out', whole]).status).toBe(0);
    const shards = [1, 2, 3].map((i) => join(root, `shard-${i}`));
    const sizes = shards.map((dir, i) => {
      const r = relaysim(['batch', ...ARGS, '--shard', `${i + 1}/3`, '--out', dir]);
      expect(r.status, r.stderr).toBe(0);
      return runLines(dir).length;
    });
    expect(sizes.reduce((a, b) => a + b)).toBe(14); // every run in exactly one shard
    expect(sizes.every((n) => n > 0 && n < 14)).toBe(true);
    // Each run sits in the shard its key hashes to.
    shards.forEach((dir, i) => runLines(dir).map((l) => JSON.parse(l)).forEach((r) => expect(shardOf(runKey(r.params, r.rep, r.seed), 3)).toBe(i + 1)));

    const merged = join(root, 'merged');
    const m = relaysim(['merge', ...shards, '--out', merged, '--quiet']);
    expect(m.status, m.stderr).toBe(0);
    expect(read(merged, 'batch.json')).toBe(read(whole, 'batch.json'));
    expect(read(merged, 'batch.csv')).toBe(read(whole, 'batch.csv'));
    expect(runLines(merged)).toEqual(runLines(whole));
    // The merged directory resumes as the whole batch: nothing left to run.
    const again = relaysim(['batch', ...ARGS.filter((a) => a !== '--quiet'), '--out', merged]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/0 runs done, 14 already in runs\.jsonl/);

    const missing = relaysim(['merge', shards[0], shards[2], '--out', join(root, 'm2')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/missing shard\(s\) 2\/3/);
    const twice = relaysim(['merge', shards[0], shards[1], shards[1], shards[2], '--out', join(root, 'm3')]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/shard 2\/3 is given twice/);
    expect(existsSync(join(root, 'm2')) || existsSync(join(root, 'm3'))).toBe(false);
  });

  it('rejects a bad --shard, and --shard with --until-ci, with exit 2', () => {
    for (const [shard, re] of [['0/3', /--shard.*expected I\/N/], ['4/3', /--shard/], ['x', /--shard/]] as const) {
      const r = relaysim(['batch', ...ARGS, '--shard', shard, '--out', join(tmp(), 'o')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(re);
    }
    const ci = relaysim(['batch', ...ARGS, '--shard', '1/2', '--until-ci', 'leadTimeMin.mean=0.1', '--out', join(tmp(), 'o')]);
    expect(ci.status).toBe(2);
    expect(ci.stderr).toMatch(/--shard: cannot be combined with --until-ci/);
  });
});
