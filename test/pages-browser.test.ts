// Every kind of page (run, batch, placement, compare), built from real runs, in a real headless
// Chromium: no console errors, the expected marks, series and rows, no overlapping labels on the YRD
// map at 1280x800, names with markup shown as text, and the download buttons give SVG, PNG and CSV.
// Screenshots at 1280x800 and 390x844 go to test-results/pages/ (not out/).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runBatch } from '../src/batch/run-batch.js';
import { createInlinePool } from '../src/batch/pool.js';
import { writeCompare } from '../src/compare/write-compare.js';
import { runPlace } from '../src/place/run-place.js';
import type { PlacementResult } from '../src/place/output.js';
import { writeReport } from '../src/report/build-report.js';
import { loadScenario } from '../src/scenario/load.js';
import { runToDir } from '../src/run.js';
import { download, haveBrowser, labelOverlaps, launch, open, screenshot, SHOTS, visibleLabels, type Opened } from './browser-pages.js';

const MARKUP = '<img src=x onerror=window.__xss=1>';
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-pages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Leader lines that pass through a visible label other than their own (sampled every pixel). */
const leadersCrossingLabels = (page: Opened['page']) => page.evaluate(() => {
  const boxes = [...document.querySelectorAll('#map .labels text')].filter((t) => getComputedStyle(t).visibility !== 'hidden')
    .map((t) => ({ t: t.textContent, b: t.getBoundingClientRect() }));
  const out: string[] = [];
  for (const l of document.querySelectorAll('#map .leaders line')) {
    const own = (l as SVGLineElement & { __data__: { text: string } }).__data__.text;
    const r = l.getBoundingClientRect();
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => +l.getAttribute(a)!);
    const svg = l.closest('svg')!.getBoundingClientRect();
    const steps = Math.ceil(Math.hypot(x2 - x1, y2 - y1));
    for (const { t, b } of boxes) {
      if (t === own || r.width + r.height === 0) continue;
      for (let i = 1; i < steps; i++) {
        const x = svg.left + x1 + ((x2 - x1) * i) / steps, y = svg.top + y1 + ((y2 - y1) * i) / steps;
        if (x > b.left + 1 && x < b.right - 1 && y > b.top + 1 && y < b.bottom - 1) { out.push(`${own} / ${t}`); break; }
      }
    }
  }
  return out;
});

const xssRan = (o: Opened) => o.page.evaluate(() => (window as unknown as { __xss?: number }).__xss === 1);

interface Shown { o: Opened; phoneErrors: string[]; overflow: number }

/** Both viewports: screenshots taken, the phone's errors and how far the page sticks out sideways on it. */
async function bothViewports(browser: Browser, file: string, name: string): Promise<Shown> {
  const o = await open(browser, file, 1280, 800);
  await screenshot(o.page, `${name}-1280x800`);
  // The map alone at full size, where the whole-page screenshot is hard to read.
  if (await o.page.locator('#map svg').count()) await o.page.locator('#map').screenshot({ path: join(SHOTS, `${name}-map-1280x800.png`) });
  if (await o.page.locator('#map-inset').isVisible()) await o.page.locator('#map-inset').screenshot({ path: join(SHOTS, `${name}-closeup-1280x800.png`) });
  await o.page.evaluate(() => window.scrollTo(0, 0)); // an element's screenshot scrolls it into view; the tests start at the top
  const phone = await open(browser, file, 390, 844);
  if (await phone.page.locator('#map svg').count()) await phone.page.locator('#map').screenshot({ path: join(SHOTS, `${name}-map-390x844.png`) });
  if (await phone.page.locator('#map-inset').isVisible()) await phone.page.locator('#map-inset').screenshot({ path: join(SHOTS, `${name}-closeup-390x844.png`) });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await screenshot(phone.page, `${name}-390x844`);
  await phone.page.close();
  return { o, phoneErrors: phone.errors, overflow };
}

/**
 * In a describe block: before its tests, `build` writes the page and it is opened at both viewports;
 * after them the desktop page is closed. The returned object is filled in by then.
 */
function shownPage(browser: () => Browser, name: string, build: () => Promise<string>, timeout = 120_000): Shown {
  const s = {} as Shown;
  beforeAll(async () => { Object.assign(s, await bothViewports(browser(), await build(), name)); }, timeout);
  afterAll(async () => { await s.o?.page.close(); });
  return s;
}

