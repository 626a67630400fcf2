import { createTaskMaker, type Runner } from '../place/runner.js';
import { openQueuePool } from './queue-pool.js';

/**
 * `place --queue`: the placement's runs as jobs on its own queue (`relaysim-place-CTX`, CTX the fingerprint
 * evaluations.jsonl is kept under), with the live worker count told through `log` when it changes.
 */
export async function openPlaceQueue(url: string, ctx: string, log: (line: string) => void): Promise<Runner> {
  let seen: number | null | undefined;
  const pool = await openQueuePool({
    url, kind: 'place', key: ctx, log,
    onWorkers: (n) => { if (n !== seen) { seen = n; log(`${n ?? '?'} worker(s) serving the queue`); } },
  });
  const task = createTaskMaker();
  return {
    workers: pool.workers,
    run: async (r) => {
      let t;
      try {
        t = task(r);
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      return pool.run(t);
    },
    close: () => pool.close(),
  };
}
