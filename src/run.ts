import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './scenario/types.js';
import { Simulation, type TraceEvent } from './model/simulation.js';
import type { Summary } from './metrics/summary.js';
import { LineWriter, writeFileAtomic } from './metrics/line-writer.js';
import { shipmentsCsv } from './metrics/shipments-csv.js';
import { networkJson } from './metrics/network-json.js';
import { withSiteSnaps } from './metrics/site-snaps.js';

export interface RunToDirOptions {
  seed?: number;
  outDir: string;
  trace?: boolean;
  progress?: (nowMin: number, endMin: number) => void;
}

/**
 * Runs a validated scenario and writes summary.json, shipments.csv, series.json, network.json and,
 * with `trace`, trace.jsonl into outDir. Every file is written under a temporary name and renamed when
 * complete: an interrupted or failed run leaves no half-written file behind.
 */
export function runToDir(scenario: Scenario, options: RunToDirOptions): Summary {
  mkdirSync(options.outDir, { recursive: true });
  const csv = shipmentsCsv(join(options.outDir, 'shipments.csv'));
  const trace = options.trace ? new LineWriter(join(options.outDir, 'trace.jsonl')) : null;
  try {
    const sim = new Simulation(scenario, {
      seed: options.seed,
      progress: options.progress,
      onShipment: csv.onShipment,
      trace: trace ? (e: TraceEvent) => trace.write(JSON.stringify(e) + '\n') : undefined,
    });
    const { summary: bare, series, usage, network } = sim.run();
    const summary = withSiteSnaps(bare, scenario);
    writeFileAtomic(join(options.outDir, 'series.json'), JSON.stringify(series));
    writeFileAtomic(join(options.outDir, 'network.json'), JSON.stringify(networkJson(scenario, network, usage)));
    csv.writer.commit();
    trace?.commit();
    writeFileAtomic(join(options.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    return summary;
  } catch (err) {
    csv.writer.abort();
    trace?.abort();
    throw err;
  }
}
