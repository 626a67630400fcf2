// One scale run with hourly closures, for profiling the case the 100k shipments/s target is about:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/scale-profile.ts [NODES=1e4] [OD=1e4]
//   npx tsx bench/profile-summary.ts /tmp/prof/<largest>.cpuprofile
import { roadGraphScenario } from './graphs.js';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
const nodes = Number(process.argv[2] ?? 1e4), od = Number(process.argv[3] ?? 1e4), shipments = 1e5, lph = 6000;
const raw = roadGraphScenario({ nodes, seed: 1, odPairs: od, loadsPerHour: lph, horizonMin: (shipments / lph) * 60, closures: { edges: Math.max(5, Math.round(nodes / 500)), periodMin: 60 }, name: 'scale' });
const s = validateScenario({ ...raw, drainMin: 1440 }, 'gen');
const t0 = performance.now();
const r = new Simulation(s).run();
console.log(JSON.stringify({ wallS: (performance.now() - t0) / 1000, created: r.summary.shipments.created, reroutes: r.summary.reroutes, cache: r.stats.routeCache }));
