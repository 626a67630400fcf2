// Statistics snapshots merge (counts add, maxima take the larger, lead times pool), and the Boundary
// seam hands a truck off when it reaches a node its part does not own.
import { describe, expect, it } from 'vitest';
import { mergeRunStats } from '../src/metrics/snapshots.js';
import { buildSummary } from '../src/metrics/summary.js';
import { Simulation, type ShipmentRow } from '../src/model/simulation.js';
import { loadScenario } from '../src/scenario/load.js';

const MIXED = 'test/fixtures/golden/mixed/scenario.json';

describe('mergeRunStats()', () => {
  it('combines two runs: counts add, maxima are the larger, lead times pool', () => {
    const s = loadScenario(MIXED);
    const a = new Simulation(s, { seed: 1 }).run(), b = new Simulation(s, { seed: 2 }).run();
    const m = mergeRunStats(a.stats, b.stats);
    expect(m.counts.created).toBe(a.stats.counts.created + b.stats.counts.created);
    expect(m.counts.delivered).toBe(a.summary.shipments.delivered + b.summary.shipments.delivered);
    expect(m.events).toBe(a.summary.events + b.summary.events);
    expect(m.leadTimes.size).toBe(a.summary.leadTimeMin.n + b.summary.leadTimeMin.n);
    const cp = 'g-check';
    expect(m.checkpoints[cp].served).toBe(a.summary.checkpoints[cp].served + b.summary.checkpoints[cp].served);
    expect(m.checkpoints[cp].maxQueue).toBe(Math.max(a.summary.checkpoints[cp].maxQueue, b.summary.checkpoints[cp].maxQueue));
    expect(m.stations.st.transfers).toBe(a.summary.stations.st.transfers + b.summary.stations.st.transfers);
    const pooled = buildSummary({ scenario: s, seed: 0, endMin: s.horizonMin + s.drainMin, stats: m, wallMs: 0 });
    // The pooled mean lead time is the delivered-weighted mean of the two.
    const w = (x: typeof a) => x.summary.leadTimeMin.mean * x.summary.leadTimeMin.n;
    expect(pooled.leadTimeMin.mean).toBeCloseTo((w(a) + w(b)) / (a.summary.leadTimeMin.n + b.summary.leadTimeMin.n), 4);
    expect(pooled.leadTimeMin.max).toBe(Math.max(a.summary.leadTimeMin.max, b.summary.leadTimeMin.max));
    // Merging with itself doubles counts and keeps the summary's rates.
    const twice = buildSummary({ scenario: s, seed: 1, endMin: s.horizonMin + s.drainMin, stats: mergeRunStats(a.stats, a.stats), wallMs: 0 });
    expect(twice.checkpoints[cp].meanWaitMin).toBe(a.summary.checkpoints[cp].meanWaitMin);
    expect(twice.leadTimeMin.mean).toBeCloseTo(a.summary.leadTimeMin.mean, 5);
    expect(twice.leadTimeMin.n).toBe(2 * a.summary.leadTimeMin.n);
  });
});

describe('Boundary', () => {
  it('a part that does not own the destination is told when each truck enters the last road to it', () => {
    const s = loadScenario('test/fixtures/golden/closures-replan/scenario.json');
    const rows: ShipmentRow[] = [];
    const whole = new Simulation(s, { onShipment: (r) => rows.push(r) }).run();
    const d = s.network.nodes.findIndex((n) => n.id === 'd');
    const handed: number[] = [];
    // Without a partitioned run around it (src/partition/) nobody takes the truck: it drives on as before.
    const part = new Simulation(s, { boundary: { split: true, owns: (node) => node !== d, handoff: (_truck, t) => { handed.push(t); } } }).run();
    const deliveredAtD = rows.filter((r) => r.to === 'd' && r.status === 'delivered').map((r) => r.deliveredMin!).sort((x, y) => x - y);
    expect(deliveredAtD.length).toBeGreaterThan(10);
    expect(handed.length).toBeGreaterThanOrEqual(deliveredAtD.length);
    const shortest = Math.min(...[...whole.network.edgeTo].flatMap((v, e) => (v === d ? [whole.network.edgeMin[e]] : [])));
    // Each delivery at d was announced at least the shortest road into d earlier.
    for (const t of deliveredAtD) expect(handed.some((h) => h <= t - shortest + 1e-9)).toBe(true);
    expect(part.summary.shipments).toEqual(whole.summary.shipments);
  });
});
