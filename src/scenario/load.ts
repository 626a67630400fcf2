import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { length } from '@turf/length';
import { lineString } from '@turf/helpers';
import { InputError } from './errors.js';
import { applySets } from './overrides.js';
import { ScenarioSchema } from './schema.js';
import { firstIssue } from './issues.js';
import { readJsonFile, readNetworkGeojson, readPolygonFile, type JsonReader } from './geojson.js';
import { checkReferences } from './references.js';
import { snapSites } from './snap-sites.js';
import type { Scenario, ZoneDef } from './types.js';

/** Reads a scenario file (JSON or YAML), applies `--set` overrides and validates it. Throws InputError. */
export function loadScenario(file: string, sets: readonly string[] = []): Scenario {
  return validateScenario(readScenarioFile(file), file, dirname(resolve(file)), sets);
}

export function readScenarioFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(file, '', `cannot read scenario file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const yaml = ['.yaml', '.yml'].includes(extname(file).toLowerCase());
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (err) {
    throw new InputError(file, '', `invalid ${yaml ? 'YAML' : 'JSON'}: ${(err as Error).message.split('\n')[0]}`);
  }
}

/**
 * Validates a scenario given as an object (from a file, or built in code by a benchmark or test).
 * `file` names it in messages; relative paths inside it resolve against `baseDir` and are read by `read`
 * (from disk unless the caller holds their content, as a batch task does).
 */
export function validateScenario(raw: unknown, file: string, baseDir = process.cwd(), sets: readonly string[] = [], read: JsonReader = readJsonFile): Scenario {
  const input = applySets(raw, sets, file);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new InputError(file, '', 'expected a JSON/YAML object');
  const res = ScenarioSchema.safeParse(input);
  if (!res.success) {
    const { path, message } = firstIssue(res.error, input);
    throw new InputError(file, path, message);
  }
  const p = res.data;
  const nodes = [...p.network.nodes];
  const edges = [...p.network.edges];
  const lengthKm = (coords: number[][]) => length(lineString(coords), { units: 'kilometers' });
  if (p.network.geojson) {
    const g = readNetworkGeojson(baseDir, p.network.geojson, lengthKm, p.network.detourFactor, read);
    nodes.push(...g.nodes);
    edges.push(...g.edges);
  }
  const zones: ZoneDef[] = p.zones.map((z) => ({ ...z, polygon: typeof z.polygon === 'string' ? readPolygonFile(baseDir, z.polygon, read).polygon : z.polygon }));
  const scenario: Scenario = {
    ...p,
    ...snapSites(p, nodes, file),
    network: { nodes, edges, detourFactor: p.network.detourFactor },
    zones,
    source: { file, sets: [...sets] },
  };
  checkReferences(scenario, file);
  return scenario;
}
