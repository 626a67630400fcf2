// SIGKILL at seeded random moments. `run` leaves DIR holding the previous complete set or the new one
// (a kill inside the commit's renames leaves a decided `.commit-*` that the next writer finishes: checked
// here by taking the lock as the next writer would). `batch` and `place` resume to the same results as
// one uninterrupted command. The stale locks the kills leave are taken over each time.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { afterAll, describe, expect, it } from 'vitest';
import { relaysim, ROOT } from './cli-helpers.js';
import { lockRunDir } from '../src/output/run-set.js';
import { checkRunSet } from '../src/report/run-set-check.js';

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-kill-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const rng = seedrandom('relaysim kill tests');

/** Starts the CLI and kills it with SIGKILL after `ms` (or lets it finish first). Resolves when it has ended. */
function killAfter(args: string[], ms: number): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/relaysim.mjs'), ...args], { cwd: ROOT, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
  });
}

/** A run directory's contents, with summary.json's only timing field dropped. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    out[f] = f === 'summary.json' ? JSON.stringify({ ...JSON.parse(text), wallMs: 0 }) : text;
  }
  return out;
}

describe('run killed with SIGKILL', () => {
  it('leaves the previous complete set or the new complete set', async () => {
    const common = ['run', 'scenarios/yrd-2022.json', '--set', 'horizonMin=2880', '--trace', '--quiet'];
    const refA = join(tmp, 'ref-a'), refB = join(tmp, 'ref-b'), dir = join(tmp, 'run');
    expect((await relaysim([...common, '--out', refA])).code).toBe(0);
    const t0 = Date.now();
    expect((await relaysim([...common, '--seed', '2', '--out', refB])).code).toBe(0);
    const fullMs = Date.now() - t0;
    cpSync(refA, dir, { recursive: true });
    const A = snapshot(refA), B = snapshot(refB);
    expect(A).not.toEqual(B);
    const seen = { previous: 0, next: 0, finished: 0 };
    for (let i = 0; i < 8; i++) {
      const before = snapshot(dir);
      const ms = Math.round(fullMs * (0.3 + 0.8 * rng()));
      const r = await killAfter([...common, '--seed', '2', '--out', dir], ms);
      const hidden = readdirSync(dir).filter((f) => f.startsWith('.'));
      if (!existsSync(join(dir, 'summary.json'))) {
        // Killed inside the commit: the new set was decided; the next writer completes it.
        expect(hidden.some((f) => f.startsWith('.commit-'))).toBe(true);
        seen.finished++;
      }
      lockRunDir(dir, 'kill test').release(); // what the next run or report does first
      const after = snapshot(dir);
      checkRunSet(dir, JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')));
      expect([A, B]).toContainEqual(after);
      if (JSON.stringify(after) === JSON.stringify(before)) seen.previous++; else seen.next++;
      expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]); // no stage, commit, temp file or lock left
      expect(r.signal === 'SIGKILL' || r.code === 0).toBe(true);
    }
    // The kills fell both before and after the commit.
    expect(seen.previous + seen.next).toBe(8);
    expect(seen.previous).toBeGreaterThan(0);
  });
});

/**
 * Runs `args(ref)` once whole, then `args(dir)` killed 3 times at `fraction()` of that run's wall time,
 * then once more to the end; returns both folders after checking the last run ended cleanly.
 */
async function killThenResume(name: string, args: (out: string) => string[], fraction: () => number): Promise<{ ref: string; dir: string }> {
  const ref = join(tmp, `${name}-ref`), dir = join(tmp, name);
  const t0 = Date.now();
  expect((await relaysim(args(ref))).code).toBe(0);
  const fullMs = Date.now() - t0;
  for (let i = 0; i < 3; i++) await killAfter(args(dir), Math.round(fullMs * fraction()));
  const last = await relaysim(args(dir));
  expect(last.stderr).toBe('');
  expect(last.code).toBe(0);
  return { ref, dir };
}
const sameFile = (a: string, b: string, f: string) => expect(readFileSync(join(a, f), 'utf8')).toBe(readFileSync(join(b, f), 'utf8'));

describe('batch killed with SIGKILL at random moments, then resumed', () => {
  it('gives the same batch.json as one uninterrupted batch', async () => {
    const args = (out: string) => ['batch', 'scenarios/reference/mmc.json', '--reps', '12', '--set', 'horizonMin=3000', '--workers', '1', '--out', out, '--quiet'];
    const { ref, dir } = await killThenResume('batch', args, () => 0.3 + 0.5 * rng());
    sameFile(dir, ref, 'batch.json');
    sameFile(dir, ref, 'batch.csv');
    const lines = readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => `${l.rep}`)).size).toBe(12);
  });
});

describe('place killed with SIGKILL at random moments, then resumed', () => {
  it('gives the same placement as one uninterrupted place', async () => {
    const args = (out: string) => ['place', 'test/fixtures/place-line/line.json', '--k', '2', '--reps', '4', '--workers', '0', '--out', out, '--quiet'];
    const { ref, dir } = await killThenResume('place', args, () => 0.5 + 0.4 * rng());
    const strip = (f: string) => { const p = JSON.parse(readFileSync(f, 'utf8')); delete p.wallMs; return p; };
    expect(strip(join(dir, 'placement.json'))).toEqual(strip(join(ref, 'placement.json')));
    sameFile(dir, ref, 'placement.csv');
  });
});
