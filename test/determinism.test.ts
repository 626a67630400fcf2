// Rule 5: a run is a pure function of (scenario, seed). Same seed, same bytes (timing aside), through the
// CLI into two directories and with two Simulation objects in one process; another seed, other results.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURE = join('test', 'fixtures', 'mixed.json');
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-det-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/relaysim.mjs', 'run', ...args, '--quiet'], { cwd: ROOT, timeout: 120_000 }, (err, _out, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr }));
  });
}
const read = (dir: string, f: string) => readFileSync(join(tmp, dir, f));
const summaryOf = (dir: string) => { const s = JSON.parse(read(dir, 'summary.json').toString()); delete s.wallMs; return s; };

describe('CLI: same seed, same bytes', () => {
  beforeAll(async () => {
    const runs = await Promise.all([
      cli([FIXTURE, '--seed', '7', '--trace', '--out', join(tmp, 'a')]),
      cli([FIXTURE, '--seed', '7', '--trace', '--out', join(tmp, 'b')]),
      cli([FIXTURE, '--seed', '8', '--trace', '--out', join(tmp, 'c')]),
    ]);
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0, stderr: '' });
  }, 180_000);

  it.each(['shipments.csv', 'series.json', 'network.json', 'trace.jsonl'])('%s is byte-identical for the same seed', (file) => {
    const a = read('a', file), b = read('b', file);
    expect(a.length).toBeGreaterThan(100);
    expect(a.equals(b)).toBe(true);
  });

  it('summary.json is identical apart from wallMs', () => {
    const a = read('a', 'summary.json').toString(), b = read('b', 'summary.json').toString();
    const strip = (t: string) => t.replace(/"wallMs": \d+/, '"wallMs": 0');
    expect(strip(a)).toBe(strip(b));
    expect(summaryOf('a').seed).toBe(7);
    expect(summaryOf('a').shipments.failed).toBe(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/mixed.expected.json'), 'utf8')).failed);
  });

  it('another seed gives other shipments, series and summary', () => {
    expect(read('a', 'shipments.csv').equals(read('c', 'shipments.csv'))).toBe(false);
    expect(read('a', 'series.json').equals(read('c', 'series.json'))).toBe(false);
    expect(summaryOf('c').seed).toBe(8);
    expect(summaryOf('c').shipments).not.toEqual(summaryOf('a').shipments);
  });

  it('the outputs agree with each other: one csv row a shipment, conservation', () => {
    for (const dir of ['a', 'c']) {
      const s = summaryOf(dir), sh = s.shipments;
      const rows = read(dir, 'shipments.csv').toString().trim().split('\n').slice(1);
      expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
      expect(rows.length).toBe(sh.created);
      const delivered = read(dir, 'trace.jsonl').toString().trim().split('\n').filter((l) => l.includes('"event":"delivered"'));
      expect(delivered.length).toBe(sh.delivered);
    }
  });
});

describe('in process: Simulation objects are independent', () => {
  const scenario = validateScenario(JSON.parse(readFileSync(join(ROOT, FIXTURE), 'utf8')), 'mixed');
  const strip = <T extends { summary: { wallMs: number } }>(r: T) => ({ ...r, summary: { ...r.summary, wallMs: 0 } });

  it('two simulations with one seed, created together and run one after the other, give identical results', () => {
    const x = new Simulation(scenario, { seed: 3 }), y = new Simulation(scenario, { seed: 3 });
    const rx = x.run(), ry = y.run();
    expect(strip(ry).summary).toEqual(strip(rx).summary);
    expect(ry.series).toEqual(rx.series);
    expect(Array.from(ry.usage)).toEqual(Array.from(rx.usage));
    expect(rx.summary.shipments.created).toBeGreaterThan(500);
  });

  it('another seed differs; the scenario seed is the default', () => {
    const a = new Simulation(scenario, { seed: 3 }).run().summary, b = new Simulation(scenario, { seed: 4 }).run().summary;
    expect(b.shipments.created).not.toBe(a.shipments.created);
    expect(b.leadTimeMin.mean).not.toBe(a.leadTimeMin.mean);
    const byDefault = new Simulation(scenario).run().summary, seed1 = new Simulation(scenario, { seed: scenario.seed }).run().summary;
    expect({ ...byDefault, wallMs: 0 }).toEqual({ ...seed1, wallMs: 0 });
  });

  it('common random numbers: another lane count leaves arrivals and passes as they were', () => {
    const rows = (lanes: number) => {
      const raw = JSON.parse(readFileSync(join(ROOT, FIXTURE), 'utf8'));
      raw.checkpoints[0].lanes = lanes;
      const out: string[] = [];
      new Simulation(validateScenario(raw, 'crn'), { seed: 5, onShipment: (r) => out.push(`${r.id} ${r.stream} ${r.createdMin} ${r.pass}`) }).run();
      return out.sort();
    };
    const two = rows(2), three = rows(3);
    expect(three).toEqual(two);
    expect(two.length).toBeGreaterThan(500);
  });

  it('a simulation runs once', () => {
    const x = new Simulation(scenario, { seed: 3 });
    x.run();
    expect(() => x.run()).toThrow(/twice/);
  });
});
