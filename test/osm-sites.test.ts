// Sites by coordinates over an imported network: snapped to the nearest node (checked against a linear scan),
// reported in summary.json with their distance, refused beyond the limit; bad OSM input from the command line.
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distance } from '@turf/distance';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsm } from '../src/osm/import-osm.js';
import { DEFAULT_HIGHWAYS } from '../src/osm/way-rules.js';
import { TRUCK_SPEEDS } from '../src/osm/truck-speeds.js';
import { NodeSnapper } from '../src/network/snap.js';
import { validateScenario } from '../src/scenario/load.js';
import { runToDir } from '../src/run.js';
import { readNetwork } from './osm-helpers.js';
// These scenarios are built in code and name their network by an absolute path in a temporary folder.
const OUTSIDE = { allowOutsidePaths: true };

const ROOT = join(import.meta.dirname, '..');
const SHARED_OSM = [join(ROOT, '..', 'shared', 'osm'), '/work/shared/osm'].find((d) => existsSync(d))!;
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-sites-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function nearestByScan(points: { id: string; lon: number; lat: number }[], lon: number, lat: number) {
  let best = points[0], bestKm = Infinity;
  for (const p of points) {
    const km = distance([lon, lat], [p.lon, p.lat], { units: 'kilometers' });
    if (km < bestKm) { bestKm = km; best = p; }
  }
  return { id: best.id, km: bestKm };
}

describe('sites by coordinates', () => {
  const net = join(tmp, 'monaco.geojson');
  beforeAll(async () => {
    await importOsm(join(SHARED_OSM, 'monaco.osm.pbf'), { highways: [...DEFAULT_HIGHWAYS], speeds: TRUCK_SPEEDS, keepLargest: true, out: net });
  });

  const scenario = (extra: Record<string, unknown> = {}) => ({
    name: 'monaco-sites', horizonMin: 480, seed: 5, network: { geojson: net },
    checkpoints: [{ id: 'port', node: { lon: 7.4215, lat: 43.7335 }, lanes: 1, serviceMin: { dist: 'exp', mean: 2 } }],
    factories: [{ id: 'plant', node: { lon: 7.4370, lat: 43.7490 }, consumesLoadsPerHour: 1, stockLoads: 4 }],
    closures: [{ node: { lon: 7.4180, lat: 43.7310 }, fromMin: 60, toMin: 120 }],
    demand: [
      { id: 'west-east', from: { lon: 7.4095, lat: 43.7275 }, to: { lon: 7.4370, lat: 43.7490 }, loadsPerHour: 3 },
      { id: 'east-west', from: { lon: 7.4370, lat: 43.7490 }, to: 'n21912089', loadsPerHour: 2 },
    ],
    ...extra,
  });

  it('snaps each site to the nearest network node and reports it with its distance in summary.json', () => {
    const s = validateScenario(scenario(), 'monaco-sites.json', ROOT, [], OUTSIDE);
    const points = readNetwork(net).points;
    const sites: [string, number, number, string][] = [
      ['checkpoints[0].node', 7.4215, 43.7335, s.checkpoints[0].node],
      ['factories[0].node', 7.4370, 43.7490, s.factories[0].node],
      ['closures[0].node', 7.4180, 43.7310, 'node' in s.closures[0] ? s.closures[0].node : ''],
      ['demand[0].from', 7.4095, 43.7275, s.demand[0].from],
      ['demand[0].to', 7.4370, 43.7490, s.demand[0].to],
      ['demand[1].from', 7.4370, 43.7490, s.demand[1].from],
    ];
    for (const [field, lon, lat, node] of sites) {
      const want = nearestByScan(points, lon, lat);
      expect(node, field).toBe(want.id);
      const snap = s.snaps!.find((x) => x.field === field)!;
      expect(snap).toMatchObject({ lon, lat, node: want.id });
      expect(snap.km).toBeCloseTo(want.km, 5);
    }
    expect(s.demand[1].to).toBe('n21912089');
    expect(s.snaps).toHaveLength(6);

    const out = join(tmp, 'run');
    runToDir(s, { outDir: out });
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.snaps).toEqual(s.snaps);
    const sh = summary.shipments;
    expect(sh.created).toBeGreaterThan(20);
    expect(sh.delivered).toBeGreaterThan(sh.created * 0.8);
    expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
    expect(summary.checkpoints.port.node).toBe(s.checkpoints[0].node);
    expect(summary.truckKm).toBeGreaterThan(0);
  });

  it('refuses a site farther than network.snapMaxKm, naming the field and the distance', () => {
    const far = scenario({ checkpoints: [{ id: 'sea', node: { lon: 7.45, lat: 43.70 }, lanes: 1, serviceMin: { dist: 'exp', mean: 2 } }] });
    expect(() => validateScenario(far, 'far.json', ROOT, [], OUTSIDE)).toThrow(/far\.json: checkpoints\[0\]\.node: no network node within network\.snapMaxKm = 2 km/);
    const loose = validateScenario({ ...far, network: { geojson: net, snapMaxKm: 10 } }, 'far.json', ROOT, [], OUTSIDE);
    expect(loose.snaps![0].km).toBeGreaterThan(2);
  });

  it('rejects a position out of range as bad input', () => {
    const bad = scenario({ factories: [{ id: 'plant', node: { lon: 7.4, lat: 95 }, consumesLoadsPerHour: 1, stockLoads: 4 }] });
    expect(() => validateScenario(bad, 'bad.json', ROOT, [], OUTSIDE)).toThrow(/bad\.json: factories\[0\]\.node/);
  });

  it('leaves summaries of scenarios without positioned sites without a snaps field', () => {
    const s = validateScenario(scenario({ checkpoints: [], factories: [], closures: [], demand: [{ id: 'd', from: 'n21912089', to: readNetwork(net).points[5].id, loadsPerHour: 1 }] }), 'ids.json', ROOT, [], OUTSIDE);
    const out = join(tmp, 'run-ids');
    runToDir(s, { outDir: out });
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).not.toHaveProperty('snaps');
  });
});

