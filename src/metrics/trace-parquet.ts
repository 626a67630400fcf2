import type { TraceEvent } from '../model/simulation.js';
import { ParquetTable, type ParquetColumn } from './parquet-table.js';

type Ev = TraceEvent;
const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const KNOWN = new Set(['t', 'truck', 'shipment', 'event', 'from', 'to', 'checkpoint', 'station', 'at', 'pass', 'shipmentOf', 'leadTimeMin']);

/**
 * trace.parquet: one row a trace event, the fields of trace.jsonl as columns (absent: null). Trucks
 * are strings (line-haul trucks are numbers, station trucks names); any field not listed here goes
 * into `extra` as JSON, so nothing in trace.jsonl is lost.
 */
export const TRACE_PARQUET_COLUMNS: ParquetColumn<Ev>[] = [
  { name: 't', type: 'double', statistics: true, value: (e) => e.t },
  { name: 'truck', type: 'string', value: (e) => String(e.truck) },
  { name: 'shipment', type: 'int32', optional: true, value: (e) => num(e.shipment) },
  { name: 'event', type: 'enum', value: (e) => e.event },
  { name: 'from', type: 'string', optional: true, value: (e) => str(e.from) },
  { name: 'to', type: 'string', optional: true, value: (e) => str(e.to) },
  { name: 'checkpoint', type: 'string', optional: true, value: (e) => str(e.checkpoint) },
  { name: 'station', type: 'string', optional: true, value: (e) => str(e.station) },
  { name: 'at', type: 'string', optional: true, value: (e) => str(e.at) },
  { name: 'pass', type: 'boolean', optional: true, value: (e) => (typeof e.pass === 'boolean' ? e.pass : null) },
  { name: 'shipmentOf', type: 'int32', optional: true, value: (e) => num(e.shipmentOf) },
  { name: 'leadTimeMin', type: 'double', optional: true, value: (e) => num(e.leadTimeMin) },
  {
    name: 'extra', type: 'string', optional: true, value: (e) => {
      let extra: Record<string, unknown> | null = null;
      for (const k in e) if (!KNOWN.has(k)) (extra ??= {})[k] = e[k];
      return extra && JSON.stringify(extra);
    },
  },
];

export function traceParquet(file: string): ParquetTable<Ev> {
  return new ParquetTable(file, TRACE_PARQUET_COLUMNS);
}
