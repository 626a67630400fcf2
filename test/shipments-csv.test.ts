// shipments.csv from the byte buffer: the same bytes as the string writer it replaced (toFixed(4) in a
// template), checked number by number on hard cases and file by file on whole runs.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { writeFixed4 } from '../src/metrics/fixed-point.js';
import { SHIPMENT_COLUMNS, shipmentsCsv } from '../src/metrics/shipments-csv.js';
import { csvField } from '../src/metrics/csv-field.js';
import { Simulation, type ShipmentRow } from '../src/model/simulation.js';
import { loadScenario } from '../src/scenario/load.js';

const buf = Buffer.alloc(64);
const fixed4 = (x: number) => buf.toString('latin1', 0, writeFixed4(buf, 0, x));

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
    }
    const wrong = xs.filter((x) => fixed4(x) !== x.toFixed(4));
    expect(wrong.map((x) => [x, fixed4(x), x.toFixed(4)])).toEqual([]);
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
  it.each(cases)('%s seed %i: the same bytes as the template writer', (file, seed, sets) => {
    const out = join(mkdtempSync(join(tmpdir(), 'relaysim-csv-')), 'shipments.csv');
    const csv = shipmentsCsv(out);
    let expected = SHIPMENT_COLUMNS.join(',') + '\n';
    let rows = 0;
    new Simulation(loadScenario(file, sets), {
      seed,
      onShipment: (row) => { csv.onShipment(row); expected += templateRow(row); rows++; },
    }).run();
    csv.writer.commit();
    expect(rows).toBeGreaterThan(100);
    const got = readFileSync(out, 'latin1');
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
    expect(readFileSync(out, 'utf8')).toBe(SHIPMENT_COLUMNS.join(',') + '\n' + rows.map(templateRow).join(''));
  });
});
