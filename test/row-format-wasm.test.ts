// src/metrics/row-format-wasm.ts holds the WebAssembly of src/metrics/row-format.wat, assembled with
// wabt (a dev dependency: the CLI loads the bytes, not the assembler). This checks that the committed
// bytes are the .wat's; `REGEN=1 npx vitest run test/row-format-wasm.test.ts` rewrites them after an edit.
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { ByteSink } from '../src/metrics/byte-writer.js';
import { WasmRows } from '../src/metrics/row-formatter.js';
import { formatRows, packRow, ROW_SLOTS, RowRuns } from '../src/metrics/shipments-csv.js';

const WAT = 'src/metrics/row-format.wat', OUT = 'src/metrics/row-format-wasm.ts';

async function assemble(): Promise<Buffer> {
  const wabt = await wabtInit();
  const mod = wabt.parseWat(WAT, readFileSync(WAT, 'utf8'), { sat_float_to_int: true, bulk_memory: true });
  try {
    mod.validate();
    return Buffer.from(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

const source = (wasm: Buffer) => `// Generated from row-format.wat by test/row-format-wasm.test.ts (REGEN=1): do not edit.
/** The row formatter's WebAssembly module (row-format.wat), base64. */
export const ROW_FORMAT_WASM = '${wasm.toString('base64')}';
`;

describe('row-format.wat', () => {
  it('row-format-wasm.ts holds its assembled bytes', async () => {
    const wasm = await assemble();
    if (process.env.REGEN === '1') writeFileSync(OUT, source(wasm));
    expect(readFileSync(OUT, 'utf8')).toBe(source(wasm));
  });

  it('formats normal rows itself and hands back only the rows it cannot take, with the bytes of formatRows', () => {
    const names = { streams: [{ id: 's', from: 'a', to: 'b' }, { id: 'long', from: 'x'.repeat(70_000), to: 'y' }], stations: ['st'] };
    // Rows 0-999 normal; 1000-1009 a tie (toFixed rounds it); 1010-1019 an id past int32; 1020-1029 a name run beyond the module's 64 KiB.
    const n = 1030, rows = new Float64Array(n * ROW_SLOTS);
    for (let i = 0; i < n; i++) {
      const created = i >= 1000 && i < 1010 ? 12.34565 : i * 3.21;
      packRow(rows, i * ROW_SLOTS, i >= 1010 && i < 1020 ? 2 ** 31 + i : i, i >= 1020 ? 1 : 0, i & 3, (i % 2) - 1, i % 3, 0, created, created + 5.5);
    }
    const dir = mkdtempSync(join(tmpdir(), 'relaysim-wasm-rows-'));
    /** The bytes `format` puts into a sink on a new file (a fresh RowRuns each time, as each writer has). */
    const bytes = (file: string, format: (runs: RowRuns, fd: number) => ByteSink) => {
      const fd = openSync(join(dir, file), 'w'), runs = new RowRuns(names);
      runs.reasons.push('');
      format(runs, fd).flush();
      closeSync(fd);
      return readFileSync(join(dir, file));
    };
    const expected = bytes('js.csv', (runs, fd) => { const s = new ByteSink(fd); formatRows(s, runs, rows, n); return s; });
    const handedBack: number[] = [];
    const got = bytes('wasm.csv', (runs, fd) => {
      const wasm = new WasmRows(runs, n), s = new ByteSink(fd, wasm.out);
      wasm.rows.set(rows);
      wasm.write(s, n, (w, row) => { handedBack.push(row[0]); formatRows(w, runs, row, 1); });
      return s;
    });
    expect(got.equals(expected)).toBe(true);
    const ids = (from: number, to: number, f = (i: number) => i) => Array.from({ length: to - from }, (_, k) => f(from + k));
    expect(handedBack).toEqual([...ids(1000, 1010), ...ids(1010, 1020, (i) => 2 ** 31 + i), ...ids(1020, 1030)]);
  });
});
