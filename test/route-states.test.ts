import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';

// A ladder: two parallel roads a-b-c and a-d-c; the top one is shorter and closes every other hour.
function ladder(windows: number) {
  const closures = Array.from({ length: windows }, (_, h) => ({ edge: ['a', 'b'], fromMin: 120 * h + 60, toMin: 120 * h + 120 }));
  return validateScenario({
    name: 'ladder', horizonMin: 120 * windows, seed: 3,
    network: {
      nodes: [{ id: 'a', lon: 0, lat: 0 }, { id: 'b', lon: 0.1, lat: 0 }, { id: 'c', lon: 0.2, lat: 0 }, { id: 'd', lon: 0.1, lat: -0.05 }],
      edges: [
        { from: 'a', to: 'b', km: 10, speedKmh: 60 }, { from: 'b', to: 'c', km: 10, speedKmh: 60 },
        { from: 'a', to: 'd', km: 15, speedKmh: 60 }, { from: 'd', to: 'c', km: 15, speedKmh: 60 },
      ],
    },
    closures,
    demand: [{ id: 'ac', from: 'a', to: 'c', loadsPerHour: 30 }, { id: 'bc', from: 'b', to: 'c', loadsPerHour: 5 }],
  }, 'ladder');
}

describe('routing states', () => {
  it('names a state by what is closed, so an hourly closure finds its routes again', () => {
    const searches = (windows: number) => {
      const { summary, stats } = new Simulation(ladder(windows)).run();
      const sh = summary.shipments;
      expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
      return { misses: stats.routeCache.lookups - stats.routeCache.hits, lookups: stats.routeCache.lookups };
    };
    const two = searches(2), many = searches(24);
    expect(many.lookups).toBeGreaterThan(5 * two.lookups);
    // Searches are per distinct (state, from, to), not per window: the same handful either way.
    expect(many.misses).toBe(two.misses);
    expect(many.misses).toBeLessThanOrEqual(6);
  });

  it('takes the detour while closed and the short road otherwise', () => {
    const trace: { t: number; event: string; from?: unknown; to?: unknown }[] = [];
    new Simulation(ladder(3), { trace: (e) => trace.push(e) }).run();
    const entered = trace.filter((e) => e.event === 'enter-edge' && e.from === 'a');
    const closed = (t: number) => t % 120 >= 60;
    expect(entered.filter((e) => e.to === 'b' && closed(e.t))).toEqual([]);
    expect(entered.filter((e) => e.to === 'd' && closed(e.t)).length).toBeGreaterThan(10);
    expect(entered.filter((e) => e.to === 'd' && !closed(e.t))).toEqual([]);
  });
});
