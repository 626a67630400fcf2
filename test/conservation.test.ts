// Rule 4: nothing is lost. For every fixture of this suite (and the reference scenario), over several
// seeds, written with runToDir: created = delivered + inSystem + failed, shipments.csv has exactly one
// row a shipment, and its rows agree with the summary.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { runToDir } from '../src/run.js';

const ROOT = join(import.meta.dirname, '..');
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-cons-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const COLUMNS = 'id,stream,from,to,priority,pass,createdMin,deliveredMin,status,station,leadTimeMin,reason';

const load = (path: string, patch: Record<string, unknown> = {}) => ({ ...JSON.parse(readFileSync(join(ROOT, path), 'utf8')), ...patch });
const CASES: [string, Record<string, unknown>][] = [
  ['reference mmc, short', load('scenarios/reference/mmc.json', { horizonMin: 3000 })],
  ['priority-mm1, short', load('test/fixtures/priority-mm1.json', { horizonMin: 3000 })],
  ['reserved-lane, short', load('test/fixtures/reserved-lane.json', { horizonMin: 3000 })],
  ['detour', load('test/fixtures/detour.json')],
  ['detour, no drain (trucks left on the road)', load('test/fixtures/detour.json', { drainMin: 0 })],
  ['disconnect', load('test/fixtures/disconnect.json')],
  ['disconnect, closure outlasting the run', load('test/fixtures/disconnect.json', { closures: [{ node: 'd', fromMin: 50, toMin: 1e9 }] })],
  ['relay-zone', load('test/fixtures/relay-zone.json')],
  ['relay-zone, storage-bound station', (() => { const s = load('test/fixtures/relay-zone.json'); Object.assign(s.stations[0], { storageLoads: 1, docks: 1, localTrucks: 1 }); return s; })()],
  ['factory-const', load('test/fixtures/factory-const.json')],
  ['mixed', load('test/fixtures/mixed.json')],
  ['mixed, no drain', load('test/fixtures/mixed.json', { drainMin: 0 })],
];

describe.each(CASES)('%s', (name, raw) => {
  const scenario = validateScenario(raw, name);
  it.each([1, 2, 3])('seed %i: created = delivered + inSystem + failed, and shipments.csv agrees', (seed) => {
    const dir = join(tmp, `${scenario.name}-${name.length}-${seed}`);
    const s = runToDir(scenario, { seed, outDir: dir });
    const sh = s.shipments;
    expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
    expect(Object.values(sh.failedByReason).reduce((a, b) => a + b, 0)).toBe(sh.failed);
    expect(sh.onTime).toBeLessThanOrEqual(sh.delivered);
    const [header, ...lines] = readFileSync(join(dir, 'shipments.csv'), 'utf8').trimEnd().split('\n');
    expect(header).toBe(COLUMNS);
    const rows = (sh.created === 0 ? [] : lines).map((l) => {
      const f = l.split(',');
      return { id: Number(f[0]), stream: f[1], created: Number(f[6]), delivered: f[7], status: f[8], station: f[9], lead: f[10], reason: f[11] };
    });
    expect(rows.length).toBe(sh.created);
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    const count = (st: string) => rows.filter((r) => r.status === st).length;
    expect([count('delivered'), count('in-system'), count('failed')]).toEqual([sh.delivered, sh.inSystem, sh.failed]);
    for (const r of rows) {
      if (r.status === 'delivered') {
        expect(Number(r.lead)).toBeCloseTo(Number(r.delivered) - r.created, 3);
        expect(r.reason).toBe('');
      } else {
        expect(r.delivered).toBe('');
        expect(r.lead).toBe('');
        expect(r.reason === '').toBe(r.status === 'in-system');
      }
      expect(r.created).toBeLessThan(scenario.horizonMin);
    }
    // Lead-time statistics and on-time count, recomputed from the rows (times there are to 1e-4 min).
    const due = new Map(scenario.demand.map((d) => [d.id, d.dueMin ?? Infinity]));
    const done = rows.filter((r) => r.status === 'delivered');
    expect(sh.onTime).toBe(done.filter((r) => Number(r.lead) <= due.get(r.stream)! + 1e-4).length);
    const leads = done.filter((r) => r.created >= scenario.warmupMin).map((r) => Number(r.lead)).sort((a, b) => a - b);
    expect(s.leadTimeMin.n).toBe(leads.length);
    if (leads.length > 0) {
      const q = (p: number) => { const h = (leads.length - 1) * p, lo = Math.floor(h); return leads[lo] + (h - lo) * ((leads[lo + 1] ?? leads[lo]) - leads[lo]); };
      expect(s.leadTimeMin.mean).toBeCloseTo(leads.reduce((a, b) => a + b, 0) / leads.length, 3);
      expect(s.leadTimeMin.p50).toBeCloseTo(q(0.5), 3);
      expect(s.leadTimeMin.p95).toBeCloseTo(q(0.95), 3);
      expect(s.leadTimeMin.max).toBeCloseTo(leads[leads.length - 1], 3);
    }
    // series.json's deliveries per sample add up to the deliveries (all of them when the run ends on a sample).
    const series = JSON.parse(readFileSync(join(dir, 'series.json'), 'utf8'));
    const sampled = series.delivered.reduce((a: number, b: number) => a + b, 0);
    if (s.endMin % series.stepMin === 0) expect(sampled).toBe(sh.delivered);
    else expect(sampled).toBeLessThanOrEqual(sh.delivered);
    const relayedAndDone = rows.filter((r) => r.station !== '' && r.status === 'delivered').length;
    expect(sh.relayed).toBeGreaterThanOrEqual(relayedAndDone);
    expect(sh.relayed).toBeLessThanOrEqual(rows.filter((r) => r.station !== '').length);
  });
});
