// Confidence intervals from batches of the reference M/M/4 scenario: they shrink as 1/sqrt(N) and
// 200 replications cover the Erlang C mean wait. The 200 are run as 50, then resumed to 200.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRunPool } from '../src/batch/pool.js';
import { runBatch, type BatchResult } from '../src/batch/run-batch.js';

const MMC = 'scenarios/reference/mmc.json';
const WAIT = 'checkpoints.gate.meanWaitMin';

/** Erlang C mean wait in queue via the Erlang B recursion (independent of test/erlang-c.test.ts). */
function erlangWq(servers: number, lambda: number, mu: number): number {
  const a = lambda / mu;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (a * b) / (k + a * b);
  const c = (servers * b) / (servers - a * (1 - b));
  return c / (servers * mu - lambda);
}

const pool = createRunPool({ workers: 2 });
afterAll(() => pool.close());

describe('batch confidence intervals on the reference scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'relaysim-batch-ci-'));
  const options = { file: MMC, sets: ['horizonMin=3000', 'warmupMin=100'], seed: 2022, pool, outDir: dir };
  let r50: BatchResult, r200: BatchResult;

  it('runs 50 replications, then resumes to 200 without running the first 50 again', async () => {
    r50 = await runBatch({ ...options, reps: 50 });
    r200 = await runBatch({ ...options, reps: 200 });
    expect([r50.ran, r200.ran, r200.skipped]).toEqual([50, 150, 50]);
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(200);
    expect(new Set(lines.map((l) => l.rep)).size).toBe(200);
  });

  it('half-width shrinks about as 1/sqrt(N): 4x the replications, about half the width', () => {
    for (const metric of [WAIT, 'leadTimeMin.mean']) {
      const ratio = r200.batch.points[0].metrics[metric].halfWidth! / r50.batch.points[0].metrics[metric].halfWidth!;
      // With 50 and 200 samples the sd estimates carry ~10 % and ~5 % noise, and t(49) > t(199).
      expect(ratio, metric).toBeGreaterThan(0.38);
      expect(ratio, metric).toBeLessThan(0.65);
    }
  });

  it('the 95 % interval of the mean checkpoint wait covers Erlang C (M/M/4, lambda 3.4, mu 1)', () => {
    const wq = erlangWq(4, 3.4, 1);
    expect(wq).toBeCloseTo(1.14886, 5);
    const m = r200.batch.points[0].metrics[WAIT];
    expect(m.n).toBe(200);
    expect(Math.abs(m.mean! - wq)).toBeLessThan(m.halfWidth!);
    expect(m.halfWidth!).toBeLessThan(0.05 * wq); // and is narrow enough to mean something
  });
});