describe('the spatial index', () => {
  it('finds the same nearest node as a linear scan', () => {
    const rng = seedrandom('snap');
    const n = 5_000;
    const lon = Float64Array.from({ length: n }, () => 118 + rng() * 5);
    const lat = Float64Array.from({ length: n }, () => 29 + rng() * 4);
    const snapper = new NodeSnapper(lon, lat);
    for (let q = 0; q < 200; q++) {
      const x = 118 + rng() * 5, y = 29 + rng() * 4;
      let best = Infinity;
      for (let i = 0; i < n; i++) best = Math.min(best, distance([x, y], [lon[i], lat[i]], { units: 'kilometers' }));
      const got = snapper.nearest(x, y, 50)!;
      expect(got.within).toBe(true);
      expect(got.km).toBeCloseTo(best, 6);
    }
  });
});

interface CliResult { code: number; stderr: string }
const cli = (args: string[]) => new Promise<CliResult>((resolve) => {
  execFile(process.execPath, ['bin/relaysim.mjs', 'import-osm', ...args], { cwd: ROOT, timeout: 120_000 }, (err, _out, stderr) => {
    resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stderr });
  });
});

describe('import-osm bad input: exit 2, one message, no output', () => {
  const pbf = join(SHARED_OSM, 'monaco.osm.pbf');
  beforeAll(() => {
    const bytes = readFileSync(pbf);
    writeFileSync(join(tmp, 'truncated.osm.pbf'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const corrupt = Buffer.from(bytes);
    for (let i = 100_000; i < 100_200; i++) corrupt[i] ^= 0x55;
    writeFileSync(join(tmp, 'corrupt.osm.pbf'), corrupt);
    writeFileSync(join(tmp, 'page.osm'), '<?xml version="1.0"?>\n<html><body><p>not a map</p></body></html>\n');
    writeFileSync(join(tmp, 'broken.osm'), '<?xml version="1.0"?>\n<osm version="0.6">\n  <node id="1" lat="1" lon="1"/>\n  <way id="2">\n');
    writeFileSync(join(tmp, 'paths.osm'), '<osm version="0.6"><node id="1" lat="0" lon="0"/><node id="2" lat="0" lon="0.01"/><way id="3"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>\n');
    copyFileSync(pbf, join(tmp, 'monaco.osm.pbf'));
  });

  it.each([
    ['truncated PBF', ['truncated.osm.pbf'], /truncated\.osm\.pbf: not a readable OSM PBF file/],
    ['corrupt PBF', ['corrupt.osm.pbf'], /corrupt\.osm\.pbf: not a readable OSM PBF file/],
    ['XML that is not OSM', ['page.osm'], /page\.osm: line 2: not OpenStreetMap XML: the root element is <html>/],
    ['unclosed OSM XML', ['broken.osm'], /broken\.osm: line \d+: not well-formed XML/],
    ['no kept ways', ['paths.osm'], /paths\.osm: no ways kept: none of the 1 ways has highway=motorway\|/],
    ['bbox with W > E', ['monaco.osm.pbf', '--bbox', '7.5,43.7,7.4,43.8'], /--bbox: expected W <= E/],
    ['unreadable speed table', ['monaco.osm.pbf', '--speeds', 'page.osm'], /page\.osm: invalid JSON/],
  ])('%s', async (_what, args, message) => {
    const out = join(tmp, `out-${_what.replace(/\W+/g, '-')}`);
    const r = await cli([...args.map((a) => (a.includes('.osm') ? join(tmp, a) : a)), '--out', join(out, 'network.geojson')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

describe('the shipped Monaco example', () => {
  const dir = join(ROOT, 'scenarios', 'examples', 'monaco');

  it('has the network a fresh import of the extract gives, byte for byte', async () => {
    const out = join(tmp, 'monaco-fresh.geojson');
    await importOsm(join(SHARED_OSM, 'monaco.osm.pbf'), { highways: [...DEFAULT_HIGHWAYS], speeds: TRUCK_SPEEDS, keepLargest: true, out });
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(dir, 'monaco-network.geojson'), 'utf8'));
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(/© OpenStreetMap contributors.*\n?.*ODbL/);
  });

  it('runs with every site snapped, nothing lost, and relays during the control window', () => {
    const s = validateScenario(JSON.parse(readFileSync(join(dir, 'monaco-day.json'), 'utf8')), 'monaco-day.json', dir);
    expect(s.snaps!.length).toBe(10);
    expect(Math.max(...s.snaps!.map((x) => x.km))).toBeLessThan(0.5);
    const out = join(tmp, 'monaco-day');
    const summary = runToDir(s, { outDir: out });
    const sh = summary.shipments;
    expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
    expect(sh.delivered).toBeGreaterThan(100);
    expect(sh.relayed).toBeGreaterThan(0);
  });
});

describe('scenarios/data/sites-by-coordinates.mjs', () => {
  it('rewrites yrd-2022-april.json with sites by coordinates; over the same network it runs to the same summary', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = join(tmp, 'april-coords.json');
    const april = join(ROOT, 'scenarios', 'yrd-2022-april.json');
    execFileSync(process.execPath, [join(ROOT, 'scenarios/data/sites-by-coordinates.mjs'), april, join(ROOT, 'scenarios/data/yrd-network.geojson'), out], { stdio: 'pipe' });
    const rewritten = JSON.parse(readFileSync(out, 'utf8'));
    expect(rewritten.checkpoints.every((c: { node: unknown }) => typeof c.node === 'object')).toBe(true);
    const short = (raw: unknown) => ({ ...(raw as object), horizonMin: 2160, drainMin: 240 });
    const byId = validateScenario(short(JSON.parse(readFileSync(april, 'utf8'))), april, join(ROOT, 'scenarios'));
    const byPos = validateScenario(short(rewritten), out, tmp, [], OUTSIDE);
    expect(byPos.snaps!.length).toBeGreaterThan(40);
    expect(byPos.snaps!.every((s) => s.km < 1e-6)).toBe(true);
    const a = runToDir(byId, { outDir: join(tmp, 'april-ids') }), b = runToDir(byPos, { outDir: join(tmp, 'april-pos') });
    // runId hashes the scenario as written (sites by id or by position), so it differs by design.
    const strip = (x: Record<string, unknown>) => { const { wallMs: _w, snaps: _s, runId: _r, ...rest } = x; return rest; };
    expect(a.shipments.created).toBeGreaterThan(100);
    expect(strip(b as Record<string, unknown>)).toEqual(strip(a as Record<string, unknown>));
    expect(readFileSync(join(tmp, 'april-pos', 'shipments.csv'), 'utf8')).toBe(readFileSync(join(tmp, 'april-ids', 'shipments.csv'), 'utf8'));
  });
});
