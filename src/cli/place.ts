import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { OBJECTIVES } from '../place/objective.js';
import { PLACE_DEFAULTS, runPlace } from '../place/run-place.js';
import { collect, parsePositiveInt, parseSeed } from './options.js';

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
  candidates?: string; set: string[]; exhaustiveMax: number; html: boolean; quiet?: boolean; queue?: string;
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
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Examples:
  $ relaysim place scenarios/yrd-2022-placement.json --k 4
  $ relaysim place scenarios/yrd-2022-placement.json --k 4 --size --budget 120 --objective line-stop --reps 10
  $ relaysim place my.json --k 2 --candidates sites.geojson --workers 0 --out out/my-place`)
    .action(async (file: string, o: PlaceCliOptions) => {
      const progress = o.quiet ? 'quiet' : process.stderr.isTTY ? 'bar' : 'lines';
      const r = await runPlace({
        file, k: o.k, objective: o.objective, reps: o.reps, budget: o.budget, size: o.size, workers: o.workers, seed: o.seed,
        out: o.out, candidates: o.candidates, sets: o.set, exhaustiveMax: o.exhaustiveMax, html: o.html, progress, queue: o.queue,
      });
      if (o.quiet) return;
      const show = (s: { sites: { id: string; docks: number; localTrucks: number }[]; mean: number; half: number | null; n: number }) =>
        `${s.sites.map((x) => `${x.id} (${x.docks} docks, ${x.localTrucks} trucks)`).join(', ')}: ${s.mean} ± ${s.half ?? '∞'} (n=${s.n})`;
      const lines = [
        `best ${r.objective} with k=${r.k} (${r.method}, ${r.evaluated.length} sets evaluated, ${(r.wallMs / 1000).toFixed(1)} s):`,
        `  ${show(r.best)}`,
        r.ties.length ? `  (${r.ties.length} other set(s) gave exactly the same runs; chosen by cost, then mean lead time, then screening)` : '',
        r.runnerUp && r.margin ? `runner-up: ${show(r.runnerUp)}\n  worse by ${r.margin.mean} ± ${r.margin.half ?? '∞'} (paired, ${r.margin.significant ? 'significant' : 'not significant'})` : 'no runner-up',
        r.baseline ? `scenario stations: ${show(r.baseline)}\n  worse than best by ${r.baseline.vsBest.mean} ± ${r.baseline.vsBest.half ?? '∞'} (paired, ${r.baseline.vsBest.significant ? 'significant' : 'not significant'})` : '',
        `trade-off: ${r.tradeoff.map((t) => `k=${t.k}: ${t.mean}`).join(', ')}`,
        `wrote ${resolve(o.out)}/ (placement.json, placement.csv${o.html ? ', placement.html' : ''}, evaluations.jsonl)`,
      ];
      console.log(lines.filter(Boolean).join('\n'));
    });
}
