import type { Sweep } from './grid.js';
import type { RunPool } from './pool.js';
import type { Shard } from './shard.js';

// The options of runBatch, in a module of its own so that prepare.ts reads them without importing run-batch.ts.
export interface BatchOptions {
  file: string;
  sets?: string[];
  sweeps?: Sweep[];
  /** Replications per grid point (with `untilCi`: the first round). */
  reps: number;
  /** Base seed; replication r of every point runs with `repSeed(seed, r)`. Default: the scenario's. */
  seed?: number;
  /** At most this many worker threads (default: the machine's cores); fewer, or none, for a small batch. Ignored when `pool` is given. */
  workers?: number;
  outDir?: string;
  /** Sequential precision: add replications per point until this metric's 95 % half-width < target. */
  untilCi?: { metric: string; halfWidth: number };
  maxReps?: number;
  /** The scenario may name files outside its folder (`--allow-outside-paths`). */
  allowOutsidePaths?: boolean;
  /** Cap on each point's expected shipments (default DEFAULT_MAX_SHIPMENTS). */
  maxShipments?: number;
  /** Run again the runs recorded as failed (default: keep them, as for any finished run). */
  retryFailed?: boolean;
  /** A pool to use (and leave open); default: one made and closed here. */
  pool?: RunPool;
  /** Run on a BullMQ queue (`relaysim worker` processes) instead of a local pool. */
  queue?: { url: string; onWorkers?: (n: number | null) => void; log?: (line: string) => void; waitMs?: number };
  /** Run only the runs of this shard (a hash of the run key); `relaysim merge` combines the shards' directories. */
  shard?: Shard;
  /** Abort: submit nothing more, let runs in flight finish, write what finished. */
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

export interface Progress {
  done: number; total: number; ran: number; failed: number;
  /** Where the runs go: "inline (...)" or "N workers (...)" (a sized pool's choice). */
  runner?: string;
  /** With a queue: workers serving it (null: Redis would not say); set by the caller, not by runBatch. */
  workers?: number | null;
}
