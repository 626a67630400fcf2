import { createHash } from 'node:crypto';
import { dirname, relative, resolve, sep } from 'node:path';
import { readJsonFile } from '../scenario/geojson.js';
import { InputError } from '../scenario/errors.js';
import { scenarioPath } from '../scenario/file-paths.js';
import { readScenarioFile, validateScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';

/**
 * A scenario as data: the parsed scenario file and every file it references (network GeoJSON, zone
 * polygon files), keyed by their path relative to the scenario's directory. Validating it reads no
 * file, so it can run in a worker thread or on another machine, and its hash names it there.
 */
export interface ScenarioContent {
  /** The scenario file as the user named it: for messages only. */
  name: string;
  raw: unknown;
  files: Record<string, unknown>;
}

/**
 * Reads a scenario file and the files it references, and hashes the lot (sha256 of its JSON). Those
 * files must lie in the scenario's folder unless `allowOutsidePaths` (the check is made here, where the
 * disk is read; a task's content is then looked up only in itself).
 */
export function readScenarioContent(file: string, allowOutsidePaths = false): { content: ScenarioContent; hash: string } {
  const raw = readScenarioFile(file), dir = dirname(resolve(file));
  const files: Record<string, unknown> = {};
  for (const { rel, field } of referencedFiles(raw)) files[keyOf(rel)] = readJsonFile(scenarioPath(dir, rel, file, field, allowOutsidePaths));
  const content: ScenarioContent = { name: file, raw, files };
  return { content, hash: contentHash(content) };
}

/** The hash a task carries: of the scenario and its referenced files, not of its name or location. */
export function contentHash(content: ScenarioContent): string {
  return createHash('sha256').update(JSON.stringify([content.raw, content.files])).digest('hex');
}

// A root no real directory is at: paths resolve against it only to be looked up in `files`.
const ROOT = resolve('/', 'relaysim-scenario-content');

/** Applies `sets` and validates, reading referenced files from the content alone. Throws InputError. */
export function validateContent(content: ScenarioContent, sets: readonly string[]): Scenario {
  const read = (path: string) => {
    const key = normal(relative(ROOT, path));
    if (!(key in content.files)) throw new InputError(content.name, '', `references ${key}, which is not in the scenario content (was it named by a --set?)`);
    return content.files[key];
  };
  // Paths were confined when the content was read from disk; here they only name entries of `files`.
  return validateScenario(content.raw, content.name, ROOT, sets, { read, allowOutsidePaths: true });
}

/** Paths the scenario names: network.geojson and zone polygons given as file names. */
function referencedFiles(raw: unknown): { rel: string; field: string }[] {
  const r = raw as { network?: { geojson?: unknown }; zones?: { polygon?: unknown }[] } | null;
  const out: { rel: string; field: string }[] = [];
  if (typeof r?.network?.geojson === 'string') out.push({ rel: r.network.geojson, field: 'network.geojson' });
  if (Array.isArray(r?.zones)) r.zones.forEach((z, i) => { if (typeof z?.polygon === 'string') out.push({ rel: z.polygon, field: `zones[${i}].polygon` }); });
  return out;
}

/** The key of a referenced path in `files`: as validateContent's reader will look it up. */
const keyOf = (rel: string) => normal(relative(ROOT, resolve(ROOT, rel)));

const normal = (rel: string) => rel.split(sep).join('/').replace(/^\.\//, '');
