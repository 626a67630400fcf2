// The one task runner: a task is {scenarioHash, sets, seed} plus the scenario content, validated without
// reading a file; its result is a fresh Simulation's; networks are shared by what they are built from.
import { describe, expect, it } from 'vitest';
import { contentHash, readScenarioContent, validateContent } from '../src/batch/scenario-content.js';
import { createTaskRunner, networkHash } from '../src/batch/task.js';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';

const YRD = 'scenarios/yrd-2022.json';

describe('scenario content', () => {
  it('validates to what loadScenario reads, with the referenced files bundled', () => {
    const { content, hash } = readScenarioContent(YRD);
    expect(Object.keys(content.files)).toContain('data/yrd-network.geojson');
    expect(validateContent(content, ['seed=5'])).toEqual(loadScenario(YRD, ['seed=5']));
    expect(contentHash(structuredClone(content))).toBe(hash);
    const other = structuredClone(content);
    (other.raw as { horizonMin: number }).horizonMin += 1;
    expect(contentHash(other)).not.toBe(hash);
  });

  it('names a referenced file it does not hold, rather than reading the disk', () => {
    const { content } = readScenarioContent(YRD);
    expect(() => validateContent(content, ['network.geojson=elsewhere.geojson'])).toThrow(/elsewhere\.geojson, which is not in the scenario content/);
  });
});

describe('createTaskRunner()', () => {
  it('returns a fresh Simulation\'s summary, and errors as values', () => {
    const { content, hash } = readScenarioContent('scenarios/reference/mmc.json');
    const run = createTaskRunner(), sets = ['horizonMin=500'];
    const fresh = new Simulation(loadScenario('scenarios/reference/mmc.json', sets), { seed: 4 }).run().summary;
    for (let i = 0; i < 2; i++) {
      const r = run({ scenarioHash: hash, sets, seed: 4, content });
      expect(r.ok && { ...r.summary, wallMs: 0 }).toEqual({ ...fresh, wallMs: 0 });
    }
    expect(run({ scenarioHash: hash, sets: ['checkpoints.gate.lanes=0'], seed: 1, content })).toEqual({ ok: false, error: expect.stringMatching(/lanes/) });
  });

  it('keys networks by their content: stations and closures share one, a moved node or zone does not', () => {
    const base = loadScenario(YRD), h = networkHash(base);
    expect(networkHash(loadScenario(YRD, ['stations=[]', 'closures=[]', 'seed=9']))).toBe(h);
    expect(networkHash(loadScenario(YRD, ['network.detourFactor=1.4']))).not.toBe(h);
    const z = base.zones[0].id;
    expect(networkHash(loadScenario(YRD, [`zones.${z}.polygon=${JSON.stringify({ type: 'Polygon', coordinates: [[[121, 31], [121.1, 31], [121.1, 31.1], [121, 31]]] })}`]))).not.toBe(h);
  });
});
