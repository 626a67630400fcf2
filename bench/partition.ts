// Case "partition": one large run split into regions on worker threads (src/partition/), against the
// same run on one thread, in one session: wall time, speed-up, windows, handoffs per window and the
// time each region waited at window ends. Byte-identity is checked on the way: the shipments rows of
// every run hash to the same value (the tests check every output file on smaller scenarios).
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { validateScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import type { ShipmentRow } from '../src/model/simulation.js';
import type { runPartitioned as RunPartitioned } from '../src/partition/run-partitioned.js';
import { roadGraphScenario } from './graphs.js';
import { summarize, type CaseContext, type CaseResult } from './report.js';

const LOADS_PER_HOUR = 6000;

/** A generated road-like network with hourly closures, and a relay zone (the south-west quarter) with two stations. */
export function partitionScenario(nodes: number, shipments: number): Scenario {
  const horizonMin = (shipments / LOADS_PER_HOUR) * 60;
  const raw = roadGraphScenario({ nodes, seed: 1, odPairs: Number(process.env.PARTITION_OD ?? 1000), loadsPerHour: LOADS_PER_HOUR, horizonMin, closures: { edges: Math.max(5, Math.round(nodes / 500)), periodMin: 60 }, name: 'partition' });
  const lons = raw.network.nodes.map((n) => n.lon), lats = raw.network.nodes.map((n) => n.lat);
  const [x0, x1, y0, y1] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const xm = x0 + (x1 - x0) * 0.3, ym = y0 + (y1 - y0) * 0.3;
  const inside = raw.network.nodes.filter((n) => n.lon < xm && n.lat < ym);
  const st = [inside[Math.floor(inside.length / 3)], inside[Math.floor((2 * inside.length) / 3)]];
  return validateScenario({
    ...raw, drainMin: 240,
    demand: raw.demand.map((d, i) => ({ ...d, passShare: i % 2 === 0 ? 1 : 0.5 })),
    zones: [{ id: 'sw', polygon: { type: 'Polygon', coordinates: [[[x0 - 0.01, y0 - 0.01], [xm, y0 - 0.01], [xm, ym], [x0 - 0.01, ym], [x0 - 0.01, y0 - 0.01]]] }, controls: [{ fromMin: 0, toMin: horizonMin, rule: 'relay' }] }],
    stations: st.map((n, i) => ({ id: `st${i}`, node: n.id, zone: 'sw', docks: 20, transferMin: { dist: 'exp', mean: 10 }, storageLoads: 500, localTrucks: 40 })),
  }, 'generated');
}

interface One { wallS: number; digest: string; created: number; events: number; report?: Awaited<ReturnType<typeof RunPartitioned>>['partition'] }

// The compiled build, as `relaysim run` uses it: worker threads then load dist/ (~0.4 s) instead of
// registering tsx and transpiling (1-3 s each). `npm run build` first.
const { Simulation } = await import(new URL('../dist/model/simulation.js', import.meta.url).href) as typeof import('../src/model/simulation.js');
const { runPartitioned } = await import(new URL('../dist/partition/run-partitioned.js', import.meta.url).href) as typeof import('../src/partition/run-partitioned.js');

async function once(s: Scenario, threads: number): Promise<One> {
  const h = createHash('sha256');
  const onShipment = (r: ShipmentRow) => { h.update(`${r.id},${r.status},${r.deliveredMin}\n`); };
  const t0 = performance.now();
  if (threads === 1) {
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
  let last: Record<number, One> = {};
  for (let p = 0; p < pairs; p++) {
    // Alternate the order within a pair, so that a drift in the machine's load falls on both sides.
    const order = p % 2 === 0 ? [1, 2, 4] : [4, 2, 1];
    const got: Record<number, One> = {};
    for (const n of order) {
      got[n] = await once(s, n);
      digests.add(got[n].digest);
      ctx.log(`  pair ${p + 1}, ${n} thread(s): ${got[n].wallS.toFixed(2)} s${got[n].report ? `, ${got[n].report!.windows} windows, ${got[n].report!.handoffs} handoffs` : ''}`);
    }
    const r2 = got[2].report!, r4 = got[4].report!;
    samples.push({
      wall1S: got[1].wallS, wall2S: got[2].wallS, wall4S: got[4].wallS,
      speedup2: got[1].wallS / got[2].wallS, speedup4: got[1].wallS / got[4].wallS,
      windows2: r2.windows, handoffsPerWindow2: r2.handoffs / r2.windows,
      idle2Region0S: r2.idleMs[0] / 1000, idle2Region1S: (r2.idleMs[1] ?? 0) / 1000,
      windows4: r4.windows, handoffsPerWindow4: r4.handoffs / r4.windows, maxIdle4S: Math.max(...r4.idleMs) / 1000,
    });
    last = got;
  }
  const r2 = last[2].report!, r4 = last[4].report!;
  return [{
    case: 'scale', id: `partition/n${nodes.toExponential().replace('+', '')}/s${shipments.toExponential().replace('+', '')}`,
    params: {
      nodes: s.network.nodes.length, shipments, odPairs: s.demand.length, closures: s.closures.length, zone: 'relay, 2 stations', cores: availableParallelism(),
      regions2: r2.parts, cut2: r2.cutEdges, lookahead2Min: Number(r2.lookahead.toFixed(3)), regions4: r4.parts, cut4: r4.cutEdges, lookahead4Min: Number(r4.lookahead.toFixed(3)),
    },
    ...summarize(samples),
    checksum: { created: last[1].created, events: last[1].events, sameRowsAt124: digests.size === 1 ? 1 : 0 },
    note: `paired A/B runs (1, 2, 4 threads in alternating order), median of ${pairs}; machine shared with other jobs`,
  }];
}
