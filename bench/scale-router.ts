// One scale configuration (bench/scale.ts: 10k OD pairs, hourly closures) with a chosen router, for
// paired router comparisons run back to back:
//   npx tsx bench/scale-router.ts NODES SEARCH [SHIPMENTS=1e5] [OD=1e4]
// SEARCH: auto | csr | cch | cch-full (the hierarchy, every state customized from nothing).
// Prints one JSON line: wall s (network, router and run), shipments/s, re-plans, the hierarchy's
// customization figures, peak RSS.
import { roadGraphScenario } from './graphs.js';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import { buildNetwork } from '../src/network/build.js';
import { createRouter, type Router, type RouterOptions } from '../src/network/router.js';

const [nodesArg, search = 'auto', shipArg, odArg] = process.argv.slice(2);
const nodes = Number(nodesArg ?? 1e4), shipments = Number(shipArg ?? 1e5), od = Number(odArg ?? 1e4), lph = 6000;
// The generated object is dropped once validated (as in bench/scale.ts), so peak RSS is the run's.
const scenarioOf = () => {
  const raw = roadGraphScenario({ nodes, seed: 1, odPairs: od, loadsPerHour: lph, horizonMin: (shipments / lph) * 60, closures: { edges: Math.max(5, Math.round(nodes / 500)), periodMin: 60 }, name: 'scale' });
  return validateScenario({ ...raw, drainMin: 1440 }, 'generated');
};
const s = scenarioOf();
const options: RouterOptions = search === 'cch-full' ? { search: 'cch', partialBaseBytes: 0 } : { search: search as RouterOptions['search'] };
// BACKWARD_MIB=N: the hierarchy's backward searches kept per (state, target), MiB (0: none).
if (process.env.BACKWARD_MIB !== undefined) options.backwardCacheBytes = Number(process.env.BACKWARD_MIB) * 2 ** 20;
const t0 = performance.now();
const net = buildNetwork(s);
const router = createRouter(net, options);
const t1 = performance.now();
// Memory as the run goes, sampled every 2,000 router calls: the sample with the largest RSS.
const mem = { rssMiB: 0, heapUsedMiB: 0, arrayBuffersMiB: 0, externalMiB: 0, atCall: 0 };
let calls = 0;
const sampled: Router = {
  landmarks: router.landmarks,
  find(from, to, blocked) {
    if (calls++ % 2000 === 0) {
      const u = process.memoryUsage(), rss = u.rss / 2 ** 20;
      if (rss > mem.rssMiB) Object.assign(mem, { rssMiB: Math.round(rss), heapUsedMiB: Math.round(u.heapUsed / 2 ** 20), arrayBuffersMiB: Math.round(u.arrayBuffers / 2 ** 20), externalMiB: Math.round(u.external / 2 ** 20), atCall: calls });
    }
    return router.find(from, to, blocked);
  },
  prepare: router.prepare?.bind(router),
};
const r = new Simulation(s, { seed: 1, network: net, router: sampled }).run();
const wallS = (performance.now() - t0) / 1000;
const metrics = 'metrics' in router ? (router as { metrics(): unknown }).metrics() : undefined;
console.log(JSON.stringify({
  search, nodes: net.nodeIds.length, shipments, od, wallS: +wallS.toFixed(2), setupS: +((t1 - t0) / 1000).toFixed(2),
  shipmentsPerS: Math.round(r.summary.shipments.created / wallS), created: r.summary.shipments.created, delivered: r.summary.shipments.delivered,
  reroutes: r.summary.reroutes, replansAvoided: r.summary.replansAvoided, routeCache: r.stats.routeCache, metrics,
  routerCalls: calls, memoryAtPeak: mem, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
