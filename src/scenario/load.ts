import { dirname, extname, resolve } from 'node:path';
import { length } from '@turf/length';
import { lineString } from '@turf/helpers';
import { InputError } from './errors.js';
import { applySets } from './overrides.js';
import { ScenarioSchema } from './schema.js';
import { firstIssue } from './issues.js';
import { readJsonFile, readNetworkGeojson, readPolygonFile, type JsonReader } from './geojson.js';
import { checkReferences } from './references.js';
import { readInputFile } from './read-input.js';
import { checkDepth, parseDocument } from './parse-document.js';
import { checkDerivedNumbers } from './derived-numbers.js';
import { snapSites } from './snap-sites.js';
import type { Scenario, ZoneDef } from './types.js';

export interface LoadOptions {
  /** Let the scenario name files outside its own folder (`--allow-outside-paths`). */
  allowOutsidePaths?: boolean;
  /** Reads a referenced file by resolved path: from disk, or from a scenario's bundled content (a batch task). */
  read?: JsonReader;
}

/** Reads a scenario file (JSON or YAML), applies `--set` overrides and validates it. Throws InputError. */
export function loadScenario(file: string, sets: readonly string[] = [], options: LoadOptions = {}): Scenario {
  return validateScenario(readScenarioFile(file), file, dirname(resolve(file)), sets, options);
}

export function readScenarioFile(file: string): unknown {
  const text = readInputFile(file, 'scenario file');
  return parseDocument(text, file, ['.yaml', '.yml'].includes(extname(file).toLowerCase()));
}

/**
 * Validates a scenario given as an object (from a file, or built in code by a benchmark or test).
 * `file` names it in messages; relative paths inside it resolve against `baseDir` and are read by `read`
 * (from disk unless the caller holds their content, as a batch task does).
 */
export function validateScenario(raw: unknown, file: string, baseDir = process.cwd(), sets: readonly string[] = [], options: LoadOptions = {}): Scenario {
  checkDepth(raw, file);
  const input = applySets(raw, sets, file);
  checkDepth(input, file); // a --set value may nest too
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
  const ref = (field: string) => ({ baseDir, scenarioFile: file, field, allowOutside: options.allowOutsidePaths === true, read: options.read });
  if (p.network.geojson) {
    const g = readNetworkGeojson(ref('network.geojson'), p.network.geojson, lengthKm, p.network.detourFactor);
    nodes.push(...g.nodes);
    edges.push(...g.edges);
  }
  const zones: ZoneDef[] = p.zones.map((z, i) => ({
    ...z, polygon: typeof z.polygon === 'string' ? readPolygonFile(ref(`zones[${i}].polygon`), z.polygon).polygon : z.polygon,
  }));
  const scenario: Scenario = {
    ...p,
    ...snapSites(p, nodes, file),
    network: { nodes, edges, detourFactor: p.network.detourFactor },
    zones,
    source: { file, sets: [...sets] },
  };
  checkReferences(scenario, file);
  checkDerivedNumbers(scenario, file);
  return scenario;
}
