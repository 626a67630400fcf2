// The report's CSV reader against csv-parse, an independent RFC 4180 parser, on files with every
// quoting case and chunk boundaries inside rows, quotes and multi-byte characters.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { scanCsvColumns } from '../src/report/shipments-scan.js';
import { csvField } from '../src/metrics/csv-field.js';

const file = (text: string) => { const f = join(mkdtempSync(join(tmpdir(), 'relaysim-scan-')), 'x.csv'); writeFileSync(f, text); return f; };

async function scanAll(f: string, columns: string[]): Promise<string[][]> {
  const rows: string[][] = [];
  await scanCsvColumns(f, columns, (get) => rows.push(columns.map((_, i) => get(i))));
  return rows;
}

describe('scanCsvColumns', () => {
  it('reads what csv-parse reads, column by column, across 1 MiB chunk boundaries', async () => {
    const rng = seedrandom('scan');
    const pieces = ['a', 'b', ',', '"', '\n', '\r\n', '上海', '嘉兴', 'x', '1.5', ' '];
    const value = () => Array.from({ length: Math.floor(rng() * 12) }, () => pieces[Math.floor(rng() * pieces.length)]).join('');
    const header = ['id', 'status', 'name', 'leadTimeMin', 'note'];
    let text = header.join(',') + '\n';
    for (let r = 0; text.length < 2.5e6; r++) text += [r, value(), value(), (rng() * 1e3).toFixed(4), value()].map((v) => csvField(String(v))).join(',') + '\n';
    const f = file(text);
    const want = ['note', 'status', 'leadTimeMin', 'missing', 'id', 'name'];
    const ref = (parse(readFileSync(f), { columns: true, relax_column_count: true, skip_empty_lines: true }) as Record<string, string>[])
      .map((o) => want.map((c) => o[c] ?? ''));
    const got = await scanAll(f, want);
    expect(got.length).toBeGreaterThan(50000);
    expect(got.length).toBe(ref.length);
    const firstDiff = got.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(ref[i]));
    expect(firstDiff === -1 ? null : { at: firstDiff, got: got[firstDiff], ref: ref[firstDiff] }).toBe(null);
  });

  it('short rows, CRLF, a last row without a line break, empty lines', async () => {
    const f = file('a,b,c\r\n1,2,3\r\n\n4\n"5,5","6""6",\r\n7,8,9');
    expect(await scanAll(f, ['c', 'a', 'b'])).toEqual([['3', '1', '2'], ['', '4', ''], ['', '5,5', '6"6'], ['9', '7', '8']]);
  });

  it('num(i) is Number(get(i)) and filled(i) is get(i) !== \'\', on plain decimals and everything else', async () => {
    const rng = seedrandom('num');
    const odd = ['', '-', '.', '-.', '0', '-0', '00.5', '.5', '-.5', '5.', '1e3', '1E-2', ' 1', '1 ', '0x10', 'NaN', 'Infinity', '-Infinity',
      '1.2.3', '--1', '+1', '123456789012345', '1234567890123456', '12345678901234567890', '0.1', '0.30000000000000004', '9007199254740993',
      '"1.5"', '""', '"-2"', '1,5'];
    const values = [...odd];
    for (let i = 0; i < 20000; i++) {
      const digits = 1 + Math.floor(rng() * 17), point = Math.floor(rng() * (digits + 1));
      let t = '';
      for (let d = 0; d < digits; d++) t += (d === point ? '.' : '') + Math.floor(rng() * 10);
      values.push(rng() < 0.3 ? `-${t}` : t, (rng() * 10 ** (rng() * 12)).toFixed(4));
    }
    const f = file('v,w\n' + values.map((v) => `${/[",]/.test(v) && !v.startsWith('"') ? csvField(v) : v},x`).join('\n') + '\n');
    const got: [number, boolean, string][] = [];
    await scanCsvColumns(f, ['v'], (get, num, filled) => { got.push([num(0), filled(0), get(0)]); });
    expect(got.length).toBe(values.length - 0);
    const wrong = got.filter(([n, full, text]) => !Object.is(n, Number(text)) || full !== (text !== ''));
    expect(wrong).toEqual([]);
  });
});

