// Both append-only JSONL stores cut a torn last line, so the next record starts a line of its own.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWholeLines } from '../src/batch/jsonl-lines.js';
import { EvaluationStore } from '../src/place/store.js';
import { RunsFile } from '../src/batch/runs-file.js';

const dir = () => mkdtempSync(join(tmpdir(), 'relaysim-jsonl-'));

describe('torn last lines', () => {
  it('readWholeLines() returns whole lines and cuts the torn tail off the file', () => {
    const f = join(dir(), 'x.jsonl');
    writeFileSync(f, '{"a":1}\n{"a":2}\n{"a":');
    expect(readWholeLines(f)).toEqual(['{"a":1}', '{"a":2}']);
    expect(readFileSync(f, 'utf8')).toBe('{"a":1}\n{"a":2}\n');
    expect(readWholeLines(join(dir(), 'missing.jsonl'))).toEqual([]);
  });

  it('EvaluationStore: the record written after a torn line is read back on the next open', () => {
    const f = join(dir(), 'evaluations.jsonl');
    const line = (set: string, seed: number) => ({ ctx: 'c', set, rep: 0, seed, ok: true, metrics: { leadP95: 1 } as never });
    writeFileSync(f, JSON.stringify(line('a', 1)) + '\n' + JSON.stringify(line('b', 2)).slice(0, 20));
    const store = new EvaluationStore(f, 'c');
    expect(store.size).toBe(1);
    store.add(line('c', 3));
    const again = new EvaluationStore(f, 'c');
    expect([again.get('a', 1)?.set, again.get('b', 2), again.get('c', 3)?.set]).toEqual(['a', undefined, 'c']);
  });

  it('RunsFile: the same', () => {
    const f = join(dir(), 'runs.jsonl');
    const rec = (rep: number) => ({ point: 'base', params: {}, rep, seed: rep, status: 'failed' as const, error: 'x' });
    writeFileSync(f, JSON.stringify(rec(0)) + '\n' + JSON.stringify(rec(1)).slice(0, 9));
    const runs = new RunsFile(f);
    expect(runs.readRuns().size).toBe(1);
    runs.append(rec(2));
    appendFileSync(f, '');
    expect([...new RunsFile(f).readRuns().values()].map((r) => r.rep)).toEqual([0, 2]);
  });
});
