import { join } from 'node:path';
import type { Scenario } from './scenario/types.js';
import { Simulation, type TraceEvent } from './model/simulation.js';
import type { Summary } from './metrics/summary.js';
import { LineWriter, writeFileAtomic } from './metrics/line-writer.js';
import { shipmentsCsv } from './metrics/shipments-csv.js';
import { networkJson } from './metrics/network-json.js';
import { runId } from './metrics/run-id.js';
import { beginRunSet } from './output/run-set.js';
import { withSiteSnaps } from './metrics/site-snaps.js';

export interface RunToDirOptions {
  seed?: number;
  outDir: string;
  trace?: boolean;
  progress?: (nowMin: number, endMin: number) => void;
  /** Called with the staging folder once the run's files are in it, before they are published (writes report.html). */
  beforeCommit?: (stageDir: string) => Promise<void>;
}

/** summary.json as written: the run id first, then the sizes of the streamed files that belong to it. */
export type RunSummary = Summary & { runId: string; outputBytes: Record<string, number> };

/**
 * Runs a validated scenario and writes summary.json, shipments.csv, series.json, network.json and,
 * with `trace`, trace.jsonl into outDir, as one set: into a staging folder first, then published
 * together under outDir's lock (src/output/run-set.ts), removing the earlier run's other outputs.
 * A failed or killed run leaves outDir's earlier set as it was.
 */
export function runToDir(scenario: Scenario, options: RunToDirOptions): RunSummary {
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
  const set = beginRunSet(options.outDir);
  try {
    const summary = writeRun(scenario, options, set.stageDir);
    await options.beforeCommit?.(set.stageDir);
    set.commit();
    return summary;
  } catch (err) {
    set.abort();
    throw err;
  }
}

function writeRun(scenario: Scenario, options: RunToDirOptions, dir: string): RunSummary {
  const id = runId(scenario, options.seed ?? scenario.seed);
  const csv = shipmentsCsv(join(dir, 'shipments.csv'));
  const trace = options.trace ? new LineWriter(join(dir, 'trace.jsonl')) : null;
  try {
    const sim = new Simulation(scenario, {
      seed: options.seed,
      progress: options.progress,
      clock: () => performance.now(),
      onShipment: csv.onShipment,
      trace: trace ? (e: TraceEvent) => trace.write(JSON.stringify(e) + '\n') : undefined,
    });
    const { summary: bare, series, usage, network } = sim.run();
    const summary = withSiteSnaps(bare, scenario);
    // The run id leads each JSON file, so a reader can check a set from the files' first bytes.
    writeFileAtomic(join(dir, 'series.json'), JSON.stringify({ runId: id, ...series }));
    writeFileAtomic(join(dir, 'network.json'), JSON.stringify({ runId: id, ...networkJson(scenario, network, usage) }));
    csv.writer.commit();
    trace?.commit();
    const outputBytes: Record<string, number> = { 'shipments.csv': csv.writer.bytes };
    if (trace) outputBytes['trace.jsonl'] = trace.bytes;
    const stamped: RunSummary = { runId: id, ...summary, outputBytes };
    writeFileAtomic(join(dir, 'summary.json'), JSON.stringify(stamped, null, 2) + '\n');
    return stamped;
  } catch (err) {
    csv.writer.abort();
    trace?.abort();
    throw err;
  }
}
