// Queue jobs carry scenarios as content: a worker's copy loads to the same scenario as the file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSpecBuilder, packBundle, bundleHash, TaskSpecSchema } from '../src/batch/task-spec.js';
import { createScenarioFiles } from '../src/queue/materialize.js';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';

const strip = (s: ReturnType<typeof loadScenario>) => ({ ...s, source: undefined });

describe('task specs', () => {
  it('bundle a scenario with its GeoJSON network and zone files; the worker copy validates to the same scenario', () => {
    const build = createSpecBuilder();
    const sets = ['horizonMin=1500'];
    const spec = build({ file: 'scenarios/yrd-2022.json', sets, seed: 5 });
    expect(TaskSpecSchema.safeParse(spec).success).toBe(true);
    expect(JSON.stringify(spec)).not.toContain('scenarios/'); // no paths of the submitter's disk
    const { file, name } = createScenarioFiles(mkdtempSync(join(tmpdir(), 'relaysim-spec-')))(spec);
    expect(name).toBe('yrd-2022.json');
    const copy = loadScenario(file, sets), orig = loadScenario('scenarios/yrd-2022.json', sets);
    expect(strip(copy)).toEqual(strip(orig));
    expect(new Simulation(copy, { seed: 5 }).run().summary.shipments).toEqual(new Simulation(orig, { seed: 5 }).run().summary.shipments);
    // Same content, same hash; other overrides, same scenario hash.
    expect(build({ file: 'scenarios/yrd-2022.json', sets: [], seed: 1 }).scenarioHash).toBe(spec.scenarioHash);
  });

  it('refuses a job whose content does not match its hash, or whose files would land outside its directory', () => {
    const files = createScenarioFiles(mkdtempSync(join(tmpdir(), 'relaysim-spec-')));
    const bundle = { name: 'x.json', text: '{}', files: {} as Record<string, string> };
    expect(() => files({ scenarioHash: 'a'.repeat(64), scenario: packBundle(bundle), sets: [], seed: 1 })).toThrow(/does not match its hash/);
    for (const ref of ['../../../../../../../../tmp/evil.geojson', '..']) {
      const evil = { ...bundle, files: { [ref]: 'x' } };
      // ".." segments are kept inside the hash directory; only a reference to the directory itself escapes
      if (ref === '..') expect(() => files({ scenarioHash: bundleHash(evil), scenario: packBundle(evil), sets: [], seed: 1 })).toThrow(/outside/);
      else expect(files({ scenarioHash: bundleHash(evil), scenario: packBundle(evil), sets: [], seed: 1 }).file).toMatch(/relaysim-spec-/);
    }
    expect(TaskSpecSchema.safeParse({ scenarioHash: 'a'.repeat(64), scenario: '', sets: [], seed: 1, code: 'process.exit()' }).success).toBe(false);
  });
});
