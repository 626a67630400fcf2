// Every `relaysim ...` line of the README's sh blocks runs as written, one after another, in a
// scratch directory (so their out/ is not the user's): exit status 0, and none of them collide.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve('.');
const BIN = join(ROOT, 'bin/relaysim.mjs');

/** Words of a command line: spaces split, single and double quotes group, a # starts a comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '', quote: string | null = null, any = false;
  for (const ch of line) {
    if (quote) { if (ch === quote) quote = null; else cur += ch; continue; }
    if (ch === "'" || ch === '"') { quote = ch; any = true; continue; }
    if (ch === '#' && !cur && !any) break;
    if (/\s/.test(ch)) { if (cur || any) words.push(cur); cur = ''; any = false; continue; }
    cur += ch;
  }
  if (cur || any) words.push(cur);
  return words;
}

function readmeCommands(): string[][] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const out: string[][] = [];
  for (const block of text.matchAll(/```sh\n([\s\S]*?)```/g)) {
    for (const line of block[1].split('\n')) {
      const w = shellWords(line.trim());
      if (w[0] === 'relaysim') out.push(w.slice(1));
    }
  }
  return out;
}

describe('README examples', () => {
  // The commands run in base/work, as from a checkout with shared/ beside it (../shared/osm/...).
  const base = mkdtempSync(join(tmpdir(), 'relaysim-readme-'));
  const dir = join(base, 'work');
  mkdirSync(dir);
  symlinkSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'));
  if (existsSync(join(ROOT, '..', 'shared'))) symlinkSync(resolve(ROOT, '..', 'shared'), join(base, 'shared'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const commands = readmeCommands();

  it('the README has relaysim examples (run, batch, report, compare)', () => {
    const verbs = new Set(commands.map((c) => c[0]));
    for (const v of ['run', 'batch', 'report', 'compare']) expect(verbs).toContain(v);
  });
  it('shellWords() splits like a shell', () => {
    expect(shellWords(`run x.json --set 'a.b=4' --out "o d" # comment`)).toEqual(['run', 'x.json', '--set', 'a.b=4', '--out', 'o d']);
  });
  it('every relaysim line runs as written, in order, each writing where it says', () => {
    const outs = new Set<string>();
    for (const args of commands) {
      const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
      expect({ command: `relaysim ${args.join(' ')}`, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({ command: `relaysim ${args.join(' ')}`, status: 0, stderr: '' });
      const o = args.indexOf('--out');
      if (o >= 0 && (args[0] === 'run' || args[0] === 'batch')) {
        // Two run/batch examples on one --out would resume or refuse each other.
        expect(outs.has(args[o + 1]), `${args[o + 1]} is used by two examples`).toBe(false);
        outs.add(args[o + 1]);
        expect(existsSync(join(dir, args[o + 1]))).toBe(true);
      }
    }
    expect(existsSync(join(dir, 'out/phases.html'))).toBe(true);
  }, 600_000);
});
