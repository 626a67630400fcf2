// shipments.csv from the byte buffer: the same bytes as the string writer it replaced (toFixed(4) in a
// template), checked number by number on hard cases and file by file on whole runs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { viewOf, writeFixed4, writeUint } from '../src/metrics/fixed-point.js';
import { SHIPMENT_COLUMNS, shipmentsCsv } from '../src/metrics/shipments-csv.js';
import { csvField } from '../src/metrics/csv-field.js';
import { Simulation, type ShipmentRow, type ShipmentStatus } from '../src/model/simulation.js';
import { loadScenario } from '../src/scenario/load.js';

const buf = Buffer.alloc(64), out = { buf, view: viewOf(buf) };
const fixed4 = (x: number) => buf.toString('latin1', 0, writeFixed4(out, 0, x));
const uint = (n: number) => buf.toString('latin1', 0, writeUint(out, 0, n));

/** The next double above / below x (x finite). */
function step(x: number, dir: 1 | -1): number {
  if (x === 0) return dir * Number.MIN_VALUE;
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x);
  v.setBigInt64(0, v.getBigInt64(0) + BigInt((x > 0 ? 1 : -1) * dir));
  return v.getFloat64(0);
}

/** The writer this one replaced, as it was: one template string per row. */
function templateRow(x: ShipmentRow): string {
  const q = csvField;
  return `${x.id},${q(x.stream)},${q(x.from)},${q(x.to)},${x.priority},${x.pass ? 1 : 0},${x.createdMin.toFixed(4)},` +
    `${x.deliveredMin === null ? '' : x.deliveredMin.toFixed(4)},${x.status},${q(x.station)},` +
    `${x.leadTimeMin === null ? '' : x.leadTimeMin.toFixed(4)},${q(x.reason)}\n`;
}

describe('writeFixed4', () => {
  it('gives toFixed(4) on ties, their neighbours, random magnitudes and special values', () => {
    const rng = seedrandom('fixed4');
    const xs: number[] = [0, -0, 1, 0.5, 0.00005, 0.00015, 0.00025, 1.00005, 2.50005, 1234.56785, 99999.99995, 0.99995,
      -1.5, -0.00001, 1e-300, 5e-324, 8.796e8, 8.7960930222e8, 8.8e8, 1e12, 1e20, 1e21, 1e300, NaN, Infinity, -Infinity];
    for (let i = 0; i < 20000; i++) {
      const n = Math.floor(rng() * 10 ** (1 + Math.floor(rng() * 12)));
      const tie = (n + 0.5) / 1e4; // the nearest double to a decimal half, just above or below it
      xs.push(tie, step(tie, 1), step(tie, -1), n / 1e4, step(n / 1e4, -1), rng() * 10 ** (rng() * 14 - 4));
      // Whole minutes and their last 1e-4 either side: where the whole part's digits must carry.
      const k = Math.floor(n / 1e4);
      xs.push(k, k - 1e-4, k + 1e-4, step(k, -1));
    }
    const wrong = xs.filter((x) => fixed4(x) !== x.toFixed(4));
    expect(wrong.map((x) => [x, fixed4(x), x.toFixed(4)])).toEqual([]);
  });
});

describe('writeUint', () => {
  it('gives String(n) at every digit count, on both sides of the four-digit word boundaries', () => {
    const rng = seedrandom('uint');
    const ns: number[] = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER];
    for (let d = 1; d <= 16; d++) ns.push(10 ** d - 1, 10 ** d, 10 ** d + 1, Math.floor(rng() * 10 ** d));
    for (let i = 0; i < 20000; i++) ns.push(Math.floor(rng() * 10 ** (rng() * 9)));
    const wrong = ns.filter((n) => uint(n) !== String(n));
    expect(wrong.map((n) => [n, uint(n)])).toEqual([]);
  });

  it('leaves the bytes before its position alone (its four-byte stores only run past the end)', () => {
    buf.fill(120);
    const end = writeUint(out, 3, 42);
    expect(buf.toString('latin1', 0, end)).toBe('xxx42');
  });
});

