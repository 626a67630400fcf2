import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Scenario } from '../scenario/types.js';

const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/**
 * The id stamped into every output of a run: sha256 of (relaysim version, seed, validated scenario
 * content after --set, with its GeoJSON and polygons merged in), 16 hex digits. The same inputs give
 * the same id, and the same bytes; files whose ids differ come from different runs.
 */
export function runId(scenario: Scenario, seed: number): string {
  const content = { ...scenario, source: undefined };
  return createHash('sha256').update(JSON.stringify({ version: VERSION, seed, scenario: content })).digest('hex').slice(0, 16);
}

/** The run id at the start of a JSON output (`{"runId":"..."` or pretty-printed), read from its first bytes. */
export function leadingRunId(head: string): string | null {
  const m = /^\{\s*"runId":\s*"([0-9a-f]+)"/.exec(head);
  return m ? m[1] : null;
}
