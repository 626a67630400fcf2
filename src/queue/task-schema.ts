import { z } from 'zod';
import { contentHash } from '../batch/scenario-content.js';
import type { Task } from '../batch/task-spec.js';

/**
 * What a worker accepts as a job: main's Task (plain JSON: the parsed scenario and its referenced files),
 * sized so that one job cannot exhaust a worker. Anything else is refused before it is looked at further.
 */
export const TaskSchema = z.strictObject({
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/),
  sets: z.array(z.string().max(1024 * 1024)).max(10_000),
  seed: z.number().int(),
  content: z.strictObject({
    name: z.string().max(4096),
    raw: z.unknown(),
    files: z.record(z.string().max(4096), z.unknown()),
  }),
});

/** Parses a job and checks its content is the one its hash names. Throws Error with a reason. */
export function parseTask(data: unknown): Task {
  const parsed = TaskSchema.safeParse(data);
  if (!parsed.success) throw new Error('not a relaysim task');
  const task = parsed.data as Task;
  if (contentHash(task.content) !== task.scenarioHash) throw new Error('the scenario does not match its hash');
  return task;
}
