import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { parseSweep, type Sweep } from '../batch/grid.js';
import { DEFAULT_MAX_REPS, DEFAULT_OUT } from '../batch/defaults.js';
import { InputError } from '../scenario/errors.js';
import { parseShard, type Shard } from '../batch/shard.js';
import { collect, parsePositiveInt, parseSeed } from './options.js';
import { DEFAULT_SCENARIO } from './run.js';
import { DEFAULT_MAX_SHIPMENTS, parseMaxShipments } from '../scenario/shipment-cap.js';

interface BatchCliOptions {
  reps: number; sweep: Sweep[]; set: string[]; workers?: number; seed?: number; out: string;
  untilCi?: { metric: string; halfWidth: number }; maxReps: number; retryFailed?: boolean; quiet?: boolean;
  queue?: string; shard?: Shard;
  maxShipments?: number; allowOutsidePaths?: boolean;
}

const shardOption = (text: string): Shard => {
  try {
    return parseShard(text);
  } catch (err) {
    throw new InvalidArgumentError((err as InputError).detail ?? String(err));
  }
};

const sweepOption = (text: string, previous: Sweep[]): Sweep[] => {
  try {
    return [...previous, parseSweep(text)];
  } catch (err) {
    throw new InvalidArgumentError((err as InputError).detail ?? String(err));
  }
};

const untilCiOption = (text: string) => {
  const m = /^([^=]+)=(.+)$/.exec(text);
  const halfWidth = m ? Number(m[2]) : NaN;
  if (!m || !(halfWidth > 0)) throw new InvalidArgumentError(`expected METRIC=HALFWIDTH with a half-width > 0, got ${JSON.stringify(text)}`);
  return { metric: m[1], halfWidth };
};

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('run replications of a scenario (x a grid of sweep values) on worker threads; write runs.jsonl, batch.json, batch.csv')
    .argument('[scenario]', 'scenario file (.json or .yaml)', DEFAULT_SCENARIO)
    .option('--reps <n>', 'replications per grid point (with --until-ci: the first round)', parsePositiveInt, 10)
    .option('--sweep <path=v1,v2,...>', 'run each value of a --set path; several sweeps make a grid (repeatable)', sweepOption, [])
    .option('--set <path=value>', 'override a scenario value before validation, for every run (repeatable)', collect, [])
    .option('--workers <n>', 'worker threads (default: the machine\'s cores)', parsePositiveInt)
    .option('--seed <n>', 'base seed; replication r runs with a seed hashed from (seed, r) (default: the scenario\'s seed)', parseSeed)
    .option('--out <dir>', 'output directory', DEFAULT_OUT)
    .option('--until-ci <metric=halfwidth>', 'add replications per point until the metric\'s 95 % half-width is below this', untilCiOption)
    .option('--max-reps <n>', 'with --until-ci: at most this many replications per point', parsePositiveInt, DEFAULT_MAX_REPS)
    .option('--retry-failed', 'run again the runs that runs.jsonl records as failed')
    .option('--queue <redis-url>', 'put the runs on a Redis queue for `relaysim worker` processes (redis://[:PASSWORD@]HOST:PORT[/DB], rediss:// for TLS)')
    .option('--shard <i/n>', 'run only shard I of N of the runs (for cluster array jobs); `relaysim merge` combines the shards', shardOption)
    .option('--max-shipments <n>', `refuse a grid point expected to create more shipments than this in one run (default ${DEFAULT_MAX_SHIPMENTS})`, parseMaxShipments)
    .option('--allow-outside-paths', 'let the scenario name files outside its own folder')
    .option('--quiet', 'print nothing but errors')
    .addHelpText('after', `
Replication r of every grid point runs with the same seed (common random numbers), so points are
compared under the same random numbers. Running the same command again on the same --out resumes:
finished runs are skipped. Ctrl-C stops submitting, lets runs in flight finish, writes what finished
and exits 130 (a second Ctrl-C exits at once; finished runs are kept).
Exit status: 0 done (even if some runs failed: see runs.jsonl), 2 bad input, 130 interrupted.

Examples:
  $ relaysim batch scenarios/reference/mmc.json --reps 50 --set horizonMin=3000
  $ relaysim batch scenarios/yrd-2022.json --reps 20 --sweep checkpoints.g2-anting.lanes=2,3,4 --out out/lanes
  $ relaysim batch scenarios/yrd-2022-april.json --reps 10 --sweep demand.0.loadsPerHour=2,3 --sweep stations.sh-huaqiao.docks=4,8
  $ relaysim batch scenarios/reference/mmc.json --reps 10 --until-ci leadTimeMin.mean=0.05 --max-reps 400
  $ relaysim batch scenarios/yrd-2022.json --reps 200 --queue redis://127.0.0.1:6379   # with \`relaysim worker\` processes
  $ relaysim batch scenarios/yrd-2022.json --reps 200 --shard 3/8 --out out/shard-3     # then \`relaysim merge\``)
    .action(async (file: string, opts: BatchCliOptions) => {
      // Loaded here, not at the top, so that `relaysim --version` and `--help` start fast.
      const [{ batchTable }, { progressView }, { runBatch }] = await Promise.all([
        import('../batch/outputs.js'), import('../batch/progress.js'), import('../batch/run-batch.js')]);
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = () => {
        if (++interrupts > 1) process.exit(130);
        if (!opts.quiet) process.stderr.write('\nbatch: interrupted; waiting for the runs in flight (Ctrl-C again to quit now)\n');
        controller.abort();
      };
      process.on('SIGINT', onSigint);
      const view = opts.quiet ? null : progressView();
      // The queue reports live workers between runs: show them with the last progress.
      let last: import('../batch/batch-options.js').Progress | null = null, workers: number | null | undefined;
      const show = () => { if (view && last) view.update({ ...last, workers }); };
      try {
        const result = await runBatch({
          file, sets: opts.set, sweeps: opts.sweep, reps: opts.reps, seed: opts.seed, workers: opts.workers,
          outDir: opts.out, untilCi: opts.untilCi, maxReps: Math.max(opts.maxReps, opts.reps), retryFailed: opts.retryFailed,
          maxShipments: opts.maxShipments, allowOutsidePaths: opts.allowOutsidePaths, shard: opts.shard,
          signal: controller.signal, onProgress: (p) => { last = p; show(); },
          queue: opts.queue ? {
            url: opts.queue,
            onWorkers: (n) => { if (n !== workers) { workers = n; show(); } },
            log: (line) => { if (!opts.quiet) process.stderr.write(`${line}\n`); },
          } : undefined,
        });
        view?.stop();
        if (!opts.quiet) {
          console.log(`${batchTable(result.batch, opts.untilCi ? [opts.untilCi.metric] : [])}\n`);
          console.log(`${result.ran} runs done${result.skipped ? `, ${result.skipped} already in runs.jsonl` : ''}` +
            `${result.failed ? `, ${result.failed} failed (see runs.jsonl)` : ''}; wrote ${resolve(result.dir)}/ (runs.jsonl, batch.json, batch.csv)`);
        }
        if (result.interrupted) {
          if (!opts.quiet) {
            const again = process.argv.slice(2).map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`)).join(' ');
            process.stderr.write(`batch: interrupted; the finished runs are kept in ${resolve(result.dir)}/runs.jsonl. To resume, run the same command again:\n  relaysim ${again}\n`);
          }
          process.exit(130);
        }
      } finally {
        view?.stop();
        process.off('SIGINT', onSigint);
      }
    });
}
