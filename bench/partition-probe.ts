// One configuration of the partition case (bench/partition.ts) at a time, for profiling and for
// judging a change on a loaded machine: wall and process CPU (all threads), and the split report.
//   npx tsx bench/partition-probe.ts SHIPMENTS THREADS [OD]
// THREADS 1: a plain Simulation (what --threads 1 runs). Environment: DIST=dir (another build, e.g. a
// baseline's dist/), INLINE=1 (the regions one after another in this thread: busy time per region
// without the threads competing for cores), CUT=x:0.5 or y:0.4 (a straight cut at that fraction of the
// longitude or latitude range instead of the planned one).
import { createHash } from 'node:crypto';
import type { ShipmentRow } from '../src/model/simulation.js';
import { partitionScenario } from './partition-scenario.js';

const { Simulation } = await import(new URL(`${process.env.DIST ?? '../dist'}/model/simulation.js`, import.meta.url).href) as typeof import('../src/model/simulation.js');
const { runPartitioned } = await import(new URL(`${process.env.DIST ?? '../dist'}/partition/run-partitioned.js`, import.meta.url).href) as typeof import('../src/partition/run-partitioned.js');

const [shipments, mode, od] = [Number(process.argv[2] ?? 1e5), process.argv[3] ?? '2', Number(process.argv[4] ?? 100)];
const g0 = performance.now();
const s = partitionScenario(1e5, shipments, od);
console.log(`scenario generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`);
const h = createHash('sha256');
const onShipment = (r: ShipmentRow) => { h.update(`${r.id},${r.status},${r.deliveredMin}\n`); };
const c0 = process.cpuUsage(), t0 = performance.now();
let report: unknown = null, created = 0, cache: unknown = null;
if (mode === '1') { const r = new Simulation(s, { onShipment }).run(); created = r.summary.shipments.created; cache = r.stats.routeCache; }
else {
  const cut = process.env.CUT?.split(':');
  let owner: Int32Array | undefined;
  if (cut) {
    const nodes = s.network.nodes, key = cut[0] === 'x' ? nodes.map((n) => n.lon) : nodes.map((n) => n.lat);
    const lo = Math.min(...key), hi = Math.max(...key), at = lo + (hi - lo) * Number(cut[1]);
    owner = Int32Array.from(key, (k) => (k < at ? 0 : 1));
  }
  const r = await runPartitioned(s, { threads: parseInt(mode, 10), onShipment, owner, inline: process.env.INLINE === '1' });
  created = r.summary.shipments.created; report = r.partition; cache = r.stats.routeCache;
}
const c = process.cpuUsage(c0), wall = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ mode, shipments, wallS: +wall.toFixed(2), cpuS: +((c.user + c.system) / 1e6).toFixed(2), created, cache, digest: h.digest('hex').slice(0, 16), report }, (k, v) => (typeof v === 'number' && !Number.isInteger(v) ? Math.round(v * 10) / 10 : v)));
