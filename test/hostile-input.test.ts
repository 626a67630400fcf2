// The defects of issue 11, one case each: hostile or broken input exits 2 with one message naming the
// file and field, no stack trace, no output files, and no file content echoed. Each case builds its
// scenario from test/fixtures/bad/base-valid.json in a folder of its own.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pool, relaysim, ROOT, type CliResult } from './cli-helpers.js';

const BASE = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/bad/base-valid.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-hostile-'));
const base = () => structuredClone(BASE);
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const line = (from: string, to: string, coordinates: unknown, extra = {}) =>
  ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { from, to, speedKmh: 60, ...extra } });
/** base-valid with its o->g edge taken from a GeoJSON file instead. */
const withGeojson = (features: unknown[]) => {
  const s = base();
  s.network.edges = s.network.edges.slice(1);
  s.network.geojson = 'net.geojson';
  return { s, files: { 'net.geojson': JSON.stringify({ type: 'FeatureCollection', features }) } };
};

interface Case {
  name: string;
  /** Scenario text (or object) and other files of its folder. */
  scenario: unknown;
  files?: Record<string, string>;
  setup?: (dir: string) => void;
  args?: string[];
  field: string;
  detail: string;
  /** The file the message names, when not the scenario (a GeoJSON file it refers to). */
  msgFile?: string;
  /** Text that must not appear in the message (file content). */
  secret?: string;
}

