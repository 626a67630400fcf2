// Property-based test of the loader and the run, end to end on short horizons (fast-check, seeded):
// random mutations of shipped and fixture scenarios and of the GeoJSON files they name. Every case must
// either exit 0 with conservation and finite numbers in every output, or exit 2 (an InputError naming
// its file, and a field path where there is one) leaving no files. Anything else fails with the seed
// and the shrunk case, so a failure is reproducible.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { InputError } from '../src/scenario/errors.js';
import { checkShipmentCap } from '../src/scenario/shipment-cap.js';
import { runToDir } from '../src/run.js';
import { checkRunSet } from '../src/report/run-set-check.js';
import { pool, relaysim, ROOT } from './cli-helpers.js';

// RELAYSIM_FUZZ_SEED / RELAYSIM_FUZZ_RUNS explore further (a failure prints the seed and path to replay).
const SEED = Number(process.env.RELAYSIM_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.RELAYSIM_FUZZ_RUNS ?? 360);
/** Kept low so that a mutated rate runs in milliseconds; the cap itself is one of the outcomes. */
const MAX_SHIPMENTS = 20_000;

interface Base { name: string; file: string; yaml: boolean; dataDir?: string; refs: string[] }
const BASES: Base[] = [
  { name: 'base-valid', file: 'test/fixtures/bad/base-valid.json', yaml: false, refs: [] },
  { name: 'readme-example', file: 'test/fixtures/readme-example.yaml', yaml: true, refs: [] },
  { name: 'mixed', file: 'test/fixtures/mixed.json', yaml: false, refs: [] },
  { name: 'mmc', file: 'scenarios/reference/mmc.json', yaml: false, refs: [] },
  { name: 'yrd-april', file: 'scenarios/yrd-2022-april.json', yaml: false, dataDir: 'scenarios/data', refs: ['data/yrd-network.geojson', 'data/zones/shanghai.geojson'] },
];
const raw = BASES.map((b) => {
  const text = readFileSync(join(ROOT, b.file), 'utf8');
  const doc = (b.yaml ? parseYaml(text) : JSON.parse(text)) as Record<string, unknown>;
  // Short horizons: each case runs end to end in milliseconds.
  doc.horizonMin = Math.min(Number(doc.horizonMin), 240);
  doc.warmupMin = 0;
  return { doc, refs: b.refs.map((r) => JSON.parse(readFileSync(join(ROOT, 'scenarios', r), 'utf8')) as unknown) };
});

const SPECIAL = fc.constantFrom<unknown>(
  NaN, Infinity, -Infinity, -0, 1e308, -1e308, 5e-324, -1, 0, 1, 0.5, 1e9, 1e15, 7,
  '', 'x', '__proto__', 'constructor', '\u0000', '💥', '\u202egate', 'é\u0301', 'o', 'g', 'd', 'relay', 'exp', '1e3',
  true, false, null, [], {}, 'HUGE_ARRAY', 'DEEP', 'HUGE_STRING',
);
const VALUE = fc.oneof(SPECIAL, fc.integer({ min: -3, max: 500 }), fc.double({ noNaN: false }), fc.string({ maxLength: 8 }));
const OPS = ['set', 'set', 'set', 'delete', 'duplicate', 'self-loop', 'zero-length', 'late-window', 'open-ring', 'alias', 'retype'] as const;
const TEXT = ['none', 'none', 'bom', 'crlf', 'bom-crlf', 'tag-str', 'tag-unknown', 'tag-binary', 'truncate'] as const;

const CASE = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  /** -1: mutate the scenario; k: the k-th file it names (when it names any). */
  target: fc.integer({ min: -3, max: 1 }),
  ops: fc.array(fc.record({ op: fc.constantFrom(...OPS), at: fc.nat(), other: fc.nat(), value: VALUE }), { minLength: 1, maxLength: 3 }),
  yaml: fc.boolean(),
  text: fc.constantFrom(...TEXT),
  cut: fc.double({ min: 0, max: 1, noNaN: true }),
});
type Case = typeof CASE extends fc.Arbitrary<infer T> ? T : never;

type Path = (string | number)[];
function paths(doc: unknown, limit = 20_000): Path[] {
  const out: Path[] = [];
  const stack: { v: unknown; p: Path }[] = [{ v: doc, p: [] }];
  while (stack.length && out.length < limit) {
    const { v, p } = stack.pop()!;
    if (p.length) out.push(p);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push({ v: x, p: [...p, Array.isArray(v) ? Number(k) : k] });
  }
  return out;
}
const get = (doc: unknown, p: Path) => p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], doc);
function materialize(v: unknown): unknown {
  if (v === 'HUGE_ARRAY') return Array.from({ length: 20_000 }, (_, i) => i % 7);
  if (v === 'HUGE_STRING') return 'z'.repeat(100_000);
  if (v === 'DEEP') { let d: unknown = 1; for (let i = 0; i < 40; i++) d = [d]; return d; }
  return v;
}
function setAt(doc: unknown, p: Path, v: unknown, remove = false) {
  const parent = get(doc, p.slice(0, -1)) as Record<string | number, unknown> | unknown[];
  const k = p[p.length - 1];
  if (!parent || typeof parent !== 'object') return;
  if (remove) { if (Array.isArray(parent)) parent.splice(Number(k), 1); else delete (parent as Record<string, unknown>)[k]; } else (parent as Record<string | number, unknown>)[k] = v;
}

