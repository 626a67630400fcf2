import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlace } from '../src/place/run-place.js';

const LINE = 'test/fixtures/place-line/line.json';
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-place-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const OTHER_ZONE = '{"id":"other","polygon":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}';

describe('relaysim place: bad input is an InputError naming the option or field', () => {
  it('relaysim place exits 2 with the message and writes nothing', () => {
    const out = join(tmp, 'k6');
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'place', LINE, '--k', '6', '--out', out, '--workers', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`relaysim: ${LINE}: --k: expected at most 5 (the number of candidate sites), got 6`);
    expect(existsSync(out)).toBe(false);
  }, 30_000);

  const cases: [string, Partial<Parameters<typeof runPlace>[0]>, string][] = [
    ['--k 0', { k: 0 }, '--k: expected an integer >= 1, got 0'],
    ['--objective unknown', { objective: 'fastest' }, '--objective: unknown objective "fastest" (expected lead-p95, lead-mean, line-stop, late-share)'],
    ['--reps 1', { reps: 1 }, '--reps: expected an integer >= 2'],
    ['no candidate in a relay zone with demand', { sets: [`zones.1=${OTHER_ZONE}`, 'placement.candidates=[{"id":"a","node":"s1","zone":"other"}]'] },
      'placement.candidates: no candidate in zone "city", which is under relay (or sealed) and receives demand'],
    ['a candidate in an unknown zone', { sets: ['placement.candidates.0.zone=elsewhere'] }, 'placement.candidates[0].zone: unknown zone "elsewhere"'],
    ['a candidate on an unknown node', { sets: ['placement.candidates.0.node=nowhere'] }, 'placement.candidates[0].node: unknown node "nowhere"'],
    ['a candidate without sizes', { sets: ['placement.candidates.0.docks=[]'] }, 'placement.candidates[0].docks: expected at least one allowed size'],
    ['a budget nothing fits', { budget: 0.5 }, '--budget: no set of 1 site(s) covering city costs at most 0.5'],
    ['no candidates at all', { sets: ['placement.candidates=[]'] }, 'placement.candidates: no candidate sites'],
  ];
  for (const [what, opts, message] of cases) {
    it(`runPlace() rejects ${what}`, async () => {
      const out = join(tmp, what.replace(/\W+/g, '-'));
      await expect(runPlace({ file: LINE, k: 1, out, workers: 0, progress: 'quiet', ...opts })).rejects.toThrow(message);
      expect(existsSync(join(out, 'placement.json'))).toBe(false);
    });
  }
});