describe('shipments.csv', () => {
  const cases: [string, number, string[]][] = [
    ['scenarios/reference/mmc.json', 1, ['horizonMin=20000']],
    ['scenarios/reference/mmc.json', 9, ['horizonMin=5000']],
    ['scenarios/yrd-2022.json', 1, []],
    ['scenarios/yrd-2022-april.json', 4, []],
    ['test/fixtures/detour.json', 2, []],
  ];
  it.each(cases)('%s seed %i: the same bytes as the template writer, from row objects and from packed rows', (file, seed, sets) => {
    const dir = mkdtempSync(join(tmpdir(), 'relaysim-csv-'));
    const s = loadScenario(file, sets);
    const objects = shipmentsCsv(join(dir, 'objects.csv'));
    const packed = shipmentsCsv(join(dir, 'packed.csv'), { streams: s.demand, stations: s.stations.map((x) => x.id) });
    let expected = SHIPMENT_COLUMNS.join(',') + '\n';
    let rows = 0;
    new Simulation(s, {
      seed,
      onShipment: (row) => { objects.onShipment(row); expected += templateRow(row); rows++; },
      shipmentFields: packed.fields,
    }).run();
    objects.writer.commit();
    packed.writer.commit();
    expect(rows).toBeGreaterThan(100);
    for (const f of ['objects.csv', 'packed.csv']) {
      const got = readFileSync(join(dir, f), 'latin1');
      expect(got.length, f).toBe(expected.length);
      expect(got === expected, f).toBe(true);
    }
  });

  it('packed rows (the WebAssembly formatter) with hard numbers, ids past int32, 300 streams and long names: the template writer\'s bytes', () => {
    const rng = seedrandom('packed');
    const streams = Array.from({ length: 300 }, (_, i) => ({ id: `s${i}`, from: i === 7 ? 'x'.repeat(70_000) : `a${i}`, to: `b,${i}` }));
    const stations = ['st0', 'st "1"'];
    const reasonsUsed = ['', 'closed', 'no route, "x"'];
    const statuses: ShipmentStatus[] = ['delivered', 'in-system', 'failed'];
    const hard = (i: number) => {
      const n = Math.floor(rng() * 10 ** (1 + Math.floor(rng() * 9)));
      switch (i % 8) {
        case 0: return (n + 0.5) / 1e4; // a tie: toFixed's own rounding
        case 1: return step((n + 0.5) / 1e4, 1);
        case 2: return Math.floor(n / 1e4); // whole minutes
        case 3: return Math.floor(n / 1e4) - 1e-4;
        case 4: return i % 3 === 0 ? 9e8 + rng() : -rng(); // beyond the fast path
        case 5: return 1e8 + rng() * 7.7e8; // 9 whole digits, in the fast path
        default: return rng() * 10 ** (rng() * 7);
      }
    };
    const out = join(mkdtempSync(join(tmpdir(), 'relaysim-csv-')), 'shipments.csv');
    const csv = shipmentsCsv(out, { streams, stations });
    let expected = SHIPMENT_COLUMNS.join(',') + '\n';
    for (let i = 0; i < 60_000; i++) {
      const id = i % 97 === 0 ? 2 ** 31 + i : i % 89 === 0 ? Number.MAX_SAFE_INTEGER - i : i % 83 === 0 ? 2 ** 31 - 2 - i : i % 79 === 0 ? 1e8 + i : i;
      const stream = (i * 7) % 300, bits = i & 3, station = (i % 3) - 1, status = statuses[(i >> 2) % 3], reason = reasonsUsed[i % 3];
      const created = hard(i), t = created + hard(i + 3), d = streams[stream];
      csv.fields!(id, stream, bits, station, status, reason, created, t);
      const delivered = status === 'delivered';
      expected += templateRow({ id, stream: d.id, from: d.from, to: d.to, priority: bits & 2 ? 'whitelist' : 'normal', pass: (bits & 1) !== 0,
        createdMin: created, deliveredMin: delivered ? t : null, status, station: station >= 0 ? stations[station] : '', leadTimeMin: delivered ? t - created : null, reason });
    }
    csv.writer.commit();
    const got = readFileSync(out, 'utf8');
    expect(got.length).toBe(expected.length);
    expect(got === expected).toBe(true);
  });

  it('names that need quoting and rows longer than the buffer', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'relaysim-csv-')), 'shipments.csv');
    const csv = shipmentsCsv(out);
    const long = 'x'.repeat(3 << 20);
    const rows: ShipmentRow[] = [
      { id: 0, stream: 'a,"b"', from: 'line\nbreak', to: 'cr\rhere', priority: 'whitelist', pass: true, createdMin: 0.00005, deliveredMin: null, status: 'failed', station: '', leadTimeMin: null, reason: 'closed, no route' } as ShipmentRow,
      { id: 1, stream: long, from: 'o', to: 'd', priority: 'normal', pass: false, createdMin: 12.34565, deliveredMin: 99.99995, status: 'delivered', station: long, leadTimeMin: 87.6543, reason: '' } as ShipmentRow,
    ];
    for (const r of rows) csv.onShipment(r);
    csv.writer.commit();
    const expected = SHIPMENT_COLUMNS.join(',') + '\n' + rows.map(templateRow).join('');
    expect(readFileSync(out, 'utf8')).toBe(expected);
    // The same rows packed: stream 0 and 1 by index, station 0 by index, a run longer than the buffer.
    const outPacked = `${out}.packed`;
    const packed = shipmentsCsv(outPacked, { streams: [{ id: 'a,"b"', from: 'line\nbreak', to: 'cr\rhere' }, { id: long, from: 'o', to: 'd' }], stations: [long] });
    packed.fields!(0, 0, 3, -1, 'failed', 'closed, no route', 0.00005, NaN);
    packed.fields!(1, 1, 0, 0, 'delivered', '', 12.34565, 99.99995);
    packed.writer.commit();
    // The packed path computes the lead time itself: 99.99995 - 12.34565 in doubles, as the simulation does.
    expect(readFileSync(outPacked, 'utf8')).toBe(expected.replace('87.6543', (99.99995 - 12.34565).toFixed(4)));
  });
});