function mutate(doc: Record<string, unknown>, op: Case['ops'][number]) {
  const all = paths(doc);
  if (all.length === 0) return;
  const p = all[op.at % all.length];
  const n0 = doc.network as { nodes?: unknown; edges?: unknown } | undefined;
  const net = n0 && typeof n0 === 'object' && Array.isArray(n0.nodes) && Array.isArray(n0.edges)
    ? n0 as { nodes: { id: string; lon: number; lat: number }[]; edges: { from: string; to: string; km?: number }[] } : undefined;
  switch (op.op) {
    case 'set': return setAt(doc, p, materialize(op.value));
    case 'delete': return setAt(doc, p, undefined, true);
    case 'duplicate': {
      const arrays = all.filter((q) => Array.isArray(get(doc, q)) && (get(doc, q) as unknown[]).length > 0);
      if (!arrays.length) return;
      const arr = get(doc, arrays[op.at % arrays.length]) as unknown[];
      arr.push(structuredClone(arr[op.other % arr.length]));
      return;
    }
    case 'self-loop': { const e = net?.edges[op.at % (net.edges.length || 1)]; if (e && typeof e === 'object') e.to = e.from; return; }
    case 'zero-length': {
      const e = net?.edges[op.at % (net.edges.length || 1)];
      const a = net?.nodes.find((n) => n?.id === e?.from), b = net?.nodes.find((n) => n?.id === e?.to);
      if (e && typeof e === 'object' && a && b) { delete e.km; b.lon = a.lon; b.lat = a.lat; }
      return;
    }
    case 'late-window': {
      const ws = all.filter((q) => q[q.length - 1] === 'fromMin');
      if (!ws.length) return;
      const q = ws[op.at % ws.length];
      setAt(doc, q, 10_000_000);
      setAt(doc, [...q.slice(0, -1), 'toMin'], 20_000_000);
      return;
    }
    case 'open-ring': {
      const rings = all.filter((q) => { const v = get(doc, q); return Array.isArray(v) && v.length > 2 && Array.isArray(v[0]) && typeof (v[0] as unknown[])[0] === 'number'; });
      if (rings.length) (get(doc, rings[op.at % rings.length]) as unknown[]).pop();
      return;
    }
    case 'alias': { const src = all[op.other % all.length]; if (!src.every((k, i) => p[i] === k)) setAt(doc, p, get(doc, src)); return; }
    case 'retype': {
      const v = get(doc, p);
      setAt(doc, p, typeof v === 'number' ? String(v) : typeof v === 'string' ? Number(v) : Array.isArray(v) ? { ...v } : typeof v === 'object' && v ? Object.values(v) : [v]);
      return;
    }
  }
}

function render(doc: unknown, c: Case): string {
  let text = c.yaml ? stringifyYaml(doc, { aliasDuplicateObjects: true }) : JSON.stringify(doc, null, 1);
  if (c.text === 'bom' || c.text === 'bom-crlf') text = '\ufeff' + text;
  if (c.text === 'crlf' || c.text === 'bom-crlf') text = text.replaceAll('\n', '\r\n');
  if (c.yaml && c.text === 'tag-str') text = text.replace(/^horizonMin: /m, 'horizonMin: !!str ');
  if (c.yaml && c.text === 'tag-unknown') text = text.replace(/^seed: /m, 'seed: !relaysim/evil ');
  if (c.yaml && c.text === 'tag-binary') text = text.replace(/^name: .*$/m, 'name: !!binary aGVsbG8=');
  if (c.text === 'truncate') text = text.slice(0, Math.floor(text.length * c.cut));
  return text;
}

/** Writes the case's folder: the scenario, and the files it names (one of them maybe mutated). */
function writeCase(c: Case, dir: string): string {
  const b = BASES[c.base], r = raw[c.base];
  mkdirSync(dir, { recursive: true });
  if (b.dataDir) cpSync(join(ROOT, b.dataDir), join(dir, 'data'), { recursive: true });
  const doc = structuredClone(r.doc);
  const target = c.target >= 0 && b.refs.length ? c.target % b.refs.length : -1;
  const mutated = target < 0 ? doc : (structuredClone(r.refs[target]) as Record<string, unknown>);
  for (const op of c.ops) mutate(mutated, op);
  if (target >= 0) writeFileSync(join(dir, b.refs[target]), render(mutated, { ...c, yaml: false }));
  const file = join(dir, c.yaml || b.yaml ? 'scenario.yaml' : 'scenario.json');
  writeFileSync(file, render(doc, target >= 0 ? { ...c, text: 'none' } : c));
  return file;
}

