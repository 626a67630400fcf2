// The reference checkpoint and station against queueing theory (Erlang C), over long horizons and a few seeds.
// The checkpoint is M/M/c; its departures are Poisson (Burke's theorem) and the travel to the station is
// fixed, so the station's docks are M/M/c too.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import type { Summary } from '../src/metrics/summary.js';

const REFERENCE = JSON.parse(readFileSync(new URL('../scenarios/reference/mmc.json', import.meta.url), 'utf8'));

/** Erlang C mean wait in queue for M/M/c: arrival rate lambda, service rate mu (per minute). */
function erlangCWq(c: number, lambda: number, mu: number): number {
  const a = lambda / mu, rho = a / c;
  if (rho >= 1) return Infinity;
  let term = 1, sum = 0;
  for (let k = 0; k < c; k++) { sum += term; term *= a / (k + 1); } // term ends as a^c / c!
  const top = term / (1 - rho);
  return top / (sum + top) / (c * mu - lambda);
}

describe('erlangCWq() (the test\'s own formula)', () => {
  it('gives the textbook values', () => {
    expect(erlangCWq(1, 0.7, 1)).toBeCloseTo(0.7 / 0.3, 12); // M/M/1: rho / (mu - lambda)
    expect(erlangCWq(2, 1.6, 1)).toBeCloseTo(0.64 / (1 - 0.64) / 1, 12); // M/M/2: rho^2 / (mu (1 - rho^2))
    expect(erlangCWq(4, 3.4, 1)).toBeCloseTo(1.14886, 5); // the reference scenario (shared/peers/RESULTS.md)
  });
});

interface Setting { name: string; lanes: number; perHour: number; seeds: number[]; horizonMin: number }

const settings: Setting[] = [
  // ~4e6 trucks: the relative standard error of the averaged wait is ~0.8 %, so 3 % is ~3.5 of them.
  { name: 'M/M/4 at rho 0.85 (as shipped)', lanes: 4, perHour: 204, seeds: [1, 2, 3, 4, 5, 6], horizonMin: 200_000 },
  { name: 'M/M/2 at rho 0.8', lanes: 2, perHour: 96, seeds: [1, 2, 3, 4], horizonMin: 300_000 },
  { name: 'M/M/1 at rho 0.7', lanes: 1, perHour: 42, seeds: [1, 2, 3, 4, 5, 6], horizonMin: 400_000 },
];

describe.each(settings)('reference scenario, $name', ({ lanes, perHour, seeds, horizonMin }) => {
  const raw = structuredClone(REFERENCE);
  raw.horizonMin = horizonMin;
  raw.checkpoints[0].lanes = lanes;
  raw.stations[0].docks = lanes;
  raw.demand[0].loadsPerHour = perHour;
  const scenario = validateScenario(raw, 'erlang-c');
  const lambda = perHour / 60, mu = 1, rho = lambda / (lanes * mu);
  const wq = erlangCWq(lanes, lambda, mu);
  let summaries: Summary[] = [];
  beforeAll(() => { summaries = seeds.map((seed) => new Simulation(scenario, { seed }).run().summary); }, 180_000);
  const mean = (f: (s: Summary) => number) => summaries.reduce((a, s) => a + f(s), 0) / summaries.length;

  it('checkpoint mean wait is within 3 % of Erlang C', () => {
    const w = mean((s) => s.checkpoints.gate.meanWaitMin);
    expect(Math.abs(w / wq - 1)).toBeLessThan(0.03);
    // Every seed gives its own number: the seeds are not ignored.
    expect(new Set(summaries.map((s) => s.checkpoints.gate.meanWaitMin)).size).toBe(seeds.length);
  });

  it('station dock wait is within 3 % of Erlang C (Poisson departures, fixed travel)', () => {
    const w = mean((s) => s.stations.station.meanWaitMin);
    expect(Math.abs(w / wq - 1)).toBeLessThan(0.03);
  });

  it('checkpoint and dock utilization are rho within 1 %', () => {
    expect(Math.abs(mean((s) => s.checkpoints.gate.utilization) / rho - 1)).toBeLessThan(0.01);
    expect(Math.abs(mean((s) => s.stations.station.utilization) / rho - 1)).toBeLessThan(0.01);
  });

  it('serves about lambda x measured time trucks, every one relayed, and conserves shipments', () => {
    for (const s of summaries) {
      const expected = lambda * (horizonMin - raw.warmupMin);
      expect(Math.abs(s.checkpoints.gate.served / expected - 1)).toBeLessThan(0.01);
      const sh = s.shipments;
      expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
      expect(sh.failed).toBe(0);
      expect(sh.relayed).toBeGreaterThanOrEqual(sh.delivered); // passShare 0 under relay: every delivered load was relayed
      expect(sh.inSystem).toBeLessThan(200); // only what is still queued or on the road at the end
    }
  });
});
