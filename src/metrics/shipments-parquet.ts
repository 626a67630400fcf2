import type { ShipmentRow } from '../model/simulation.js';
import { ParquetTable, type ParquetColumn } from './parquet-table.js';

/**
 * shipments.parquet: the columns of shipments.csv, typed. Times are the engine's float64 (the CSV
 * rounds them to 1e-4 min), ids dictionary strings, priority, status and reason enums.
 */
export const SHIPMENT_PARQUET_COLUMNS: ParquetColumn<ShipmentRow>[] = [
  { name: 'id', type: 'int32', value: (x) => x.id },
  { name: 'stream', type: 'string', value: (x) => x.stream },
  { name: 'from', type: 'string', value: (x) => x.from },
  { name: 'to', type: 'string', value: (x) => x.to },
  { name: 'priority', type: 'enum', value: (x) => x.priority },
  { name: 'pass', type: 'boolean', value: (x) => x.pass },
  { name: 'createdMin', type: 'double', statistics: true, value: (x) => x.createdMin },
  { name: 'deliveredMin', type: 'double', optional: true, statistics: true, value: (x) => x.deliveredMin },
  { name: 'status', type: 'enum', value: (x) => x.status },
  { name: 'station', type: 'string', value: (x) => x.station },
  { name: 'leadTimeMin', type: 'double', optional: true, value: (x) => x.leadTimeMin },
  { name: 'reason', type: 'enum', value: (x) => x.reason },
];

export function shipmentsParquet(file: string): ParquetTable<ShipmentRow> {
  return new ParquetTable(file, SHIPMENT_PARQUET_COLUMNS);
}
