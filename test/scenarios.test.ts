// The shipped scenarios load, keep every shipment accounted for, and tell the story of the three
// phases of spring 2022: April (relay, scarce passes) relays more and is slower than March; May
// (national passes, wide white lists) stops the lines less than April. Runs are 2 days long and the
// comparisons average three seeds, so the test is quick and not at the mercy of one draw.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';

const DIR = join(import.meta.dirname, '..', 'scenarios');
const SHIPPED = readdirSync(DIR).filter((f) => f.endsWith('.json') && f.startsWith('yrd-'));
const SEEDS = [1, 2, 3];
const SHORT = ['horizonMin=2880'];

type Summary = ReturnType<Simulation['run']>['summary'];
const run = (file: string, seed: number, sets = SHORT): Summary =>
  new Simulation(loadScenario(join(DIR, file), sets), { seed }).run().summary;
const lineStopMin = (s: Summary) => Object.values(s.factories).reduce((sum, f) => sum + f.lineStopMin, 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('shipped Yangtze River Delta scenarios', () => {
  it('are the expected files (three phases, the default, its placement variant), and the default one is the April situation over 7 days', () => {
    expect(SHIPPED.sort()).toEqual(['yrd-2022-april.json', 'yrd-2022-march.json', 'yrd-2022-may.json', 'yrd-2022-placement.json', 'yrd-2022.json']);
    const def = loadScenario(join(DIR, 'yrd-2022.json'));
    const april = loadScenario(join(DIR, 'yrd-2022-april.json'));
    expect(def.horizonMin).toBe(10080);
    expect(def.name).toBe('yrd-2022');
    expect(def.zones.find((z) => z.id === 'shanghai')!.controls).toEqual(april.zones.find((z) => z.id === 'shanghai')!.controls);
    expect(def.demand).toEqual(april.demand);
  });

  for (const file of SHIPPED) {
    it(`${file}: loads, has 4 stations, >= 6 checkpoints, and conserves shipments`, () => {
      const s = loadScenario(join(DIR, file), SHORT);
      expect(s.stations).toHaveLength(4);
      expect(s.checkpoints.length).toBeGreaterThanOrEqual(6);
      expect(s.network.nodes.length).toBeGreaterThanOrEqual(150);
      const sum = run(file, 1);
      const sh = sum.shipments;
      expect(sh.created).toBeGreaterThan(100);
      expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
      expect(sh.failed).toBe(0);
      for (const cp of Object.values(sum.checkpoints)) expect(cp.utilization).toBeLessThan(0.9);
    });
  }

  const phases = Object.fromEntries(['march', 'april', 'may'].map((p) => [p, SEEDS.map((seed) => run(`yrd-2022-${p}.json`, seed))]));
  const avg = (p: string, f: (s: Summary) => number) => mean(phases[p].map(f));

  it('April relays more shipments than March', () => {
    expect(avg('april', (s) => s.shipments.relayed)).toBeGreaterThan(avg('march', (s) => s.shipments.relayed) + 50);
  });
  it('April has a longer mean lead time than March', () => {
    expect(avg('april', (s) => s.leadTimeMin.mean)).toBeGreaterThan(1.2 * avg('march', (s) => s.leadTimeMin.mean));
  });
  it('May stops the lines for fewer minutes than April', () => {
    const april = avg('april', lineStopMin);
    expect(april).toBeGreaterThan(60);
    expect(avg('may', lineStopMin)).toBeLessThan(april);
  });
  it('May relays fewer shipments than April (more passes), but still some (Shanghai still relays)', () => {
    const may = avg('may', (s) => s.shipments.relayed);
    expect(may).toBeLessThan(avg('april', (s) => s.shipments.relayed));
    expect(may).toBeGreaterThan(0);
  });
});
