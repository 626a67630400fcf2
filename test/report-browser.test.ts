// The report page in a real headless Chromium: loads without console errors, draws one road per
// edge and one mark per station/checkpoint, the expected chart series, and playback moves trucks.
// Screenshots go to test-results/pages/ (CI keeps them as artifacts), never into out/.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeReport } from '../src/report/build-report.js';
import { loadScenario } from '../src/scenario/load.js';
import { runToDir } from '../src/run.js';
import { SHOTS } from './browser-pages.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const haveBrowser = existsSync(CHROMIUM) || !!process.env.CI; // in CI it must run (and fail if chromium is missing)
if (!haveBrowser) console.warn(`report-browser: skipped: ${CHROMIUM} not found (apt-get install -y chromium); CI always runs it`);
const OUT = SHOTS;

interface Opened { page: Page; errors: string[]; loadMs: number }

async function open(browser: Browser, file: string, width: number, height: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  const t0 = Date.now();
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  const loadMs = Date.now() - t0;
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors, loadMs };
}

const count = (page: Page, sel: string) => page.locator(sel).count();
const truckPositions = (page: Page) => page.$$eval('#map .trucks circle', (cs) => cs.map((c) => `${c.getAttribute('transform')}`).join(';'));

/** Checks shared by every run report; `dir` is the run directory the page was made from. */
function pageChecks(name: string, get: () => { dir: string; file: string; browser: Browser }) {
  let o: Opened;
  let network: { edges: unknown[]; stations: unknown[]; checkpoints: unknown[]; factories: unknown[] };
  let series: { checkpoints: object; stations: object; factories: object };
  beforeAll(async () => {
    const { dir, file, browser } = get();
    network = JSON.parse(readFileSync(join(dir, 'network.json'), 'utf8'));
    series = JSON.parse(readFileSync(join(dir, 'series.json'), 'utf8'));
    o = await open(browser, file, 1280, 800);
  }, 60_000);
  afterAll(async () => { await o?.page.close(); });

  it(`${name}: loads with no console errors and no network requests`, () => {
    expect(o.errors).toEqual([]);
  });
  it(`${name}: map has one path per road and one mark per station and checkpoint`, async () => {
    expect(await count(o.page, '#map path.road')).toBe(network.edges.length);
    expect(await count(o.page, '#map .mark-station')).toBe(network.stations.length);
    expect(await count(o.page, '#map .mark-checkpoint')).toBe(network.checkpoints.length);
    expect(await count(o.page, '#map .mark-factory')).toBe(network.factories.length);
  });
  it(`${name}: a mark's tooltip shows its figures`, async () => {
    if (!network.checkpoints.length) return;
    await o.page.locator('#map .mark-checkpoint').first().hover({ force: true });
    await expect.poll(() => o.page.locator('#tooltip').isVisible()).toBe(true);
    expect(await o.page.locator('#tooltip').innerText()).toMatch(/\d/);
    await o.page.mouse.move(0, 0);
  });
  it(`${name}: charts have one series per element`, async () => {
    const n = (o: object) => Object.keys(o).length;
    if (n(series.checkpoints)) expect(await count(o.page, '.chart-checkpoint-queue path.series')).toBe(n(series.checkpoints));
    if (n(series.stations)) {
      expect(await count(o.page, '.chart-station-queue path.series')).toBe(n(series.stations));
      expect(await count(o.page, '.chart-storage path.series')).toBe(n(series.stations));
      expect(await count(o.page, '.chart-local-busy path.series')).toBe(n(series.stations));
    }
    if (n(series.factories)) expect(await count(o.page, '.chart-stock path.series')).toBe(n(series.factories));
    expect(await count(o.page, '.chart-delivered .series rect.bar, .chart-delivered .series path.bar-area')).toBeGreaterThan(0);
    expect(await count(o.page, '.chart-lead .hist-row')).toBeGreaterThan(0);
  });
  it(`${name}: moving the slider moves the trucks`, async () => {
    const slider = o.page.locator('#time-slider');
    const max = Number(await slider.getAttribute('max'));
    const before = await truckPositions(o.page);
    const positions = new Set([before]);
    for (const f of [0.25, 0.5, 0.75]) {
      await slider.evaluate((el: HTMLInputElement, v) => { el.value = String(v); el.dispatchEvent(new Event('input')); }, Math.round(max * f));
      positions.add(await truckPositions(o.page));
    }
    expect(positions.size).toBeGreaterThan(1);
  });
  it(`${name}: the play button advances simulated time`, async () => {
    const slider = o.page.locator('#time-slider');
    await slider.evaluate((el: HTMLInputElement) => { el.value = '0'; el.dispatchEvent(new Event('input')); });
    const before = await o.page.locator('.playback .time').innerText();
    await o.page.locator('#play').click();
    await expect.poll(() => o.page.locator('.playback .time').innerText(), { timeout: 5000 }).not.toBe(before);
    await o.page.locator('#play').click(); // pause
  });
  it(`${name}: screenshots at 1280x800 and 390x844`, async () => {
    const { file, browser } = get();
    mkdirSync(OUT, { recursive: true });
    // The artifact shows the busiest moment of playback.
    await o.page.evaluate(() => {
      const counts: number[] = (window as unknown as { RS: { data: { playback: { counts: number[] } } } }).RS.data.playback.counts;
      const el = document.getElementById('time-slider') as HTMLInputElement;
      el.value = String(counts.indexOf(Math.max(...counts)));
      el.dispatchEvent(new Event('input'));
    });
    await o.page.screenshot({ path: join(OUT, `report-screenshot${name === 'fixture' ? '-fixture' : ''}.png`), fullPage: true });
    const phone = await open(browser, file, 390, 844);
    // Nothing may stick out sideways on a phone.
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await phone.page.screenshot({ path: join(OUT, `report-screenshot${name === 'fixture' ? '-fixture' : ''}-phone.png`), fullPage: true });
    await phone.page.close();
    expect(phone.errors).toEqual([]);
    expect(overflow).toBeLessThanOrEqual(0);
  }, 60_000);
}

