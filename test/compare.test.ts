// relaysim compare: paired and unpaired differences against hand computations, the data of a run
// comparison against the runs' own files, bad input, and the placement baseline compared like with like.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pairedDifference, welchDifference } from '../src/compare/paired.js';
import { compareData, compareTable } from '../src/compare/write-compare.js';
import { runPlace } from '../src/place/run-place.js';
import { loadScenario } from '../src/scenario/load.js';
import { runToDir } from '../src/run.js';
import { percent, days } from '../src/cli/summary-table.js';

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('differences', () => {
  it('pairedDifference(): mean and Student-t half-width of b - a over the common seeds', () => {
    const a = new Map([[1, 10], [2, 12], [3, 11], [4, 13], [9, 99]]);
    const b = new Map([[1, 12], [2, 15], [3, 12], [4, 16]]);
    // d = 2, 3, 1, 3: mean 2.25, sd = sqrt(((-.25)^2 + .75^2 + 1.25^2 + .75^2) / 3) = sqrt(0.9166...), t(0.975, 3) = 3.182446
    const d = pairedDifference(a, b)!;
    expect(d.n).toBe(4);
    expect(d.mean).toBeCloseTo(2.25, 12);
    expect(d.half!).toBeCloseTo(3.182446305 * Math.sqrt(0.9166666667) / 2, 6);
    expect(d.paired).toBe(true);
    expect(d.significant).toBe(true);
  });
  it('pairedDifference(): an interval that covers zero is not significant; one pair has no interval', () => {
    const d = pairedDifference(new Map([[1, 0], [2, 0]]), new Map([[1, 1], [2, -1]]))!;
    expect(d.mean).toBe(0);
    expect(d.significant).toBe(false);
    const one = pairedDifference(new Map([[1, 0]]), new Map([[1, 5]]))!;
    expect(one.half).toBeNull();
    expect(one.significant).toBe(false);
    expect(pairedDifference(new Map([[1, 0]]), new Map([[2, 5]]))).toBeNull();
  });
  it('welchDifference(): Welch interval with Satterthwaite degrees of freedom', () => {
    const a = [1, 2, 3, 4], b = [3, 5, 7, 9, 11];
    // var a = 1.6667 (n 4), var b = 10 (n 5): se^2 = 0.41667 + 2 = 2.41667; df = 2.41667^2 / (0.41667^2/3 + 2^2/4) = 5.5208
    const d = welchDifference(a, b)!;
    expect(d.mean).toBeCloseTo(7 - 2.5, 12);
    const se = Math.sqrt(5 / 12 + 2);
    const df = (5 / 12 + 2) ** 2 / ((5 / 12) ** 2 / 3 + 4 / 4);
    expect(df).toBeCloseTo(5.5208, 3);
    // t(0.975, 5.52) lies between t(0.975, 6) = 2.4469 and t(0.975, 5) = 2.5706.
    expect(d.half! / se).toBeGreaterThan(2.4469);
    expect(d.half! / se).toBeLessThan(2.5706);
    expect(d.paired).toBe(false);
  });
});

