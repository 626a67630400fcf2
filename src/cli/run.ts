import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { DEFAULT_MAX_SHIPMENTS, parseMaxShipments } from '../scenario/shipment-cap.js';
import { collect, parseSeed } from './options.js';
import { OUTPUT_FORMATS, recordNames, type OutputFormat } from '../metrics/output-format.js';
import { InputError } from '../scenario/errors.js';
import { MIN_LOOKAHEAD_MIN } from '../partition/plan.js';

export const DEFAULT_SCENARIO = 'scenarios/yrd-2022.json';

export interface RunHooks {
  /** Called after a successful run when --report is given (the report module registers it). */
  report?: (dir: string) => Promise<string>;
}

interface RunCliOptions {
  seed?: number; set: string[]; out: string; trace?: boolean; format: OutputFormat; report?: boolean; quiet?: boolean;
  maxShipments?: number; allowOutsidePaths?: boolean; snapMaxKm?: string; threads: number; csvThread?: boolean;
}

/** Most regions a run may be split into: beyond this the windows' messages cost more than the threads give. */
export const MAX_THREADS = 64;

/** `--threads`: a whole number from 1 to MAX_THREADS, or `auto` (the machine's cores). */
export function parseThreads(text: string): number {
  if (text === 'auto') return Math.min(MAX_THREADS, availableParallelism());
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || !Number.isInteger(n) || n < 1 || n > MAX_THREADS) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_THREADS}, or auto; got ${JSON.stringify(text)}`);
  return n;
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
    .option('--max-shipments <n>', `refuse a scenario expected to create more shipments than this (default ${DEFAULT_MAX_SHIPMENTS})`, parseMaxShipments)
    .option('--allow-outside-paths', 'let the scenario name files outside its own folder')
    .option('--quiet', 'print nothing but errors')
    .option('--threads <n>', 'split the run into n regions on worker threads (auto: one per core); the same output files at any n', parseThreads, 1)
    .option('--csv-thread', 'format and write shipments.csv on a second thread (the same bytes; one-thread csv runs): faster when a core is idle, slower on a busy machine')
    .option('--snap-max-km <km>', 'sites given by {lon, lat} snap to a node at most this far (default 2; same as --set network.snapMaxKm=KM)')
    .addHelpText('after', `
Examples:
  $ relaysim run                                     # the Yangtze River Delta scenario, into out/
  $ relaysim run scenarios/yrd-2022-april.json --seed 7 --out out/april
  $ relaysim run scenarios/reference/mmc.json --set horizonMin=200000 --set checkpoints.gate.lanes=5
  $ relaysim run my.yaml --trace --report
  $ relaysim run big.json --threads 2                # one run on two cores, same files as --threads 1`)
    .action(async (file: string, opts: RunCliOptions, cmd: Command) => {
      // The writer thread writes the csv of a one-thread run: with other options it would do nothing, so say so.
      if (opts.csvThread && (opts.threads !== 1 || opts.format !== 'csv')) {
        cmd.error(`error: --csv-thread writes shipments.csv of a one-thread run: not with ${opts.threads !== 1 ? `--threads ${opts.threads}` : `--format ${opts.format}`}`, { exitCode: 2 });
      }
      // Loaded here, not at the top: `relaysim --version` and `--help` should not pay for zod, the model and the writers.
      const [{ loadScenario }, { runToDirAsync }, { summaryTable }, { checkShipmentCap }] = await Promise.all([
        import('../scenario/load.js'), import('../run.js'), import('./summary-table.js'), import('../scenario/shipment-cap.js')]);
      const sets = opts.snapMaxKm === undefined ? opts.set : [...opts.set, `network.snapMaxKm=${opts.snapMaxKm}`];
      const scenario = loadScenario(file, sets, { allowOutsidePaths: opts.allowOutsidePaths });
      checkShipmentCap(scenario, file, opts.maxShipments);
      const nodes = scenario.network.nodes.length;
      if (opts.threads > nodes) throw new InputError(file, 'network.nodes', `--threads ${opts.threads}: a network of ${nodes} node(s) cannot be cut into ${opts.threads} regions`);
      if (opts.report && !hooks.report) throw new Error('--report: the report module is not available');
      // The bar's library (~20 ms to load) only when a bar is drawn: not for --quiet or a piped stderr.
      const bar = !opts.quiet && process.stderr.isTTY ? (await import('./run-progress.js')).runProgress(true) : undefined;
      let extra = '';
      // report.html is written into the staging folder, so it is published with the run's other files.
      const beforeCommit = opts.report ? async (stage: string) => { extra = `, ${await hooks.report!(stage)}`; } : undefined;
      let summary, partition = '';
      try {
        summary = await runToDirAsync(scenario, {
          seed: opts.seed, outDir: opts.out, trace: opts.trace, format: opts.format, progress: bar?.update, beforeCommit, threads: opts.threads, csvThread: opts.csvThread,
          onPartition: (p) => {
            // Fewer regions than asked is not an error: the output files are the same at any count.
            if (p.parts < p.asked) console.error(`relaysim: warning: --threads ${p.asked}: ran ${p.parts} region(s); cutting further would leave a cut road shorter than ${MIN_LOOKAHEAD_MIN} min (the lookahead)`);
            partition = `\nsplit into ${p.parts} regions: ${p.cutEdges} cut roads, lookahead ${p.lookahead.toFixed(2)} min, ${p.windows} windows, ${p.handoffs} handoffs${p.sharedStates > 0 ? `, ${p.sharedStates} routing states customized once for all regions` : ''}`;
          },
        });
      } finally {
        bar?.stop();
      }
      if (!opts.quiet) console.log(`${summaryTable(summary)}${partition}\n\nwrote ${resolve(opts.out)}/ (${['summary.json', ...recordNames(opts.format, opts.trace === true), 'series.json', 'network.json'].join(', ')}${extra})`);
    });
}
