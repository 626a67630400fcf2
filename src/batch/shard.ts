import { createHash } from 'node:crypto';
import { InputError } from '../scenario/errors.js';

/** Shard I of N (1-based), as `--shard I/N` gives it. */
export interface Shard { index: number; count: number }

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN, count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count) throw new InputError('--shard', '', `expected I/N with 1 <= I <= N, got ${JSON.stringify(text)}`);
  return { index, count };
}

/**
 * The shard (1..count) a run belongs to: a hash of its run key, so every machine of a cluster agrees on it
 * without talking to the others, and a run's shard does not depend on the size of the batch.
 */
export function shardOf(runKey: string, count: number): number {
  return (createHash('sha256').update(runKey).digest().readUInt32BE(0) % count) + 1;
}
