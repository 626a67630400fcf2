import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { collect, parseSeed } from './options.js';
import { OUTPUT_FORMATS, recordNames, type OutputFormat } from '../metrics/output-format.js';

export const DEFAULT_SCENARIO = 'scenarios/yrd-2022.json';

export interface RunHooks {
  /** Called after a successful run when --report is given (the report module registers it). */
  report?: (dir: string) => Promise<string>;
}

function parseFormat(text: string): OutputFormat {
  if (!(OUTPUT_FORMATS as readonly string[]).includes(text)) throw new InvalidArgumentError(`expected one of ${OUTPUT_FORMATS.join(', ')}, got ${JSON.stringify(text)}`);
  return text as OutputFormat;
}

export function registerRun(program: Command, hooks: RunHooks = {}): void {
  program
    .command('run')
    .description('run one scenario and write summary.json, shipments.csv, series.json, network.json (and trace.jsonl)')
    .argument('[scenario]', 'scenario file (.json or .yaml)', DEFAULT_SCENARIO)
    .option('--seed <n>', 'random seed (default: the scenario\'s seed)', parseSeed)
    .option('--set <path=value>', 'override a scenario value before validation (repeatable)', collect, [])
    .option('--out <dir>', 'output directory', 'out')
    .option('--trace', 'also write trace.jsonl (one line per truck event)')
    .option('--format <fmt>', 'per-shipment files: csv (shipments.csv, trace.jsonl), parquet (shipments.parquet, trace.parquet) or both', parseFormat, 'csv')
    .option('--report', 'also write report.html (see `relaysim report`)')
    .option('--quiet', 'print nothing but errors')
    .option('--snap-max-km <km>', 'sites given by {lon, lat} snap to a node at most this far (default 2; same as --set network.snapMaxKm=KM)')
    .addHelpText('after', `
Examples:
  $ relaysim run                                     # the Yangtze River Delta scenario, into out/
  $ relaysim run scenarios/yrd-2022-april.json --seed 7 --out out/april
  $ relaysim run scenarios/reference/mmc.json --set horizonMin=200000 --set checkpoints.gate.lanes=5
  $ relaysim run my.yaml --trace --report`)
    .action(async (file: string, opts: { seed?: number; set: string[]; out: string; trace?: boolean; format: OutputFormat; report?: boolean; quiet?: boolean; snapMaxKm?: string }) => {
      // Loaded here, not at the top: `relaysim --version` and `--help` should not pay for zod, the model and the writers.
      const [{ loadScenario }, { runToDir }, { runProgress }, { summaryTable }] = await Promise.all([
        import('../scenario/load.js'), import('../run.js'), import('./run-progress.js'), import('./summary-table.js')]);
      const scenario = loadScenario(file, opts.snapMaxKm === undefined ? opts.set : [...opts.set, `network.snapMaxKm=${opts.snapMaxKm}`]);
      const bar = runProgress(!opts.quiet);
      const summary = runToDir(scenario, { seed: opts.seed, outDir: opts.out, trace: opts.trace, format: opts.format, progress: bar?.update });
      bar?.stop();
      let extra = '';
      if (opts.report) {
        if (!hooks.report) throw new Error('--report: the report module is not available');
        extra = `, ${await hooks.report(opts.out)}`;
      }
      if (!opts.quiet) console.log(`${summaryTable(summary)}\n\nwrote ${resolve(opts.out)}/ (${['summary.json', ...recordNames(opts.format, opts.trace === true), 'series.json', 'network.json'].join(', ')}${extra})`);
    });
}
