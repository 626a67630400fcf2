// Queue jobs carry main's Task (scenario content as JSON, its referenced files bundled): a worker checks it
// against the schema and its hash, and the content validates to the same scenario as the file.
import { describe, expect, it } from 'vitest';
import { contentHash, readScenarioContent, validateContent } from '../src/batch/scenario-content.js';
import { loadScenario } from '../src/scenario/load.js';
import { parseTask, TaskSchema } from '../src/queue/task-schema.js';

const strip = (s: ReturnType<typeof loadScenario>) => ({ ...s, source: undefined });

describe('queue tasks', () => {
  it('carry the scenario with its GeoJSON files through JSON; the worker copy validates to the same scenario', () => {
    const sets = ['horizonMin=1500'];
    const { content, hash } = readScenarioContent('scenarios/yrd-2022.json');
    expect(Object.keys(content.files).length).toBeGreaterThan(0);
    const wire = JSON.parse(JSON.stringify({ scenarioHash: hash, sets, seed: 5, content }));
    const task = parseTask(wire);
    expect(strip(validateContent(task.content, sets))).toEqual(strip(loadScenario('scenarios/yrd-2022.json', sets)));
  });

  it('refuse a job whose content does not match its hash, or that is not a task', () => {
    const { content, hash } = readScenarioContent('scenarios/yrd-2022.json');
    const changed = { ...content, raw: { ...(content.raw as object), horizonMin: 1 } };
    expect(contentHash(changed)).not.toBe(hash);
    expect(() => parseTask({ scenarioHash: hash, sets: [], seed: 1, content: changed })).toThrow(/does not match its hash/);
    expect(() => parseTask({ scenarioHash: hash, sets: [], seed: 1.5, content })).toThrow(/not a relaysim task/);
    expect(TaskSchema.safeParse({ scenarioHash: hash, sets: [], seed: 1, content, code: 'process.exit()' }).success).toBe(false);
  });
});
