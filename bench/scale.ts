// Case 4: end-to-end shipments/s on generated road-like networks, by network size, number of distinct
// OD pairs and closures toggling every simulated hour; and the log-log slopes of cost against network
// size and against shipments. "End to end" = new Simulation (network, landmarks) + run().
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { validateScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { Simulation } from '../src/model/simulation.js';
import { buildNetwork } from '../src/network/build.js';
import { createRouter } from '../src/network/router.js';
import { roadGraphScenario } from './graphs.js';
import { sameChecksum, summarize, type CaseContext, type CaseResult } from './report.js';

const LOADS_PER_HOUR = 6000; // 100 new shipments a simulated minute, over all OD pairs
const RUNS = 5;
/** Wall-clock limit of one configuration's child process, seconds. */
const limitS = (ctx: CaseContext): number => (ctx.quick ? 30 : 300);
/** The 1e6-node row's limit, seconds. */
const LIMIT_1E6_S = 1800;

/** `search`: a router asked for by name (the 1e6 row: `auto` is the A* there), built with the network inside the timed run. */
export interface ScaleConfig { nodes: number; odPairs: number; closures: boolean; shipments: number; search?: 'cch' }

const label = (c: ScaleConfig): string =>
  `scale/n${c.nodes.toExponential().replace('+', '')}/od${c.odPairs}/${c.closures ? 'hourly-closures' : 'open'}/s${c.shipments.toExponential().replace('+', '')}${c.search ? `/${c.search}` : ''}`;

function scenarioFor(c: ScaleConfig): Scenario {
  const horizonMin = (c.shipments / LOADS_PER_HOUR) * 60;
  const closures = c.closures ? { edges: Math.max(5, Math.round(c.nodes / 500)), periodMin: 60 } : undefined;
  const raw = roadGraphScenario({ nodes: c.nodes, seed: 1, odPairs: c.odPairs, loadsPerHour: LOADS_PER_HOUR, horizonMin, closures, name: 'scale' });
  return validateScenario({ ...raw, drainMin: 24 * 60 }, 'generated');
}

/**
 * One configuration: `runs` end-to-end runs of the same (scenario, seed), in this process. A
 * configuration whose runs pass `budgetS` in total stops early (after at least one run) and says so:
 * some take many minutes a run, and 5 of them would not fit a bench run.
 */
export function runConfig(ctx: CaseContext, c: ScaleConfig, runs = RUNS, budgetS = ctx.quick ? 2 : 120): CaseResult {
  const scenario = scenarioFor(c);
  const samples: Record<string, number>[] = [], sums: Record<string, number>[] = [];
  let cache = { lookups: 0, hits: 0 }, spentS = 0;
  for (let r = 0; r < runs && (r === 0 || spentS < budgetS); r++) {
    const t0 = performance.now();
    let sim: Simulation;
    if (c.search) {
      const network = buildNetwork(scenario);
      sim = new Simulation(scenario, { seed: 1, network, router: createRouter(network, { search: c.search }) });
    } else sim = new Simulation(scenario, { seed: 1 });
    const t1 = performance.now();
    const { summary, stats } = sim.run();
    const t2 = performance.now();
    const wallS = (t2 - t0) / 1000, created = summary.shipments.created;
    samples.push({ shipmentsPerS: created / wallS, wallS, setupS: (t1 - t0) / 1000, runOnlyPerS: created / ((t2 - t1) / 1000), peakRssMiB: process.resourceUsage().maxRSS / 1024 });
    sums.push({ created, delivered: summary.shipments.delivered, events: summary.events, reroutes: summary.reroutes, replansAvoided: summary.replansAvoided });
    cache = stats.routeCache;
    spentS += wallS;
    ctx.log(`  ${label(c)} run ${r + 1}: ${(created / wallS).toFixed(0)} shipments/s, ${wallS.toFixed(2)} s`);
  }
  const s = summarize(samples);
  s.median.cacheHitRate = cache.hits / Math.max(1, cache.lookups);
  return {
    case: 'scale', id: label(c),
    params: { nodes: scenario.network.nodes.length, odPairs: c.odPairs, closures: c.closures ? `${scenario.closures.length} windows` : 'none', shipments: c.shipments, seed: 1 },
    ...s, checksum: sameChecksum(label(c), sums),
    note: samples.length < runs ? `time-boxed: ${samples.length} of ${runs} runs (${spentS.toFixed(0)} s spent, budget ${budgetS} s)` : undefined,
  };
}

/**
 * Runs `runConfig` in a child process with a wall-clock limit: a configuration that has not finished
 * one run by then is reported as an upper bound (shipments / limit), not left to run for an hour.
 */
function runConfigChild(ctx: CaseContext, c: ScaleConfig, limitSec: number, runs = RUNS): Promise<CaseResult> {
  const args = ['--import', 'tsx', '--max-old-space-size=8192', fileURLToPath(import.meta.url), '--child', JSON.stringify({ c, quick: ctx.quick, runs })];
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '', timedOut = false;
    const timer = setTimeout(() => { timedOut = true; p.kill('SIGKILL'); }, limitSec * 1000);
    p.stdout.on('data', (d) => { text += d; });
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) return resolve(JSON.parse(text.trim().split('\n').at(-1)!));
      if (!timedOut) return reject(new Error(`scale child ${label(c)} exited ${code}`));
      ctx.log(`  ${label(c)}: no run finished within ${limitSec} s`);
      resolve({
        case: 'scale', id: label(c), params: { odPairs: c.odPairs, closures: c.closures, shipments: c.shipments, seed: 1 },
        runs: 0, median: { shipmentsPerSAtMost: c.shipments / limitSec }, min: {}, max: {},
        note: `TIMED OUT: no run finished within ${limitSec} s (incl. scenario generation), so < ${(c.shipments / limitSec).toFixed(0)} shipments/s`,
      });
    });
  });
}

