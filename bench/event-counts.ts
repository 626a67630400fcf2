// The event counts of the benchmark cases, committed in bench/event-counts.json and checked by
// test/bench-counts.test.ts: a change that alters what a benchmark simulates (an event more or less, a
// shipment created at another time) shows as a changed count, before any timing is compared.
// `REGEN=1 npx vitest run test/bench-counts.test.ts` rewrites the file; the diff is the record.
import { loadScenario, validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import type { Summary } from '../src/metrics/summary.js';
import { roadGraphScenario } from './graphs.js';
import { MMC } from './engine.js';

export type Counts = Record<string, Record<string, number>>;

const engineCase = (shipments: number): Summary =>
  new Simulation(loadScenario('scenarios/reference/mmc.json', [`horizonMin=${shipments / MMC.lam}`]), { seed: 1 }).run().summary;

/** The engine reference at 1e5 and 1e6 shipments, the YRD run of the routing case, and the smallest scale case with closures. */
export function eventCounts(): Counts {
  const out: Counts = {};
  for (const n of [1e5, 1e6]) {
    const s = engineCase(n);
    out[`engine/mmc/${n.toExponential().replace('+', '')}`] = { created: s.shipments.created, delivered: s.shipments.delivered, events: s.events };
  }
  const yrd = new Simulation(loadScenario('scenarios/yrd-2022.json'), { seed: 1 }).run();
  out['routing/yrd/sim-route-cache'] = { lookups: yrd.stats.routeCache.lookups, hits: yrd.stats.routeCache.hits, events: yrd.summary.events };
  // bench/scale.ts scenarioFor({ nodes: 1e3, odPairs: 100, closures: true, shipments: 2e4 }).
  const raw = roadGraphScenario({ nodes: 1000, seed: 1, odPairs: 100, loadsPerHour: 6000, horizonMin: (2e4 / 6000) * 60, closures: { edges: 5, periodMin: 60 }, name: 'scale' });
  const sc = new Simulation(validateScenario({ ...raw, drainMin: 24 * 60 }, 'generated'), { seed: 1 }).run().summary;
  out['scale/n1e3/od100/hourly-closures/s2e4'] = { created: sc.shipments.created, delivered: sc.shipments.delivered, events: sc.events, reroutes: sc.reroutes };
  return out;
}
