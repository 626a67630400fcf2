// shipments.parquet and trace.parquet, read back with hyparquet (a reader, not the writer's code) and
// compared row by row with shipments.csv and trace.jsonl of the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { beforeAll, describe, expect, it } from 'vitest';
import { runToDirAsync, type RunSummary } from '../src/run.js';
import { loadScenario } from '../src/scenario/load.js';
import { ParquetTable } from '../src/metrics/parquet-table.js';
import { SHIPMENT_COLUMNS } from '../src/metrics/shipments-csv.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'relaysim-parquet-'));
const bytes = (f: string) => { const b = readFileSync(f); return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer; };
const read = (f: string) => parquetReadObjects({ file: bytes(f) }) as Promise<Record<string, unknown>[]>;

describe('--format parquet|both', () => {
  const dir = tmp();
  let summary: RunSummary;
  beforeAll(async () => {
    summary = await runToDirAsync(loadScenario('scenarios/yrd-2022-april.json'), { seed: 2, outDir: dir, trace: true, format: 'both' });
  });

  it('shipments.parquet holds the rows of shipments.csv, typed, times within the CSV\'s 1e-4 rounding', async () => {
    const csv = parse(readFileSync(join(dir, 'shipments.csv')), { columns: true }) as Record<string, string>[];
    const pq = await read(join(dir, 'shipments.parquet'));
    expect(pq.length).toBe(summary.shipments.created);
    expect(pq.length).toBe(csv.length);
    expect(Object.keys(pq[0])).toEqual([...SHIPMENT_COLUMNS]);
    const bad: unknown[] = [];
    pq.forEach((p, i) => {
      const c = csv[i];
      const time = (k: string) => (p[k] === null ? c[k] === '' : typeof p[k] === 'number' && (p[k] as number).toFixed(4) === c[k]);
      const same = Number(c.id) === p.id && ['stream', 'from', 'to', 'priority', 'status', 'station', 'reason'].every((k) => p[k] === c[k])
        && p.pass === (c.pass === '1') && time('createdMin') && time('deliveredMin') && time('leadTimeMin');
      if (!same && bad.length < 3) bad.push({ row: i, csv: c, parquet: p });
    });
    expect(bad).toEqual([]);
    expect(pq.some((p) => p.deliveredMin === null)).toBe(true); // nulls are exercised
  });

  it('column types: int32 ids, float64 times, UTF-8 ids and ENUM status/reason', () => {
    const meta = parquetMetadata(bytes(join(dir, 'shipments.parquet')));
    const el = Object.fromEntries(meta.schema.slice(1).map((s) => [s.name, s]));
    expect(el.id.type).toBe('INT32');
    expect([el.createdMin.type, el.deliveredMin.type, el.leadTimeMin.type]).toEqual(['DOUBLE', 'DOUBLE', 'DOUBLE']);
    expect([el.stream.converted_type, el.station.converted_type]).toEqual(['UTF8', 'UTF8']);
    expect([el.status.converted_type, el.reason.converted_type, el.priority.converted_type]).toEqual(['ENUM', 'ENUM', 'ENUM']);
    expect(el.deliveredMin.repetition_type).toBe('OPTIONAL');
  });

  it('trace.parquet holds the events of trace.jsonl, field by field', async () => {
    const lines = readFileSync(join(dir, 'trace.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const pq = await read(join(dir, 'trace.parquet'));
    expect(pq.length).toBe(lines.length);
    const bad: unknown[] = [];
    pq.forEach((p, i) => {
      const e = lines[i];
      const back: Record<string, unknown> = { ...(p.extra ? JSON.parse(p.extra as string) : {}) };
      for (const [k, v] of Object.entries(p)) if (k !== 'extra' && v !== null) back[k] = v;
      const want: Record<string, unknown> = { ...e, truck: String(e.truck) };
      if (e.shipment === null) delete want.shipment;
      if (JSON.stringify(Object.entries(back).sort()) !== JSON.stringify(Object.entries(want).sort()) && bad.length < 3) bad.push({ line: i, jsonl: e, parquet: p });
    });
    expect(bad).toEqual([]);
  });

  it('row groups are streamed: a table of 2,500 rows in groups of 1,000 has three, and reads back whole', async () => {
    const f = join(tmp(), 'x.parquet');
    const t = new ParquetTable<number>(f, [{ name: 'i', type: 'int32', value: (i) => i }, { name: 'half', type: 'double', optional: true, value: (i) => (i % 2 ? i / 2 : null) }], 1000);
    for (let i = 0; i < 2500; i++) t.add(i);
    expect(existsSync(f)).toBe(false); // only FILE.part until commit
    t.commit();
    expect(parquetMetadata(bytes(f)).row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    const rows = await read(f);
    expect(rows.map((r) => r.i)).toEqual(Array.from({ length: 2500 }, (_, i) => i));
    expect(rows[3].half).toBe(1.5);
    expect(rows[4].half).toBe(null);
  });

  it('relaysim run --format parquet writes no CSV; a bad --format is exit 2 and writes nothing', () => {
    const a = tmp();
    const ok = spawnSync(process.execPath, ['bin/relaysim.mjs', 'run', 'scenarios/reference/mmc.json', '--set', 'horizonMin=500', '--format', 'parquet', '--out', a, '--quiet']);
    expect(ok.status).toBe(0);
    expect(readdirSync(a).sort()).toEqual(['network.json', 'series.json', 'shipments.parquet', 'summary.json']);
    const b = join(tmp(), 'out');
    const r = spawnSync(process.execPath, ['bin/relaysim.mjs', 'run', 'scenarios/reference/mmc.json', '--format', 'arrow', '--out', b], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("option '--format <fmt>' argument 'arrow' is invalid. expected one of csv, parquet, both");
    expect(existsSync(b)).toBe(false);
  });
});
