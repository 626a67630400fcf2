// `relaysim report DIR [--out FILE]`: writes a self-contained page; bad input is an InputError
// naming the file (exit 2 through the CLI).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerReport } from '../src/cli/report.js';
import { reportData, writeReport } from '../src/report/build-report.js';
import { InputError } from '../src/scenario/errors.js';

const FIXTURE = resolve('test/fixtures/report-run');
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-report-cli-'));
const cli = () => registerReport(new Command('relaysim').exitOverride()).parent as Command;

describe('relaysim report', () => {
  it('writes one self-contained page with --out, atomically (no .part left)', async () => {
    const out = join(tmp(), 'page.html');
    await cli().parseAsync(['report', FIXTURE, '--out', out, '--quiet'], { from: 'user' });
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|https?:\/\/cdn/i); // nothing fetched
    expect(html).toContain('d3js.org v7'); // the d3 bundle is inlined
    expect(existsSync(`${out}.part`)).toBe(false);
  });

  it('writeReport() defaults to DIR/report.html and returns its size', async () => {
    const dir = tmp();
    for (const f of ['summary.json', 'network.json', 'series.json']) {
      const text = readFileSync(join(FIXTURE, f), 'utf8');
      await import('node:fs').then((fs) => fs.writeFileSync(join(dir, f), text));
    }
    const r = await writeReport(dir);
    expect(r.file).toBe(join(dir, 'report.html'));
    expect(r.bytes).toBe(readFileSync(r.file).length);
    rmSync(dir, { recursive: true });
  });

  it('the data holds what the page draws, aggregated', async () => {
    const d = await reportData(FIXTURE);
    if (d.kind !== 'run') throw new Error('expected a run');
    const csv = readFileSync(join(FIXTURE, 'shipments.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const delivered = csv.filter((r) => r[8] === 'delivered');
    expect(d.series.delivered.counts.reduce((a, b) => a + b, 0)).toBe(delivered.length);
    expect(d.series.delivered.counts).toHaveLength(24);
    const histTotal = Object.values(d.dist.lead.classes).reduce((a, h) => a + h.counts.reduce((x, y) => x + y, 0) + h.overflow, 0);
    expect(histTotal).toBe(delivered.length);
    expect(d.playback?.source).toBe('trace');
    expect(d.map.edges).toHaveLength(JSON.parse(readFileSync(join(FIXTURE, 'network.json'), 'utf8')).edges.length);
  });

  it('a batch directory gives the batch view', async () => {
    const d = await reportData(join(FIXTURE, 'batch'));
    if (d.kind !== 'batch') throw new Error('expected a batch');
    expect(d.rows).toHaveLength(6);
    expect(d.swept).toEqual(['checkpoints.g2-huaqiao.lanes', 'stations.sh-jiading.docks']);
    expect(d.leadMetric).toBe('leadTimeMeanMin');
  });

  it('a missing DIR is an InputError naming it', async () => {
    const dir = join(tmp(), 'nope');
    await expect(cli().parseAsync(['report', dir], { from: 'user' })).rejects.toThrow(`${dir}: no such directory`);
    await expect(writeReport(dir)).rejects.toBeInstanceOf(InputError);
  });

  it('a DIR without summary.json is an InputError naming summary.json', async () => {
    const dir = tmp();
    await expect(writeReport(dir)).rejects.toThrow(`${join(dir, 'summary.json')}: not found`);
  });

  it('a summary.json that is not JSON is an InputError naming it', async () => {
    const dir = tmp();
    await import('node:fs').then((fs) => fs.writeFileSync(join(dir, 'summary.json'), '{ nope'));
    await expect(writeReport(dir)).rejects.toThrow(`${join(dir, 'summary.json')}: `);
  });

  const wired = readFileSync('src/cli/main.ts', 'utf8').includes('registerReport');
  it.skipIf(!wired)('through bin/relaysim.mjs: exit 2 and a message naming summary.json', () => {
    const dir = tmp();
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'report', dir], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(join(dir, 'summary.json'));
  });
});
