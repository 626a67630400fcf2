// The run set's commit journal (src/output/run-set.ts), finished by recoverRunDir after a kill at each
// step of the commit: DIR ends holding exactly the new set, whichever step the kill came after. The old
// outputs go before the new ones come in (not renamed over); a new file already moved in stays.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { beginRunSet, recoverRunDir } from '../src/output/run-set.js';

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-run-set-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const OLD = ['summary.json', 'shipments.csv', 'trace.jsonl', 'series.json'];
const NEW = ['summary.json', 'shipments.csv', 'series.json', 'network.json'];
const contents = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
const newSet = Object.fromEntries(NEW.map((f) => [f, `new ${f}`]));

/** DIR as the commit leaves it after `step` of its steps: the old summary, the other old outputs one by one, the new files one by one, the new summary. */
function interrupted(name: string, step: number): string {
  const dir = join(tmp, name), commit = join(dir, '.commit-x');
  mkdirSync(commit, { recursive: true });
  for (const f of OLD) writeFileSync(join(dir, f), `old ${f}`);
  for (const f of NEW) writeFileSync(join(commit, f), `new ${f}`);
  writeFileSync(join(commit, '.files'), JSON.stringify(NEW) + '\n');
  const steps: (() => void)[] = [
    () => rmSync(join(dir, 'summary.json')),
    ...OLD.filter((f) => f !== 'summary.json').map((f) => () => rmSync(join(dir, f))),
    ...NEW.filter((f) => f !== 'summary.json').map((f) => () => renameSync(join(commit, f), join(dir, f))),
  ];
  for (const s of steps.slice(0, step)) s();
  return dir;
}

describe('run set commit', () => {
  it('publishes the new set over an old one: the old outputs it does not write are gone', () => {
    const dir = join(tmp, 'whole');
    mkdirSync(dir);
    for (const f of OLD) writeFileSync(join(dir, f), `old ${f}`);
    const set = beginRunSet(dir, 'test');
    for (const f of NEW) writeFileSync(join(set.stageDir, f), `new ${f}`);
    set.commit();
    expect(contents(dir)).toEqual(newSet);
  });

  it.each(Array.from({ length: 8 }, (_, k) => k))('a commit killed after step %i is finished to the new set', (step) => {
    const dir = interrupted(`step-${step}`, step);
    recoverRunDir(dir);
    expect(contents(dir)).toEqual(newSet);
    recoverRunDir(dir); // and again: nothing changes
    expect(contents(dir)).toEqual(newSet);
  });
});
