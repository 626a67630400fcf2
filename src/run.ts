import { statSync } from 'node:fs';
import { join } from 'node:path';
import { recordNames } from './metrics/output-format.js';
import type { Scenario } from './scenario/types.js';
import { Simulation } from './model/simulation.js';
import type { Summary } from './metrics/summary.js';
import { writeFileAtomic } from './metrics/line-writer.js';
import { parquetWriters, recordFiles, type OutputFormat, type ParquetWriters } from './metrics/record-files.js';
import type { ShipmentNames } from './metrics/shipments-csv.js';
import { networkJson } from './metrics/network-json.js';
import { runId } from './metrics/run-id.js';
import { beginRunSet } from './output/run-set.js';
import { withSiteSnaps } from './metrics/site-snaps.js';
import type { RunResult } from './model/simulation.js';
import type { PartitionReport } from './partition/run-partitioned.js';

export interface RunToDirOptions {
  seed?: number;
  outDir: string;
  trace?: boolean;
  /** Per-shipment (and trace) files: csv (default), parquet or both (src/metrics/record-files.ts). */
  format?: OutputFormat;
  progress?: (nowMin: number, endMin: number) => void;
  /** Called with the staging folder once the run's files are in it, before they are published (writes report.html). */
  beforeCommit?: (stageDir: string) => Promise<void>;
  /** Regions on worker threads (src/partition/); default 1: this thread. Same output files at any count. runToDirAsync only. */
  threads?: number;
  /**
   * shipments.csv formatted and written on a worker thread, overlapping the run (metrics/shipments-csv-thread.ts);
   * one-thread runs with format csv only, the same bytes. Off by default: it pays when a core is idle and costs
   * more CPU than it saves on a busy machine (bench/results/2026-12-02-amd-epyc-process-csv.md).
   */
  csvThread?: boolean;
  /** Told how a run with threads > 1 was split and synchronised. */
  onPartition?: (report: PartitionReport) => void;
}

/** summary.json as written: the run id first, then the sizes of the streamed files that belong to it. */
export type RunSummary = Summary & { runId: string; outputBytes: Record<string, number> };

/**
 * Runs a validated scenario and writes summary.json, shipments.csv (and/or shipments.parquet), series.json,
 * network.json and, with `trace`, trace.jsonl (and/or trace.parquet) into outDir, as one set: into a staging folder first, then published
 * together under outDir's lock (src/output/run-set.ts), removing the earlier run's other outputs.
 * A failed or killed run leaves outDir's earlier set as it was.
 */
export function runToDir(scenario: Scenario, options: RunToDirOptions): RunSummary {
  // The Parquet writers load asynchronously (record-files.ts parquetWriters): only runToDirAsync writes Parquet.
  if ((options.format ?? 'csv') !== 'csv') throw new Error(`runToDir: format ${options.format}: use runToDirAsync to write Parquet`);
  const set = beginRunSet(options.outDir);
  try {
    const summary = writeRun(scenario, options, set.stageDir);
    set.commit();
    return summary;
  } catch (err) {
    set.abort();
    throw err;
  }
}

/** runToDir with `beforeCommit` (the report is written asynchronously into the staging folder). */
export async function runToDirAsync(scenario: Scenario, options: RunToDirOptions): Promise<RunSummary> {
  const parquet = await parquetWriters(options.format);
  const set = beginRunSet(options.outDir);
  try {
    const summary = (options.threads ?? 1) > 1 ? await writeSplitRun(scenario, options, set.stageDir, parquet) : writeRun(scenario, options, set.stageDir, parquet);
    await options.beforeCommit?.(set.stageDir);
    set.commit();
    return summary;
  } catch (err) {
    set.abort();
    throw err;
  }
}

function writeRun(scenario: Scenario, options: RunToDirOptions, dir: string, parquet?: ParquetWriters): RunSummary {
  const records = recordFiles(dir, { format: options.format, trace: options.trace, names: shipmentNames(scenario), csvThread: options.csvThread, parquet });
  try {
    const sim = new Simulation(scenario, {
      seed: options.seed,
      progress: options.progress,
      clock: () => performance.now(),
      ...(records.shipmentFields ? { shipmentFields: records.shipmentFields } : { onShipment: records.onShipment }),
      trace: records.trace,
    });
    return writeOutputs(scenario, options, dir, sim.run(), records);
  } catch (err) {
    records.abort();
    throw err;
  }
}

/** What shipments.csv rows as numbers refer to (metrics/shipments-csv.ts). */
function shipmentNames(s: Scenario): ShipmentNames {
  return { streams: s.demand, stations: s.stations.map((st) => st.id) };
}

/** The same files from a run split into regions on worker threads (src/partition/). */
async function writeSplitRun(scenario: Scenario, options: RunToDirOptions, dir: string, parquet?: ParquetWriters): Promise<RunSummary> {
  const { runPartitioned } = await import('./partition/run-partitioned.js');
  const records = recordFiles(dir, { format: options.format, trace: options.trace, names: shipmentNames(scenario), parquet });
  try {
    const result = await runPartitioned(scenario, {
      threads: options.threads!, seed: options.seed, progress: options.progress, clock: () => performance.now(),
      // The regions hand their rows over as numbers; the csv writer takes them so, as in one thread.
      ...(records.shipmentFields ? { shipmentFields: records.shipmentFields } : { onShipment: records.onShipment }),
      trace: records.trace,
    });
    options.onPartition?.(result.partition);
    return writeOutputs(scenario, options, dir, result, records);
  } catch (err) {
    records.abort();
    throw err;
  }
}

function writeOutputs(scenario: Scenario, options: RunToDirOptions, dir: string, result: RunResult, records: ReturnType<typeof recordFiles>): RunSummary {
  const id = runId(scenario, options.seed ?? scenario.seed);
  {
    const { summary: bare, series, usage, network } = result;
    const summary = withSiteSnaps(bare, scenario);
    // The run id leads each JSON file, so a reader can check a set from the files' first bytes.
    writeFileAtomic(join(dir, 'series.json'), JSON.stringify({ runId: id, ...series }));
    writeFileAtomic(join(dir, 'network.json'), JSON.stringify({ runId: id, ...networkJson(scenario, network, usage) }));
    records.commit();
    const outputBytes: Record<string, number> = {};
    for (const name of recordNames(options.format ?? 'csv', options.trace === true)) outputBytes[name] = statSync(join(dir, name)).size;
    const stamped: RunSummary = { runId: id, ...summary, outputBytes };
    writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(stamped, null, 2) + '\n');
    return stamped;
  }
}