const CASES: Case[] = [
  { name: '1. 10,000 nested arrays in a field', scenario: `{"name":"x","description":${deep(10_000)}}`, field: 'description[0][0]', detail: 'nested deeper than 32 levels' },
  { name: '1. 10,000 nested arrays, with a --set', scenario: `{"name":"x","description":${deep(10_000)}}`, args: ['--set', 'horizonMin=10'], field: 'description[0]', detail: 'nested deeper than 32 levels' },
  { name: '1. deep nesting in YAML', scenario: `name: x\ndescription: ${deep(10_000)}\n`, field: '', detail: 'invalid YAML at line 2, column 796: nested too deeply or too many aliases', yaml: true } as Case,
  { name: '1. a --set value nested 10,000 deep', scenario: base(), args: ['--set', `title=${deep(10_000)}`], field: 'title', detail: 'nested deeper than 32 levels' },
  { name: '2. a null feature in network.geojson', ...(() => { const g = withGeojson([null]); return { scenario: g.s, files: g.files }; })(), msgFile: 'net.geojson', field: 'features[0]', detail: 'expected a Feature object' },
  {
    name: '2. a null feature in a zone polygon file',
    scenario: (() => { const s = base(); s.zones[0].polygon = 'city.geojson'; return s; })(),
    files: { 'city.geojson': JSON.stringify({ type: 'FeatureCollection', features: [null] }) },
    msgFile: 'city.geojson', field: 'features[0]', detail: 'expected a Feature object',
  },
  { name: '3. a LineString with 1-D positions', ...(() => { const g = withGeojson([line('o', 'g', [[121.0], [121.1]])]); return { scenario: g.s, files: g.files }; })(), msgFile: 'net.geojson', field: 'features[0].geometry.coordinates[0]', detail: 'expected a [lon, lat] position' },
  { name: '4. a LineString with non-numeric positions', ...(() => { const g = withGeojson([line('o', 'g', [['a', 'b'], ['c', 'd']])]); return { scenario: g.s, files: g.files }; })(), msgFile: 'net.geojson', field: 'features[0].geometry.coordinates[0][0]', detail: 'expected a number' },
  { name: '4. a LineString of one repeated point (length 0)', ...(() => { const g = withGeojson([line('o', 'g', [[120, 31], [120, 31]])]); return { scenario: g.s, files: g.files }; })(), msgFile: 'net.geojson', field: 'features[0].geometry.coordinates', detail: 'expected a finite length > 0' },
  { name: '5. speedKmh 5e-324 (an infinite travel time)', scenario: (() => { const s = base(); s.network.edges[0].speedKmh = 5e-324; return s; })(), field: 'network.edges[0].speedKmh', detail: 'expected a finite time > 0' },
  { name: '5. km 1e308 at detourFactor 10 (edge km Infinity)', scenario: (() => { const s = base(); delete s.network.edges[0].km; s.network.nodes[1].lon = -179; s.network.detourFactor = 1e308; return s; })(), field: 'network.edges[0].km', detail: 'expected a finite length > 0' },
  { name: '6. loadsPerHour 1e30', scenario: (() => { const s = base(); s.demand[0].loadsPerHour = 1e30; return s; })(), field: 'demand[0].loadsPerHour', detail: '<= 1000000000' },
  { name: '6. loadsPerHour 1e9 (expected shipments over the cap)', scenario: (() => { const s = base(); s.demand[0].loadsPerHour = 1e9; return s; })(), field: 'demand[0].loadsPerHour', detail: 'stream "od" at 1000000000 loads/h over horizonMin 120 gives 2.00e+9 expected shipments' },
  { name: '6. horizonMin 1e308', scenario: (() => { const s = base(); s.horizonMin = 1e308; return s; })(), field: 'horizonMin', detail: 'expected a number of minutes > 0 and <= 1000000000000' },
  { name: '6. a cap lowered with --max-shipments', scenario: base(), args: ['--max-shipments', '5'], field: 'demand[0].loadsPerHour', detail: 'above the cap of 5 (raise it with --max-shipments N)' },
  { name: '7. network.geojson is /dev/zero', scenario: (() => { const s = base(); s.network.geojson = '/dev/zero'; return s; })(), args: ['--allow-outside-paths'], field: 'network.geojson', detail: '/dev/zero: cannot read file (not a regular file' },
  { name: '7. network.geojson is a FIFO', scenario: (() => { const s = base(); s.network.geojson = 'fifo.geojson'; return s; })(), setup: (d) => execFileSync('mkfifo', [join(d, 'fifo.geojson')]), field: 'network.geojson', detail: 'fifo.geojson: cannot read file (not a regular file' },
  { name: '7. network.geojson is a directory', scenario: (() => { const s = base(); s.network.geojson = 'sub'; return s; })(), setup: (d) => mkdirSync(join(d, 'sub')), field: 'network.geojson', detail: 'cannot read file (it is a directory)' },
  { name: '7. network.geojson is 2 GB (sparse)', scenario: (() => { const s = base(); s.network.geojson = 'big.geojson'; return s; })(), setup: (d) => { writeFileSync(join(d, 'big.geojson'), ''); truncateSync(join(d, 'big.geojson'), 2 ** 31); }, field: 'network.geojson', detail: 'big.geojson: file is 2048 MiB, above the 256 MiB limit for input files' },
  { name: '7. the scenario file is a FIFO', scenario: null, setup: (d) => execFileSync('mkfifo', [join(d, 'scenario.json')]), field: '', detail: 'not a regular file' },
  { name: '8. --set __proto__.x=1', scenario: base(), args: ['--set', '__proto__.x=1'], field: '', detail: '"__proto__" is not a scenario field' },
  { name: '8. --set __proto__={"drainMin":5000}', scenario: base(), args: ['--set', '__proto__={"drainMin":5000}'], field: '', detail: '"__proto__" is not a scenario field' },
  { name: '8. --set constructor.prototype.x=1', scenario: base(), args: ['--set', 'constructor.prototype.x=1'], field: '', detail: '"constructor" is not a scenario field' },
  { name: '8. --set demand.od.__proto__.x=1', scenario: base(), args: ['--set', 'demand.od.__proto__.x=1'], field: '', detail: '"__proto__" is not a scenario field' },
  { name: '8. a checkpoint id "__proto__"', scenario: (() => { const s = base(); s.checkpoints[0].id = '__proto__'; return s; })(), field: 'checkpoints[0].id', detail: 'other than __proto__' },
  { name: 'paths: "polygon": "/etc/passwd" is refused', scenario: (() => { const s = base(); s.zones[0].polygon = '/etc/passwd'; return s; })(), field: 'zones[0].polygon', detail: 'an absolute path; files a scenario names must lie in its folder or below (pass --allow-outside-paths' },
  { name: 'paths: with --allow-outside-paths, /etc/passwd is read but never echoed', scenario: (() => { const s = base(); s.zones[0].polygon = '/etc/passwd'; return s; })(), args: ['--allow-outside-paths'], field: 'zones[0].polygon', detail: '/etc/passwd: invalid JSON at line 1, column 1', secret: 'root' },
  { name: 'paths: ../ out of the folder is refused', scenario: (() => { const s = base(); s.network.geojson = '../outside.geojson'; return s; })(), field: 'network.geojson', detail: 'a path out of the scenario\'s folder' },
  {
    name: 'paths: a symbolic link out of the folder is refused',
    scenario: (() => { const s = base(); s.network.geojson = 'link.geojson'; return s; })(),
    setup: (d) => { writeFileSync(join(d, '..', `${d.split('/').pop()}-secret.geojson`), '{}'); symlinkSync(join(d, '..', `${d.split('/').pop()}-secret.geojson`), join(d, 'link.geojson')); },
    field: 'network.geojson', detail: 'a link out of the scenario\'s folder',
  },
  { name: 'no content: invalid JSON names line and column, not the text', scenario: '{"name": "x",\n  "horizonMin": SECRETWORD }', field: '', detail: 'invalid JSON at line 2, column 17', secret: 'SECRETWORD' },
  { name: 'no content: invalid YAML names line and column, not the text', scenario: 'name: x\nhorizonMin: [SECRETWORD\n', field: '', detail: 'invalid YAML at line', secret: 'SECRETWORD', yaml: true } as Case,
  { name: 'YAML: an unknown tag is refused, not warned about and taken as a string', scenario: 'name: x\nseed: !relaysim/evil 3\nhorizonMin: 10\n', field: '', detail: 'invalid YAML at line 2, column 7: tag resolve failed', yaml: true } as Case,
  { name: 'YAML: aliases expanding a billion times ("billion laughs")', scenario: 'name: x\na: &a [1, 2]\n' + 'bcdefghij'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghij'[i]}`).join(', ')}]\n`).join(''), field: '', detail: 'invalid YAML: too many aliases', yaml: true } as Case,
];

let results: (CliResult & { dir: string; out: string; file: string })[] = [];
beforeAll(async () => {
  const jobs = CASES.map((c, i) => async () => {
    const dir = join(tmp, `case-${i}`);
    mkdirSync(dir);
    const file = join(dir, (c as { yaml?: boolean }).yaml ? 'scenario.yaml' : 'scenario.json');
    for (const [name, text] of Object.entries(c.files ?? {})) writeFileSync(join(dir, name), text);
    c.setup?.(dir);
    if (c.scenario !== null) writeFileSync(file, typeof c.scenario === 'string' ? c.scenario : JSON.stringify(c.scenario));
    const out = join(tmp, `out-${i}`);
    const r = await relaysim(['run', file, ...(c.args ?? []), '--out', out, '--quiet'], { timeoutMs: 60_000 });
    return { ...r, dir, out, file };
  });
  results = await pool(jobs);
}, 600_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each(CASES.map((c, i) => ({ c, i, name: c.name })))('$name', ({ c, i }) => {
  it(`exits 2 with one message naming the file and ${c.field || 'the problem'}; writes nothing`, () => {
    const r = results[i];
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(': ');
    expect(r.stderr).toContain(`relaysim: ${c.msgFile ? join(r.dir, c.msgFile) : r.file}: ${c.field}`);
    expect(r.stderr).toContain(c.detail);
    if (c.secret) expect(r.stderr).not.toContain(c.secret);
    expect(r.stdout).toBe('');
    expect(existsSync(r.out)).toBe(false);
  });
});

describe('the same files run when allowed or fixed', () => {
  it('a network.geojson outside the folder runs with --allow-outside-paths (and the scenario is unchanged by a refused __proto__)', async () => {
    const dir = join(tmp, 'allowed');
    mkdirSync(join(dir, 'scenario'), { recursive: true });
    const g = withGeojson([line('o', 'g', [[120, 31], [120.05, 31]])]);
    writeFileSync(join(dir, 'net.geojson'), g.files['net.geojson']);
    g.s.network.geojson = '../net.geojson';
    writeFileSync(join(dir, 'scenario', 's.json'), JSON.stringify(g.s));
    const refused = await relaysim(['run', join(dir, 'scenario', 's.json'), '--out', join(dir, 'out'), '--quiet']);
    expect(refused.code).toBe(2);
    const ok = await relaysim(['run', join(dir, 'scenario', 's.json'), '--allow-outside-paths', '--out', join(dir, 'out'), '--quiet']);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    const summary = JSON.parse(readFileSync(join(dir, 'out', 'summary.json'), 'utf8'));
    expect(summary.shipments.created).toBe(summary.shipments.delivered + summary.shipments.inSystem + summary.shipments.failed);
    expect(Number.isFinite(summary.truckKm) && summary.truckKm > 0).toBe(true);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['network.json', 'series.json', 'shipments.csv', 'summary.json']);
  });
});
