// The queue's cost: a batch of short replications on the local pool (2 threads) vs on the Redis queue
// with 2 local `relaysim worker` processes (1 thread each), in alternating pairs (A, B, A, B, ...) so
// both see the same machine load. Reports the median wall times, the queue's overhead per run (ms of
// batch wall time) and the throughput ratio. Starts its own redis-server (no persistence) on a free
// loopback port. Usage: npx tsx bench/queue.ts [--reps N] [--pairs P]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBatch } from '../src/batch/run-batch.js';
import { createRunPool } from '../src/batch/pool.js';

const arg = (name: string, dflt: number) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : dflt; };
const REPS = arg('--reps', 240), PAIRS = arg('--pairs', 3);
const SCENARIO = 'scenarios/reference/mmc.json', SETS = ['horizonMin=300']; // a few ms per run: the overhead shows
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };

const port = await new Promise<number>((resolve) => { const s = createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as { port: number }).port; s.close(() => resolve(p)); }); });
const url = `redis://127.0.0.1:${port}`;
const redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
while (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() !== 'PONG') await sleep(50);
const workers: ChildProcess[] = [0, 1].map(() => spawn(process.execPath, ['bin/relaysim.mjs', 'worker', url, '--threads', '1', '--concurrency', '4'], { stdio: 'ignore' }));
const pool = createRunPool({ workers: 2 });

async function timed(seed: number, queue: boolean): Promise<number> {
  const outDir = mkdtempSync(join(tmpdir(), 'relaysim-bench-queue-'));
  try {
    const t0 = performance.now();
    const r = await runBatch({ file: SCENARIO, sets: SETS, reps: REPS, seed, outDir, ...(queue ? { queue: { url, log: () => {} } } : { pool }) });
    if (r.ran !== REPS || r.failed) throw new Error(`${r.ran} ran, ${r.failed} failed`);
    return performance.now() - t0;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

try {
  // Warm-up: threads started, tsx loaded, scenarios prepared, both workers serving.
  await timed(1, false);
  await timed(1, true);
  const local: number[] = [], queued: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    local.push(await timed(100 + i, false));
    queued.push(await timed(100 + i, true));
    process.stderr.write(`pair ${i + 1}: local ${local[i].toFixed(0)} ms, queue ${queued[i].toFixed(0)} ms\n`);
  }
  const ratios = local.map((l, i) => l / queued[i]);
  const result = {
    date: new Date().toISOString().slice(0, 10), cpu: cpus()[0]?.model, cores: cpus().length, reps: REPS, pairs: PAIRS, scenario: SCENARIO, sets: SETS,
    localMs: { median: median(local), all: local }, queueMs: { median: median(queued), all: queued },
    overheadMsPerRun: (median(queued) - median(local)) / REPS,
    throughputRatio: median(ratios),
  };
  mkdirSync('bench/results', { recursive: true });
  const base = `bench/results/${result.date}-queue`;
  writeFileSync(`${base}.json`, JSON.stringify(result, null, 2) + '\n');
  writeFileSync(`${base}.md`, `# Queue vs local pool (${result.date}, ${result.cpu}, ${result.cores} cores)\n\n` +
    `${REPS} replications of ${SCENARIO} (${SETS.join(' ')}), ${PAIRS} alternating pairs, medians.\n\n` +
    `| | wall (ms) | runs/s |\n|---|---:|---:|\n` +
    `| local pool, 2 threads | ${result.localMs.median.toFixed(0)} | ${(REPS / result.localMs.median * 1000).toFixed(0)} |\n` +
    `| queue, 2 workers x 1 thread | ${result.queueMs.median.toFixed(0)} | ${(REPS / result.queueMs.median * 1000).toFixed(0)} |\n\n` +
    `Queue overhead: ${result.overheadMsPerRun.toFixed(2)} ms of batch wall time per run; throughput ratio (queue/local) ${result.throughputRatio.toFixed(2)}.\n`);
  console.log(JSON.stringify(result, null, 2));
} finally {
  await pool.close();
  for (const w of workers) w.kill('SIGTERM');
  await sleep(500);
  redis.kill('SIGKILL');
}
