import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPlace } from '../src/place/run-place.js';

const LINE = 'test/fixtures/place-line/line.json';
const CLOSURE = 'test/fixtures/place-line/closure.json';
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-place-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const out = (name: string) => join(tmp, name);
const ids = (s: { sites: { id: string }[] }) => s.sites.map((x) => x.id);

describe('runPlace() on the line fixture (test/fixtures/place-line/EXPECTED.md)', () => {
  it('runPlace() picks the site near the demand (k=1)', async () => {
    const r = await runPlace({ file: LINE, k: 1, out: out('line-k1'), workers: 0, progress: 'quiet' });
    expect(r.method).toBe('exhaustive');
    expect(ids(r.best)).toEqual(['site-east']);
    expect(r.evaluated).toHaveLength(5);
    expect(r.margin?.significant).toBe(true);
  });

  it('runPlace() picks site-east for lead-mean and line-stop too', async () => {
    for (const objective of ['lead-mean', 'line-stop']) {
      const r = await runPlace({ file: LINE, k: 1, objective, out: out(`line-${objective}`), workers: 0, progress: 'quiet', html: false });
      expect(ids(r.best), objective).toEqual(['site-east']);
    }
  });

  it('runPlace() avoids the site a closure makes useless', async () => {
    const r = await runPlace({ file: CLOSURE, k: 1, out: out('closure-k1'), workers: 0, progress: 'quiet', html: false });
    expect(ids(r.best)).toEqual(['site-s4']);
    // Shortest paths alone (closures ignored) cannot tell the two apart: within 3 %.
    const east = r.candidates.find((c) => c.id === 'site-east')!, s4 = r.candidates.find((c) => c.id === 'site-s4')!;
    expect(Math.abs(east.screeningMin! / s4.screeningMin! - 1)).toBeLessThan(0.03);
  });

  it('runPlace() snaps --candidates GeoJSON points to the nearest node and zone', async () => {
    const r = await runPlace({
      file: LINE, k: 1, out: out('geojson'), workers: 0, progress: 'quiet', html: false,
      sets: ['placement.candidates=[]'], candidates: 'test/fixtures/place-line/sites.geojson',
    });
    expect(r.candidates.map((c) => [c.id, c.node, c.zone])).toEqual([['near-s1', 's1', 'city'], ['near-s3', 's3', 'city'], ['near-s5', 's5', 'city']]);
    expect(ids(r.best)).toEqual(['near-s5']);
  });

  it('runPlace() gives the same answer from exhaustive and local search (k=2)', async () => {
    const ex = await runPlace({ file: LINE, k: 2, out: out('line-k2-ex'), workers: 0, progress: 'quiet', html: false });
    const ls = await runPlace({ file: LINE, k: 2, out: out('line-k2-ls'), workers: 0, progress: 'quiet', html: false, exhaustiveMax: 1 });
    expect(ex.method).toBe('exhaustive');
    expect(ls.method).toBe('local-search');
    expect(ls.best.key).toBe(ex.best.key);
    expect(ls.best.mean).toBe(ex.best.mean);
  });

  it('runPlace() writes placement.json, placement.csv, placement.html and resumes from evaluations.jsonl', async () => {
    const dir = out('line-files');
    const first = await runPlace({ file: LINE, k: 1, out: dir, workers: 0, progress: 'quiet' });
    const lines = readFileSync(join(dir, 'evaluations.jsonl'), 'utf8').trim().split('\n');
    expect(lines.length).toBe(first.evaluated.reduce((n, e) => n + e.n, 0));
    const csv = readFileSync(join(dir, 'placement.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^set,k,sites,docks,local_trucks,cost,objective,mean,half_width,n,/);
    expect(csv).toHaveLength(6);
    expect(readFileSync(join(dir, 'placement.html'), 'utf8')).toContain('site-east');
    const again = await runPlace({ file: LINE, k: 1, out: dir, workers: 0, progress: 'quiet' });
    expect(readFileSync(join(dir, 'evaluations.jsonl'), 'utf8').trim().split('\n')).toHaveLength(lines.length);
    expect(again.evaluated).toEqual(first.evaluated);
  });

  it('runPlace() gives the same answer on 1 and 2 worker threads as in this thread', async () => {
    const base = await runPlace({ file: LINE, k: 2, out: out('w0'), workers: 0, progress: 'quiet', html: false });
    for (const workers of [1, 2]) {
      const r = await runPlace({ file: LINE, k: 2, out: out(`w${workers}`), workers, progress: 'quiet', html: false });
      expect(r.best, `workers ${workers}`).toEqual(base.best);
      expect(r.evaluated, `workers ${workers}`).toEqual(base.evaluated);
    }
  }, 60_000);

  it('runPlace() keeps within --budget and sizes sites with --size', async () => {
    // Sizes: docks [2, 3] x local trucks [3, 5, 8]; cost 1 per site + 1 per dock + 1 per truck. Budget 9
    // leaves 4 of the 6 sizes (not the 8-truck ones: 11 and 12).
    const sets = ['placement.docks=[2,3]', 'placement.localTrucks=[3,5,8]', 'placement.dockCost=1', 'placement.truckCost=1'];
    const r = await runPlace({ file: LINE, k: 1, out: out('size'), workers: 0, progress: 'quiet', html: false, sets, size: true, budget: 9 });
    expect(r.evaluated.every((e) => e.cost <= 9)).toBe(true);
    expect(r.evaluated).toHaveLength(5 * 4);
    expect(r.best.sites[0].id).toBe('site-east');
  });
});