/** Every number in a value is finite; JSON turns NaN and Infinity into null, so null counts as a failure in outputs. */
function badNumber(v: unknown, path = ''): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) { const bad = badNumber(x, `${path}.${k}`); if (bad) return bad; }
  }
  return null;
}
/** Paths of nulls in an output, with array indices as `[]` (so a field that may be null is one entry). */
function nulls(v: unknown, path = '', out = new Set<string>()): Set<string> {
  if (v === null) out.add(path);
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) nulls(x, Array.isArray(v) ? `${path}[]` : `${path}.${k}`, out);
  return out;
}
/**
 * Fields that are null by design (a stream without dueMin, a scenario without startTime), as the
 * unmutated bases show; any other null in an output is a NaN or Infinity that reached JSON.
 */
const NULLABLE = new Set(['dueMin', 'startTime']);
const nullableKey = (path: string) => NULLABLE.has(path.split('.').pop()!.replace(/\[\]$/, ''));

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const tally = { cases: 0, exit0: 0, exit2: 0, other: 0 };

/** The CLI's path for `relaysim run FILE --out DIR --max-shipments N`, in this process: 0, 2, or a thrown surprise. */
function runCase(c: Case, n: number): 0 | 2 {
  const dir = join(tmp, `c${n}`), out = join(dir, 'out');
  const file = writeCase(c, dir);
  try {
    const scenario = loadScenario(file);
    checkShipmentCap(scenario, file, MAX_SHIPMENTS);
    const summary = runToDir(scenario, { outDir: out });
    const bad = badNumber(summary);
    if (bad) throw new Error(`summary${bad} is not finite`);
    const sh = summary.shipments;
    if (sh.created !== sh.delivered + sh.inSystem + sh.failed) throw new Error(`conservation: ${JSON.stringify(sh)}`);
    const rows = readFileSync(join(out, 'shipments.csv'), 'utf8').split('\n').length - 2;
    if (rows !== sh.created) throw new Error(`shipments.csv has ${rows} rows for ${sh.created} shipments`);
    for (const f of ['series.json', 'network.json']) {
      const where = [...nulls(JSON.parse(readFileSync(join(out, f), 'utf8')))].find((p) => !nullableKey(p));
      if (where) throw new Error(`${f}${where} is null (a NaN or Infinity before JSON)`);
    }
    checkRunSet(out, JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')));
    return 0;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    if (!err.message.startsWith(`${err.file}: `)) throw new Error(`message does not start with its file: ${err.message}`);
    if (existsSync(out) && readdirSync(out).length > 0) throw new Error(`bad input left files: ${readdirSync(out).join(', ')}`);
    return 2;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('loader fuzz (fast-check)', () => {
  it(`${RUNS} mutated scenarios: exit 0 with conservation and finite outputs, or exit 2 naming file and field, leaving nothing`, () => {
    let n = 0;
    fc.assert(fc.property(CASE, (c) => {
      const code = runCase(c, n++);
      tally.cases++;
      if (code === 0) tally.exit0++; else tally.exit2++;
    }), { seed: SEED, numRuns: RUNS, endOnFailure: true });
    console.log(`loader fuzz: ${tally.cases} cases, ${tally.exit0} exit 0, ${tally.exit2} exit 2, ${tally.other} other (seed ${SEED})`);
    // Both outcomes occur: the mutations neither all break the file nor all leave it valid.
    expect(tally.exit0).toBeGreaterThan(RUNS / 20);
    expect(tally.exit2).toBeGreaterThan(RUNS / 4);
  });

  it('the CLI gives the same outcome for a sample of the cases: exit 0, or exit 2 with one line on stderr', async () => {
    const sample = fc.sample(CASE, { seed: SEED + 1, numRuns: 4 });
    const results = await pool(sample.map((c, i) => async () => {
      const dir = join(tmp, `cli${i}`);
      const file = writeCase(c, dir);
      const expected = runCase(c, 10_000 + i);
      writeCase(c, dir);
      const r = await relaysim(['run', file, '--out', join(dir, 'out'), '--quiet', '--max-shipments', String(MAX_SHIPMENTS)]);
      return { expected, r, out: join(dir, 'out') };
    }));
    for (const { expected, r, out } of results) {
      expect(r.code).toBe(expected);
      if (expected === 2) {
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(!existsSync(out) || readdirSync(out).length === 0).toBe(true);
      } else expect(r.stderr).toBe('');
    }
  });
});