describe.skipIf(!haveBrowser)('report in a headless browser', () => {
  let browser: Browser;
  const fixture = { dir: resolve('test/fixtures/report-run'), file: '' };
  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const tmp = await mkdtemp(join(tmpdir(), 'relaysim-report-'));
    fixture.file = (await writeReport(fixture.dir, join(tmp, 'fixture.html'))).file;
  }, 60_000);
  afterAll(async () => { await browser?.close(); });

  describe('hand-made fixture run', () => pageChecks('fixture', () => ({ ...fixture, browser })));

  // The real thing: one simulated day of the Yangtze River Delta scenario, with a trace.
  const SCENARIO = 'scenarios/yrd-2022.json';
  const real = { dir: '', file: '' };
  describe(`a real run of ${SCENARIO} (horizonMin=1440, --trace)`, () => {
    beforeAll(async () => {
      real.dir = await mkdtemp(join(tmpdir(), 'relaysim-report-run-'));
      runToDir(loadScenario(SCENARIO, ['horizonMin=1440']), { outDir: real.dir, trace: true });
      real.file = (await writeReport(real.dir)).file;
    }, 120_000);
    pageChecks('yrd', () => ({ ...real, browser }));
  });

  describe('batch directory', () => {
    let o: Opened;
    const batch = JSON.parse(readFileSync(join(fixture.dir, 'batch', 'batch.json'), 'utf8'));
    beforeAll(async () => {
      const file = (await writeReport(join(fixture.dir, 'batch'), join(await mkdtemp(join(tmpdir(), 'relaysim-batch-')), 'b.html'))).file;
      o = await open(browser, file, 1280, 800);
    }, 60_000);
    afterAll(async () => { await o?.page.close(); });
    it('batch: one CI chart per metric with one interval per grid point, one sweep chart per swept parameter', async () => {
      expect(o.errors).toEqual([]);
      const metrics = Object.keys(batch.rows[0].metrics);
      expect(await count(o.page, '.ci-chart')).toBe(metrics.length);
      expect(await count(o.page, '.ci-chart >> nth=0 >> g.ci')).toBe(batch.rows.length);
      expect(await count(o.page, '.sweep-chart')).toBe(2);
      // lanes on x, one line per docks setting (2 values)
      expect(await count(o.page, '.sweep-chart >> nth=0 >> path.series')).toBe(2);
      mkdirSync(OUT, { recursive: true });
      await o.page.screenshot({ path: join(OUT, 'report-screenshot-batch.png'), fullPage: true });
    });
  });
});
