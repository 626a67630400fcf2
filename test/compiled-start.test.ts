// The compiled path (dist/, built by `npm run build`): bin/relaysim.mjs and the batch workers run it
// without tsx, and it gives byte for byte what the TypeScript path (src/ through tsx) gives.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const NO_TSX = 'test/fixtures/no-tsx.mjs';
const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-compiled-'));

/** Runs the CLI on one build; with `dist`, any import of tsx (main thread or worker) fails the command. */
function relaysim(build: 'dist' | 'src', args: string[]) {
  const node = build === 'dist' ? ['--import', `./${NO_TSX}`] : [];
  return spawnSync(process.execPath, [...node, 'bin/relaysim.mjs', ...args], { encoding: 'utf8', env: { ...process.env, RELAYSIM_BUILD: build } });
}

describe('compiled start-up', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', 'build'], { stdio: 'ignore' }); // dist/ as new as src/, as after `npm ci`
  });

  it('the guard works: the TypeScript path under the no-tsx preload fails', () => {
    const r = spawnSync(process.execPath, ['--import', `./${NO_TSX}`, 'bin/relaysim.mjs', '--version'], { encoding: 'utf8', env: { ...process.env, RELAYSIM_BUILD: 'src' } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('tsx was loaded');
  });

  it('--version runs from dist/ without tsx and prints package.json\'s version', () => {
    const r = relaysim('dist', ['--version']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });

  it('a run gives the same bytes from dist/ as from src/', () => {
    const a = tmp(), b = tmp();
    const args = (out: string) => ['run', 'scenarios/yrd-2022.json', '--seed', '3', '--out', out, '--quiet', '--trace'];
    expect(relaysim('dist', args(a)).status).toBe(0);
    expect(relaysim('src', args(b)).status).toBe(0);
    const summary = (dir: string) => ({ ...JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')), wallMs: 0 }); // the one clock field
    expect(summary(a)).toEqual(summary(b));
    for (const f of ['shipments.csv', 'series.json', 'network.json', 'trace.jsonl']) {
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), f).toBe(true);
    }
  });

  it('batch workers start from dist/ without tsx and give the same batch as on src/', () => {
    const a = tmp(), b = tmp();
    const args = (out: string) => ['batch', 'scenarios/reference/mmc.json', '--reps', '4', '--workers', '2', '--set', 'horizonMin=2000', '--seed', '5', '--out', out, '--quiet'];
    const d = relaysim('dist', args(a));
    expect(d.stderr).toBe('');
    expect(d.status).toBe(0);
    expect(relaysim('src', args(b)).status).toBe(0);
    expect(readFileSync(join(a, 'batch.csv'), 'utf8')).toBe(readFileSync(join(b, 'batch.csv'), 'utf8'));
    const runs = readFileSync(join(a, 'runs.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(runs.map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  });

  it('the shipments.csv writer thread starts from dist/ without tsx, and from src/ through tsx, with the same bytes', () => {
    const a = tmp(), b = tmp();
    const args = (out: string) => ['run', 'scenarios/reference/mmc.json', '--set', 'horizonMin=20000', '--csv-thread', '--out', out, '--quiet'];
    const d = relaysim('dist', args(a));
    expect(d.stderr).toBe('');
    expect(d.status).toBe(0);
    expect(relaysim('src', args(b)).status).toBe(0);
    expect(readFileSync(join(a, 'shipments.csv')).equals(readFileSync(join(b, 'shipments.csv')))).toBe(true);
  });

  it('RELAYSIM_BUILD other than dist or src: exit 2 and one message', () => {
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', '--version'], { encoding: 'utf8', env: { ...process.env, RELAYSIM_BUILD: 'js' } });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('relaysim: RELAYSIM_BUILD: expected "dist" or "src", got "js"');
  });

  it('dist/ older than tsconfig.json is stale (compiler options shape the output), as when older than src/', () => {
    // A copy of the launcher beside a stand-in build, so the checkout's own dist/ is not touched.
    const root = tmp();
    mkdirSync(join(root, 'bin')); mkdirSync(join(root, 'src')); mkdirSync(join(root, 'dist/cli'), { recursive: true });
    cpSync('bin/relaysim.mjs', join(root, 'bin/relaysim.mjs'));
    writeFileSync(join(root, 'src/a.ts'), '');
    writeFileSync(join(root, 'tsconfig.json'), '{}');
    writeFileSync(join(root, 'dist/cli/main.js'), "console.log('compiled');");
    const at = (f: string, s: number) => utimesSync(join(root, f), s, s);
    const launch = () => spawnSync(process.execPath, [join(root, 'bin/relaysim.mjs')], { encoding: 'utf8', env: { ...process.env, RELAYSIM_BUILD: 'dist' } });
    at('src/a.ts', 1000); at('tsconfig.json', 1000); at('dist/cli/main.js', 2000);
    expect(launch().stdout.trim()).toBe('compiled');
    at('tsconfig.json', 3000);
    const r = launch();
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('relaysim: RELAYSIM_BUILD=dist: dist/ is missing or older than src/ or tsconfig.json (run `npm run build`)');
    at('tsconfig.json', 1000); at('src/a.ts', 3000);
    expect(launch().status).toBe(2);
  });
});
