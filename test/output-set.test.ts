// Outputs are whole or absent, one writer at a time: the run set is published together and stamped
// with one run id, stale files go, `report` refuses a mixed set, temporary files are exclusive, a
// second writer is refused naming the holder, a stale lock is taken over, --out naming a file is bad input.
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { relaysim, ROOT } from './cli-helpers.js';
import { LOCK_NAME } from '../src/output/lock.js';

const BASE = join(ROOT, 'test/fixtures/bad/base-valid.json');
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-outset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const files = (dir: string) => readdirSync(dir).sort();
const json = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

/** A pid that is certainly not running: a child that has exited. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}
const lockText = (pid: number, command = 'relaysim run') => JSON.stringify({ pid, host: hostname(), command, startedAt: '2026-01-01T00:00:00.000Z' }) + '\n';

describe('a run set', () => {
  it('is stamped with one run id, and a later run removes the earlier run\'s other files', async () => {
    const out = join(tmp, 'stamp');
    expect((await relaysim(['run', BASE, '--out', out, '--trace', '--report', '--quiet'])).code).toBe(0);
    expect(files(out)).toEqual(['network.json', 'report.html', 'series.json', 'shipments.csv', 'summary.json', 'trace.jsonl']);
    const s = json(join(out, 'summary.json'));
    expect(s.runId).toMatch(/^[0-9a-f]{16}$/);
    expect(json(join(out, 'series.json')).runId).toBe(s.runId);
    expect(json(join(out, 'network.json')).runId).toBe(s.runId);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain(s.runId);
    expect(s.outputBytes['shipments.csv']).toBe(readFileSync(join(out, 'shipments.csv')).length);
    expect(s.outputBytes['trace.jsonl']).toBe(readFileSync(join(out, 'trace.jsonl')).length);
    const again = await relaysim(['run', BASE, '--out', out, '--seed', '2', '--quiet']);
    expect(again.code).toBe(0);
    expect(files(out)).toEqual(['network.json', 'series.json', 'shipments.csv', 'summary.json']);
    const s2 = json(join(out, 'summary.json'));
    expect(s2.runId).not.toBe(s.runId);
    expect(s2.seed).toBe(2);
  });

  it('report refuses a set that mixes runs: another run\'s series.json, a stray trace.jsonl, a changed shipments.csv', async () => {
    const a = join(tmp, 'mix-a'), b = join(tmp, 'mix-b');
    expect((await relaysim(['run', BASE, '--out', a, '--quiet', '--trace'])).code).toBe(0);
    expect((await relaysim(['run', BASE, '--out', b, '--quiet', '--seed', '5'])).code).toBe(0);
    const good = await relaysim(['report', b, '--out', join(tmp, 'good.html'), '--quiet']);
    expect(good.code).toBe(0);
    const cases: [string, (dir: string) => void][] = [
      ['series.json', (d) => copyFileSync(join(a, 'series.json'), join(d, 'series.json'))],
      ['network.json', (d) => copyFileSync(join(a, 'network.json'), join(d, 'network.json'))],
      ['trace.jsonl', (d) => copyFileSync(join(a, 'trace.jsonl'), join(d, 'trace.jsonl'))],
      ['shipments.csv', (d) => appendFileSync(join(d, 'shipments.csv'), '999,od,o,d,normal,1,1.0000,,in-system,,,\n')],
    ];
    for (const [name, spoil] of cases) {
      const d = join(tmp, `mix-${name}`);
      mkdirSync(d);
      for (const f of files(b)) copyFileSync(join(b, f), join(d, f));
      spoil(d);
      const r = await relaysim(['report', d, '--out', join(tmp, `mix-${name}.html`), '--quiet']);
      expect(r.code, name).toBe(2);
      expect(r.stderr).toContain(`${join(d, name)}: `);
      expect(r.stderr).toContain('mixes files of different runs');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(join(tmp, `mix-${name}.html`))).toBe(false);
    }
  });

  it('never follows a symbolic link planted at a temporary name', async () => {
    const out = join(tmp, 'planted');
    mkdirSync(out);
    const victim = join(tmp, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    for (const name of ['shipments.csv.part', '.shipments.csv.part', 'summary.json.part', 'series.json.part']) symlinkSync(victim, join(out, name));
    const r = await relaysim(['run', BASE, '--out', out, '--quiet']);
    expect(r.code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(json(join(out, 'summary.json')).shipments.created).toBeGreaterThan(0);
  });
});

describe('--out naming a regular file is bad input (exit 2), and the file is left as it was', () => {
  const file = join(tmp, 'a-file');
  writeFileSync(file, 'mine\n');
  it.each([
    ['run', ['run', BASE, '--out', file, '--quiet']],
    ['batch', ['batch', 'scenarios/reference/mmc.json', '--reps', '2', '--set', 'horizonMin=200', '--workers', '1', '--out', file, '--quiet']],
    ['place', ['place', 'test/fixtures/place-line/line.json', '--k', '1', '--reps', '2', '--workers', '0', '--out', file, '--quiet']],
  ])('%s', async (_, args) => {
    const r = await relaysim(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: --out names a file, not a directory`);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe('mine\n');
  });
});

describe('one writer at a time', () => {
  it.each([
    ['run', (out: string) => ['run', BASE, '--out', out, '--quiet']],
    ['batch', (out: string) => ['batch', 'scenarios/reference/mmc.json', '--reps', '2', '--set', 'horizonMin=200', '--workers', '1', '--out', out, '--quiet']],
    ['place', (out: string) => ['place', 'test/fixtures/place-line/line.json', '--k', '1', '--reps', '2', '--workers', '0', '--out', out, '--quiet', '--no-html']],
  ])('%s: a live holder is refused with exit 2 naming it; a dead one\'s lock is taken over', async (name, args) => {
    const out = join(tmp, `lock-${name}`);
    mkdirSync(out);
    writeFileSync(join(out, LOCK_NAME), lockText(process.pid, 'relaysim batch')); // this test process: alive
    const refused = await relaysim(args(out));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`${out}: in use by another relaysim (relaysim batch, pid ${process.pid} on ${hostname()}`);
    expect(files(out)).toEqual([LOCK_NAME]);
    writeFileSync(join(out, LOCK_NAME), lockText(await deadPid()));
    const taken = await relaysim(args(out));
    expect(taken.stderr).toBe('');
    expect(taken.code).toBe(0);
    expect(existsSync(join(out, LOCK_NAME))).toBe(false); // released at the end
  });

  it('two runs on one --out at once: never a crash or a mixed set; a refused one names the holder', async () => {
    const out = join(tmp, 'two');
    const args = ['run', 'scenarios/yrd-2022.json', '--set', 'horizonMin=1440', '--out', out, '--quiet'];
    const [a, b] = await Promise.all([relaysim(args), relaysim([...args, '--seed', '2'])]);
    const codes = [a.code, b.code].sort();
    expect([[0, 0], [0, 2]]).toContainEqual(codes);
    for (const r of [a, b]) if (r.code === 2) expect(r.stderr).toMatch(/in use by another relaysim \(relaysim run, pid \d+/);
    const s = json(join(out, 'summary.json'));
    const rows = readFileSync(join(out, 'shipments.csv'), 'utf8').trim().split('\n').length - 1;
    expect(rows).toBe(s.shipments.created);
    expect(json(join(out, 'series.json')).runId).toBe(s.runId);
  });
});

describe('place --budget below every feasible set', () => {
  it('exits 2 naming --budget, before any simulation, and writes nothing', async () => {
    const out = join(tmp, 'budget');
    const r = await relaysim(['place', 'scenarios/yrd-2022-placement.json', '--k', '4', '--budget', '1', '--workers', '0', '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('relaysim: scenarios/yrd-2022-placement.json: --budget: no set of 4 site(s) covering shanghai, ningbo, hangzhou costs at most 1');
    expect(existsSync(out)).toBe(false);
  });
});
