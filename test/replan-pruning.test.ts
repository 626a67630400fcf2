// Re-plan pruning (src/model/replan-bound.ts) only skips searches: shipments.csv is byte-identical with
// it on and off, on the closure fixtures, the YRD scenario and a road-like graph with hourly closures
// (with A* and with the contraction hierarchy as the router),
// and on the ones where closures end under trucks that planned around them, it does skip some.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario, validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import { shipmentsCsv } from '../src/metrics/shipments-csv.js';
import type { Scenario } from '../src/scenario/types.js';
import { roadGraphScenario } from '../bench/graphs.js';
import { buildNetwork } from '../src/network/build.js';
import { createRouter } from '../src/network/router.js';

const dir = mkdtempSync(join(tmpdir(), 'relaysim-prune-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

let files = 0;
function csvOf(scenario: Scenario, seed: number, replanPruning: boolean, search?: 'cch') {
  const file = join(dir, `shipments-${files++}.csv`);
  const out = shipmentsCsv(file);
  // A router of its own per run: the hierarchy's metrics are per router, so nothing is shared.
  const network = search ? buildNetwork(scenario) : undefined;
  const router = network ? createRouter(network, { search }) : undefined;
  const { summary } = new Simulation(scenario, { seed, replanPruning, onShipment: out.onShipment, network, router }).run();
  out.writer.commit();
  return { csv: readFileSync(file, 'utf8'), summary };
}

const detourNode = () => { const raw = fixture('detour.json'); raw.closures = [{ node: 'x', fromMin: 300, toMin: 600 }]; return raw; };
// Hourly closures on a 900-node road-like graph: trucks detour and the closures end under them.
const road = () => roadGraphScenario({ nodes: 900, seed: 3, odPairs: 60, loadsPerHour: 1200, horizonMin: 600, closures: { edges: 12, periodMin: 60 } });

describe.each([
  { name: 'detour.json', raw: () => fixture('detour.json'), seed: 1, avoids: false },
  { name: 'detour.json, node closure', raw: detourNode, seed: 2, avoids: false },
  { name: 'disconnect.json', raw: () => fixture('disconnect.json'), seed: 1, avoids: false },
  { name: 'mixed.json', raw: () => fixture('mixed.json'), seed: 7, avoids: false },
  { name: 'road-like 900 nodes, hourly closures', raw: () => ({ ...road(), drainMin: 600 }), seed: 1, avoids: true },
  { name: 'road-like 900 nodes, hourly closures, hierarchy router', raw: () => ({ ...road(), drainMin: 600 }), seed: 1, avoids: true, search: 'cch' as const },
  { name: 'detour.json, hierarchy router', raw: () => fixture('detour.json'), seed: 1, avoids: false, search: 'cch' as const },
])('$name', ({ raw, seed, avoids, search }) => {
  const scenario = validateScenario(raw(), 'pruning');
  const on = csvOf(scenario, seed, true, search), off = csvOf(scenario, seed, false, search);

  it('shipments.csv is identical with pruning on and off', () => {
    expect(on.csv.split('\n').length).toBeGreaterThan(50);
    expect(on.csv).toBe(off.csv);
    expect(on.summary.shipments).toEqual(off.summary.shipments);
    expect(on.summary.truckKm).toBe(off.summary.truckKm);
  });

  it('re-plans skipped are re-plans the unpruned run made, and counted', () => {
    expect(off.summary.replansAvoided).toBe(0);
    expect(on.summary.reroutes).toBeLessThanOrEqual(off.summary.reroutes);
    expect(on.summary.reroutes + on.summary.replansAvoided).toBeGreaterThanOrEqual(off.summary.reroutes);
    if (avoids) expect(on.summary.replansAvoided).toBeGreaterThan(10);
  });
});

describe('YRD scenario (zones, relays, closures)', () => {
  it('shipments.csv is identical with pruning on and off', () => {
    const s = loadScenario('scenarios/yrd-2022.json');
    const short = { ...s, horizonMin: Math.min(s.horizonMin, 3 * 1440) };
    const on = csvOf(short, 1, true), off = csvOf(short, 1, false);
    expect(on.summary.shipments.created).toBeGreaterThan(1000);
    expect(on.csv).toBe(off.csv);
  });
});
