import { Queue, QueueEvents } from 'bullmq';
import type { RunPool } from '../batch/pool.js';
import type { Task, TaskOutcome as RunOutcome } from '../batch/task-spec.js';
import { InputError } from '../scenario/errors.js';
import { jobId, queueName, REGISTRY_CHANNEL, REGISTRY_KEY, type QueueKind } from './names.js';
import { checkRedisUrl, connectRedis, probeRedis, redactUrl } from './redis.js';

export interface QueuePoolOptions {
  /** redis://[:PASSWORD@]HOST:PORT[/DB] or rediss://... */
  url: string;
  kind: QueueKind;
  /** The batch key (16 hex): the queue is `relaysim-KIND-KEY`. */
  key: string;
  /** Runs on the queue at once (default 1000): enough for many workers, few enough to stop soon on Ctrl-C. */
  inFlight?: number;
  /** Called about once a second with the number of workers serving the queue (null: Redis would not say). */
  onWorkers?: (n: number | null) => void;
  /** A line for the user (connection lost, back). */
  log?: (line: string) => void;
  /** After a connection loss, how long to wait for Redis before giving up (default 60 s). */
  waitMs?: number;
  /** How long finished jobs stay in Redis for a resumed or second submitter (default 24 h). */
  keepSeconds?: number;
}

export interface QueuePool extends RunPool { readonly queueName: string }

/**
 * A RunPool whose runs are BullMQ jobs on the batch's own queue, done by `relaysim worker` processes
 * anywhere. A job carries a task spec (scenario content, its hash, sets, seed), its id is a hash of that,
 * so a run submitted twice (a second submitter, a resume) is one job. `run` resolves as the local pool's
 * does; it rejects only when the queue itself is lost (Redis restarted, or gone longer than `waitMs`),
 * with an InputError that says how to resume.
 */
export async function openQueuePool(o: QueuePoolOptions): Promise<QueuePool> {
  checkRedisUrl(o.url, '--queue');
  const runId = await probeRedis(o.url, '--queue');
  const where = redactUrl(o.url);
  const name = queueName(o.kind, o.key);
  const log = o.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const conn = connectRedis(o.url);
  const queue = new Queue<Task, RunOutcome>(name, { connection: conn });
  // Completions are read from the event stream's end as it is now, not from wherever it is when the
  // reader's first XREAD happens to run: workers that already serve this queue (a resumed batch) finish a
  // job in milliseconds, and a completion written before that first read was missed, so the batch waited
  // forever for its last runs. (Job.waitUntilFinished's own check runs before the read has started.)
  const [lastEvent] = await conn.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
  const eventsConn = connectRedis(o.url);
  const events = new QueueEvents(name, { connection: eventsConn, lastEventId: lastEvent?.[0] ?? '0-0' });
  // A lost connection is reported below, once, rather than as an error per client and retry.
  conn.on('error', () => {});
  eventsConn.on('error', () => {});
  queue.on('error', () => {});
  queue.setMaxListeners(0); // one listener per job waited on
  events.setMaxListeners(0);
  events.on('error', () => {});
  const keep = o.keepSeconds ?? 24 * 3600;
  const inflight = new Map<string, Promise<RunOutcome>>();

  let fatal: InputError | null = null;
  let rejectLost: (e: Error) => void = () => {};
  const lost = new Promise<never>((_, reject) => { rejectLost = reject; });
  lost.catch(() => {});
  const fail = (detail: string) => {
    if (fatal) return;
    fatal = new InputError('--queue', '', `${detail}; the runs that finished are kept: run the same command again to resume`);
    rejectLost(fatal);
  };

  let lostAt: number | null = null, closing = false, giveUp: NodeJS.Timeout | undefined;
  conn.on('close', () => {
    if (closing || lostAt !== null) return;
    lostAt = Date.now();
    const waitMs = o.waitMs ?? 60_000;
    log(`queue: lost the connection to Redis at ${where}; waiting up to ${Math.round(waitMs / 1000)} s for it`);
    giveUp = setTimeout(() => fail(`Redis at ${where} has been unreachable for ${Math.round(waitMs / 1000)} s`), waitMs);
  });
  conn.on('ready', () => {
    if (lostAt === null) return;
    clearTimeout(giveUp);
    lostAt = null;
    conn.info('server').then((info) => {
      if ((/run_id:(\w+)/.exec(info)?.[1] ?? '') !== runId) fail(`Redis at ${where} restarted while this ran, and a restarted Redis may have lost the queue`);
      else log(`queue: Redis at ${where} is back`);
    }, () => {});
  });

  await queue.waitUntilReady();
  await conn.sadd(REGISTRY_KEY, name);
  await conn.publish(REGISTRY_CHANNEL, name);
  // One count at a time; callers that come while one is out share it.
  let counted: number | null = null, counting: Promise<void> | null = null;
  const countWorkers = () => counting ??= queue.getWorkersCount().then(
    (n) => { counted = n; o.onWorkers?.(n); },
    () => { counted = null; o.onWorkers?.(null); },
  ).finally(() => { counting = null; });
  // Once now, not only after a second: a short batch on warm workers may be over by then.
  await countWorkers();
  const tick = setInterval(() => {
    if (lostAt !== null || fatal) return;
    if (inflight.size) conn.sadd(REGISTRY_KEY, name).catch(() => {});
    void countWorkers();
  }, 1000);
  tick.unref();

  const submit = async (spec: Task, id: string): Promise<RunOutcome> => {
    try {
      const job = await Promise.race([queue.add('run', spec, { jobId: id, attempts: 1, removeOnComplete: { age: keep }, removeOnFail: { age: keep } }), lost]);
      const out = await Promise.race([job.waitUntilFinished(events), lost]) as unknown;
      // Workers begin serving a new queue up to a second after it is listed, so the first count is
      // often 0; a finished job proves one serves it, so count again before the progress line says 0.
      if (counted === 0) await countWorkers();
      return isOutcome(out) ? out : { ok: false, error: 'worker returned something other than a run outcome' };
    } catch (err) {
      if (fatal) throw fatal;
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };

  const shut = async (wait: boolean) => {
    if (wait && !fatal) await Promise.allSettled([...inflight.values()]);
    clearInterval(tick);
    clearTimeout(giveUp);
    closing = true;
    if (!fatal && lostAt === null) {
      // The last submitter out takes the queue off the list workers serve; a later one puts it back.
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized').catch(() => null);
      if (counts && Object.values(counts).every((n) => n === 0)) await conn.srem(REGISTRY_KEY, name).catch(() => {});
    }
    // Closing waits on Redis: bounded, so a lost Redis cannot keep the process from exiting.
    await Promise.race([Promise.allSettled([events.close(), queue.close()]), new Promise((r) => setTimeout(r, 2000).unref())]);
    // BullMQ leaves connections it was given open.
    eventsConn.disconnect();
    conn.disconnect();
  };

  return {
    queueName: name,
    workers: 1,
    inFlight: o.inFlight ?? 1000,
    run(task) {
      if (fatal) return Promise.reject(fatal);
      const spec = task;
      const id = jobId(spec);
      let p = inflight.get(id);
      if (!p) {
        p = submit(spec, id).finally(() => inflight.delete(id));
        inflight.set(id, p);
      }
      return p;
    },
    close: () => shut(true),
    destroy: () => shut(false),
  };
}

function isOutcome(x: unknown): x is RunOutcome {
  const o = x as { ok?: unknown; summary?: unknown; error?: unknown } | null;
  return o !== null && typeof o === 'object' && ((o.ok === true && typeof o.summary === 'object' && o.summary !== null) || (o.ok === false && typeof o.error === 'string'));
}
