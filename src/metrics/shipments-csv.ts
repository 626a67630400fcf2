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
 */
export function shipmentsCsv(file: string): { writer: ByteWriter; onShipment: (row: ShipmentRow) => void } {
  const writer = new ByteWriter(file);
  writer.bytes(Buffer.from(SHIPMENT_COLUMNS.join(',') + '\n'));
  const names = new Map<string, Buffer>();
  const name = (s: string) => {
    let b = names.get(s);
    if (b === undefined) { b = Buffer.from(csvField(s)); names.set(s, b); }
    writer.bytes(b);
  };
  const comma = () => { writer.reserve(1); writer.buf[writer.pos++] = COMMA; };
  return {
    writer,
    onShipment: (x) => {
      writer.reserve(ROW_NUMBERS);
      writer.pos = Number.isSafeInteger(x.id) && x.id >= 0 ? writeUint(writer.buf, writer.pos, x.id) : writeAscii(writer.buf, writer.pos, String(x.id));
      writer.buf[writer.pos++] = COMMA;
      name(x.stream); comma();
      name(x.from); comma();
      name(x.to); comma();
      name(x.priority);
      writer.reserve(ROW_NUMBERS);
      const b = writer.buf;
      let p = writer.pos;
      b[p++] = COMMA;
      b[p++] = x.pass ? 49 : 48;
      b[p++] = COMMA;
      p = writeFixed4(b, p, x.createdMin);
      b[p++] = COMMA;
      if (x.deliveredMin !== null) p = writeFixed4(b, p, x.deliveredMin);
      b[p++] = COMMA;
      writer.pos = p;
      name(x.status); comma();
      name(x.station);
      writer.reserve(ROW_NUMBERS);
      p = writer.pos;
      b[p++] = COMMA;
      if (x.leadTimeMin !== null) p = writeFixed4(writer.buf, p, x.leadTimeMin);
      b[p++] = COMMA;
      writer.pos = p;
      name(x.reason);
      writer.reserve(1);
      writer.buf[writer.pos++] = NEWLINE;
    },
  };
}
