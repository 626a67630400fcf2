// The import rules on a hand-made OSM XML file whose right answer is known: oneway tags and their implied
// defaults, access exclusions, junctions and merged chains, roundabouts, maxspeed parsing and the truck cap.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distance } from '@turf/distance';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importOsm } from '../src/osm/import-osm.js';
import { DEFAULT_HIGHWAYS } from '../src/osm/way-rules.js';
import { TRUCK_SPEEDS } from '../src/osm/truck-speeds.js';
import { parseMaxspeed } from '../src/osm/maxspeed.js';
import { validateScenario } from '../src/scenario/load.js';
import { InputError } from '../src/scenario/errors.js';
import { readNetwork, type NetworkFile } from './osm-helpers.js';
// These scenarios are built in code and name their network by an absolute path in a temporary folder.
const OUTSIDE = { allowOutsidePaths: true };

const tmp = mkdtempSync(join(tmpdir(), 'relaysim-osm-rules-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Node k sits at (k % 5 * 0.01, floor(k / 5) * 0.01) degrees; ways list their node ids and tags.
const pos = (k: number): [number, number] => [(k % 5) * 0.01, Math.floor(k / 5) * 0.01];
const WAYS: [number, number[], Record<string, string>][] = [
  [101, [1, 2, 3], { highway: 'primary', oneway: 'yes', maxspeed: '30', name: 'Rue A' }],
  [102, [3, 4], { highway: 'primary', oneway: '-1', ref: 'D1' }],
  [103, [4, 5], { highway: 'motorway', ref: 'A8' }],
  [104, [5, 6], { highway: 'motorway', oneway: 'no', maxspeed: 'CN:motorway' }],
  [105, [6, 7, 8, 6], { highway: 'secondary', junction: 'roundabout' }],
  [106, [1, 9], { highway: 'primary', access: 'no' }],
  [107, [3, 10], { highway: 'primary', access: 'no', hgv: 'yes' }],
  [108, [10, 11], { highway: 'trunk', hgv: 'private' }],
  [109, [10, 12], { highway: 'residential' }],
  [110, [10, 13], { highway: 'primary', maxspeed: '30 mph' }],
  [111, [15, 16, 17], { highway: 'secondary', maxspeed: '40' }],
  [112, [16, 18], { highway: 'secondary_link', 'maxspeed:hgv': '20', maxspeed: '50' }],
  [113, [17, 3], { highway: 'secondary', oneway: 'false' }],
];

function osmXml(): string {
  const ids = new Set(WAYS.flatMap(([, refs]) => refs));
  const nodes = [...ids].sort((a, b) => a - b).map((k) => `  <node id="${k}" lon="${pos(k)[0]}" lat="${pos(k)[1]}" version="1"/>`);
  const ways = WAYS.map(([id, refs, tags]) => `  <way id="${id}">\n${refs.map((r) => `    <nd ref="${r}"/>`).join('\n')}\n${Object.entries(tags).map(([k, v]) => `    <tag k="${k}" v="${v}"/>`).join('\n')}\n  </way>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6" generator="test">\n${nodes.join('\n')}\n${ways.join('\n')}\n</osm>\n`;
}

const km = (...ks: number[]) => ks.slice(1).reduce((s, k, i) => s + distance(pos(ks[i]), pos(k), { units: 'kilometers' }), 0);

describe('import rules on a hand-made extract', () => {
  let net: NetworkFile;
  const edge = (from: number, to: number) => net.lines.filter((l) => l.from === `n${from}` && l.to === `n${to}`);
  beforeAll(async () => {
    writeFileSync(join(tmp, 'rules.osm'), osmXml());
    await importOsm(join(tmp, 'rules.osm'), { highways: [...DEFAULT_HIGHWAYS], speeds: TRUCK_SPEEDS, keepLargest: false, out: join(tmp, 'rules.geojson') });
    net = readNetwork(join(tmp, 'rules.geojson'));
  });

  it('merges a chain of unshared nodes into one edge with the full geometry and summed km', () => {
    const [e] = edge(1, 3);
    expect(e).toBeDefined();
    expect(e.coords).toEqual([pos(1), pos(2), pos(3)]);
    expect(e.km).toBeCloseTo(km(1, 2, 3), 5);
    expect(e).toMatchObject({ oneway: true, speedKmh: 30, road: 'Rue A', osmWay: 101 });
    expect(net.points.some((p) => p.osmId === 2)).toBe(false);
  });

  it('splits ways at nodes that two ways share', () => {
    expect(edge(15, 16)).toHaveLength(1);
    expect(edge(16, 17)).toHaveLength(1);
    expect(edge(16, 18)).toHaveLength(1);
    expect(edge(15, 17)).toHaveLength(0);
  });

  it('reads oneway forward, backward (-1) and both, with motorways and roundabouts one way by default', () => {
    expect(edge(4, 3)).toMatchObject([{ oneway: true, road: 'D1', osmWay: 102, coords: [pos(4), pos(3)] }]);
    expect(edge(3, 4)).toHaveLength(0);
    expect(edge(4, 5)).toMatchObject([{ oneway: true, road: 'A8' }]);
    expect(edge(5, 6)).toMatchObject([{ oneway: false }]);
    expect(edge(17, 3)).toMatchObject([{ oneway: false }]);
    expect([...edge(6, 8), ...edge(8, 6)].every((e) => e.oneway)).toBe(true);
  });

  it('splits a roundabout drawn as one closed way instead of writing an edge from a node to itself', () => {
    expect(edge(6, 8)).toMatchObject([{ coords: [pos(6), pos(7), pos(8)] }]);
    expect(edge(8, 6)).toMatchObject([{ coords: [pos(8), pos(6)] }]);
    expect(net.lines.every((l) => l.from !== l.to)).toBe(true);
  });

  it('keeps trucks off access=no and hgv=private, but not off access=no + hgv=yes; residential is not in the default list', () => {
    const ways = new Set(net.lines.map((l) => l.osmWay));
    expect(ways.has(106)).toBe(false);
    expect(ways.has(107)).toBe(true);
    expect(ways.has(108)).toBe(false);
    expect(ways.has(109)).toBe(false);
  });

  it('caps posted speeds by the truck table and converts mph; maxspeed:hgv wins over maxspeed', () => {
    expect(edge(5, 6)[0].speedKmh).toBe(TRUCK_SPEEDS.motorway);
    expect(edge(4, 5)[0].speedKmh).toBe(TRUCK_SPEEDS.motorway);
    expect(edge(10, 13)[0].speedKmh).toBe(48.3);
    expect(edge(16, 17)[0].speedKmh).toBe(40);
    expect(edge(16, 18)[0].speedKmh).toBe(20);
  });

  it('loads as a scenario network whose one-way roads the simulation respects', () => {
    const scenario = (from: string, to: string) => ({
      name: 'rules', horizonMin: 60, network: { geojson: join(tmp, 'rules.geojson') },
      demand: [{ id: 'd', from, to, loadsPerHour: 1 }],
    });
    expect(() => validateScenario(scenario('n4', 'n5'), 'rules.json', undefined, [], OUTSIDE)).not.toThrow();
    // n4's only roads lead away from it (D1 is one way into n3, A8 one way to n5): nothing reaches it.
    expect(() => validateScenario(scenario('n5', 'n4'), 'rules.json', undefined, [], OUTSIDE)).toThrow(InputError);
    expect(() => validateScenario(scenario('n5', 'n4'), 'rules.json', undefined, [], OUTSIDE)).toThrow(/no road connects "n5" to "n4"/);
  });

  it('takes highway classes and speeds from the options', async () => {
    const out = join(tmp, 'rules-res.geojson');
    await importOsm(join(tmp, 'rules.osm'), { highways: [...DEFAULT_HIGHWAYS, 'residential'], speeds: { ...TRUCK_SPEEDS, residential: 12 }, keepLargest: false, out });
    expect(readNetwork(out).lines.filter((l) => l.osmWay === 109)).toMatchObject([{ speedKmh: 12, oneway: false }]);
  });
});

describe('maxspeed values', () => {
  it.each([
    ['50', 50], ['50 km/h', 50], ['80kmh', 80], ['30 mph', 48.28032], ['10 knots', 18.52], ['CN:motorway', 120],
    ['DE:urban', 50], ['FR:rural', 80], ['XX:urban', 50], ['walk', 6], ['50;70', 50], ['70; 50', 50],
    ['none', undefined], ['signals', undefined], ['variable', undefined], ['fast', undefined], ['0', undefined], ['', undefined],
  ])('%j -> %s', (text, want) => {
    const got = parseMaxspeed(text);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 4);
  });
});
