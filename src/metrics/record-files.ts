import { join } from 'node:path';
import type { ShipmentRow, TraceEvent } from '../model/simulation.js';
import { LineWriter } from './line-writer.js';
import { shipmentsCsv } from './shipments-csv.js';
import { shipmentsParquet } from './shipments-parquet.js';
import { traceParquet } from './trace-parquet.js';

import { OUTPUT_FORMATS, type OutputFormat } from './output-format.js';

export { OUTPUT_FORMATS, type OutputFormat };

interface Sink { commit(): void; abort(): void }

export interface RecordFiles {
  /** File names written, in order: for the "wrote ..." line. */
  names: string[];
  onShipment: (row: ShipmentRow) => void;
  trace?: (event: TraceEvent) => void;
  commit(): void;
  abort(): void;
}

/** The per-shipment and per-event files of a run, streamed while it runs, in the chosen formats. */
export function recordFiles(outDir: string, options: { format?: OutputFormat; trace?: boolean }): RecordFiles {
  const format = options.format ?? 'csv';
  const text = format !== 'parquet', columnar = format !== 'csv';
  const sinks: Sink[] = [], names: string[] = [];
  const open = <T extends Sink>(name: string, make: (file: string) => T): T => {
    const s = make(join(outDir, name));
    sinks.push(s);
    names.push(name);
    return s;
  };
  try {
    const csv = text ? open('shipments.csv', (f) => {
      const c = shipmentsCsv(f);
      return { onShipment: c.onShipment, commit: () => c.writer.commit(), abort: () => c.writer.abort() };
    }) : null;
    const pq = columnar ? open('shipments.parquet', shipmentsParquet) : null;
    const jsonl = options.trace && text ? open('trace.jsonl', (f) => new LineWriter(f)) : null;
    const tpq = options.trace && columnar ? open('trace.parquet', traceParquet) : null;
    const onShipment = csv && pq ? (x: ShipmentRow) => { csv.onShipment(x); pq.add(x); } : csv ? csv.onShipment : (x: ShipmentRow) => pq!.add(x);
    const trace = !options.trace ? undefined
      : jsonl && tpq ? (e: TraceEvent) => { jsonl.write(JSON.stringify(e) + '\n'); tpq.add(e); }
        : jsonl ? (e: TraceEvent) => jsonl.write(JSON.stringify(e) + '\n') : (e: TraceEvent) => tpq!.add(e);
    return {
      names, onShipment, trace,
      commit: () => { for (const s of sinks) s.commit(); },
      abort: () => { for (const s of sinks) s.abort(); },
    };
  } catch (err) {
    for (const s of sinks) s.abort();
    throw err;
  }
}
