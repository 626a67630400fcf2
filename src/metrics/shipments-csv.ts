import type { ShipmentFields, ShipmentRow, ShipmentStatus } from '../model/simulation.js';
import { ByteWriter, type ByteSink } from './byte-writer.js';
import { csvField } from './csv-field.js';
import { writeAscii, writeFixed4, writeUint } from './fixed-point.js';
import { WasmRows } from './row-formatter.js';

export const SHIPMENT_COLUMNS = ['id', 'stream', 'from', 'to', 'priority', 'pass', 'createdMin', 'deliveredMin', 'status', 'station', 'leadTimeMin', 'reason'] as const;
export const SHIPMENTS_CSV_HEADER = Buffer.from(SHIPMENT_COLUMNS.join(',') + '\n');

const COMMA = 44, NEWLINE = 10;
/** Room for one row's numbers and separators: an id, three toFixed(4) values (<= 27 bytes each), 12 separators, and the 3 bytes a four-byte store may write past its end. */
const ROW_NUMBERS = 128;

/** The names a typed row refers to by index: the scenario's demand streams and stations. */
export interface ShipmentNames {
  streams: readonly { id: string; from: string; to: string }[];
  stations: readonly string[];
}

/** A packed row (packRow, formatRows) is this many float64s: id, stream * 4 + bits, (station + 1) * 3 + status code, reason code, createdMin, t. */
export const ROW_SLOTS = 6;
/** Rows a chunk: 16,384 x 48 bytes = 768 KB, a few milliseconds of formatting. */
export const CHUNK_ROWS = 16_384;

/** Status codes of typed rows (ShipmentFields): delivered first, so `status === 0` is the delivered test. */
export const STATUS_CODE: Record<ShipmentStatus, number> = { delivered: 0, 'in-system': 1, failed: 2 };
const STATUSES = Object.keys(STATUS_CODE) as ShipmentStatus[];

/** Codes for the few distinct reasons of a run, in order of first use; `fresh` holds the ones not yet handed on. */
export class ReasonCodes {
  readonly list: string[] = [];
  fresh: string[] = [];
  private readonly codes = new Map<string, number>();
  private last: string | undefined;
  private lastCode = 0;

  code(reason: string): number {
    if (reason === this.last) return this.lastCode;
    let c = this.codes.get(reason);
    if (c === undefined) { c = this.list.length; this.codes.set(reason, c); this.list.push(reason); this.fresh.push(reason); }
    this.last = reason;
    return (this.lastCode = c);
  }
}

/**
 * The byte runs between a typed row's numbers, built on first use and then looked up by index:
 * `,stream,from,to,priority,pass,` by stream * 4 + bits (2 whitelist, 1 pass), `,status,station,` by
 * (station + 1) * 3 + status code, `,reason\n` by reason code. head(), mid() and tail() give a run's
 * number r: its bytes are `bytes[r]`, and also `length[r]` bytes from word `start[r]` of `words`,
 * which formatRows copies four at a time (a TypedArray set() per run cost more than the row's digits).
 */
export class RowRuns {
  /** Every run so far as little-endian int32 words, each from a word boundary (grows: read it after a lookup). */
  words = new Int32Array(256);
  readonly start: number[] = [];
  readonly length: number[] = [];
  readonly bytes: Buffer[] = [];
  readonly reasons: string[] = [];
  private used = 0;
  private readonly heads: number[] = [];
  private readonly mids: number[] = [];
  private readonly tails: number[] = [];
  private readonly encoded = new Map<string, Buffer>();

  constructor(private readonly names: ShipmentNames) {}

  head(k: number): number {
    return this.heads[k] ?? (this.heads[k] = this.add(this.buildHead(k)));
  }

  mid(k: number): number {
    return this.mids[k] ?? (this.mids[k] = this.add(this.buildMid(k)));
  }

  tail(code: number): number {
    return this.tails[code] ?? (this.tails[code] = this.add(this.tailRun(this.reasons[code])));
  }

  /** `,stream,from,to,priority,pass,` (the object path names them; the typed path indexes them). */
  headRun(stream: string, from: string, to: string, priority: string, pass: boolean) {
    return run([COMMA, this.name(stream), COMMA, this.name(from), COMMA, this.name(to), COMMA, this.name(priority), COMMA, pass ? 49 : 48, COMMA]);
  }

  /** `,status,station,` */
  midRun(status: string, station: string) {
    return run([COMMA, this.name(status), COMMA, this.name(station), COMMA]);
  }

  /** `,reason` and the row's newline. */
  tailRun(reason: string) {
    return run([COMMA, this.name(reason), NEWLINE]);
  }

  private buildHead(k: number): Buffer {
    const d = this.names.streams[k >> 2];
    return this.headRun(d.id, d.from, d.to, k & 2 ? 'whitelist' : 'normal', (k & 1) !== 0);
  }

