import { createHash } from 'node:crypto';
import { dirname, relative, resolve, sep } from 'node:path';
import { readJsonFile } from '../scenario/geojson.js';
import { InputError } from '../scenario/errors.js';
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

/** Reads a scenario file and the files it references, and hashes the lot (sha256 of its JSON). */
export function readScenarioContent(file: string): { content: ScenarioContent; hash: string } {
  const raw = readScenarioFile(file), dir = dirname(resolve(file));
  const files: Record<string, unknown> = {};
  for (const rel of referencedFiles(raw)) files[normal(rel)] = readJsonFile(resolve(dir, rel));
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
  return validateScenario(content.raw, content.name, ROOT, sets, read);
}

/** Paths the scenario names: network.geojson and zone polygons given as file names. */
function referencedFiles(raw: unknown): string[] {
  const r = raw as { network?: { geojson?: unknown }; zones?: { polygon?: unknown }[] } | null;
  const out: string[] = [];
  if (typeof r?.network?.geojson === 'string') out.push(r.network.geojson);
  if (Array.isArray(r?.zones)) for (const z of r.zones) if (typeof z?.polygon === 'string') out.push(z.polygon);
  return out;
}

const normal = (rel: string) => rel.split(sep).join('/').replace(/^\.\//, '');
