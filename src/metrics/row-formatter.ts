import type { ByteSink } from './byte-writer.js';
import { ROW_FORMAT_WASM } from './row-format-wasm.js';
import type { RowRuns } from './shipments-csv.js';

// Byte offsets in the module's memory (row-format.wat has the map).
const RUNS = 40_960, RUNS_END = 106_496, HEAD = 106_496, MID = 110_592, TAIL = 114_688, START = 118_784, LENGTH = 122_880;
/** Entries of each index table (head, mid, tail) and of the start and length tables. */
const TABLE = 1024;
const ROWS = 131_072, OUT = 917_504, OUT_SIZE = 1 << 20;
/** The room row-format.wat keeps free beyond a row's name runs (its numbers and its 8-byte stores). */
const ROOM = 160;
/** A packed row's float64s (ROW_SLOTS in shipments-csv.ts, which imports this module). */
const SLOTS = 6, ROW_BYTES = SLOTS * 8;

type Format = (rows: number, i: number, n: number, pos: number, end: number) => number;

/**
 * Packed shipments.csv rows formatted by row-format.wat, into a byte buffer that lives in the module's
 * memory (`out`, a ByteWriter's buffer) from rows that live there too (`rows`, where the writer packs
 * them). It takes the rows of a normal run; the rest (a number toFixed(4) must round, an id beyond
 * int32, names beyond its tables) it hands back one at a time to `slow`, formatRows, which writes the
 * same bytes. Why WebAssembly: README, "shipments.csv writer".
 */
export class WasmRows {
  /** Room for `rows` packed rows (packRow). */
  readonly rows: Float64Array;
  /** The output buffer, for ByteWriter. */
  readonly out: Buffer;
  private readonly format: Format;
  private readonly pos: WebAssembly.Global;
  private readonly table: Int32Array;
  private readonly bytes: Uint8Array;
  private used = RUNS;

  constructor(private readonly runs: RowRuns, rows: number) {
    if (rows * ROW_BYTES > OUT - ROWS) throw new Error(`WasmRows: ${rows} rows do not fit the module's row space`);
    const exports = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(ROW_FORMAT_WASM, 'base64'))).exports;
    const memory = exports.memory as WebAssembly.Memory;
    this.format = exports.format as Format;
    this.pos = exports.pos as WebAssembly.Global;
    this.rows = new Float64Array(memory.buffer, ROWS, rows * SLOTS);
    this.out = Buffer.from(memory.buffer, OUT, OUT_SIZE);
    this.table = new Int32Array(memory.buffer);
    this.bytes = new Uint8Array(memory.buffer);
  }

  /** Formats the first `n` rows of `rows` into `w`, whose buffer is `out`. */
  write(w: ByteSink, n: number, slow: (w: ByteSink, row: Float64Array) => void): void {
    if (w.buf !== this.out) throw new Error('WasmRows.write: the sink must write from this formatter\'s `out` buffer');
    const rows = this.rows, length = this.runs.length;
    for (let i = 0; ;) {
      i = this.format(ROWS, i, n, OUT + w.pos, OUT + w.buf.length);
      w.pos = (this.pos.value as number) - OUT;
      if (i === n) return;
      const r = i * SLOTS, h = rows[r + 1], m = rows[r + 2], t = rows[r + 3];
      if (this.place(HEAD, h, () => this.runs.head(h)) + this.place(MID, m, () => this.runs.mid(m)) + this.place(TAIL, t, () => this.runs.tail(t)) > 0) continue;
      // The module stopped for room, or for what it leaves to formatRows: a number, an id, a run it cannot hold (-1).
      const hr = this.runOf(HEAD, h), mr = this.runOf(MID, m), tr = this.runOf(TAIL, t);
      if (hr >= 0 && mr >= 0 && tr >= 0 && w.pos > 0 && w.pos + ROOM + length[hr] + length[mr] + length[tr] > w.buf.length) {
        w.flush();
        continue;
      }
      slow(w, rows.subarray(r, r + SLOTS));
      i++;
    }
  }

  private runOf(table: number, k: number): number {
    return k < TABLE ? this.table[(table >> 2) + k] : -1;
  }

  /** Puts index k's run into the module's memory if it is not there and fits; 1 if it did. */
  private place(table: number, k: number, run: () => number): number {
    if (k >= TABLE || this.runOf(table, k) >= 0) return 0;
    const r = run(), b = this.runs.bytes[r];
    if (r >= TABLE || this.used + b.length + 8 > RUNS_END) return 0;
    // RowRuns numbers each index's run anew, so run r comes here once.
    this.bytes.set(b, this.used);
    this.table[(START >> 2) + r] = this.used;
    this.table[(LENGTH >> 2) + r] = b.length;
    this.used += (b.length + 7) & ~7;
    this.table[(table >> 2) + k] = r;
    return 1;
  }
}
