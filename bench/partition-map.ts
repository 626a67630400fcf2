// Where a one-thread run spends its route searches: per node, the searches started there and their ms.
//   npx tsx bench/partition-map.ts SHIPMENTS OUT.json
import { writeFileSync } from 'node:fs';
import { partitionScenario } from './partition-scenario.js';

const { Simulation } = await import(new URL('../dist/model/simulation.js', import.meta.url).href) as typeof import('../src/model/simulation.js');
const { createRouter } = await import(new URL('../dist/network/router.js', import.meta.url).href) as typeof import('../src/network/router.js');
const { buildNetwork } = await import(new URL('../dist/network/build.js', import.meta.url).href) as typeof import('../src/network/build.js');

const s = partitionScenario(1e5, Number(process.argv[2] ?? 1e5), 100);
const net = buildNetwork(s), router = createRouter(net);
const count = new Float64Array(net.nodeIds.length), ms = new Float64Array(net.nodeIds.length);
const find = router.find.bind(router);
router.find = (from, to, blocked) => { const t = performance.now(); const r = find(from, to, blocked); ms[from] += performance.now() - t; count[from]++; return r; };
const r = new Simulation(s, { network: net, router }).run();
console.log(r.summary.shipments.created, count.reduce((a, b) => a + b), ms.reduce((a, b) => a + b));
writeFileSync(process.argv[3] ?? '/tmp/map.json', JSON.stringify({ lon: [...net.lon], lat: [...net.lat], count: [...count], ms: [...ms] }));
