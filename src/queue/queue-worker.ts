import { availableParallelism, hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRunPool, type TaskOutcome } from '../batch/pool.js';
import { parseTask } from './task-schema.js';
import { isQueueName, REGISTRY_CHANNEL, REGISTRY_KEY } from './names.js';
import { checkRedisUrl, connectRedis, probeRedis, redactUrl } from './redis.js';

/**
 * Finishes the jobs in hand (or, forced, drops them), then the connection (BullMQ leaves connections it was
 * given open).
 */
async function closeServing(s: { worker: Worker; conn: Redis }, force = false): Promise<void> {
  await s.worker.close(force).catch(() => {});
  s.conn.disconnect();
}

export interface QueueWorkerOptions {
  url: string;
  /** Piscina threads (default: the machine's cores). */
  threads?: number;
  /** Jobs taken at once per queue (default: 2 x threads, so a thread never waits on Redis). */
  concurrency?: number;
  /** A job whose worker has not renewed its lock for this long is handed to another worker (default 30 s). */
  stallMs?: number;
  log?: (line: string) => void;
  /** Stop: take no more jobs, finish those in hand, then resolve. */
  signal?: AbortSignal;
  /** The pool's worker entry (default workers/run-task.mjs; tests give one that injects failures). */
  entry?: string;
}

/**
 * `relaysim worker`: serves every relaysim queue listed in Redis, running each job's task spec on its own
 * Piscina pool with the ordinary task runner. A job is data only: it is checked against the task-spec
 * schema and its content's hash (the referenced files travel in the job, so nothing is written to disk), and
 * nothing in it is ever run as code. Resolves when `signal` aborts and the jobs in hand are done.
 */
export async function runQueueWorker(o: QueueWorkerOptions): Promise<void> {
  checkRedisUrl(o.url, 'worker');
  let runId = await probeRedis(o.url, 'worker');
  const where = redactUrl(o.url);
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const threads = o.threads ?? availableParallelism();
  const concurrency = o.concurrency ?? 2 * threads;
  const stallMs = o.stallMs ?? 30_000;
  const pool = createRunPool({ workers: threads, entry: o.entry });
  const conn = connectRedis(o.url);
  let lost = false;
  conn.on('error', () => {});
  conn.on('close', () => { if (!lost && !o.signal?.aborted) { lost = true; log(`worker: lost the connection to Redis at ${where}; waiting for it`); } });
  conn.on('ready', () => {
    if (!lost) return;
    lost = false;
    conn.info('server').then((info) => {
      const now = /run_id:(\w+)/.exec(info)?.[1] ?? '';
      if (now === runId) log(`worker: Redis at ${where} is back`);
      else {
        runId = now;
        log(`worker: Redis at ${where} restarted; serving its queues afresh`);
        renew().catch(() => {});
      }
    }, () => {});
  });

  const processor = async (job: Job): Promise<TaskOutcome> => {
    let task;
    try {
      task = parseTask(job.data);
    } catch (err) {
      throw new UnrecoverableError(`job ${job.id}: ${(err as Error).message}; refused`);
    }
    return pool.run(task);
  };

  const serving = new Map<string, { worker: Worker; conn: Redis }>();
  const serve = (name: string) => {
    const wconn = connectRedis(o.url);
    wconn.on('error', () => {});
    const w = new Worker(name, processor, {
      connection: wconn, concurrency, lockDuration: stallMs, stalledInterval: stallMs, maxStalledCount: 2,
      name: `${hostname()}:${process.pid}`,
    });
    w.on('error', () => {}); // connection errors: reported once, on `conn`
    serving.set(name, { worker: w, conn: wconn });
    log(`worker: serving ${name} (${threads} thread(s), ${concurrency} job(s) at once)`);
  };
  const syncOnce = async () => {
    const names = new Set((await conn.smembers(REGISTRY_KEY)).filter(isQueueName));
    for (const n of names) if (!serving.has(n)) serve(n);
    for (const [n, s] of serving) {
      if (names.has(n)) continue;
      serving.delete(n);
      void closeServing(s);
    }
  };
  // A BullMQ Worker that lived through a Redis restart may never finish closing (the jobs it held went
  // with the old Redis), and kept this process alive after SIGTERM: each queue gets a new Worker and the
  // old one is closed without waiting for its jobs.
  const retired: Promise<void>[] = [];
  const renewOnce = async () => {
    for (const [n, s] of serving) {
      serving.delete(n);
      retired.push(closeServing(s, true));
    }
    await syncOnce();
  };
  // One at a time: two overlapping syncs could both find a queue unserved and serve it twice.
  let syncing: Promise<void> = Promise.resolve();
  const sync = () => (syncing = syncing.then(syncOnce, syncOnce));
  const renew = () => (syncing = syncing.then(renewOnce, renewOnce));
  await sync();
  // A subscribed connection can do nothing else, hence its own. The poll stays for queues taken off the
  // list and for a notice missed while the connection was down.
  const listen = connectRedis(o.url);
  listen.on('error', () => {});
  listen.on('message', () => { if (!lost) sync().catch(() => {}); });
  await listen.subscribe(REGISTRY_CHANNEL);
  log(`worker: connected to ${where}${serving.size ? '' : '; waiting for a batch'}`);
  const tick = setInterval(() => { if (!lost) sync().catch(() => {}); }, 1000);
  try {
    await new Promise<void>((resolve) => {
      if (o.signal?.aborted) resolve();
      o.signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    clearInterval(tick);
    await Promise.allSettled([...serving.values()].map((s) => closeServing(s)).concat(retired));
    await pool.close();
    listen.disconnect();
    await conn.quit().catch(() => conn.disconnect());
  }
}
