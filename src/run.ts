import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Scenario } from './scenario/types.js';
import { Simulation } from './model/simulation.js';
import type { Summary } from './metrics/summary.js';
import { writeFileAtomic } from './metrics/line-writer.js';
import { recordFiles, type OutputFormat } from './metrics/record-files.js';
import { networkJson } from './metrics/network-json.js';
import { withSiteSnaps } from './metrics/site-snaps.js';

export interface RunToDirOptions {
  seed?: number;
  outDir: string;
  trace?: boolean;
  /** Per-shipment (and trace) files: csv (default), parquet or both (src/metrics/record-files.ts). */
  format?: OutputFormat;
  progress?: (nowMin: number, endMin: number) => void;
}

/**
 * Runs a validated scenario and writes summary.json, shipments.csv (and/or shipments.parquet), series.json,
 * network.json and, with `trace`, trace.jsonl (and/or trace.parquet) into outDir. Every file is written under a temporary name and renamed when
 * complete: an interrupted or failed run leaves no half-written file behind.
 */
export function runToDir(scenario: Scenario, options: RunToDirOptions): Summary {
  mkdirSync(options.outDir, { recursive: true });
  const records = recordFiles(options.outDir, { format: options.format, trace: options.trace });
  try {
    const sim = new Simulation(scenario, {
      seed: options.seed,
      progress: options.progress,
      clock: () => performance.now(),
      onShipment: records.onShipment,
      trace: records.trace,
    });
    const { summary: bare, series, usage, network } = sim.run();
    const summary = withSiteSnaps(bare, scenario);
    writeFileAtomic(join(options.outDir, 'series.json'), JSON.stringify(series));
    writeFileAtomic(join(options.outDir, 'network.json'), JSON.stringify(networkJson(scenario, network, usage)));
    records.commit();
    writeFileAtomic(join(options.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    return summary;
  } catch (err) {
    records.abort();
    throw err;
  }
}
