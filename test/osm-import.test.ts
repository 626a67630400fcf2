// `relaysim import-osm` against independent computations over the raw OSM data: shortest-path km between
// junctions by a separate Dijkstra over the node-level ways, total km, oneway directions, the XML reader
// against the PBF reader, areas and --keep-largest. Data: ../shared/osm (© OpenStreetMap contributors, ODbL).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsm } from '../src/osm/import-osm.js';
import { DEFAULT_HIGHWAYS } from '../src/osm/way-rules.js';
import { TRUCK_SPEEDS } from '../src/osm/truck-speeds.js';
import { bboxArea, polygonArea } from '../src/osm/area.js';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { writeFileSync } from 'node:fs';
import { dijkstra, networkGraph, rawGraph, readNetwork, readRawPbf, type NetworkFile, type RawOsm } from './osm-helpers.js';

// shared/ sits beside the checkout in CI; a developer's worktree may be deeper.
const SHARED_OSM = [join(import.meta.dirname, '..', '..', 'shared', 'osm'), '/work/shared/osm'].find((d) => existsSync(d))!;
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-osm-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const base = { highways: [...DEFAULT_HIGHWAYS], speeds: TRUCK_SPEEDS, keepLargest: false };

describe.each(['monaco', 'andorra'])('%s extract', (name) => {
  const pbf = join(SHARED_OSM, `${name}.osm.pbf`);
  let raw: RawOsm;
  let net: NetworkFile;
  beforeAll(async () => {
    raw = await readRawPbf(pbf);
    await importOsm(pbf, { ...base, out: join(tmp, `${name}.geojson`) });
    net = readNetwork(join(tmp, `${name}.geojson`));
  });

  it('has the OSM node id and position of every junction, and edges whose geometry runs from one to the other', () => {
    expect(net.points.length).toBeGreaterThan(100);
    const byId = new Map(net.points.map((p) => [p.id, p]));
    for (const p of net.points) {
      const at = raw.nodes.get(p.osmId)!;
      expect(Math.abs(at[0] - p.lon) + Math.abs(at[1] - p.lat)).toBeLessThan(1e-6);
    }
    for (const l of net.lines) {
      const a = byId.get(l.from)!, b = byId.get(l.to)!;
      expect(l.coords[0]).toEqual([a.lon, a.lat]);
      expect(l.coords[l.coords.length - 1]).toEqual([b.lon, b.lat]);
      expect(l.from).not.toBe(l.to);
      expect(raw.ways.some((w) => w.id === l.osmWay)).toBe(true);
    }
  });

  it('keeps every allowed road segment exactly once: total km equals the raw ways\' great-circle km', () => {
    const { totalKm } = rawGraph(raw);
    const km = net.lines.reduce((s, l) => s + l.km, 0);
    expect(Math.abs(km - totalKm)).toBeLessThan(1e-3);
  });

  it('gives the same shortest-path km between junctions as a Dijkstra over the raw OSM ways', () => {
    const { adj } = rawGraph(raw);
    const imported = networkGraph(net);
    const ids = net.points.map((p) => p.osmId);
    let compared = 0;
    for (let k = 0; k < 12; k++) {
      const source = ids[(k * 7919) % ids.length];
      const want = dijkstra(adj, source), got = dijkstra(imported, source);
      for (let t = 0; t < ids.length; t += 5) {
        const target = ids[t];
        const w = want.get(target), g = got.get(target);
        expect(g === undefined, `reachability ${source} -> ${target}`).toBe(w === undefined);
        if (w !== undefined && g !== undefined) { expect(Math.abs(w - g)).toBeLessThan(1e-4); compared++; }
      }
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('drives one-way roads only in their direction and others both ways', () => {
    const ways = new Map(raw.ways.map((w) => [w.id, w]));
    const osmOf = new Map(net.points.map((p) => [p.id, p.osmId]));
    let oneways = 0;
    for (const l of net.lines) {
      const tags = ways.get(l.osmWay)!.tags;
      const refs = ways.get(l.osmWay)!.refs;
      const expectOneway = ['yes', 'true', '1', '-1', 'reverse'].includes(tags.oneway)
        || (!['no', 'false', '0'].includes(tags.oneway) && (tags.junction === 'roundabout' || tags.junction === 'circular' || tags.highway === 'motorway'));
      expect(l.oneway, `way ${l.osmWay} oneway=${tags.oneway}`).toBe(expectOneway);
      if (!expectOneway) continue;
      oneways++;
      // Driving direction: along the way's node order, or against it for -1/reverse.
      const i = refs.indexOf(osmOf.get(l.from)!), j = refs.lastIndexOf(osmOf.get(l.to)!);
      const back = tags.oneway === '-1' || tags.oneway === 'reverse';
      if (refs[0] !== refs[refs.length - 1]) expect(back ? i > j : i < j, `way ${l.osmWay}`).toBe(true);
    }
    expect(oneways).toBeGreaterThan(10);
  });

  it('caps speeds by the truck table and takes lower posted limits', () => {
    const ways = new Map(raw.ways.map((w) => [w.id, w]));
    for (const l of net.lines) {
      const tags = ways.get(l.osmWay)!.tags;
      const cap = TRUCK_SPEEDS[tags.highway];
      expect(l.speedKmh).toBeLessThanOrEqual(cap);
      if (tags['maxspeed:hgv'] !== undefined) continue;
      if (tags.maxspeed === undefined) expect(l.speedKmh).toBe(cap);
      else if (/^\d+$/.test(tags.maxspeed)) expect(l.speedKmh).toBe(Math.min(cap, Number(tags.maxspeed)));
    }
  });
});

describe('readers and options', () => {
  const monaco = join(SHARED_OSM, 'monaco.osm.pbf');

  it('reads OSM XML (osmium cat) to the same network as the PBF', async () => {
    const xml = join(tmp, 'monaco.osm');
    execFileSync('osmium', ['cat', monaco, '-o', xml, '-f', 'osm', '--overwrite']);
    await importOsm(monaco, { ...base, out: join(tmp, 'from-pbf.geojson') });
    await importOsm(xml, { ...base, out: join(tmp, 'from-xml.geojson') });
    const a = readNetwork(join(tmp, 'from-pbf.geojson')), b = readNetwork(join(tmp, 'from-xml.geojson'));
    expect(b.points).toEqual(a.points);
    expect(b.lines).toEqual(a.lines);
    expect(a.raw.attribution).toMatch(/OpenStreetMap contributors.*ODbL/);
  });

  it('--bbox keeps only roads inside the box, cutting ways at its edge', async () => {
    const box = [1.5, 42.45, 1.6, 42.6];
    const out = join(tmp, 'andorra-box.geojson');
    const report = await importOsm(join(SHARED_OSM, 'andorra.osm.pbf'), { ...base, area: bboxArea(box), out });
    const net = readNetwork(out);
    expect(report.outsideArea).toBeGreaterThan(0);
    expect(net.lines.length).toBeGreaterThan(20);
    for (const l of net.lines) for (const [x, y] of l.coords) expect(x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]).toBe(true);
  });

  it('--polygon keeps only roads inside the polygon', async () => {
    const triangle = { type: 'Polygon' as const, coordinates: [[[1.45, 42.45], [1.65, 42.45], [1.55, 42.62], [1.45, 42.45]]] };
    const file = join(tmp, 'triangle.geojson');
    writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: triangle }] }));
    const out = join(tmp, 'andorra-triangle.geojson');
    const report = await importOsm(join(SHARED_OSM, 'andorra.osm.pbf'), { ...base, area: polygonArea(file), out });
    const net = readNetwork(out);
    expect(report.outsideArea).toBeGreaterThan(0);
    expect(net.lines.length).toBeGreaterThan(20);
    for (const l of net.lines) for (const c of l.coords) expect(booleanPointInPolygon(c, triangle)).toBe(true);
  });

  it('--keep-largest leaves one strongly connected component', async () => {
    const out = join(tmp, 'andorra-largest.geojson');
    const report = await importOsm(join(SHARED_OSM, 'andorra.osm.pbf'), { ...base, keepLargest: true, out });
    expect(report.components).toBeGreaterThan(1);
    expect(report.droppedJunctions).toBeGreaterThan(0);
    const net = readNetwork(out);
    const adj = networkGraph(net);
    const reverse = new Map<number, { to: number; km: number }[]>();
    for (const [u, arcs] of adj) for (const a of arcs) { if (!reverse.has(a.to)) reverse.set(a.to, []); reverse.get(a.to)!.push({ to: u, km: a.km }); }
    const root = net.points[0].osmId;
    expect(dijkstra(adj, root).size).toBe(net.points.length);
    expect(dijkstra(reverse, root).size).toBe(net.points.length);
    expect(net.points.length + report.droppedJunctions).toBe(readNetworkCount(join(tmp, 'andorra.geojson')));
  });
});

function readNetworkCount(file: string): number {
  return readNetwork(file).points.length;
}
