// Priority classes at a checkpoint: the non-preemptive M/M/1 priority formula, reserved (green-channel)
// lanes, and the queue discipline itself read from the trace.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation, type ShipmentRow, type TraceEvent } from '../src/model/simulation.js';
import type { Summary } from '../src/metrics/summary.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const SEEDS = [1, 2, 3, 4];

function runSeeds(raw: unknown, seeds: number[]): Summary[] {
  const scenario = validateScenario(raw, 'priority');
  return seeds.map((seed) => new Simulation(scenario, { seed }).run().summary);
}
const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const conserved = (s: Summary) => s.shipments.created === s.shipments.delivered + s.shipments.inSystem + s.shipments.failed;

/** Non-preemptive priority M/M/1 (Cobham): class k (1 = highest) waits W0 / ((1 - sigma_{k-1})(1 - sigma_k)). */
function priorityWaits(lambdas: number[], mu: number): number[] {
  const w0 = lambdas.reduce((a, l) => a + l * (2 / (mu * mu)), 0) / 2; // E[S^2] = 2 / mu^2 for exponential service
  let sigma = 0;
  return lambdas.map((l) => { const before = sigma; sigma += l / mu; return w0 / ((1 - before) * (1 - sigma)); });
}

describe('two classes at one lane (priority-mm1.json)', () => {
  const raw = fixture('priority-mm1.json'), expected = fixture('priority-mm1.expected.json');
  const lambdas = [raw.demand[0].loadsPerHour / 60, raw.demand[1].loadsPerHour / 60];
  const [wHigh, wLow] = priorityWaits(lambdas, 1);
  let runs: Summary[] = [];
  beforeAll(() => { runs = runSeeds(raw, SEEDS); }, 120_000);

  it('the expected file agrees with the formula', () => {
    const e = expected.checkpoints.gate;
    expect(e.meanWaitByClassMin.whitelist).toBeCloseTo(wHigh, 5);
    expect(e.meanWaitByClassMin.normal).toBeCloseTo(wLow, 5);
    // Kleinrock's conservation law: the class mix waits as long as FIFO M/M/1 does.
    expect(0.3 * wHigh + 0.7 * wLow).toBeCloseTo(0.7 / 0.3, 9);
  });

  it('white-listed and normal waits are within 5 % of W0 / ((1 - sigma_{k-1})(1 - sigma_k))', () => {
    const high = avg(runs.map((s) => s.checkpoints.gate.meanWaitByClassMin.whitelist));
    const low = avg(runs.map((s) => s.checkpoints.gate.meanWaitByClassMin.normal));
    expect(Math.abs(high / wHigh - 1)).toBeLessThan(expected.tolerance);
    expect(Math.abs(low / wLow - 1)).toBeLessThan(expected.tolerance);
    // The overall mean is the served-weighted class mean, and near the FIFO M/M/1 value.
    for (const s of runs) {
      const c = s.checkpoints.gate;
      const mix = (c.meanWaitByClassMin.whitelist * c.servedByClass.whitelist + c.meanWaitByClassMin.normal * c.servedByClass.normal) / c.served;
      expect(c.meanWaitMin).toBeCloseTo(mix, 4);
      expect(c.servedByClass.whitelist + c.servedByClass.normal).toBe(c.served);
    }
    expect(Math.abs(avg(runs.map((s) => s.checkpoints.gate.meanWaitMin)) / expected.checkpoints.gate.meanWaitMin - 1)).toBeLessThan(0.05);
  });

  it('whitelist share of service is 30 % and utilization is rho', () => {
    for (const s of runs) {
      const c = s.checkpoints.gate;
      expect(Math.abs(c.servedByClass.whitelist / c.served - 0.3)).toBeLessThan(0.01);
      expect(Math.abs(c.utilization / 0.7 - 1)).toBeLessThan(0.02);
      expect(conserved(s)).toBe(true);
    }
  });
});

describe('a reserved lane (reserved-lane.json)', () => {
  const raw = fixture('reserved-lane.json'), expected = fixture('reserved-lane.expected.json');
  let runs: Summary[] = [];
  beforeAll(() => { runs = runSeeds(raw, SEEDS); }, 120_000);

  it('normal trucks see M/M/1 waits: they never use the reserved lane', () => {
    const w = avg(runs.map((s) => s.checkpoints.gate.meanWaitByClassMin.normal));
    expect(Math.abs(w / expected.checkpoints.gate.meanWaitByClassMin.normal - 1)).toBeLessThan(expected.tolerance);
    expect(Math.abs(avg(runs.map((s) => s.checkpoints.gate.utilization)) / expected.checkpoints.gate.utilization - 1)).toBeLessThan(0.02);
    for (const s of runs) {
      expect(s.checkpoints.gate.servedByClass.whitelist).toBe(0);
      expect(s.checkpoints.gate.meanWaitByClassMin.whitelist).toBe(0);
      expect(conserved(s)).toBe(true);
    }
  });
});

