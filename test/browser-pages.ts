// Helpers for the tests that load pages in Debian's chromium (playwright-core): open a page and
// collect its errors, screenshots into the tests' own output folder, label overlaps, downloads.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** In CI the browser tests must run (and fail if chromium is missing). */
export const haveBrowser = existsSync(CHROMIUM) || !!process.env.CI;
/** Screenshots go here (CI keeps them as artifacts), never into the user's out/. */
export const SHOTS = resolve(process.env.RELAYSIM_TEST_OUT ?? 'test-results/pages');

export interface Opened { page: Page; errors: string[] }

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

export async function open(browser: Browser, file: string, width: number, height: number): Promise<Opened> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('dialog', (d) => { errors.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await page.goto(`file://${file}`, { waitUntil: 'load' });
  await page.waitForSelector('html[data-ready="true"]');
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Pairs of visible map labels whose boxes overlap (by more than half a pixel). */
export async function labelOverlaps(page: Page, selector = '#map .labels text'): Promise<string[]> {
  return page.$$eval(selector, (nodes) => {
    const boxes = nodes.filter((n) => getComputedStyle(n).visibility !== 'hidden' && getComputedStyle(n).display !== 'none')
      .map((n) => ({ t: n.textContent, b: n.getBoundingClientRect() })).filter((x) => x.b.width > 0);
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].b, b = boxes[j].b;
        if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(`${boxes[i].t} / ${boxes[j].t}`);
      }
    }
    return out;
  });
}

export async function visibleLabels(page: Page, selector = '#map .labels text'): Promise<number> {
  return page.$$eval(selector, (nodes) => nodes.filter((n) => getComputedStyle(n).visibility !== 'hidden' && n.getBoundingClientRect().width > 0).length);
}

/** Clicks a download button and returns the downloaded file's text. */
export async function download(page: Page, selector: string): Promise<{ name: string; text: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.locator(selector).first().click()]);
  const bytes = readFileSync(await d.path());
  return { name: d.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}
