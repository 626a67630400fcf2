// Batches on worker threads: results independent of the number of workers, failures recorded, until-ci.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInlinePool, createRunPool } from '../src/batch/pool.js';
import { runBatch } from '../src/batch/run-batch.js';
import { parseSweep } from '../src/batch/grid.js';
import { repSeed } from '../src/batch/seeds.js';
import { readScenarioContent } from '../src/batch/scenario-content.js';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import { runLines } from './batch-helpers.js';

const MMC = 'scenarios/reference/mmc.json';
const TEST_FAIL_SEED_ENV = 'RELAYSIM_TEST_FAIL_SEED', TEST_CRASH_SEED_ENV = 'RELAYSIM_TEST_CRASH_SEED';
// Workers that fail or crash on the seeds above (test/fixtures/faulty-run-task.mjs).
const entry = join(import.meta.dirname, 'fixtures', 'faulty-run-task.mjs');
const mmc = readScenarioContent(MMC);
const task = (sets: string[], seed: number) => ({ scenarioHash: mmc.hash, sets, seed, content: mmc.content });
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-batch-'));

// The failing seed is set before the pools start: worker threads copy the environment when created.
const FAIL_REP = 1, CRASH_REP = 3;
process.env[TEST_FAIL_SEED_ENV] = String(repSeed(99, FAIL_REP));
process.env[TEST_CRASH_SEED_ENV] = String(repSeed(99, CRASH_REP));
const pool1 = createRunPool({ workers: 1, entry });
const pool2 = createRunPool({ workers: 2, entry });
afterAll(async () => {
  delete process.env[TEST_FAIL_SEED_ENV];
  delete process.env[TEST_CRASH_SEED_ENV];
  await Promise.all([pool1.close(), pool2.close()]);
});

describe('createRunPool()', () => {
  it('returns what a fresh Simulation in this thread returns, and errors as values', async () => {
    const sets = ['horizonMin=600'];
    const [a, b, bad] = await Promise.all([
      pool2.run(task(sets, 11)),
      pool2.run(task(sets, 11)),
      pool2.run(task(['checkpoints.gate.lanes=0'], 1)),
    ]);
    const fresh = new Simulation(loadScenario(MMC, sets), { seed: 11 }).run().summary;
    for (const r of [a, b]) {
      expect(r.ok).toBe(true);
      if (r.ok) expect({ ...r.summary, wallMs: 0 }).toEqual({ ...fresh, wallMs: 0 });
    }
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/checkpoints\[0\]\.lanes/) });
  });
});

describe('runBatch()', () => {
  const options = { file: MMC, sets: ['horizonMin=1500'], sweeps: [parseSweep('checkpoints.gate.lanes=4,5')], reps: 4, seed: 3 };

  it('gives the same runs.jsonl lines and batch.json on 1 and 2 workers', async () => {
    const [d1, d2, d0] = [tmp(), tmp(), tmp()];
    const r1 = await runBatch({ ...options, pool: pool1, outDir: d1 });
    const r2 = await runBatch({ ...options, pool: pool2, outDir: d2 });
    await runBatch({ ...options, pool: createInlinePool(), outDir: d0 });
    expect(r1.ran).toBe(8);
    expect(runLines(d1)).toEqual(runLines(d2));
    expect(runLines(d1)).toEqual(runLines(d0));
    expect(readFileSync(join(d1, 'batch.json'), 'utf8')).toBe(readFileSync(join(d2, 'batch.json'), 'utf8'));
    expect(readFileSync(join(d1, 'batch.csv'), 'utf8')).toBe(readFileSync(join(d2, 'batch.csv'), 'utf8'));
    const b = r1.batch;
    expect(b.points.map((p) => [p.point, p.n, p.failed])).toEqual([['checkpoints.gate.lanes=4', 4, 0], ['checkpoints.gate.lanes=5', 4, 0]]);
    // Common random numbers: replication r has the same seed at every grid point.
    const seeds = runLines(d1).map((l) => JSON.parse(l)).map((r) => [r.rep, r.seed]);
    expect(new Set(seeds.map(([rep, seed]) => `${rep}/${seed}`)).size).toBe(4);
    // More lanes, shorter waits, under the same random numbers.
    const wait = (i: number) => b.points[i].metrics['checkpoints.gate.meanWaitMin'].mean!;
    expect(wait(1)).toBeLessThan(wait(0));
    // A second call on the same directory finds everything done.
    const again = await runBatch({ ...options, pool: pool2, outDir: d1 });
    expect([again.ran, again.skipped]).toEqual([0, 8]);
    expect(runLines(d1)).toEqual(runLines(d2));
  });

  it('records a run that throws, or whose worker dies, as failed with its error and seed, and goes on', async () => {
    const dir = tmp();
    const r = await runBatch({ file: MMC, sets: ['horizonMin=600'], reps: 6, seed: 99, pool: pool2, outDir: dir });
    expect([r.ran, r.failed]).toEqual([6, 2]);
    const failed = runLines(dir).map((l) => JSON.parse(l)).filter((x) => x.status === 'failed').sort((a, b) => a.rep - b.rep);
    expect(failed).toEqual([
      { point: 'base', params: {}, rep: FAIL_REP, seed: repSeed(99, FAIL_REP), status: 'failed',
        error: `${TEST_FAIL_SEED_ENV}: test failure injected for seed ${repSeed(99, FAIL_REP)}` },
      { point: 'base', params: {}, rep: CRASH_REP, seed: repSeed(99, CRASH_REP), status: 'failed', error: expect.stringMatching(/^worker crashed: /) },
    ]);
    expect(r.batch.points[0]).toMatchObject({ n: 4, failed: 2 });
    expect(r.batch.points[0].metrics['leadTimeMin.mean'].n).toBe(4);
    // The pool replaced the dead thread and still runs.
    expect((await pool2.run(task(['horizonMin=600'], 1))).ok).toBe(true);
  });

  it('--until-ci adds replications in rounds until the half-width is below the target', async () => {
    const ci = { metric: 'checkpoints.gate.meanWaitMin', halfWidth: 0.15 };
    const [d1, d2] = [tmp(), tmp()];
    const opts = { file: MMC, sets: ['horizonMin=600'], sweeps: [parseSweep('checkpoints.gate.lanes=4,5')], reps: 3, seed: 5, untilCi: ci, maxReps: 40 };
    const r = await runBatch({ ...opts, pool: pool2, outDir: d1 });
    await runBatch({ ...opts, pool: pool1, outDir: d2 });
    expect(runLines(d1)).toEqual(runLines(d2));
    for (const p of r.batch.points) {
      const m = p.metrics[ci.metric];
      expect(m.halfWidth! < ci.halfWidth || p.n === 40, p.point).toBe(true);
    }
    const n = r.batch.points.map((p) => p.n);
    expect(n[0]).toBeGreaterThan(3); // 4 lanes at rho = 0.85 needs more than the first round
    expect(n[1]).toBeLessThanOrEqual(n[0]);
    // Replications 0..n-1 of each point, none twice.
    const reps = runLines(d1).map((l) => JSON.parse(l)).filter((x) => x.params['checkpoints.gate.lanes'] === 4).map((x) => x.rep).sort((a, b) => a - b);
    expect(reps).toEqual(Array.from({ length: n[0] }, (_, i) => i));
  });
});
