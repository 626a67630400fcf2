// The queue's cost: a batch of short replications on the local pool (2 threads) vs on the Redis queue
// with 2 local `relaysim worker` processes (1 thread each), in alternating pairs (A, B, A, B, ...) so
// both see the same machine load. Reports the median wall times, the queue's overhead per run (ms of
// batch wall time) and the throughput ratio. Starts its own redis-server (no persistence) on a free
// loopback port and stops it. `npm run bench -- --only queue`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../src/batch/run-batch.js';
import { createRunPool } from '../src/batch/pool.js';
import { summarize, type CaseContext, type CaseResult } from './report.js';

const REDIS = '/usr/bin/redis-server';
const SCENARIO = 'scenarios/reference/mmc.json', SETS = ['horizonMin=300']; // a few ms per run: the overhead shows
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); });
  });
}

export async function runQueue(ctx: CaseContext): Promise<CaseResult[]> {
  const reps = ctx.quick ? 40 : 240, pairs = ctx.quick ? 1 : 3;
  const id = `queue/${reps}-replications`, params = { scenario: SCENARIO, sets: SETS.join(' '), replications: reps, pairs, local: '2 threads', queue: '2 workers x 1 thread' };
  if (!existsSync(REDIS)) {
    ctx.log('queue: skipped: no redis-server');
    return [{ case: 'queue', id, params, runs: 0, median: {}, min: {}, max: {}, skipped: `skipped: ${REDIS} not installed` }];
  }
  ctx.log(`queue: ${reps} replications, local pool vs queue, ${pairs} pair(s)`);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const workers: ChildProcess[] = [];
  const pool = createRunPool({ workers: 2 });
  const timed = async (seed: number, queue: boolean): Promise<number> => {
    const outDir = mkdtempSync(join(tmpdir(), 'relaysim-bench-queue-'));
    try {
      const t0 = performance.now();
      const r = await runBatch({ file: SCENARIO, sets: SETS, reps, seed, outDir, ...(queue ? { queue: { url, log: () => {} } } : { pool }) });
      if (r.ran !== reps || r.failed) throw new Error(`queue bench: ${r.ran} ran, ${r.failed} failed of ${reps}`);
      return performance.now() - t0;
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  };
  try {
    for (let i = 0; spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG'; i++) {
      if (i > 200) throw new Error('queue bench: redis-server did not start');
      await sleep(50);
    }
    for (let i = 0; i < 2; i++) workers.push(spawn(process.execPath, ['bin/relaysim.mjs', 'worker', url, '--threads', '1', '--concurrency', '4'], { stdio: 'ignore' }));
    // Warm-up: threads started, scenario prepared, both workers serving.
    await timed(1, false);
    await timed(1, true);
    const runs: Record<string, number>[] = [];
    for (let i = 0; i < pairs; i++) {
      const local = await timed(100 + i, false), queued = await timed(100 + i, true);
      runs.push({ localMs: local, queueMs: queued, overheadMsPerRun: (queued - local) / reps, throughputRatio: local / queued });
      ctx.log(`  queue pair ${i + 1}/${pairs}: local ${local.toFixed(0)} ms, queue ${queued.toFixed(0)} ms`);
    }
    return [{ case: 'queue', id, params, ...summarize(runs), note: 'overhead = (queue - local) batch wall per run; throughputRatio = local wall / queue wall' }];
  } finally {
    await pool.close();
    for (const w of workers) w.kill('SIGTERM');
    await sleep(500);
    redis.kill('SIGKILL');
  }
}
