import type { ShipmentRow } from '../model/simulation.js';
import { ByteWriter } from './byte-writer.js';
import { csvField } from './csv-field.js';
import { writeAscii, writeFixed4, writeUint } from './fixed-point.js';

export const SHIPMENT_COLUMNS = ['id', 'stream', 'from', 'to', 'priority', 'pass', 'createdMin', 'deliveredMin', 'status', 'station', 'leadTimeMin', 'reason'] as const;

const COMMA = 44, NEWLINE = 10;
/** Room for one row's numbers and separators: an id, three toFixed(4) values (<= 27 bytes each), 12 separators. */
const ROW_NUMBERS = 128;

/**
 * shipments.csv, one row a shipment, times to 1e-4 min (6 ms) with the bytes of `toFixed(4)`, streamed
 * as shipments end: memory stays flat for 1e7 rows. Formatted straight into a reusable byte buffer
 * (ByteWriter, writeFixed4): the names (stream, nodes, station, reason, status) are a few distinct
 * strings, encoded and quoted once each. Hand-formatted rather than through a CSV library: a row is a
 * dozen known fields and this runs once per shipment, where a general stringifier costs several times more.
 * Per row: one room check and three byte runs between the numbers, each the bytes of its name fields
 * with their commas (`,stream,from,to,priority,pass,` ...), built once per distinct combination and
 * remembered for the last one: rows of a run repeat them, so a row copies ~40 bytes and touches no Map.
 */
export function shipmentsCsv(file: string): { writer: ByteWriter; onShipment: (row: ShipmentRow) => void } {
  const writer = new ByteWriter(file);
  writer.bytes(Buffer.from(SHIPMENT_COLUMNS.join(',') + '\n'));
  const names = new Map<string, Buffer>();
  const encoded = (s: string) => {
    let b = names.get(s);
    if (b === undefined) { b = Buffer.from(csvField(s)); names.set(s, b); }
    return b;
  };
  const run = (parts: (Buffer | number)[]) => Buffer.concat(parts.map((x) => (typeof x === 'number' ? Buffer.from([x]) : x)));
  // ,stream,from,to,priority,pass,
  let k1s: string | undefined, k1f = '', k1t = '', k1p = '', k1a = false, seg1 = EMPTY;
  // ,status,station,
  let k2u: string | undefined, k2n = '', seg2 = EMPTY;
  // ,reason\n
  let k3r: string | undefined, seg3 = EMPTY;
  const b = writer.buf;
  return {
    writer,
    onShipment: (x) => {
      if (x.stream !== k1s || x.from !== k1f || x.to !== k1t || x.priority !== k1p || x.pass !== k1a) {
        k1s = x.stream; k1f = x.from; k1t = x.to; k1p = x.priority; k1a = x.pass;
        seg1 = run([COMMA, encoded(k1s), COMMA, encoded(k1f), COMMA, encoded(k1t), COMMA, encoded(k1p), COMMA, k1a ? 49 : 48, COMMA]);
      }
      if (x.status !== k2u || x.station !== k2n) {
        k2u = x.status; k2n = x.station;
        seg2 = run([COMMA, encoded(k2u), COMMA, encoded(k2n), COMMA]);
      }
      if (x.reason !== k3r) { k3r = x.reason; seg3 = run([COMMA, encoded(k3r), NEWLINE]); }
      const need = ROW_NUMBERS + seg1.length + seg2.length + seg3.length;
      if (need > b.length) return longRow(writer, x, [seg1, seg2, seg3]);
      writer.reserve(need);
      let p = writer.pos;
      p = Number.isSafeInteger(x.id) && x.id >= 0 ? writeUint(b, p, x.id) : writeAscii(b, p, String(x.id));
      p = put(b, p, seg1);
      p = writeFixed4(b, p, x.createdMin);
      b[p++] = COMMA;
      if (x.deliveredMin !== null) p = writeFixed4(b, p, x.deliveredMin);
      p = put(b, p, seg2);
      if (x.leadTimeMin !== null) p = writeFixed4(b, p, x.leadTimeMin);
      writer.pos = put(b, p, seg3);
    },
  };
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
function longRow(writer: ByteWriter, x: ShipmentRow, [seg1, seg2, seg3]: Buffer[]): void {
  const num = (write: (b: Buffer, p: number) => number) => { writer.reserve(ROW_NUMBERS); writer.pos = write(writer.buf, writer.pos); };
  num((b, p) => (Number.isSafeInteger(x.id) && x.id >= 0 ? writeUint(b, p, x.id) : writeAscii(b, p, String(x.id))));
  writer.bytes(seg1);
  num((b, p) => { p = writeFixed4(b, p, x.createdMin); b[p++] = COMMA; return x.deliveredMin !== null ? writeFixed4(b, p, x.deliveredMin) : p; });
  writer.bytes(seg2);
  num((b, p) => (x.leadTimeMin !== null ? writeFixed4(b, p, x.leadTimeMin) : p));
  writer.bytes(seg3);
}