describe('comparing runs', () => {
  const a = join(tmp, 'a'), b = join(tmp, 'b');
  beforeAll(() => {
    runToDir(loadScenario('scenarios/yrd-2022-march.json', ['horizonMin=720', 'warmupMin=60']), { outDir: a });
    runToDir(loadScenario('scenarios/yrd-2022-april.json', ['horizonMin=720', 'warmupMin=60']), { outDir: b });
  }, 60_000);

  it('headline values and site figures are the runs\' own summary.json figures', async () => {
    const data = await compareData([a, b], ['March', 'April']);
    if (data.kind !== 'compare-runs') throw new Error('expected runs');
    const sa = JSON.parse(readFileSync(join(a, 'summary.json'), 'utf8')), sb = JSON.parse(readFileSync(join(b, 'summary.json'), 'utf8'));
    expect(data.headline.values[0].delivered).toBe(sa.shipments.delivered);
    expect(data.headline.values[1].delivered).toBe(sb.shipments.delivered);
    expect(data.headline.values[1].p95LeadMin).toBe(sb.leadTimeMin.p95);
    const g2 = data.sites.rows.checkpoints.find((r) => r.id === 'g2-anting')!;
    expect(g2.values[1]).toEqual([sa.checkpoints['g2-anting'].meanWaitMin, sb.checkpoints['g2-anting'].meanWaitMin]);
    // Road use per run follows network.json's trucks per edge.
    const na = JSON.parse(readFileSync(join(a, 'network.json'), 'utf8'));
    expect(data.roadUse[0].reduce((x, y) => x + y, 0)).toBe(na.edges.reduce((x: number, e: { trucks: number }) => x + e.trucks, 0));
    // The lead-time median of the distribution is the summary's p50 (both linear or nearest rank within a bin's width).
    expect(Math.abs(data.shipments[1]!.leadQuantiles[50] - sb.leadTimeMin.p50)).toBeLessThan(sb.leadTimeMin.p50 * 0.05 + 1);
    expect(data.notes).toEqual([]);
    const text = compareTable(data);
    expect(text).toContain('March');
    expect(text).toMatch(/delivered\s+[\d,]+\s+[\d,]+ \([+−±]/);
  });

  it('bad input exits 2 with one message and writes nothing', () => {
    const page = join(tmp, 'never.html');
    const cases: [string[], string][] = [
      [[a], 'expected at least two directories, got 1'],
      [[a, join(tmp, 'nope')], 'no such directory'],
      [[a, b, '--names', 'only-one'], '--names: expected 2 names (one per directory), got 1'],
      [[a, 'test/fixtures/report-run/batch'], 'compare runs with runs, batches with batches'],
    ];
    for (const [args, message] of cases) {
      const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'compare', ...args, '--out', page], { encoding: 'utf8' });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(page)).toBe(false);
    }
  }, 60_000);
});

describe('the placement baseline is compared like with like', () => {
  it('vsBest is best - baseline at the baseline\'s own k, significant exactly when the interval excludes zero', async () => {
    const base = JSON.stringify([{ id: 'base', node: 's1', zone: 'city', docks: 2, transferMin: { dist: 'exp', mean: 10 }, storageLoads: 100, localTrucks: 5 }]);
    const r = await runPlace({ file: 'test/fixtures/place-line/line.json', k: 1, out: join(tmp, 'place'), workers: 0, progress: 'quiet', html: false, sets: [`stations=${base}`] });
    const b = r.baseline!;
    expect(b.k).toBe(1);
    const v = b.vsBest!;
    expect(v.k).toBe(1);
    expect(v.best).toBe(r.best.key);
    // With equal replications the mean of the paired differences is the difference of the means.
    expect(v.mean).toBeCloseTo(r.best.mean - b.mean, 3);
    expect(v.significant).toBe(v.half !== null && Math.abs(v.mean) > v.half);
    // The west end is far from the demand: the best set is better, significantly.
    expect(v.mean).toBeLessThan(0);
  });
  it('a search that stops below the baseline\'s k says so instead of comparing 4 stations with 3', async () => {
    const two = JSON.stringify(['s1', 's2'].map((node, i) => ({ id: `base${i}`, node, zone: 'city', docks: 2, transferMin: { dist: 'exp', mean: 10 }, storageLoads: 100, localTrucks: 5 })));
    const r = await runPlace({ file: 'test/fixtures/place-line/line.json', k: 1, out: join(tmp, 'place2'), workers: 0, progress: 'quiet', html: false, sets: [`stations=${two}`] });
    expect(r.baseline!.k).toBe(2);
    expect(r.baseline!.vsBest).toBeNull();
    expect(r.baseline!.note).toContain('--k 2');
  });
});

describe('printing', () => {
  it('a share that is not whole never prints as 100.0 %', () => {
    expect(percent(2960, 2961)).toBe('> 99.9');
    expect(percent(10, 10)).toBe('100.0');
    expect(percent(1, 3)).toBe('33.3');
    expect(percent(1, 100000)).toBe('< 0.1');
  });
  it('1 day, 7 days', () => {
    expect(days(1)).toBe('1 day');
    expect(days(7)).toBe('7 days');
    expect(days(0.5)).toBe('0.50 days');
  });
});
