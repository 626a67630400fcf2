// shipments.csv written on a worker thread (src/metrics/shipments-csv-thread.ts): the same bytes as the
// in-thread writer, the same directory from runToDir, nothing left behind on abort, and a write error
// on the thread comes back as the error the in-thread writer throws.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shipmentsCsv } from '../src/metrics/shipments-csv.js';
import { shipmentsCsvThread } from '../src/metrics/shipments-csv-thread.js';
import { Simulation } from '../src/model/simulation.js';
import { runToDir } from '../src/run.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { relaysim } from './cli-helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-csv-thread-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const names = (s: Scenario) => ({ streams: s.demand, stations: s.stations.map((st) => st.id) });

describe('shipments.csv on a writer thread', () => {
  const cases: [string, number, string[]][] = [
    ['scenarios/reference/mmc.json', 1, ['horizonMin=20000']], // ~68 k rows: several chunks
    ['scenarios/yrd-2022-april.json', 4, []],
    ['test/fixtures/detour.json', 2, []],
  ];
  it.each(cases)('%s seed %i: the same bytes as the in-thread writer of row objects', (file, seed, sets) => {
    const s = loadScenario(file, sets);
    const a = join(tmp, `obj-${seed}.csv`), b = join(tmp, `thr-${seed}.csv`);
    const inThread = shipmentsCsv(a), thread = shipmentsCsvThread(b, names(s));
    let rows = 0;
    new Simulation(s, { seed, onShipment: (r) => { inThread.onShipment(r); rows++; }, shipmentFields: thread.fields }).run();
    inThread.writer.commit();
    thread.commit();
    expect(rows).toBeGreaterThan(100);
    expect(existsSync(`${b}.part`)).toBe(false);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('runToDir writes the same files with and without the thread', () => {
    const s = loadScenario('scenarios/yrd-2022.json', ['horizonMin=2880']);
    const dirs = [true, false].map((csvThread) => { const d = join(tmp, `run-${csvThread}`); runToDir(s, { outDir: d, csvThread, trace: true }); return d; });
    const files = readdirSync(dirs[0]).sort();
    expect(files).toEqual(readdirSync(dirs[1]).sort());
    for (const f of files) {
      if (f === 'summary.json') continue; // wallMs differs
      expect(readFileSync(join(dirs[0], f)).equals(readFileSync(join(dirs[1], f))), f).toBe(true);
    }
  });

  it('abort stops the thread and leaves no file', () => {
    const s = loadScenario('scenarios/reference/mmc.json', ['horizonMin=20000']);
    const file = join(tmp, 'aborted.csv');
    const thread = shipmentsCsvThread(file, names(s));
    let n = 0;
    expect(() => new Simulation(s, { shipmentFields: (...a) => { thread.fields(...a); if (++n === 40_000) throw new Error('stop here'); } }).run()).toThrow('stop here');
    thread.abort();
    expect(existsSync(`${file}.part`)).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('a write error on the thread is thrown as the in-thread writer throws it, and abort removes FILE.part', () => {
    if (!existsSync('/dev/full')) return;
    const s = loadScenario('scenarios/reference/mmc.json', ['horizonMin=20000']);
    const errors: unknown[] = [];
    for (const threaded of [false, true]) {
      const file = join(tmp, `full-${threaded}.csv`);
      symlinkSync('/dev/full', `${file}.part`); // FILE.part opens /dev/full: every write fails with ENOSPC
      const w = threaded ? shipmentsCsvThread(file, names(s)) : (() => { const c = shipmentsCsv(file, names(s)); return { fields: c.fields!, commit: () => c.writer.commit(), abort: () => c.writer.abort() }; })();
      try {
        new Simulation(s, { shipmentFields: w.fields }).run();
        w.commit();
      } catch (err) {
        errors.push(err);
        w.abort();
      }
      expect(existsSync(`${file}.part`)).toBe(false);
      expect(existsSync(file)).toBe(false);
    }
    expect(errors).toHaveLength(2);
    const [inline, thread] = errors as NodeJS.ErrnoException[];
    expect(thread.code).toBe('ENOSPC');
    expect([thread.message, thread.code, thread.syscall]).toEqual([inline.message, inline.code, inline.syscall]);
  });

  it('relaysim run --csv-thread writes the same shipments.csv as without', async () => {
    const args = ['run', 'scenarios/reference/mmc.json', '--set', 'horizonMin=20000', '--quiet'];
    const a = join(tmp, 'cli-a'), b = join(tmp, 'cli-b');
    expect((await relaysim([...args, '--out', a])).code).toBe(0);
    const r = await relaysim([...args, '--csv-thread', '--out', b]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(b, 'shipments.csv')).equals(readFileSync(join(a, 'shipments.csv')))).toBe(true);
    expect(readdirSync(b).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  it.each([
    [['--threads', '2'], '--threads 2'],
    [['--format', 'parquet'], '--format parquet'],
    [['--format', 'both'], '--format both'],
  ])('--csv-thread with %j exits 2 saying why, and writes nothing', async (extra, named) => {
    const out = join(tmp, `cli-bad-${named.replace(/\W+/g, '-')}`);
    const r = await relaysim(['run', 'scenarios/reference/mmc.json', '--set', 'horizonMin=2000', '--csv-thread', ...extra, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`error: --csv-thread writes shipments.csv of a one-thread run: not with ${named}`);
    expect(existsSync(out)).toBe(false);
  });
});
