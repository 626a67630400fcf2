import { createHash } from 'node:crypto';
import type { TaskSpec } from '../batch/task-spec.js';

/** Redis set of the queues submitters have work on: how a worker finds them. */
export const REGISTRY_KEY = 'relaysim:queues';

/** Where a submitter says it listed a queue, so workers serve it at once rather than at their next poll. */
export const REGISTRY_CHANNEL = 'relaysim:queues:listed';

export type QueueKind = 'batch' | 'place';

/** A batch's (or placement's) own queue: its name holds the key of what is run, so batches never mix. */
export const queueName = (kind: QueueKind, key: string): string => `relaysim-${kind}-${key}`;

/** What a worker agrees to serve: a queue name `queueName` could have made. */
export const isQueueName = (name: string): boolean => /^relaysim-(batch|place)-[0-9a-f]{16}$/.test(name);

/**
 * A job's id: a hash of what it computes. Two submitters of the same run add one job (BullMQ keeps the
 * first), and a resumed submitter finds the result of a run that finished while it was away.
 */
export const jobId = (spec: TaskSpec): string =>
  `r${createHash('sha256').update(JSON.stringify([spec.scenarioHash, spec.sets, spec.seed])).digest('hex').slice(0, 40)}`;

/** A 16-hex key of a JSON value (a batch's identity in its queue name). */
export const keyOf = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex').slice(0, 16);
