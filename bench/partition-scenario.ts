// The partition benchmark's scenario (bench/partition.ts), also used by test/partition.test.ts at a
// size the tests can afford: a generated road-like network with hourly closures and a relay zone.
import { validateScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { roadGraphScenario } from './graphs.js';

const LOADS_PER_HOUR = 6000;

/** A generated road-like network with hourly closures, and a relay zone (the south-west quarter) with two stations. */
export function partitionScenario(nodes: number, shipments: number, odPairs = Number(process.env.PARTITION_OD ?? 1000)): Scenario {
  const horizonMin = (shipments / LOADS_PER_HOUR) * 60;
  const raw = roadGraphScenario({ nodes, seed: 1, odPairs, loadsPerHour: LOADS_PER_HOUR, horizonMin, closures: { edges: Math.max(5, Math.round(nodes / 500)), periodMin: 60 }, name: 'partition' });
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
