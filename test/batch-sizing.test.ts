// A batch sized to its work: inline when the work is smaller than starting worker threads, threads
// when they pay; the same results either way, and the progress line says which.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBatch, type Progress } from '../src/batch/run-batch.js';
import { createRunPool, createSizedPool } from '../src/batch/pool.js';
import { runLines } from './batch-helpers.js';

const MMC = 'scenarios/reference/mmc.json';
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-sizing-'));

async function batch(sets: string[], reps: number, pool?: ReturnType<typeof createSizedPool>) {
  const outDir = tmp(), seen: Progress[] = [];
  const r = await runBatch({ file: MMC, sets, reps, seed: 4, workers: 2, outDir, pool, onProgress: (p) => seen.push(p) });
  return { r, outDir, seen, csv: readFileSync(join(outDir, 'batch.csv'), 'utf8'), runs: runLines(outDir) };
}

describe('batch pool sizing', () => {
  it('a small batch runs inline, says so, and gives what 2 worker threads give', async () => {
    const small = await batch(['horizonMin=500'], 6);
    expect(small.r.ran).toBe(6);
    expect(small.seen.at(-1)!.runner).toMatch(/^inline \(~[\d.]+ s of runs left inline, ~[\d.]+ s on 2 workers\)$/);
    const threads = createRunPool({ workers: 2 });
    try {
      const onThreads = await batch(['horizonMin=500'], 6, threads);
      expect(small.csv).toBe(onThreads.csv);
      expect(small.runs).toEqual(onThreads.runs);
    } finally {
      await threads.close();
    }
  });

  it('a batch whose runs outweigh start-up goes to threads, with the same results as inline', async () => {
    const sized = createSizedPool({ workers: 2, startS: 0, cores: 2 });
    const inline = createSizedPool({ workers: 1 });
    try {
      const a = await batch(['horizonMin=20000'], 8, sized);
      expect(a.seen.at(-1)!.runner).toMatch(/^2 workers \(/);
      const b = await batch(['horizonMin=20000'], 8, inline);
      expect(b.seen.at(-1)!.runner).toBe('inline (1 worker)');
      expect(a.csv).toBe(b.csv);
      expect(a.runs).toEqual(b.runs);
    } finally {
      await sized.close();
      await inline.close();
    }
  });

  it('relaysim batch prints the choice in its progress line', () => {
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'batch', MMC, '--reps', '4', '--workers', '2', '--set', 'horizonMin=300', '--out', tmp()], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/^batch: 4\/4 runs \(100 %\), .*; inline \(~/m);
  });
});