/** Least-squares slope of log(cost) against log(x). */
export function logLogSlope(points: [number, number][]): number {
  const xs = points.map(([x]) => Math.log(x)), ys = points.map(([, y]) => Math.log(y));
  const mx = xs.reduce((a, b) => a + b) / xs.length, my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0, den = 0;
  for (let i = 0; i < xs.length; i++) { num += (xs[i] - mx) * (ys[i] - my); den += (xs[i] - mx) ** 2; }
  return num / den;
}

function slopeRow(id: string, what: string, pts: [number, number][]): CaseResult {
  return {
    case: 'scale', id, params: { cost: 'median wall s per run', against: what, points: pts.map(([x, y]) => `${x}:${y.toFixed(3)}s`).join(',') },
    runs: pts.length, median: pts.length >= 2 ? { slope: logLogSlope(pts) } : {}, min: {}, max: {},
    note: pts.length >= 2 ? 'log-log least squares; 1 = linear' : 'fewer than 2 finished points: no slope',
  };
}

export async function runScale(ctx: CaseContext): Promise<CaseResult[]> {
  const sizes = ctx.quick ? [1e3, 1e4] : [1e3, 1e4, 1e5];
  const ods = ctx.quick ? [100, 1000] : [100, 10_000];
  const shipments = ctx.quick ? 1e4 : 1e5;
  const out: CaseResult[] = [];
  for (const odPairs of ods) for (const closures of [false, true]) {
    const row: CaseResult[] = [];
    for (const nodes of sizes) {
      ctx.log(`scale: ${nodes} nodes, ${odPairs} OD pairs, closures ${closures}`);
      row.push(await runConfigChild(ctx, { nodes, odPairs, closures, shipments }, limitS(ctx)));
    }
    out.push(...row);
    out.push(slopeRow(`scale/slope-vs-nodes/od${odPairs}/${closures ? 'hourly-closures' : 'open'}`, 'nodes',
      row.filter((r) => r.runs > 0).map((r) => [Number(r.params.nodes), r.median.wallS])));
  }
  // Cost against shipments on one network with closures (1e4 nodes; 1e3 in --quick, to stay under a minute).
  const net = ctx.quick ? 1e3 : 1e4, counts = ctx.quick ? [1e4, 2e4, 4e4] : [1e4, 1e5, 1e6];
  const config = (n: number): ScaleConfig => ({ nodes: net, odPairs: 100, closures: true, shipments: n });
  const byCount: CaseResult[] = [];
  for (const n of counts) byCount.push(out.find((r) => r.id === label(config(n))) ?? (await runConfigChild(ctx, config(n), limitS(ctx))));
  out.push(...byCount.filter((r) => !out.includes(r)));
  out.push(slopeRow(`scale/slope-vs-shipments/n${net.toExponential().replace('+', '')}/od100/hourly-closures`, 'shipments',
    byCount.filter((r) => r.runs > 0).map((r) => [Number(r.params.shipments), r.median.wallS])));
  // Issue 16: the 1e6-node network finishes, with the hierarchy (preprocessing included) under hourly
  // closures; one run, 100 OD pairs, 1e4 shipments (trucks cross ~1,000 km lattices for many hours).
  if (!ctx.quick) out.push(await runConfigChild(ctx, { nodes: 1e6, odPairs: 100, closures: true, shipments: 1e4, search: 'cch' }, LIMIT_1E6_S, 1));
  return out;
}

if (process.argv[2] === '--child') {
  const { c, quick, runs } = JSON.parse(process.argv[3]) as { c: ScaleConfig; quick: boolean; runs?: number };
  const ctx: CaseContext = { quick, log: (m) => console.error(m) };
  process.stdout.write(JSON.stringify(runConfig(ctx, c, runs)) + '\n');
}
