// `batch --queue` / `place --queue` with `relaysim worker` processes on a real Redis (Debian's redis-server),
// started here on a loopback port of its own with no persistence, and stopped at the end.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REGISTRY_KEY } from '../src/queue/names.js';
import { connectRedis } from '../src/queue/redis.js';
import { parseSweep } from '../src/batch/grid.js';
import { createRunPool } from '../src/batch/pool.js';
import { runBatch } from '../src/batch/run-batch.js';
import { repSeed } from '../src/batch/seeds.js';
import { runLines } from './batch-helpers.js';

const ARGS = ['scenarios/reference/mmc.json', '--reps', '10', '--sweep', 'checkpoints.gate.lanes=4,5', '--set', 'horizonMin=2000', '--seed', '8'];
// Workers whose threads fail the runs of one seed (test/fixtures/faulty-queue-worker.mjs), against a
// local batch on a pool with the same failing entry.
const FAIL_SEED = repSeed(8, 2);
const FAIL_ENV = { ...process.env, RELAYSIM_TEST_FAIL_SEED: String(FAIL_SEED) };
const FIXTURES = join(import.meta.dirname, 'fixtures');
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-queue-'));
const read = (dir: string, f: string) => readFileSync(join(dir, f), 'utf8');
const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

let port = 0, redis: ChildProcess | null = null, url = '';
const children: ChildProcess[] = [];

async function startRedis(): Promise<void> {
  redis = spawn('/usr/bin/redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG') return;
    await sleep(50);
  }
  throw new Error('redis-server did not start');
}
async function stopRedis(): Promise<void> {
  if (!redis || redis.exitCode !== null) return;
  const r = redis;
  const gone = new Promise((res) => r.on('exit', res));
  r.kill('SIGKILL');
  await gone;
}

function relaysim(args: string[], env: NodeJS.ProcessEnv = process.env, script = 'bin/relaysim.mjs'): ChildProcess & { out: () => string } {
  const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  child.stdout!.on('data', (d) => { out += d; });
  child.stderr!.on('data', (d) => { out += d; });
  children.push(child);
  return Object.assign(child, { out: () => out });
}
const exitOf = (c: ChildProcess) => new Promise<number | string | null>((res) => {
  if (c.exitCode !== null || c.signalCode !== null) res(c.exitCode ?? c.signalCode);
  else c.on('exit', (code, sig) => res(code ?? sig));
});
const worker = () => relaysim(['worker', url, '--threads', '1', '--concurrency', '2', '--stall-seconds', '2']);
/** A worker as above whose threads fail the runs of FAIL_SEED. */
const faultyWorker = () => relaysim([url], FAIL_ENV, join(FIXTURES, 'faulty-queue-worker.mjs'));
/** Its exit, or a clear failure after `ms` (a hang would otherwise show only as the test's own timeout). */
async function exitWithin(c: ChildProcess & { out: () => string }, what: string, ms = 90_000) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not exit within ${ms / 1000} s; it printed:\n${c.out()}`)), ms); });
  try {
    return await Promise.race([exitOf(c), late]);
  } finally {
    clearTimeout(timer);
  }
}
async function stop(ws: (ChildProcess & { out: () => string })[]) {
  await Promise.all(ws.map((w) => { w.kill('SIGTERM'); return exitWithin(w, 'a worker sent SIGTERM', 30_000); }));
}
async function until(what: string, ok: () => boolean, ms = 60_000) {
  for (const t0 = Date.now(); !ok(); await sleep(50)) if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
}
/** The jobs of the one batch queue in Redis, in `state` (the queue is named after the batch key). */
async function batchJobs(state: 'completed') {
  const c = connectRedis(url);
  const names = await c.keys('bull:relaysim-batch-*:meta');
  expect(names).toHaveLength(1);
  const q = new Queue(names[0].split(':')[1], { connection: c });
  try {
    return await q.getJobs([state]);
  } finally {
    await q.close();
    c.disconnect();
  }
}
async function flush() {
  const c = connectRedis(url);
  await c.flushall();
  c.disconnect();
}

/** The local batch, for reference. */
let local = '';

beforeAll(async () => {
  port = await freePort();
  url = `redis://127.0.0.1:${port}`;
  await startRedis();
  local = tmp();
  const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'batch', ...ARGS, '--workers', '1', '--quiet', '--out', local], { encoding: 'utf8', env: FAIL_ENV });
  expect(r.status, r.stderr).toBe(0);
});

// Whatever a test left running (it failed before stopping its workers) must not serve the next one's jobs.
afterEach(async () => {
  const alive = children.splice(0).filter((c) => c.exitCode === null && c.signalCode === null);
  await Promise.all(alive.map((c) => { c.kill('SIGKILL'); return exitOf(c); }));
});