interface Visit { id: number; high: boolean; queued: number; start: number; done: number }

/** Checkpoint visits of a short traced run, with each shipment's class from shipments rows. */
function traceVisits(raw: unknown, seed: number): { visits: Visit[]; summary: Summary } {
  const events: TraceEvent[] = [], rows: ShipmentRow[] = [];
  const scenario = validateScenario(raw, 'priority-trace');
  const { summary } = new Simulation(scenario, { seed, trace: (e) => events.push(e), onShipment: (r) => rows.push(r) }).run();
  const high = new Map(rows.map((r) => [r.id, r.priority === 'whitelist']));
  const byTruck = new Map<number, Partial<Visit>>();
  for (const e of events) {
    if (typeof e.truck !== 'number') continue;
    const v = byTruck.get(e.truck) ?? { id: e.truck, high: high.get(e.truck)! };
    if (e.event === 'checkpoint-queue') v.queued = e.t;
    if (e.event === 'checkpoint-start') v.start = e.t;
    if (e.event === 'checkpoint-done') v.done = e.t;
    byTruck.set(e.truck, v);
  }
  const visits = [...byTruck.values()].filter((v): v is Visit => v.done !== undefined);
  expect(rows.length).toBe(summary.shipments.created);
  return { visits, summary };
}

/** Most visits in service at once among those that pass `keep`. */
function maxInService(visits: Visit[], keep: (v: Visit) => boolean): number {
  const marks = visits.filter(keep).flatMap((v) => [[v.start, 1], [v.done, -1]] as const);
  marks.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // a lane freed at t is free for a start at t
  let now = 0, most = 0;
  for (const [, d] of marks) { now += d; most = Math.max(most, now); }
  return most;
}

describe('queue discipline, read from the trace', () => {
  it('one lane: non-preemptive, white-listed first, FIFO within a class', () => {
    const raw = fixture('priority-mm1.json');
    raw.horizonMin = 3000;
    raw.warmupMin = 0;
    const { visits, summary } = traceVisits(raw, 7);
    expect(visits.length).toBeGreaterThan(1500);
    expect(maxInService(visits, () => true)).toBe(1); // never two in service: no preemption
    const waited = visits.filter((v) => v.start > v.queued);
    expect(waited.length).toBeGreaterThan(500);
    for (const v of visits) {
      // Whenever a truck starts, no white-listed truck that queued earlier is still waiting if it is normal.
      if (!v.high) expect(visits.some((w) => w.high && w.queued < v.start && w.start > v.start)).toBe(false);
    }
    for (const high of [true, false]) {
      const cls = visits.filter((v) => v.high === high).sort((a, b) => a.queued - b.queued || a.id - b.id);
      for (let i = 1; i < cls.length; i++) expect(cls[i].start).toBeGreaterThanOrEqual(cls[i - 1].start);
    }
    expect(summary.checkpoints.gate.meanWaitByClassMin.normal).toBeGreaterThan(summary.checkpoints.gate.meanWaitByClassMin.whitelist);
  });

  it('two lanes, one reserved: normal trucks never hold two lanes, white-listed ones use both', () => {
    const raw = fixture('reserved-lane.json');
    raw.horizonMin = 3000;
    raw.warmupMin = 0;
    raw.demand.push({ id: 'green', from: 'origin', to: 'dest', loadsPerHour: 30, priority: 'whitelist' });
    const { visits } = traceVisits(raw, 3);
    expect(maxInService(visits, (v) => !v.high)).toBe(1);
    expect(maxInService(visits, (v) => v.high)).toBe(2);
    expect(maxInService(visits, () => true)).toBe(2);
    // Normal trucks queue while the reserved lane stands idle: some normal truck waits while only one is in service.
    const busyAt = (t: number) => visits.filter((v) => v.start <= t && t < v.done).length;
    expect(visits.some((v) => !v.high && v.start > v.queued && busyAt((v.queued + v.start) / 2) === 1)).toBe(true);
  });
});
