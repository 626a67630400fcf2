// Case "partition": one large run split into regions on worker threads (src/partition/), against the
// same run on one thread, in one session: wall time, speed-up, windows, handoffs per window and the
// time each region waited at window ends. Byte-identity is checked on the way: the shipments rows of
// every run hash to the same value (the tests check every output file on smaller scenarios).
// Besides one thread (a plain Simulation, what `--threads 1` runs), the split machinery with ONE
// region ("1r"): it shares the hierarchy's metrics per routing state the way the regions do (each
// state customized once, all kept), so 1r/2 is the speed-up from the threads alone and 1/1r what
// sharing the metrics saves a single thread.
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Scenario } from '../src/scenario/types.js';
import type { ShipmentRow } from '../src/model/simulation.js';
import type { runPartitioned as RunPartitioned } from '../src/partition/run-partitioned.js';
import { partitionScenario } from './partition-scenario.js';
import { summarize, type CaseContext, type CaseResult } from './report.js';

interface One { wallS: number; digest: string; created: number; events: number; report?: Awaited<ReturnType<typeof RunPartitioned>>['partition'] }

// The compiled build, as `relaysim run` uses it: worker threads then load dist/ (~0.4 s) instead of
// registering tsx and transpiling (1-3 s each). `npm run build` first.
const { Simulation } = await import(new URL('../dist/model/simulation.js', import.meta.url).href) as typeof import('../src/model/simulation.js');
const { runPartitioned } = await import(new URL('../dist/partition/run-partitioned.js', import.meta.url).href) as typeof import('../src/partition/run-partitioned.js');

async function once(s: Scenario, threads: number, oneRegion = false): Promise<One> {
  const h = createHash('sha256');
  const onShipment = (r: ShipmentRow) => { h.update(`${r.id},${r.status},${r.deliveredMin}\n`); };
  const t0 = performance.now();
  if (threads === 1 && !oneRegion) {
    const { summary } = new Simulation(s, { onShipment }).run();
    return { wallS: (performance.now() - t0) / 1000, digest: h.digest('hex'), created: summary.shipments.created, events: summary.events };
  }
  const r = await runPartitioned(s, { threads, onShipment });
  return { wallS: (performance.now() - t0) / 1000, digest: h.digest('hex'), created: r.summary.shipments.created, events: r.summary.events, report: r.partition };
}

export async function runPartition(ctx: CaseContext): Promise<CaseResult[]> {
  const nodes = ctx.quick ? 1e4 : 1e5, shipments = ctx.quick ? 2e4 : Number(process.env.PARTITION_SHIPMENTS ?? 1e6), pairs = ctx.quick ? 1 : Number(process.env.PARTITION_PAIRS ?? 3);
  ctx.log(`partition: generating ${nodes} nodes, ${shipments} shipments`);
  const s = partitionScenario(nodes, shipments);
  const samples: Record<string, number>[] = [], digests = new Set<string>();
  let last: Record<string, One> = {};
  const withR1 = process.env.PARTITION_SPLIT1 !== '0' && !ctx.quick;
  for (let p = 0; p < pairs; p++) {
    // Alternate the order within a pair, so that a drift in the machine's load falls on both sides.
    const forward = withR1 ? ['1', '1r', '2', '4'] : ['1', '2', '4'];
    const order = p % 2 === 0 ? forward : [...forward].reverse();
    const got: Record<string, One> = {};
    for (const m of order) {
      got[m] = await once(s, parseInt(m, 10), m === '1r');
      digests.add(got[m].digest);
      const rep = got[m].report;
      ctx.log(`  pair ${p + 1}, ${m === '1r' ? '1 region' : `${m} thread(s)`}: ${got[m].wallS.toFixed(2)} s${rep ? `, set-up ${(rep.setupMs / 1000).toFixed(1)} s, ${rep.windows} windows, ${rep.handoffs} handoffs, customized ${rep.customized.join('+')} of ${rep.sharedStates} states, busy ${rep.busyMs.map((x) => (x / 1000).toFixed(1)).join('/')} s, idle ${rep.idleMs.map((x) => (x / 1000).toFixed(1)).join('/')} s` : ''}`);
    }
    const r2 = got['2'].report!, r4 = got['4'].report!;
    samples.push({
      wall1S: got['1'].wallS, ...(withR1 ? { wall1rS: got['1r'].wallS, speedup2Over1r: got['1r'].wallS / got['2'].wallS, speedup1rOver1: got['1'].wallS / got['1r'].wallS } : {}),
      wall2S: got['2'].wallS, wall4S: got['4'].wallS,
      speedup2: got['1'].wallS / got['2'].wallS, speedup4: got['1'].wallS / got['4'].wallS,
      setup2S: r2.setupMs / 1000, windows2: r2.windows, handoffsPerWindow2: r2.handoffs / r2.windows,
      busy2Region0S: r2.busyMs[0] / 1000, busy2Region1S: (r2.busyMs[1] ?? 0) / 1000,
      idle2Region0S: r2.idleMs[0] / 1000, idle2Region1S: (r2.idleMs[1] ?? 0) / 1000,
      customized2: r2.customized.reduce((a, b) => a + b, 0), customize2S: r2.customizeMs.reduce((a, b) => a + b, 0) / 1000,
      setup4S: r4.setupMs / 1000, windows4: r4.windows, handoffsPerWindow4: r4.handoffs / r4.windows, maxIdle4S: Math.max(...r4.idleMs) / 1000, minIdle4S: Math.min(...r4.idleMs) / 1000,
    });
    last = got;
  }
  const r2 = last['2'].report!, r4 = last['4'].report!;
  return [{
    case: 'scale', id: `partition/n${nodes.toExponential().replace('+', '')}/s${shipments.toExponential().replace('+', '')}`,
    params: {
      nodes: s.network.nodes.length, shipments, odPairs: s.demand.length, closures: s.closures.length, zone: 'relay, 2 stations', cores: availableParallelism(),
      regions2: r2.parts, cut2: r2.cutEdges, lookahead2Min: Number(r2.lookahead.toFixed(3)), regions4: r4.parts, cut4: r4.cutEdges, lookahead4Min: Number(r4.lookahead.toFixed(3)), sharedStates: r2.sharedStates,
    },
    ...summarize(samples),
    checksum: { created: last['1'].created, events: last['1'].events, sameRowsAt124: digests.size === 1 ? 1 : 0 },
    note: `paired runs (${withR1 ? '1 thread, 1 region, 2, 4 threads' : '1, 2, 4 threads'} in alternating order), median of ${pairs}; machine shared with other jobs`,
  }];
}