afterAll(stopRedis);

describe('batch --queue with 2 worker processes', () => {
  it('writes the batch.json and batch.csv of the local run, two submitters of one batch share its jobs', async () => {
    await flush();
    const ws = [worker(), worker()];
    // Both connected before the batch is listed, so both serve it: on a loaded machine a worker still
    // starting could miss a short batch, and the progress line would rightly say 1 worker.
    await until('both workers to connect', () => ws.every((w) => /worker: connected to/.test(w.out())));
    const a = tmp(), b = tmp();
    const subA = relaysim(['batch', ...ARGS, '--queue', url, '--out', a]);
    const subB = relaysim(['batch', ...ARGS, '--queue', url, '--out', b, '--quiet']);
    expect(await exitOf(subA), subA.out()).toBe(0);
    expect(await exitOf(subB), subB.out()).toBe(0);
    expect(subA.out()).toMatch(/2 workers/); // the live worker count, in the progress lines
    for (const dir of [a, b]) {
      expect(read(dir, 'batch.json')).toBe(read(local, 'batch.json'));
      expect(read(dir, 'batch.csv')).toBe(read(local, 'batch.csv'));
      expect(runLines(dir)).toEqual(runLines(local));
    }
    const batch = JSON.parse(read(a, 'batch.json'));
    expect(batch.points.map((p: { n: number; failed: number }) => [p.n, p.failed])).toEqual([[10, 0], [10, 0]]);
    // One job per run, though two submitters asked for each: the queue is named after the batch key.
    expect(await batchJobs('completed')).toHaveLength(20);
    await stop(ws);
  });

  it('a worker SIGKILLed mid-batch loses nothing: its jobs are retried as stalled and each run is recorded once', async () => {
    await flush();
    const dir = tmp();
    const first = worker();
    const sub = relaysim(['batch', ...ARGS, '--queue', url, '--out', dir, '--quiet']);
    await until('3 runs', () => lineCount(join(dir, 'runs.jsonl')) >= 3);
    first.kill('SIGKILL');
    expect(await exitOf(first)).toBe('SIGKILL');
    const n = lineCount(join(dir, 'runs.jsonl'));
    expect(n).toBeLessThan(20);
    const second = [worker(), worker()];
    expect(await exitOf(sub), sub.out()).toBe(0);
    expect(lineCount(join(dir, 'runs.jsonl'))).toBe(20); // each run once
    expect(runLines(dir)).toEqual(runLines(local));
    expect(read(dir, 'batch.json')).toBe(read(local, 'batch.json'));
    // The jobs the killed worker held came back through stalled-job handling.
    const jobs = await batchJobs('completed');
    expect(jobs).toHaveLength(20);
    expect(jobs.some((j) => j.stalledCounter > 0 || j.attemptsStarted > 1)).toBe(true);
    await stop(second);
  });

  it('resumes after the submitter is killed: runs finished meanwhile are collected, none run twice in runs.jsonl', async () => {
    await flush();
    const dir = tmp();
    const ws = [worker(), worker()];
    const sub = relaysim(['batch', ...ARGS, '--queue', url, '--out', dir, '--quiet']);
    await until('2 runs', () => lineCount(join(dir, 'runs.jsonl')) >= 2);
    sub.kill('SIGKILL');
    await exitOf(sub);
    expect(lineCount(join(dir, 'runs.jsonl'))).toBeLessThan(20);
    const again = relaysim(['batch', ...ARGS, '--queue', url, '--out', dir]);
    expect(await exitOf(again), again.out()).toBe(0);
    expect(again.out()).toMatch(/already in runs\.jsonl/);
    expect(runLines(dir)).toEqual(runLines(local));
    expect(read(dir, 'batch.json')).toBe(read(local, 'batch.json'));
    await stop(ws);
  });

  it('a run that fails on a worker is recorded as the local pool records it', async () => {
    await flush();
    // The local reference: this batch in this process, on a pool whose threads fail FAIL_SEED's runs
    // (threads copy the environment when they start).
    const mine = tmp();
    process.env.RELAYSIM_TEST_FAIL_SEED = String(FAIL_SEED);
    const pool = createRunPool({ workers: 1, entry: join(FIXTURES, 'faulty-run-task.mjs') });
    delete process.env.RELAYSIM_TEST_FAIL_SEED;
    try {
      await runBatch({ file: ARGS[0], sets: ['horizonMin=2000'], sweeps: [parseSweep('checkpoints.gate.lanes=4,5')], reps: 10, seed: 8, pool, outDir: mine });
    } finally {
      await pool.close();
    }
    const ws = [faultyWorker(), faultyWorker()];
    const dir = tmp();
    const sub = relaysim(['batch', ...ARGS, '--queue', url, '--out', dir, '--quiet']);
    expect(await exitOf(sub), sub.out()).toBe(0);
    const batch = JSON.parse(read(dir, 'batch.json'));
    expect(batch.points.map((p: { n: number; failed: number }) => [p.n, p.failed])).toEqual([[9, 1], [9, 1]]);
    const failed = runLines(dir).map((l) => JSON.parse(l)).filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.seed)).toEqual([FAIL_SEED, FAIL_SEED]);
    expect(failed[0].error).toMatch(/test failure injected for seed/);
    expect(runLines(dir)).toEqual(runLines(mine));
    expect(read(dir, 'batch.json')).toBe(read(mine, 'batch.json'));
    expect(read(dir, 'batch.csv')).toBe(read(mine, 'batch.csv'));
    await stop(ws);
  });

  it('a worker refuses a job that is not a relaysim task spec, and goes on', async () => {
    await flush();
    const w = worker();
    const c = connectRedis(url);
    const name = 'relaysim-batch-0123456789abcdef';
    await c.sadd(REGISTRY_KEY, name);
    const q = new Queue(name, { connection: c });
    const job = await q.add('run', { code: 'require("child_process").execSync("touch /tmp/pwned")' });
    for (let i = 0; i < 200 && !(await job.isFailed()); i++) await sleep(50);
    expect(await job.isFailed()).toBe(true);
    const failed = await q.getJob(job.id!);
    expect(failed?.failedReason).toMatch(/not a relaysim task/);
    expect(w.exitCode).toBe(null);
    await q.close();
    c.disconnect();
    await stop([w]);
  });

  it('Redis unreachable at start: exit 2 with a clear message, nothing written; Redis restarting mid-batch: exit 2 saying how to resume', async () => {
    const dead = `redis://127.0.0.1:${await freePort()}`;
    const out = join(tmp(), 'o');
    for (const args of [['batch', ...ARGS, '--queue', dead, '--out', out], ['worker', dead]]) {
      const r = spawnSync(process.execPath, ['bin/relaysim.mjs', ...args], { encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    }
    expect(existsSync(out)).toBe(false);
    const bad = spawnSync(process.execPath, ['bin/relaysim.mjs', 'batch', ...ARGS, '--queue', 'http://x:1', '--out', out], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--queue: expected a redis:\/\/ or rediss:\/\/ URL/);

    await flush();
    const dir = tmp();
    const ws = [worker(), worker()];
    const sub = relaysim(['batch', ...ARGS, '--reps', '100', '--queue', url, '--out', dir]);
    await until('2 runs', () => lineCount(join(dir, 'runs.jsonl')) >= 2);
    await stopRedis();
    await until('the lost-connection message', () => /lost the connection to Redis/.test(sub.out()));
    await startRedis();
    expect(await exitWithin(sub, 'the submitter')).toBe(2);
    expect(sub.out()).toMatch(/restarted while this ran.*run the same command again to resume/);
    // The workers waited for Redis and serve it again with new BullMQ workers; they already serve the
    // queue, so its first jobs finish within milliseconds of being added: the resumed submitter must
    // not miss their completions (it once waited forever for a few of them).
    await until('the workers to see the restart', () => ws.every((w) => /restarted; serving its queues afresh/.test(w.out())));
    const resumed = relaysim(['batch', ...ARGS, '--reps', '100', '--queue', url, '--out', dir, '--quiet']);
    expect(await exitWithin(resumed, 'the resumed submitter'), resumed.out()).toBe(0);
    expect(lineCount(join(dir, 'runs.jsonl'))).toBe(200);
    await stop(ws); // workers that lived through the restart still stop on SIGTERM
  });
});

describe('place --queue', () => {
  it('gives the placement of the local run', async () => {
    await flush();
    const ws = [worker(), worker()];
    const q = tmp(), l = tmp();
    const args = ['place', 'test/fixtures/place-line/line.json', '--k', '2', '--no-html', '--quiet'];
    const sub = relaysim([...args, '--queue', url, '--out', q]);
    expect(await exitOf(sub), sub.out()).toBe(0);
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', ...args, '--workers', '1', '--out', l], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const answer = (dir: string) => {
      const p = JSON.parse(read(dir, 'placement.json'));
      delete p.wallMs;
      delete p.workers;
      return p;
    };
    expect(answer(q)).toEqual(answer(l));
    expect(read(q, 'placement.csv')).toBe(read(l, 'placement.csv'));
    await stop(ws);
  });
});