/** No console errors on either viewport, nothing wider than the phone. */
function expectClean(s: Shown) {
  expect(s.o.errors).toEqual([]);
  expect(s.phoneErrors).toEqual([]);
  expect(s.overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!haveBrowser)('every page kind in a headless browser', () => {
  let browser: Browser;
  const dirs = { march: join(tmp, 'march'), april: join(tmp, 'april'), may: join(tmp, 'may') };
  beforeAll(async () => {
    browser = await launch();
    // One simulated day of each phase; March's title carries markup, which must stay text.
    runToDir(loadScenario('scenarios/yrd-2022-march.json', ['horizonMin=1440', `title=${MARKUP} March`]), { outDir: dirs.march });
    runToDir(loadScenario('scenarios/yrd-2022-april.json', ['horizonMin=1440']), { outDir: dirs.april, trace: true });
    runToDir(loadScenario('scenarios/yrd-2022-may.json', ['horizonMin=1440']), { outDir: dirs.may });
  }, 120_000);
  afterAll(async () => { await browser?.close(); });

  describe('run report (March, title with markup)', () => {
    const p = shownPage(() => browser, 'run-march', async () => (await writeReport(dirs.march, join(tmp, 'march.html'))).file);
    const network = () => JSON.parse(readFileSync(join(dirs.march, 'network.json'), 'utf8'));

    it('loads without errors on both viewports; nothing overflows the phone', () => expectClean(p));
    it('the title with markup is text, and its script never ran', async () => {
      expect(await p.o.page.locator('#title').innerText()).toContain(MARKUP);
      expect(await p.o.page.locator('#title img').count()).toBe(0);
      expect(await xssRan(p.o)).toBe(false);
    });
    it('draws the coastline, the zones with their names, a scale bar', async () => {
      expect(await p.o.page.locator('#map path.land').count()).toBe(1);
      expect((await p.o.page.locator('#map path.land').getAttribute('d'))!.length).toBeGreaterThan(500);
      expect(await p.o.page.locator('#map .zone-name').count()).toBe(network().zones.length);
      expect(await p.o.page.locator('#map .zone-name').allTextContents()).toContain('SHANGHAI');
      expect(await p.o.page.locator('#map .scale-bar text').textContent()).toMatch(/^\d+ km$/);
    });
    it('draws the province borders and names the provinces; Shanghai is named once, by its zone', async () => {
      expect(await p.o.page.locator('#map path.admin-border').count()).toBe(1);
      expect((await p.o.page.locator('#map path.admin-border').getAttribute('d'))!.length).toBeGreaterThan(500);
      const names = await p.o.page.locator('#map .division-name').allTextContents();
      expect(names).toEqual(expect.arrayContaining(['Jiangsu', 'Zhejiang']));
      expect(names).not.toContain('Shanghai');
      expect(await p.o.page.locator('#map .credit').textContent()).toBe('land and provinces: Natural Earth');
    });
    it('no two visible labels overlap on the YRD map at 1280x800; every site is labelled; no leader line crosses a label', async () => {
      expect(await labelOverlaps(p.o.page)).toEqual([]);
      const n = network();
      expect(await visibleLabels(p.o.page, '#map .labels text.site')).toBe(n.checkpoints.length + n.stations.length);
      expect(await leadersCrossingLabels(p.o.page)).toEqual([]);
    });
    it('a close-up shows every site and factory whose label the full view had to hide, its labels apart too', async () => {
      const shown = (sel: string) => p.o.page.$$eval(sel, (ts) => ts.map((t) => ({ text: t.textContent!, on: getComputedStyle(t).visibility !== 'hidden', city: (t as SVGTextElement & { __data__: { id: string } }).__data__.id.startsWith('city:') })));
      const hidden = (await shown('#map .labels text')).filter((l) => !l.on && !l.city).map((l) => l.text);
      expect(hidden.length).toBeGreaterThan(0); // Shanghai's factories crowd at full view
      const inset = new Map((await shown('#map-inset .labels text')).map((l) => [l.text, l.on]));
      for (const t of hidden) expect([t, inset.get(t)]).toEqual([t, true]);
      expect(await p.o.page.locator('#map-inset .inset-title').textContent()).toBe('Close-up: Shanghai');
      expect(await labelOverlaps(p.o.page, '#map-inset .labels text')).toEqual([]);
    });
    it('the mark under the pointer shows its own tooltip, with readable names and units', async () => {
      const marks = p.o.page.locator('#map .marks path');
      const n = await marks.count();
      let checked = 0;
      for (let i = 0; i < n; i++) {
        const m = marks.nth(i);
        const id = (await m.getAttribute('data-id'))!;
        const box = (await m.boundingBox())!;
        const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
        // Only where this mark is the topmost thing at its centre (a smaller mark may sit on a larger one).
        const top = await p.o.page.evaluate(([x, y]) => (document.elementFromPoint(x, y) as Element | null)?.getAttribute('data-id') ?? null, [cx, cy]);
        if (top !== id) continue;
        await p.o.page.mouse.move(cx, cy);
        await expect.poll(() => p.o.page.locator('#tooltip').isVisible()).toBe(true);
        const text = await p.o.page.locator('#tooltip').innerText();
        expect(text).toContain(id);
        expect(text).not.toMatch(/servedByClass|meanWaitByClassMin|\b[a-z]+[A-Z]\w*\.\w/);
        checked++;
      }
      await p.o.page.mouse.move(0, 0);
      expect(checked).toBeGreaterThanOrEqual(Math.ceil(n * 0.8));
    });
    it('labels stay on their marks when zooming', async () => {
      const gap = () => p.o.page.evaluate(() => {
        const label = [...document.querySelectorAll('#map .labels text.site')].find((t) => getComputedStyle(t).visibility !== 'hidden')!;
        const id = (label as SVGTextElement & { __data__: { id: string } }).__data__.id;
        const mark = document.querySelector(`#map .marks path[data-id="${id}"]`)!.getBoundingClientRect();
        const b = label.getBoundingClientRect();
        return { id, d: Math.hypot(b.x + b.width / 2 - (mark.x + mark.width / 2), b.y + b.height / 2 - (mark.y + mark.height / 2)) };
      });
      const before = await gap();
      // Zoom in around that very mark, so that it stays in view.
      const mark = (await p.o.page.locator(`#map .marks path[data-id="${before.id}"]`).boundingBox())!;
      await p.o.page.mouse.dblclick(mark.x + mark.width / 2, mark.y + mark.height / 2);
      await p.o.page.waitForTimeout(700);
      const after = await p.o.page.evaluate((id) => {
        const label = [...document.querySelectorAll('#map .labels text')].find((t) => (t as SVGTextElement & { __data__: { id: string } }).__data__.id === id)!;
        if (getComputedStyle(label).visibility === 'hidden') return Infinity;
        const mark = document.querySelector(`#map .marks path[data-id="${id}"]`)!.getBoundingClientRect();
        const b = label.getBoundingClientRect();
        return Math.hypot(b.x + b.width / 2 - (mark.x + mark.width / 2), b.y + b.height / 2 - (mark.y + mark.height / 2));
      }, before.id);
      expect(after).toBeLessThan(before.d + 60);
    });
    it('charts have axis titles and export as SVG and PNG; tables as CSV', async () => {
      expect(await p.o.page.locator('.chart-checkpoint-queue .axis-title').count()).toBeGreaterThan(0);
      const svg = await download(p.o.page, '.chart-checkpoint-queue .export-svg');
      expect(svg.name).toMatch(/\.svg$/);
      expect(svg.text).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg.text).toContain('class="series"');
      const png = await download(p.o.page, '.chart-checkpoint-queue .export-png');
      expect(png.bytes.subarray(1, 4).toString()).toBe('PNG');
      const csv = await download(p.o.page, '.export-csv');
      expect(csv.text.split('\n')[0]).toMatch(/^site,/);
      expect(csv.text.trim().split('\n').length).toBeGreaterThan(2);
    });
  });

  describe('batch report (two lanes settings of the reference model)', () => {
    const p = shownPage(() => browser, 'batch', async () => {
      const pool = createInlinePool();
      await runBatch({ file: 'scenarios/reference/mmc.json', reps: 3, sets: ['horizonMin=600'], sweeps: [{ path: 'checkpoints.gate.lanes', values: ['4', '5'] }], outDir: join(tmp, 'lanes'), pool });
      await pool.close();
      return (await writeReport(join(tmp, 'lanes'), join(tmp, 'lanes.html'))).file;
    });
    it('loads without errors; metric titles are readable, with units; a numbers table beside the intervals', async () => {
      expectClean(p);
      const titles = await p.o.page.locator('.ci-chart h3').allInnerTexts();
      expect(titles).toContain('mean lead time (min)');
      expect(titles.join(' ')).not.toContain('leadTimeMin.mean');
      expect(await p.o.page.locator('#batch-section table.data tbody tr').count()).toBeGreaterThanOrEqual(2);
    });
  });

  describe('placement page (YRD, k = 3, a candidate id with markup)', () => {
    let r: PlacementResult;
    const p = shownPage(() => browser, 'placement', async () => {
      const out = join(tmp, 'place');
      r = await runPlace({
        file: 'scenarios/yrd-2022-placement.json', k: 3, reps: 2, out, workers: 0, progress: 'quiet',
        sets: ['horizonMin=1440', 'warmupMin=120', `placement.candidates.0.id=${MARKUP}`],
      });
      return join(out, 'placement.html');
    }, 180_000);

    it('loads without errors on both viewports (the page used to throw on map-layers.js)', () => expectClean(p));
    it('the map has every candidate, the chosen sites as squares, and their catchments', async () => {
      expect(await p.o.page.locator('#map .candidate-site, #map .chosen-site').count()).toBe(r.candidates.length);
      expect(await p.o.page.locator('#map .chosen-site').count()).toBe(r.best.sites.length);
      expect(await p.o.page.locator('#map .catchment').count()).toBeGreaterThan(0);
      expect(await p.o.page.locator('#map path.land').count()).toBe(1);
    });
    it('every candidate is labelled at 1280x800 (crowded Shanghai too), no two labels overlap, no leader crosses a label', async () => {
      expect(await labelOverlaps(p.o.page)).toEqual([]);
      expect(await visibleLabels(p.o.page, '#map .labels text.candidate, #map .labels text.chosen')).toBe(r.candidates.length);
      expect(await leadersCrossingLabels(p.o.page)).toEqual([]);
    });
    it('a road\'s tooltip gives its length and speed, not a traffic count the placement does not have', async () => {
      // The longest road drawn, hovered at its middle where no site or catchment covers it.
      const at = await p.o.page.$$eval('#map path.road', (ps) => {
        for (const el of [...ps].sort((a, b) => (b as SVGPathElement).getTotalLength() - (a as SVGPathElement).getTotalLength())) {
          const path = el as SVGPathElement, m = path.getPointAtLength(path.getTotalLength() / 2);
          const pt = path.ownerSVGElement!.createSVGPoint();
          pt.x = m.x; pt.y = m.y;
          const s = pt.matrixTransform(path.getScreenCTM()!);
          if (document.elementFromPoint(s.x, s.y) === path) return { x: s.x, y: s.y };
        }
        return null;
      });
      expect(at).not.toBeNull();
      await p.o.page.mouse.move(at!.x, at!.y);
      await expect.poll(() => p.o.page.locator('#tooltip').isVisible()).toBe(true);
      const text = await p.o.page.locator('#tooltip').innerText();
      expect(text).toMatch(/→/);
      expect(text).toMatch(/km/);
      expect(text).not.toMatch(/trucks/);
      await p.o.page.mouse.move(0, 0);
    });
    it('the candidate id with markup is text everywhere, and its script never ran', async () => {
      expect(await p.o.page.locator('img').count()).toBe(0);
      expect(await xssRan(p.o)).toBe(false);
      expect(await p.o.page.getByText(MARKUP, { exact: false }).count()).toBeGreaterThan(0);
    });
    it('the chosen sites table lists each site with its docks and local trucks; the trade-off has a point per k', async () => {
      const rows = await p.o.page.locator('table[data-name="chosen-sites"] tbody tr').allInnerTexts();
      expect(rows.length).toBe(r.best.sites.length);
      r.best.sites.forEach((s, i) => expect(rows[i]).toContain(String(s.localTrucks)));
      expect(await p.o.page.locator('.chart-tradeoff .k-point').count()).toBe(r.tradeoff.length);
      expect(await p.o.page.locator('.chart-tradeoff .axis-title').allTextContents()).toEqual(['stations (k)', 'p95 lead time']);
    });
    it('the ranked sets name each set in full and mark ties as ties', async () => {
      const first = await p.o.page.locator('table.ranked tbody tr').first().innerText();
      for (const s of r.best.sites) expect(first).toContain(s.id);
      if (r.ties.length) expect(await p.o.page.locator('table.ranked tbody tr.tie').count()).toBeGreaterThan(1);
    });
    it('the baseline is compared like with like: 4 scenario stations against a search up to k = 3 says so', () => {
      expect(r.baseline!.k).toBe(4);
      expect(r.baseline!.vsBest).toBeNull();
      expect(r.baseline!.note).toContain('--k 4');
    });
  });

  describe('compare page (March, April, May; a name with markup)', () => {
    const p = shownPage(() => browser, 'compare', async () =>
      (await writeCompare([dirs.march, dirs.april, dirs.may], { out: join(tmp, 'phases.html'), names: [`${MARKUP}March`, 'April', 'May'] })).file);
    it('loads without errors on both viewports', () => expectClean(p));
    it('headline figures in one column per run, with the change from the first', async () => {
      expect(await p.o.page.locator('table[data-name="headline"] thead th').count()).toBe(4);
      const delivered = await p.o.page.locator('table[data-name="headline"] tbody tr', { hasText: 'delivered' }).first().innerText();
      expect(delivered).toMatch(/\([+−±]/);
      // The cards give every run's value whole at 1280x800 (the p95 card once ended "4.3…").
      const cut = await p.o.page.$$eval('.card .v', (vs) => vs.filter((v) => v.scrollWidth > v.clientWidth).map((v) => v.textContent));
      expect(cut).toEqual([]);
      expect(await p.o.page.locator('.card .v').first().innerText()).toMatch(/^\d[\d,]* · \d[\d,]* · \d[\d,]*$/);
    });
    it('one line per run in every time chart and in the lead-time distribution', async () => {
      for (const cls of ['chart-cp-queue', 'chart-storage', 'chart-stock', 'chart-deliveries', 'chart-lead-cdf']) {
        expect(await p.o.page.locator(`.${cls} path.series`).count()).toBe(3);
      }
    });
    it('the map colours roads by the change, and switching the pair redraws it', async () => {
      const before = await p.o.page.locator('#map path.road').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')).join());
      await p.o.page.locator('#map-pick button', { hasText: 'May' }).click();
      const after = await p.o.page.locator('#map path.road').evaluateAll((ps) => ps.map((p) => p.getAttribute('stroke')).join());
      expect(after).not.toBe(before);
    });
    it('the name with markup is text, and its script never ran', async () => {
      expect(await p.o.page.locator('img').count()).toBe(0);
      expect(await xssRan(p.o)).toBe(false);
    });
    it('per-site tables and CSV export', async () => {
      expect(await p.o.page.locator('table[data-name="checkpoints"] tbody tr').count()).toBe(8);
      const csv = await download(p.o.page, '.table-head .export-csv');
      expect(csv.text.length).toBeGreaterThan(20);
    });
  });

  describe('compare page of two batches over the same seeds', () => {
    const p = shownPage(() => browser, 'compare-batches', async () => {
      const pool = createInlinePool();
      for (const lanes of [4, 5]) await runBatch({ file: 'scenarios/reference/mmc.json', reps: 4, sets: ['horizonMin=600', `checkpoints.gate.lanes=${lanes}`], outDir: join(tmp, `b${lanes}`), pool });
      await pool.close();
      return (await writeCompare([join(tmp, 'b4'), join(tmp, 'b5')], { out: join(tmp, 'batches.html') })).file;
    });
    it('shows paired differences with their intervals', async () => {
      expectClean(p);
      const row = await p.o.page.locator('#batch table tbody tr', { hasText: 'mean lead time' }).first().innerText();
      expect(row).toContain('paired, n = 4');
      expect(await p.o.page.locator('.diff-chart g.ci').count()).toBeGreaterThan(0);
    });
  });
});
