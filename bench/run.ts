// `npm run bench [-- --quick] [-- --only CASE]`: relaysim's benchmarks, end to end.
// Writes bench/results/<YYYY-MM-DD>-<cpu-slug>.json + .md (full) or bench/results/quick-latest.json + .md.
import { Command } from 'commander';
import { runEngine, peerFigures } from './engine.js';
import { runRouting } from './routing.js';
import { runScale } from './scale.js';
import { runBatch } from './batch.js';
import { runProcess } from './process.js';
import { runQueue } from './queue.js';
import { runPartition } from './partition.js';
import { cpuSlug, environment, markdown, writeResults, type CaseContext, type CaseResult, type Target } from './report.js';

const CASES: Record<string, (ctx: CaseContext & { before?: string }) => Promise<CaseResult[]>> = {
  engine: async (ctx) => [...(await runEngine(ctx)), ...peerFigures()],
  routing: runRouting,
  scale: runScale,
  batch: runBatch,
  process: (ctx) => runProcess(ctx, ctx.before),
  queue: runQueue,
  partition: runPartition,
};

/** Each target reads the full-size case, or in --quick the small stand-in (labelled as such). */
function targets(results: CaseResult[], quick: boolean): Target[] {
  const find = (full: string, small: string) => results.find((r) => r.id === (quick ? small : full) && !r.skipped);
  const target = (what: string, r: CaseResult | undefined, value: (r: CaseResult) => number | undefined, need: string, ok: (v: number, r: CaseResult) => boolean): Target => {
    const v = r ? value(r) : undefined;
    return { what: quick && r ? `${what} [quick: ${r.id}]` : what, value: v ?? null, need, met: v === undefined ? null : ok(v, r!) };
  };
  const engine = find('engine/mmc/1e6', 'engine/mmc/1e5');
  return [
    target('reference mmc, 1e6 shipments: shipments/s', engine, (r) => r.median.shipmentsPerS, '>= 500,000', (v) => v >= 5e5),
    target('reference mmc, 1e6 shipments: relaysim / baseline', engine, (r) => r.median.ofBaseline, '>= 0.25', (v) => v >= 0.25),
    target('same, issue 13: engine >= 0.4 of the minimal loop in the same process', engine, (r) => r.median.ofBaseline, '>= 0.4', (v) => v >= 0.4),
    target('reference mmc, 1e7 shipments: max RSS (MiB)', find('engine/mmc/1e7', 'engine/mmc/1e5'), (r) => r.median.maxRssMiB, '< 2048', (v) => v < 2048),
    target('1e5-node net, 10k OD pairs, hourly closures: shipments/s', find('scale/n1e5/od10000/hourly-closures/s1e5', 'scale/n1e4/od1000/hourly-closures/s1e4'),
      (r) => r.median.shipmentsPerS ?? r.median.shipmentsPerSAtMost, '>= 100,000', (v) => v >= 1e5),
    target('1e4-node net, 10k OD pairs, hourly closures: shipments/s (issue 16)', find('scale/n1e4/od10000/hourly-closures/s1e5', 'scale/n1e4/od1000/hourly-closures/s1e4'),
      (r) => r.median.shipmentsPerS ?? r.median.shipmentsPerSAtMost, '>= 100,000', (v) => v >= 1e5),
    target('1e5-node net, 10k OD pairs, hourly closures: shipments/s (issue 16)', find('scale/n1e5/od10000/hourly-closures/s1e5', 'scale/n1e4/od1000/hourly-closures/s1e4'),
      (r) => r.median.shipmentsPerS ?? r.median.shipmentsPerSAtMost, '>= 20,000', (v) => v >= 2e4),
    target('uncached exact routing under a closure state, 1e5 nodes, best router: queries/s', bestOf(results, quick ? 'routing/road-1e4/closed-1pct/' : 'routing/road-1e5/closed-1pct/'),
      (r) => r.median.uncachedQps, '>= 3,000 and exact', (v, r) => v >= 3000 && r.checksum?.exact === 1),
    target('uncached routing, 1e5-node road-like graph: queries/s, exact', find('routing/road-1e5', 'routing/road-1e4'),
      (r) => r.median.uncachedQps, '>= 200 and exact', (v, r) => v >= 200 && r.checksum?.exact === 1),
    target('batch on 2 workers: speed-up over 1', find('batch/64-replications', 'batch/8-replications'), (r) => r.median.speedup, '>= 1.8', (v) => v >= 1.8),
    target('relaysim --version / node -e 0 (whole processes)', find('process/start-up', 'process/start-up'), (r) => r.median.versionOverNode, '<= 3', (v) => v <= 3),
    target('reference 1e6 run: share of it spent writing shipments.csv (engine process with / without the writer)', find('process/csv-writer/1e6', 'process/csv-writer/1e5'), (r) => r.median.csvShareOfEngineRun ?? NaN, '<= 0.15', (v) => v <= 0.15),
    target('same, by CPU time (user + system; a loaded machine inflates wall time)', find('process/csv-writer/1e6', 'process/csv-writer/1e5'), (r) => r.median.csvShareOfEngineRunCpu ?? NaN, '<= 0.15', (v) => v <= 0.15),
    target('relaysim report on the 1e6 run: wall s', find('process/report/1e6', 'process/report/1e5'), (r) => r.median.report, '<= 3', (v) => v <= 3),
    target('same, CPU s (user + system)', find('process/report/1e6', 'process/report/1e5'), (r) => r.median.reportCpu ?? NaN, '<= 3', (v) => v <= 3),
    target('one run split on 2 threads (1e5 nodes): speed-up over 1 thread', find('partition/n1e5/s1e6', 'partition/n1e4/s2e4'), (r) => r.median.speedup2, '>= 1.6', (v) => v >= 1.6),
    target('one run split on 1, 2, 4 threads: same shipment rows', find('partition/n1e5/s1e6', 'partition/n1e4/s2e4'), (r) => r.checksum?.sameRowsAt124, '= 1', (v) => v === 1),
    target('small batch: 2 workers / 1 worker wall (never slower)', find('process/batch/small', 'process/batch/small'), (r) => r.median.w2OverW1, '<= 1.05', (v) => v <= 1.05),
  ];
}

