import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { InputError } from '../scenario/errors.js';
import { readScenarioFile } from '../scenario/load.js';
import { applySets } from '../scenario/overrides.js';
import type { RunTask } from './task.js';

/**
 * A scenario as data, with no path a reader must open: the scenario file's text, and the text of every
 * file it refers to (network.geojson, zone polygons), keyed by the reference as written in the scenario.
 */
export interface ScenarioBundle {
  /** The scenario file's base name: its extension says JSON or YAML; it names the scenario in messages. */
  name: string;
  text: string;
  files: Record<string, string>;
}

/** One replication that needs no shared disk: what a queue job carries. */
export interface TaskSpec {
  /** sha256 of the bundle (see `bundleHash`): what a worker caches the prepared scenario by. */
  scenarioHash: string;
  /** The bundle, gzipped JSON in base64 (the YRD network alone is 64 kB of GeoJSON). */
  scenario: string;
  sets: string[];
  seed: number;
}

/** What a worker accepts as a job; anything else is refused before it is looked at further. */
export const TaskSpecSchema = z.strictObject({
  scenarioHash: z.string().regex(/^[0-9a-f]{64}$/),
  scenario: z.string().max(64 * 1024 * 1024),
  sets: z.array(z.string().max(1024 * 1024)).max(10_000),
  seed: z.number().int(),
});

export const bundleHash = (b: ScenarioBundle): string =>
  createHash('sha256').update(JSON.stringify([b.name, b.text, Object.entries(b.files).sort(([x], [y]) => (x < y ? -1 : 1))])).digest('hex');

export const packBundle = (b: ScenarioBundle): string => gzipSync(JSON.stringify(b)).toString('base64');

/** Unpacks a job's bundle and checks it is the one its hash names. Throws Error with a reason. */
export function unpackBundle(spec: TaskSpec): ScenarioBundle {
  const b = JSON.parse(gunzipSync(Buffer.from(spec.scenario, 'base64')).toString('utf8')) as ScenarioBundle;
  const ok = b !== null && typeof b === 'object' && typeof b.name === 'string' && typeof b.text === 'string' &&
    b.files !== null && typeof b.files === 'object' && Object.values(b.files).every((t) => typeof t === 'string');
  if (!ok) throw new Error('job: the scenario bundle is not {name, text, files}');
  if (bundleHash(b) !== spec.scenarioHash) throw new Error('job: the scenario does not match its hash');
  return b;
}

/** The files a scenario refers to, after its overrides: network.geojson and zones[].polygon given as paths. */
function referencedFiles(raw: unknown): { field: string; ref: string }[] {
  const s = (raw ?? {}) as { network?: { geojson?: unknown }; zones?: { polygon?: unknown }[] };
  const out: { field: string; ref: string }[] = [];
  if (typeof s.network?.geojson === 'string') out.push({ field: 'network.geojson', ref: s.network.geojson });
  if (Array.isArray(s.zones)) s.zones.forEach((z, i) => { if (typeof z?.polygon === 'string') out.push({ field: `zones[${i}].polygon`, ref: z.polygon }); });
  return out;
}

/**
 * Makes task specs from local tasks (`{file, sets, seed}`): reads each scenario and the files it refers to
 * once, and bundles them. Throws InputError for a reference a worker could not follow (an absolute path).
 */
export function createSpecBuilder(): (task: RunTask) => TaskSpec {
  const scenarios = new Map<string, { text: string; raw: unknown }>();
  const packed = new Map<string, { hash: string; scenario: string }>();
  return (task) => {
    const file = resolve(task.file);
    let src = scenarios.get(file);
    if (!src) {
      src = { text: readFileSync(file, 'utf8'), raw: readScenarioFile(file) };
      scenarios.set(file, src);
    }
    // Only overrides of the network or zones can change which files are referred to.
    const touches = task.sets.some((s) => /^(network|zones)[.=]/.test(s));
    const refs = referencedFiles(touches ? applySets(src.raw, task.sets, task.file) : src.raw);
    const cacheKey = JSON.stringify([file, refs.map((r) => r.ref)]);
    let p = packed.get(cacheKey);
    if (!p) {
      const files: Record<string, string> = {};
      for (const { field, ref } of refs) {
        if (isAbsolute(ref)) throw new InputError(task.file, field, `${JSON.stringify(ref)} is an absolute path; with --queue, give it relative to the scenario (workers receive the file, not the path)`);
        try {
          files[ref] = readFileSync(resolve(dirname(file), ref), 'utf8');
        } catch (err) {
          throw new InputError(task.file, field, `cannot read ${JSON.stringify(ref)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
        }
      }
      const bundle: ScenarioBundle = { name: basename(file), text: src.text, files };
      p = { hash: bundleHash(bundle), scenario: packBundle(bundle) };
      packed.set(cacheKey, p);
    }
    return { scenarioHash: p.hash, scenario: p.scenario, sets: [...task.sets], seed: task.seed };
  };
}
