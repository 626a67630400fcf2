// Bad input, as a user meets it: exit status 2, one message naming the file and the field path, no output
// files. The table is test/fixtures/bad/cases.json; every fixture there breaks base-valid.json in one place.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { InputError } from '../src/scenario/errors.js';

const ROOT = join(import.meta.dirname, '..');
const BAD = join('test', 'fixtures', 'bad');
interface Case { file: string; sets?: string[]; field: string; detail: string }
const CASES: Case[] = JSON.parse(readFileSync(join(ROOT, BAD, 'cases.json'), 'utf8')).cases;
// 32 zones: zone masks are 31 bits; today that is an Error from buildNetwork (exit 1) -- see the report.
const label = (c: Case) => `${c.file}${c.sets ? ` --set ${c.sets.join(' --set ')}` : ''}`;

interface CliResult { code: number; stdout: string; stderr: string; out: string }
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-bad-'));

function cli(file: string, sets: string[], out: string): Promise<CliResult> {
  const args = ['bin/relaysim.mjs', 'run', file, ...sets.flatMap((s) => ['--set', s]), '--out', out, '--quiet'];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr, out });
    });
  });
}

/** Runs the jobs two at a time (the CI box has 2 cores; each CLI start compiles TypeScript). */
async function pool<T>(jobs: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < jobs.length) { const i = next++; results[i] = await jobs[i](); }
  }));
  return results;
}

let results: CliResult[] = [];
let good: CliResult[] = [];
beforeAll(async () => {
  const jobs = CASES.map((c, i) => () => cli(join(BAD, c.file), c.sets ?? [], join(tmp, `case-${i}`)));
  jobs.push(() => cli(join(BAD, 'base-valid.json'), [], join(tmp, 'good-json')), () => cli(join(BAD, 'good.yaml'), [], join(tmp, 'good-yaml')));
  const all = await pool(jobs);
  results = all.slice(0, CASES.length);
  good = all.slice(CASES.length);
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the valid base fixtures run (so each bad one fails for its one change)', () => {
  it('base-valid.json and good.yaml exit 0 and write the outputs', () => {
    for (const r of good) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readdirSync(r.out).sort()).toEqual(['network.json', 'series.json', 'shipments.csv', 'summary.json']);
    }
  });
});

describe.each(CASES.map((c, i) => ({ c, i, name: label(c) })))('bad input: $name', ({ c, i }) => {
  it(`exits 2 with one message naming the file and ${c.field || 'the problem'}, and writes nothing`, () => {
    const r = results[i];
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1); // one clear message, no stack trace
    const file = join(BAD, c.file);
    expect(lines[0]).toContain(`${file}: ${c.field}`);
    expect(lines[0]).toContain(c.detail);
    expect(r.stdout).toBe('');
    expect(!existsSync(r.out) || readdirSync(r.out).length === 0).toBe(true);
  });

  if (c.file !== 'missing.json' && c.file !== '.') {
    it('loadScenario() throws an InputError with that field path', () => {
      const file = join(ROOT, BAD, c.file);
      let caught: unknown;
      try { loadScenario(file, c.sets ?? []); } catch (err) { caught = err; }
      expect(caught).toBeInstanceOf(InputError);
      const e = caught as InputError;
      expect(e.file).toBe(file);
      if (c.field) expect(e.field.startsWith(c.field)).toBe(true);
      else expect(e.field).toBe('');
      expect(e.message).toContain(c.detail);
    });
  }
});

describe('the table covers what the brief lists', () => {
  it('has a case for every kind of bad input', () => {
    const fields = CASES.map((c) => `${c.field} ${c.detail}`).join('\n');
    for (const needle of ['cannot read', 'invalid JSON', 'invalid YAML', 'demand[0].from', 'stations[0].zone', 'duplicate id', 'checkpoints[0].lanes',
      'priorityLanes', 'loadsPerHour', 'NaN', 'closures[0].toMin', 'zones[0].polygon', 'no road connects', 'unknown field', 'checkpoints.nope']) {
      expect(fields).toContain(needle);
    }
  });
});