/** The exact result with the most uncached q/s among the rows whose id starts with `prefix`. */
function bestOf(results: CaseResult[], prefix: string): CaseResult | undefined {
  return results.filter((r) => r.id.startsWith(prefix) && !r.skipped && r.checksum?.exact === 1)
    .sort((a, b) => b.median.uncachedQps - a.median.uncachedQps)[0];
}

async function main(): Promise<void> {
  const opts = new Command('bench')
    .description('relaysim benchmarks: engine, routing, scale, batch, process, queue, partition')
    .option('--quick', 'small sizes, under a minute (CI); writes bench/results/quick-latest.*')
    .option('--only <case>', `run one case: ${Object.keys(CASES).join(', ')}`)
    .option('--out <dir>', 'results folder', 'bench/results')
    .option('--before <dir>', 'process case: also time another checkout (built) for before/after ratios')
    .parse()
    .opts<{ quick?: boolean; only?: string; out: string; before?: string }>();
  if (opts.only && !CASES[opts.only]) {
    console.error(`bench: --only: unknown case "${opts.only}" (expected one of ${Object.keys(CASES).join(', ')})`);
    process.exit(2);
  }
  const quick = opts.quick === true, env = environment(), t0 = performance.now();
  const ctx: CaseContext & { before?: string } = { quick, before: opts.before, log: (m) => console.error(`[${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}`) };
  const results: CaseResult[] = [];
  for (const [name, run] of Object.entries(CASES)) {
    if (opts.only && opts.only !== name) continue;
    results.push(...(await run(ctx)));
  }
  const tg = targets(results, quick);
  const stem = quick ? 'quick-latest' : `${env.date.slice(0, 10)}-${cpuSlug(env.cpu)}${opts.only ? `-${opts.only}` : ''}`;
  const files = writeResults(opts.out, stem, env, results, tg, quick);
  console.log(markdown(env, results, tg, quick));
  console.error(`bench: ${((performance.now() - t0) / 1000).toFixed(1)} s; wrote ${files.join(', ')}`);
}

await main();
