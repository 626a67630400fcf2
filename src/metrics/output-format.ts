// `--format`, in a module of its own (no writers imported) so the CLI can check it without loading them.

/** csv writes shipments.csv (and trace.jsonl), parquet shipments.parquet (and trace.parquet), both all four. */
export const OUTPUT_FORMATS = ['csv', 'parquet', 'both'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** The per-shipment and per-event files a run writes, in the order they are listed. */
export function recordNames(format: OutputFormat, trace: boolean): string[] {
  const text = format !== 'parquet', columnar = format !== 'csv';
  return [
    ...(text ? ['shipments.csv'] : []), ...(columnar ? ['shipments.parquet'] : []),
    ...(trace && text ? ['trace.jsonl'] : []), ...(trace && columnar ? ['trace.parquet'] : []),
  ];
}
