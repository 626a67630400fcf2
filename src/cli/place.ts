import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { OBJECTIVES } from '../place/objective.js';
import { PLACE_DEFAULTS } from '../place/defaults.js';
import { collect, parsePositiveInt, parseSeed } from './options.js';
import { placeTable } from './place-table.js';
import { DEFAULT_MAX_SHIPMENTS, parseMaxShipments } from '../scenario/shipment-cap.js';

const parseWorkers = (text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected an integer >= 0, got ${JSON.stringify(text)}`);
  return n;
};
const parseBudget = (text: string): number => {
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`expected a number >= 0, got ${JSON.stringify(text)}`);
  return n;
};

interface PlaceCliOptions {
  k: number; objective: string; reps: number; budget?: number; size?: boolean; workers?: number; seed?: number; out: string;
  candidates?: string; set: string[]; exhaustiveMax: number; html: boolean; quiet?: boolean; maxShipments?: number; allowOutsidePaths?: boolean; queue?: string;
}

export function registerPlace(program: Command): void {
  program
    .command('place')
    .description('choose K transfer-station sites (and, with --size, docks and local trucks) by simulation; writes placement.json, placement.csv, placement.html')
    .argument('<scenario>', 'scenario file with a `placement` block (candidate sites)')
    .requiredOption('--k <n>', 'number of stations to place', parsePositiveInt)
    .option('--objective <name>', `what to minimise: ${OBJECTIVES.join(' | ')}`, PLACE_DEFAULTS.objective)
    .option('--reps <n>', 'replications per set (common random numbers)', parsePositiveInt, PLACE_DEFAULTS.reps)
    .option('--budget <b>', 'maximum cost of a set (site cost + dockCost x docks + truckCost x local trucks)', parseBudget)
    .option('--size', 'also choose docks and local trucks per site from the allowed sizes')
    .option('--workers <n>', 'worker threads (0: run in this thread; default: the machine\'s cores)', parseWorkers)
    .option('--seed <n>', 'base seed; replication r runs with a seed derived from (seed, r) (default: the scenario\'s)', parseSeed)
    .option('--out <dir>', 'output directory; rerunning on it reuses evaluations.jsonl', PLACE_DEFAULTS.out)
    .option('--candidates <file>', 'GeoJSON points of candidate sites, snapped to the nearest network node')
    .option('--set <path=value>', 'override a scenario value before validation (repeatable)', collect, [])
    .option('--exhaustive-max <n>', 'evaluate every set when there are at most this many of a size', parsePositiveInt, PLACE_DEFAULTS.exhaustiveMax)
    .option('--no-html', 'do not write placement.html')
    .option('--queue <redis-url>', 'run the simulations on a Redis queue served by `relaysim worker` processes (redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS)')
    .option('--max-shipments <n>', `refuse a scenario expected to create more shipments than this in one run (default ${DEFAULT_MAX_SHIPMENTS})`, parseMaxShipments)
    .option('--allow-outside-paths', 'let the scenario name files outside its own folder')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ relaysim place scenarios/yrd-2022-placement.json --k 4
  $ relaysim place scenarios/yrd-2022-placement.json --k 4 --size --budget 120 --objective line-stop --reps 10
  $ relaysim place my.json --k 2 --candidates sites.geojson --workers 0 --out out/my-place`)
    .action(async (file: string, o: PlaceCliOptions) => {
      const { runPlace } = await import('../place/run-place.js'); // here, not at the top: fast --version and --help
      const progress = o.quiet ? 'quiet' : process.stderr.isTTY ? 'bar' : 'lines';
      const r = await runPlace({
        file, k: o.k, objective: o.objective, reps: o.reps, budget: o.budget, size: o.size, workers: o.workers, seed: o.seed,
        out: o.out, candidates: o.candidates, sets: o.set, exhaustiveMax: o.exhaustiveMax, html: o.html, progress, queue: o.queue,
        maxShipments: o.maxShipments, allowOutsidePaths: o.allowOutsidePaths,
      });
      if (o.quiet) return;
      const lines = [
        `best ${r.objective} with k=${r.k} (${r.method}, ${r.evaluated.length} sets evaluated, ${(r.wallMs / 1000).toFixed(1)} s):`,
        '',
        placeTable(r, process.stdout.isTTY ? process.stdout.columns : 120),
        '',
        `wrote ${resolve(o.out)}/ (placement.json, placement.csv${o.html ? ', placement.html' : ''}, evaluations.jsonl)`,
      ];
      console.log(lines.filter(Boolean).join('\n'));
    });
}
