// Golden traces: each case in test/fixtures/golden/<case>/ holds a scenario and the files
// `relaysim run <case>/scenario.json --trace` writes for it (summary.json without wallMs, the only
// clock-dependent field). The run must reproduce them byte for byte: a change in event order that keeps
// every statistic still shows here. `REGEN=1 npx vitest run test/golden.test.ts` rewrites them, and a
// changed golden file in a commit is the visible record of a behaviour change.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden');
const FILES = ['trace.jsonl', 'summary.json', 'shipments.csv', 'series.json'] as const;
/** Every event kind the trace can hold; together the cases must show each one. */
const EVENT_KINDS = [
  'create', 'enter-edge', 'replan', 'wait-no-path', 'checkpoint-queue', 'checkpoint-start', 'checkpoint-done', 'turned-back',
  'station-arrive', 'transfer-start', 'transfer-done', 'local-depart', 'delivered', 'failed',
];
const REGEN = process.env.REGEN === '1';
const cases = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-golden-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(name: string): Promise<void> {
  const args = ['bin/relaysim.mjs', 'run', join('test', 'fixtures', 'golden', name, 'scenario.json'), '--trace', '--quiet', '--out', join(tmp, name)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, timeout: 120_000 }, (err, _out, stderr) => (err ? reject(new Error(`${name}: ${stderr || err.message}`)) : resolve()));
  });
}

/** What the run wrote, as the golden file holds it. */
function produced(name: string, file: (typeof FILES)[number]): string {
  const text = readFileSync(join(tmp, name, file), 'utf8');
  // The run-set stamps (runId, outputBytes: test/output-set.test.ts) hash the whole scenario and version,
  // so they change with any schema default; the goldens hold the behaviour without them.
  if (file === 'series.json') return text.replace(/^\{"runId":"[0-9a-f]+",/, '{');
  if (file !== 'summary.json') return text;
  const summary = JSON.parse(text);
  delete summary.wallMs;
  delete summary.runId;
  delete summary.outputBytes;
  return JSON.stringify(summary, null, 2) + '\n';
}

describe('golden traces', () => {
  beforeAll(async () => {
    // Two at a time: the machine has two cores.
    for (let i = 0; i < cases.length; i += 2) await Promise.all(cases.slice(i, i + 2).map(run));
  }, 300_000);

  it('there are at least five cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(5);
  });

  describe.each(cases)('%s', (name) => {
    it.each(FILES)('%s is byte-identical to the golden file', (file) => {
      const golden = join(GOLDEN, name, file), now = produced(name, file);
      if (REGEN) writeFileSync(golden, now);
      expect(existsSync(golden), `${golden} is missing: REGEN=1 writes it`).toBe(true);
      const want = readFileSync(golden, 'utf8');
      if (now === want) return;
      // Name the first line that differs rather than dumping two large files.
      const a = now.split('\n'), b = want.split('\n');
      const i = a.findIndex((line, k) => line !== b[k]);
      expect({ file: `${name}/${file}`, line: i + 1, got: a[i] }).toEqual({ file: `${name}/${file}`, line: i + 1, got: b[i] });
      expect(now.length).toBe(want.length);
    });
  });

  it('together the cases show every event kind', () => {
    const seen = new Set<string>();
    for (const name of cases) {
      for (const line of readFileSync(join(GOLDEN, name, 'trace.jsonl'), 'utf8').split('\n')) if (line) seen.add(JSON.parse(line).event);
    }
    expect([...seen].sort()).toEqual([...EVENT_KINDS].sort());
  });
});
