// Case 5: wall time of a batch of replications of the reference scenario on 1 and 2 worker threads
// (src/batch runBatch), and the speed-up. "warm": the pool's threads are started (and have loaded the
// scenario) before the clock starts, which is what a long batch sees; "cold": runBatch makes its own
// pool, thread start-up included (once per configuration).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch as runBatchFn } from '../src/batch/run-batch.js';
import { createRunPool, type RunPool } from '../src/batch/pool.js';
import { MMC } from './engine.js';
import { summarize, type CaseContext, type CaseResult } from './report.js';

const SCENARIO = 'scenarios/reference/mmc.json';
// The issue asks for runs of at least 50 ms: 6e4 shipments is ~0.11 s at ~550k shipments/s.
const SHIPMENTS_PER_REP = 6e4;
const RUNS = 5;

async function timeBatch(reps: number, workers: number, pool?: RunPool): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'relaysim-bench-batch-'));
  try {
    const t0 = performance.now();
    const r = await runBatchFn({ file: SCENARIO, sets: [`horizonMin=${SHIPMENTS_PER_REP / MMC.lam}`], reps, seed: 1, workers, pool, outDir });
    const wallS = (performance.now() - t0) / 1000;
    if (r.failed > 0 || r.ran !== reps) throw new Error(`batch: ${r.ran} ran, ${r.failed} failed of ${reps}`);
    return wallS;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

export async function runBatch(ctx: CaseContext): Promise<CaseResult[]> {
  const reps = ctx.quick ? 8 : 64;
  const id = `batch/${reps}-replications`;
  if (!existsSync('src/batch/run-batch.ts')) {
    ctx.log('batch: skipped: src/batch not available');
    return [{ case: 'batch', id, params: { replications: reps }, runs: 0, median: {}, min: {}, max: {}, skipped: 'skipped: src/batch not available' }];
  }
  ctx.log(`batch: ${reps} replications x ${SHIPMENTS_PER_REP} shipments, 1 and 2 workers`);
  // Cold start (thread start-up + tsx + scenario load) once each, full runs only: seconds, not the batch.
  const cold = ctx.quick ? undefined : [await timeBatch(reps, 1), await timeBatch(reps, 2)];
  const pools = [createRunPool({ workers: 1 }), createRunPool({ workers: 2 })];
  try {
    for (const p of pools) await timeBatch(p.workers * 2, p.workers, p); // start threads, load the scenario
    const runs: Record<string, number>[] = [];
    for (let r = 0; r < RUNS; r++) {
      const w1 = await timeBatch(reps, 1, pools[0]), w2 = await timeBatch(reps, 2, pools[1]);
      runs.push({ wallS1: w1, wallS2: w2, speedup: w1 / w2 });
      ctx.log(`  batch run ${r + 1}/${RUNS}: 1 worker ${w1.toFixed(2)} s, 2 workers ${w2.toFixed(2)} s, ${(w1 / w2).toFixed(2)}x`);
    }
    const s = summarize(runs);
    s.median.speedup = s.median.wallS1 / s.median.wallS2; // of the medians, as the other ratios
    if (cold) Object.assign(s.median, { coldWallS1: cold[0], coldWallS2: cold[1], coldSpeedup: cold[0] / cold[1] });
    return [{
      case: 'batch', id, params: { scenario: SCENARIO, replications: reps, shipmentsPerRep: SHIPMENTS_PER_REP, workers: '1 vs 2' }, ...s,
      note: 'warm pools (threads started before timing); cold* = one runBatch with its own pool, thread start-up included',
    }];
  } finally {
    for (const p of pools) await p.close();
  }
}
