import { join } from 'node:path';
import type { ShipmentFields, ShipmentRow, TraceEvent } from '../model/simulation.js';
import { LineWriter } from './line-writer.js';
import { shipmentsCsv, type ShipmentNames } from './shipments-csv.js';
import { shipmentsCsvThread } from './shipments-csv-thread.js';
import type { shipmentsParquet } from './shipments-parquet.js';
import type { traceParquet } from './trace-parquet.js';

import { OUTPUT_FORMATS, type OutputFormat } from './output-format.js';

export { OUTPUT_FORMATS, type OutputFormat };

/**
 * The Parquet writers, loaded only by a run that writes Parquet: hyparquet-writer and hyparquet take
 * ~55 ms to load, which every csv run paid (~3 % of a 1e6-shipment `relaysim run`).
 */
export interface ParquetWriters { shipments: typeof shipmentsParquet; trace: typeof traceParquet }

/** The Parquet writers `format` needs (none for csv). */
export async function parquetWriters(format: OutputFormat = 'csv'): Promise<ParquetWriters | undefined> {
  if (format === 'csv') return undefined;
  const [{ shipmentsParquet }, { traceParquet }] = await Promise.all([import('./shipments-parquet.js'), import('./trace-parquet.js')]);
  return { shipments: shipmentsParquet, trace: traceParquet };
}

interface Sink { commit(): void; abort(): void }

export interface RecordFiles {
  /** File names written, in order: for the "wrote ..." line. */
  names: string[];
  onShipment: (row: ShipmentRow) => void;
  /** The same sink taking rows as numbers, when the files need nothing else (csv only, names given): a one-thread run uses it instead of onShipment. */
  shipmentFields?: ShipmentFields;
  trace?: (event: TraceEvent) => void;
  commit(): void;
  abort(): void;
}

export interface RecordFilesOptions {
  format?: OutputFormat;
  trace?: boolean;
  /** The scenario's names, for rows as numbers (shipmentFields). */
  names?: ShipmentNames;
  /** Format and write shipments.csv on a worker thread (shipments-csv-thread.ts); needs names and format csv, and the rows as numbers only. */
  csvThread?: boolean;
  /** The Parquet writers (parquetWriters(format)): needed for format parquet or both. */
  parquet?: ParquetWriters;
}

/** The per-shipment and per-event files of a run, streamed while it runs, in the chosen formats. */
export function recordFiles(outDir: string, options: RecordFilesOptions): RecordFiles {
  const format = options.format ?? 'csv';
  const text = format !== 'parquet', columnar = format !== 'csv', parquet = options.parquet;
  if (columnar && !parquet) throw new Error(`record files: format ${format} needs the Parquet writers (parquetWriters(format))`);
  const sinks: Sink[] = [], names: string[] = [];
  const open = <T extends Sink>(name: string, make: (file: string) => T): T => {
    const s = make(join(outDir, name));
    sinks.push(s);
    names.push(name);
    return s;
  };
  try {
    const threaded = options.csvThread === true && options.names !== undefined && format === 'csv';
    const csv = threaded ? open('shipments.csv', (f) => {
      const c = shipmentsCsvThread(f, options.names!);
      return { onShipment: rowsAsNumbersOnly, fields: c.fields, commit: () => c.commit(), abort: () => c.abort() };
    }) : text ? open('shipments.csv', (f) => {
      const c = shipmentsCsv(f, options.names);
      return { onShipment: c.onShipment, fields: c.fields, commit: () => c.writer.commit(), abort: () => c.writer.abort() };
    }) : null;
    const pq = parquet ? open('shipments.parquet', parquet.shipments) : null;
    const jsonl = options.trace && text ? open('trace.jsonl', (f) => new LineWriter(f)) : null;
    const tpq = options.trace && parquet ? open('trace.parquet', parquet.trace) : null;
    const onShipment = csv && pq ? (x: ShipmentRow) => { csv.onShipment(x); pq.add(x); } : csv ? csv.onShipment : (x: ShipmentRow) => pq!.add(x);
    const trace = !options.trace ? undefined
      : jsonl && tpq ? (e: TraceEvent) => { jsonl.write(JSON.stringify(e) + '\n'); tpq.add(e); }
        : jsonl ? (e: TraceEvent) => jsonl.write(JSON.stringify(e) + '\n') : (e: TraceEvent) => tpq!.add(e);
    return {
      names, onShipment, trace, shipmentFields: pq ? undefined : csv?.fields,
      commit: () => { for (const s of sinks) s.commit(); },
      abort: () => { for (const s of sinks) s.abort(); },
    };
  } catch (err) {
    for (const s of sinks) s.abort();
    throw err;
  }
}

function rowsAsNumbersOnly(): never {
  throw new Error('shipments.csv on a writer thread takes rows as numbers (shipmentFields), not ShipmentRow objects');
}