  private buildMid(k: number): Buffer {
    const station = Math.floor(k / 3) - 1;
    return this.midRun(STATUSES[k % 3], station >= 0 ? this.names.stations[station] : '');
  }

  private add(b: Buffer): number {
    const n = (b.length + 3) >> 2;
    if (this.used + n > this.words.length) {
      const grown = new Int32Array(Math.max(2 * this.words.length, this.used + n));
      grown.set(this.words);
      this.words = grown;
    }
    const padded = Buffer.alloc(4 * n);
    b.copy(padded);
    for (let i = 0; i < n; i++) this.words[this.used + i] = padded.readInt32LE(4 * i);
    this.start.push(this.used);
    this.length.push(b.length);
    this.bytes.push(b);
    this.used += n;
    return this.bytes.length - 1;
  }

  name(s: string): Buffer {
    let b = this.encoded.get(s);
    if (b === undefined) { b = Buffer.from(csvField(s)); this.encoded.set(s, b); }
    return b;
  }
}

const run = (parts: (Buffer | number)[]) => Buffer.concat(parts.map((x) => (typeof x === 'number' ? Buffer.from([x]) : x)));

/**
 * One row: `id` `head` created `,` delivered `mid` lead `tail`, where an absent delivered or lead time
 * (a shipment not delivered) is NaN and writes nothing. Rows as objects; packed rows go through
 * formatRows, which writes the same bytes in the same order (test/shipments-csv.test.ts compares them).
 */
export function putRow(w: ByteSink, id: number, head: Buffer, created: number, delivered: number, mid: Buffer, lead: number, tail: Buffer): void {
  const need = ROW_NUMBERS + head.length + mid.length + tail.length;
  if (need > w.buf.length) return longRow(w, id, head, created, delivered, mid, lead, tail);
  w.reserve(need);
  const b = w.buf;
  let p = w.pos;
  p = writeId(w, p, id);
  p = put(b, p, head);
  p = writeFixed4(w, p, created);
  b[p++] = COMMA;
  if (delivered === delivered) p = writeFixed4(w, p, delivered);
  p = put(b, p, mid);
  if (lead === lead) p = writeFixed4(w, p, lead);
  w.pos = put(b, p, tail);
}

/**
 * shipments.csv, one row a shipment, times to 1e-4 min (6 ms) with the bytes of `toFixed(4)`, streamed
 * as shipments end: memory stays flat for 1e7 rows. Formatted straight into a reusable byte buffer
 * (ByteWriter, writeFixed4): the names (stream, nodes, station, reason, status) are a few distinct
 * strings, encoded and quoted once each. Hand-formatted rather than through a CSV library: a row is a
 * dozen known fields and this runs once per shipment, where a general stringifier costs several times more.
 * Rows come as ShipmentRow objects (`onShipment`: split runs, tests) or, given the scenario's names,
 * as numbers (`fields`: a one-thread run, no object per row); the byte runs between the numbers are
 * built once per distinct combination (RowRuns), so a row copies ~40 bytes and touches no Map.
 */
export function shipmentsCsv(file: string, names?: ShipmentNames): { writer: ByteWriter; onShipment: (row: ShipmentRow) => void; fields?: ShipmentFields } {
  const runs = new RowRuns(names ?? { streams: [], stations: [] });
  // Rows as numbers are formatted in WebAssembly (row-formatter.ts), into a buffer in its memory.
  const wasm = names ? new WasmRows(runs, CHUNK_ROWS) : undefined;
  const writer = new ByteWriter(file, wasm?.out);
  writer.bytes(SHIPMENTS_CSV_HEADER);
  // ,stream,from,to,priority,pass,   (the object path remembers the last combination of each run)
  let k1s: string | undefined, k1f = '', k1t = '', k1p = '', k1a = false, seg1 = EMPTY;
  // ,status,station,
  let k2u: string | undefined, k2n = '', seg2 = EMPTY;
  // ,reason\n
  let k3r: string | undefined, seg3 = EMPTY;
  const onShipment = (x: ShipmentRow) => {
    if (x.stream !== k1s || x.from !== k1f || x.to !== k1t || x.priority !== k1p || x.pass !== k1a) {
      k1s = x.stream; k1f = x.from; k1t = x.to; k1p = x.priority; k1a = x.pass;
      seg1 = runs.headRun(k1s, k1f, k1t, k1p, k1a);
    }
    if (x.status !== k2u || x.station !== k2n) {
      k2u = x.status; k2n = x.station;
      seg2 = runs.midRun(k2u, k2n);
    }
    if (x.reason !== k3r) { k3r = x.reason; seg3 = runs.tailRun(k3r); }
    putRow(writer, x.id, seg1, x.createdMin, x.deliveredMin ?? NaN, seg2, x.leadTimeMin ?? NaN, seg3);
  };
  if (!wasm) return { writer, onShipment };
  // Rows as numbers are packed like the writer thread's (packRow) and formatted a chunk at a time: one
  // tight loop instead of a call with eight numbers per row from the simulation.
  const reasons = new ReasonCodes(), rows = wasm.rows;
  const slow = (w: ByteSink, row: Float64Array) => formatRows(w, runs, row, 1);
  let n = 0;
  const format = () => {
    for (const r of reasons.fresh) runs.reasons.push(r);
    reasons.fresh = [];
    wasm.write(writer, n, slow);
    n = 0;
  };
  const fields: ShipmentFields = (id, stream, bits, station, status, reason, createdMin, t) => {
    packRow(rows, n * ROW_SLOTS, id, stream, bits, station, STATUS_CODE[status], reasons.code(reason), createdMin, t);
    if (++n === CHUNK_ROWS) format();
  };
  // Whoever commits the writer (record-files, tests) gets the rows still in the chunk written first.
  const commit = writer.commit.bind(writer);
  writer.commit = () => { format(); commit(); };
  return { writer, onShipment, fields };
}

