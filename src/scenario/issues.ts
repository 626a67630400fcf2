import type { z } from 'zod';
import { describeValue, formatPath } from './errors.js';

/** The first zod issue as `{ path, message }`, with the offending value appended to the message. */
export function firstIssue(error: z.ZodError, input: unknown): { path: string; message: string } {
  const issue = error.issues[0];
  const path = [...issue.path] as PropertyKey[];
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as { keys: string[] }).keys;
    return { path: formatPath([...path, keys[0]]), message: `unknown field (misspelt? see the scenario format)` };
  }
  const value = valueAt(input, path);
  return { path: formatPath(path), message: `${issue.message}, got ${describeValue(value)}` };
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let here: unknown = input;
  for (const key of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<PropertyKey, unknown>)[key];
  }
  return here;
}
