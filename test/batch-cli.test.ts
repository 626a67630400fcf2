// `relaysim batch` as a user runs it: interrupted with Ctrl-C, killed, resumed; bad input.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch } from '../src/batch/run-batch.js';
import { parseSweep } from '../src/batch/grid.js';
import { createInlinePool } from '../src/batch/pool.js';
import { runLines } from './batch-helpers.js';

const MMC = 'scenarios/reference/mmc.json';
const ARGS = [MMC, '--reps', '10', '--sweep', 'checkpoints.gate.lanes=4,5', '--set', 'horizonMin=2000', '--seed', '8', '--workers', '1'];
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-batch-cli-'));
const cli = (args: string[]) => spawn(process.execPath, ['bin/relaysim.mjs', 'batch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
const lineCount = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0);

/** Waits until runs.jsonl has at least `n` lines, then sends `signal`; resolves with the exit code. */
async function interruptAfter(child: ChildProcess, file: string, n: number, signal: NodeJS.Signals): Promise<number | string | null> {
  const exited = new Promise<number | string | null>((res) => child.on('exit', (code, sig) => res(code ?? sig)));
  let out = '';
  child.stderr!.on('data', (d) => { out += d; });
  for (let t0 = Date.now(); lineCount(file) < n; await new Promise((r) => setTimeout(r, 50))) {
    if (child.exitCode !== null || Date.now() - t0 > 60_000) throw new Error(`batch ended before ${n} runs: ${out}`);
  }
  child.kill(signal);
  return exited;
}

describe('relaysim batch (CLI)', () => {
  it('interrupted (SIGINT: exit 130), killed (SIGKILL, mid-line), then resumed: same as one uninterrupted batch, no duplicates', async () => {
    const dir = tmp(), runs = join(dir, 'runs.jsonl');
    const first = await interruptAfter(cli([...ARGS, '--out', dir]), runs, 2, 'SIGINT');
    expect(first).toBe(130);
    const afterInt = lineCount(runs);
    expect(afterInt).toBeLessThan(20);
    expect(JSON.parse(readFileSync(join(dir, 'batch.json'), 'utf8')).complete).toBe(false);
    readFileSync(runs, 'utf8').trim().split('\n').forEach((l) => JSON.parse(l)); // every line whole

    const second = await interruptAfter(cli([...ARGS, '--out', dir]), runs, afterInt + 2, 'SIGKILL');
    expect(second).toBe('SIGKILL');
    appendFileSync(runs, '{"point":"checkpoints.gate.lanes=4","params":{"checkp'); // as if killed mid-write

    const last = spawnSync(process.execPath, ['bin/relaysim.mjs', 'batch', ...ARGS, '--out', dir], { encoding: 'utf8' });
    expect(last.status, last.stderr).toBe(0);
    expect(last.stdout).toMatch(/checkpoints\.gate\.lanes=5\s+10\s+0\s/);
    expect(last.stdout).toMatch(/already in runs\.jsonl/);

    const ref = tmp();
    await runBatch({ file: MMC, sets: ['horizonMin=2000'], sweeps: [parseSweep('checkpoints.gate.lanes=4,5')], reps: 10, seed: 8, pool: createInlinePool(), outDir: ref });
    expect(runLines(dir)).toHaveLength(20);
    expect(runLines(dir)).toEqual(runLines(ref));
    expect(readFileSync(join(dir, 'batch.json'), 'utf8')).toBe(readFileSync(join(ref, 'batch.json'), 'utf8'));
    expect(readFileSync(join(dir, 'batch.csv'), 'utf8')).toBe(readFileSync(join(ref, 'batch.csv'), 'utf8'));
  });

  it('exits 2 on bad input, naming the option or field, and writes nothing', () => {
    const dir = join(tmp(), 'out');
    for (const [args, message] of [
      [['--reps', '0'], /--reps/],
      [['--reps', '2', '--sweep', 'checkpoints.nope.lanes=1,2'], /--sweep checkpoints\.nope\.lanes: checkpoints has no element "nope"/],
    ] as [string[], RegExp][]) {
      const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'batch', MMC, ...args, '--out', dir], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(existsSync(dir)).toBe(false);
    }
  });
});