/** Packs one row as numbers (ShipmentFields, with status and reason as codes) at `rows[i]`. */
export function packRow(rows: Float64Array, i: number, id: number, stream: number, bits: number, station: number, status: number, reason: number, createdMin: number, t: number): void {
  rows[i] = id;
  rows[i + 1] = stream * 4 + bits;
  rows[i + 2] = (station + 1) * 3 + status;
  rows[i + 3] = reason;
  rows[i + 4] = createdMin;
  rows[i + 5] = t;
}

/**
 * Formats `n` packed rows into `w`: the same bytes as putRow, in one loop that keeps the numbers in
 * registers (a call per row with a row's doubles as arguments boxes them: garbage per row).
 */
export function formatRows(w: ByteSink, runs: RowRuns, rows: Float64Array, n: number): void {
  const b = w.buf, view = w.view, start = runs.start, length = runs.length;
  for (let i = 0, end = n * ROW_SLOTS; i < end; i += ROW_SLOTS) {
    const k2 = rows[i + 2] | 0, head = runs.head(rows[i + 1] | 0), mid = runs.mid(k2), tail = runs.tail(rows[i + 3] | 0);
    const words = runs.words;
    const id = rows[i], created = rows[i + 4], delivered = k2 % 3 === 0 ? rows[i + 5] : NaN;
    const need = ROW_NUMBERS + length[head] + length[mid] + length[tail];
    if (need > b.length) { longRow(w, id, runs.bytes[head], created, delivered, runs.bytes[mid], delivered - created, runs.bytes[tail]); continue; }
    w.reserve(need);
    let p = w.pos;
    p = writeId(w, p, id);
    p = copyRun(view, p, words, start[head], length[head]);
    p = writeFixed4(w, p, created);
    b[p++] = COMMA;
    if (delivered === delivered) p = writeFixed4(w, p, delivered);
    p = copyRun(view, p, words, start[mid], length[mid]);
    if (delivered === delivered) p = writeFixed4(w, p, delivered - created);
    w.pos = copyRun(view, p, words, start[tail], length[tail]);
  }
}

/** A row's id: digits from writeUint, or String(id) for what it does not take (negative, fractional, past 2^53). */
function writeId(w: ByteSink, p: number, id: number): number {
  return Number.isSafeInteger(id) && id >= 0 ? writeUint(w, p, id) : writeAscii(w.buf, p, String(id));
}

/** Copies a run of `n` bytes from word `from` of `words` to `p`, four at a time (up to 3 bytes past the end: room is the caller's). */
function copyRun(view: DataView, p: number, words: Int32Array, from: number, n: number): number {
  for (let q = p, end = p + n; q < end; q += 4) view.setInt32(q, words[from++], true);
  return p + n;
}

const EMPTY = Buffer.alloc(0);

/** Copies `src` into `b` at `p` (room checked by the caller); returns the position after it. */
function put(b: Buffer, p: number, src: Buffer): number {
  const n = src.length;
  if (n > 64) { b.set(src, p); return p + n; }
  for (let i = 0; i < n; i++) b[p + i] = src[i];
  return p + n;
}

/** A row whose names alone do not fit the buffer: the numbers through the buffer, the long runs written through. */
function longRow(w: ByteSink, id: number, head: Buffer, created: number, delivered: number, mid: Buffer, lead: number, tail: Buffer): void {
  const num = (write: (b: Buffer, p: number) => number) => { w.reserve(ROW_NUMBERS); w.pos = write(w.buf, w.pos); };
  num((_, p) => writeId(w, p, id));
  w.bytes(head);
  num((b, p) => { p = writeFixed4(w, p, created); b[p++] = COMMA; return delivered === delivered ? writeFixed4(w, p, delivered) : p; });
  w.bytes(mid);
  num((_, p) => (lead === lead ? writeFixed4(w, p, lead) : p));
  w.bytes(tail);
}
