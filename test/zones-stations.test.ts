// Zone rules, transfer stations and factories on small hand-built networks with hand-computed outcomes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation, type ShipmentRow, type TraceEvent } from '../src/model/simulation.js';
import type { Summary } from '../src/metrics/summary.js';
import type { Series } from '../src/metrics/series.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const EXP = fixture('relay-zone.expected.json');

function run(raw: unknown, seed = 1): { summary: Summary; rows: ShipmentRow[]; series: Series } {
  const rows: ShipmentRow[] = [];
  const { summary, series } = new Simulation(validateScenario(raw, 'zones'), { seed, onShipment: (r) => rows.push(r) }).run();
  const sh = summary.shipments;
  expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
  expect(rows.length).toBe(sh.created);
  return { summary, rows, series };
}

const gateCheckpoint = { id: 'g-check', node: 'g', lanes: 1, serviceMin: { dist: 'const', value: 0 }, requirePass: true };

describe('relay zone with a station (relay-zone.json)', () => {
  it('passShare 0: every load relays at the station, transfers and local trips counted, lead = 55 min', () => {
    const { summary, rows } = run(fixture('relay-zone.json'));
    const sh = summary.shipments, st = summary.stations.st;
    expect(sh.created).toBeGreaterThan(200);
    expect(sh.delivered).toBe(sh.created);
    expect(sh.relayed).toBe(sh.created);
    expect(st.transfers).toBe(sh.created);
    expect(st.localTrips).toBe(sh.created);
    expect(st.arrivals).toBe(sh.created);
    expect(st.meanWaitMin).toBe(0);
    expect(st.maxStorage).toBeGreaterThanOrEqual(1);
    for (const r of rows) {
      expect(r.station).toBe('st');
      expect(r.pass).toBe(false);
      expect(r.leadTimeMin).toBeCloseTo(EXP.variants['relay, passShare 0'].leadTimeMin, 3);
    }
    expect(summary.leadTimeMin.max).toBeCloseTo(EXP.relayMin, 4);
    // Local trucks: each trip is 5 min out and 5 back, so busy 10 min a load, out of 50 trucks.
    expect(st.localUtilization).toBeCloseTo((10 * sh.created) / (50 * (3000 + 300)), 3);
  });

  it('passShare 1: nobody relays; trucks drive straight through the zone in 22 min', () => {
    const raw = fixture('relay-zone.json');
    raw.demand[0].passShare = 1;
    const { summary, rows } = run(raw);
    expect(summary.shipments.relayed).toBe(0);
    expect(summary.stations.st.transfers).toBe(0);
    expect(summary.stations.st.localTrips).toBe(0);
    expect(summary.shipments.delivered).toBe(summary.shipments.created);
    for (const r of rows) expect(r.leadTimeMin).toBeCloseTo(EXP.directMin, 3);
  });

  it('passShare 0.5: the trucks without a pass, and only they, relay', () => {
    const raw = fixture('relay-zone.json');
    raw.demand[0].passShare = 0.5;
    const { summary, rows } = run(raw, 4);
    const noPass = rows.filter((r) => !r.pass);
    expect(noPass.length).toBeGreaterThan(0.4 * rows.length);
    expect(noPass.length).toBeLessThan(0.6 * rows.length);
    expect(summary.shipments.relayed).toBe(noPass.length);
    for (const r of rows) {
      expect(r.station).toBe(r.pass ? '' : 'st');
      expect(r.leadTimeMin).toBeCloseTo(r.pass ? EXP.directMin : EXP.relayMin, 3);
    }
  });

  it('sealed: every load relays, passes or not', () => {
    const raw = fixture('relay-zone.json');
    raw.zones[0].controls = [{ fromMin: 0, toMin: 1000000, rule: 'sealed' }];
    raw.demand[0].passShare = 1;
    const { summary, rows } = run(raw);
    expect(summary.shipments.relayed).toBe(summary.shipments.created);
    expect(summary.stations.st.transfers).toBe(summary.shipments.created);
    for (const r of rows) expect(r.leadTimeMin).toBeCloseTo(EXP.variants['sealed, passShare 1'].leadTimeMin, 3);
  });

  it('a relay window: loads created while it holds relay, the others drive through', () => {
    const raw = fixture('relay-zone.json');
    raw.zones[0].controls = [{ fromMin: 1000, toMin: 2000, rule: 'relay' }];
    const { rows } = run(raw, 6); // seed 6 creates trucks in both boundary stretches
    // A truck plans at creation and again at its next node after a change: one on o-g when the window
    // opens (created in (990, 1000)) turns to the station at g; one past g drives on. One on o-g when
    // it closes (created in (1990, 2000)) drives straight in from g; one on g-s arrives and relays.
    for (const r of rows) {
      if (r.createdMin > 990 && r.createdMin < 1990) expect(r.leadTimeMin).toBeCloseTo(EXP.relayMin, 3);
      if (r.createdMin < 990 || r.createdMin > 1990) expect(r.leadTimeMin).toBeCloseTo(EXP.directMin, 3);
    }
    for (const [a, b] of [[990, 1000], [1990, 2000]]) expect(rows.some((r) => r.createdMin > a && r.createdMin < b)).toBe(true);
  });
});

describe('zones without a station, and local trucks', () => {
  it.each(['relay', 'sealed'])('a %s zone with no station fails its loads with zone-<rule>-no-station', (rule) => {
    const raw = fixture('relay-zone.json');
    raw.zones[0].controls = [{ fromMin: 0, toMin: 1000000, rule }];
    raw.stations = [];
    const { summary, rows } = run(raw);
    expect(summary.shipments.created).toBeGreaterThan(200);
    expect(summary.shipments.failedByReason).toEqual({ [`zone-${rule}-no-station`]: summary.shipments.created });
    expect(rows.every((r) => r.status === 'failed' && r.reason === `zone-${rule}-no-station`)).toBe(true);
  });

  it('local trucks do not queue at checkpoints on their way; long-haul trucks do', () => {
    const raw = fixture('relay-zone.json');
    // A checkpoint at d itself, which local trucks reach: 10-min checks would show in the lead time.
    raw.checkpoints = [{ id: 'd-check', node: 'd', lanes: 50, serviceMin: { dist: 'const', value: 10 } }];
    raw.demand[0].passShare = 0.5;
    const events: TraceEvent[] = [];
    const rows: ShipmentRow[] = [];
    const { summary } = new Simulation(validateScenario(raw, 'local'), { seed: 1, trace: (e) => events.push(e), onShipment: (r) => rows.push(r) }).run();
    const withPass = rows.filter((r) => r.pass);
    expect(withPass.length).toBeGreaterThan(50);
    expect(summary.checkpoints['d-check'].served).toBe(withPass.length);
    for (const r of rows) expect(r.leadTimeMin).toBeCloseTo(r.pass ? EXP.directMin + 10 : EXP.relayMin, 3);
    const locals = events.filter((e) => e.event === 'local-depart');
    expect(locals.length).toBe(rows.length - withPass.length);
    expect(locals.every((e) => typeof e.truck === 'string' && /^st\/\d+$/.test(e.truck))).toBe(true);
    expect(events.some((e) => typeof e.truck === 'string' && e.event.startsWith('checkpoint'))).toBe(false);
  });
});

describe('requirePass checkpoints', () => {
  it('turn back trucks without a pass (counted), which then relay at the destination zone\'s station', () => {
    const raw = fixture('relay-zone.json');
    raw.zones[0].controls = []; // the zone itself is open: only the checkpoint sends trucks to the station
    raw.checkpoints = [gateCheckpoint];
    raw.demand[0].passShare = 0.5;
    const { summary, rows } = run(raw, 2);
    const noPass = rows.filter((r) => !r.pass);
    expect(noPass.length).toBeGreaterThan(50);
    expect(summary.shipments.turnedBack).toBe(noPass.length);
    expect(summary.checkpoints['g-check'].turnedBack).toBe(noPass.length);
    expect(summary.shipments.relayed).toBe(noPass.length);
    expect(summary.stations.st.transfers).toBe(noPass.length);
    for (const r of rows) {
      expect(r.status).toBe('delivered');
      expect(r.station).toBe(r.pass ? '' : 'st');
      expect(r.leadTimeMin).toBeCloseTo(r.pass ? EXP.directMin : EXP.relayMin, 3);
    }
  });

  it('let trucks bound for a transfer station through: under relay, no-pass trucks relay without being turned back', () => {
    const raw = fixture('relay-zone.json');
    raw.checkpoints = [gateCheckpoint];
    const { summary, rows } = run(raw, 3);
    expect(summary.shipments.turnedBack).toBe(0);
    expect(summary.checkpoints['g-check'].served).toBe(summary.shipments.created);
    expect(summary.shipments.relayed).toBe(summary.shipments.created);
    for (const r of rows) expect(r.leadTimeMin).toBeCloseTo(EXP.relayMin, 3);
  });

  it('fail turned-back trucks with reason turned-back-no-station when no zone with a station is there', () => {
    const raw = fixture('relay-zone.json');
    raw.zones[0].controls = [];
    raw.checkpoints = [gateCheckpoint];
    raw.demand = [{ id: 'oe', from: 'o', to: 'e', loadsPerHour: 6, passShare: 0 }];
    const { summary, rows } = run(raw);
    expect(summary.shipments.created).toBeGreaterThan(200);
    expect(summary.shipments.failed).toBe(summary.shipments.created);
    expect(summary.shipments.failedByReason).toEqual({ 'turned-back-no-station': summary.shipments.created });
    expect(summary.shipments.turnedBack).toBe(summary.shipments.created);
    expect(rows.every((r) => r.status === 'failed' && r.reason === 'turned-back-no-station' && r.deliveredMin === null)).toBe(true);
  });
});

describe('station storage blocks the gate', () => {
  it('storage 1, one slow dock, one local truck: storage never above 1, a gate queue forms', () => {
    const raw = fixture('relay-zone.json');
    Object.assign(raw.stations[0], { storageLoads: 1, docks: 1, localTrucks: 1 });
    const { summary, series } = run(raw);
    const st = summary.stations.st;
    expect(st.maxStorage).toBe(1);
    expect(Math.max(...series.stations.st.storage)).toBe(1);
    expect(Math.max(...series.stations.st.gateQueue)).toBeGreaterThan(10);
    expect(st.maxQueue).toBeGreaterThan(10);
    expect(st.meanWaitMin).toBeGreaterThan(60);
    // One load at a time: a transfer (30 min) then the local truck's departure; at most one per 30 min.
    expect(st.transfers).toBeLessThanOrEqual(Math.ceil((3000 + 300) / 30));
    expect(st.transfers).toBeGreaterThan(Math.floor((3000 + 300) / 40) - 2); // the dock is never idle long
    expect(summary.shipments.inSystem).toBeGreaterThan(100); // 6 loads/h arrive, 2 an hour leave
  });
});

describe('waits as the trace shows them', () => {
  // meanWaitMin is "the time from joining the queue to starting service": the mean, over the loads that
  // started service, of (start - arrival). A short, overloaded run (one dock, 30-min transfers, 6 loads/h)
  // ends with a load in transfer, which tells whether both sums count the same loads.
  it.each([1, 2, 3])('seed %i: station and checkpoint meanWaitMin are the mean of (service start - arrival)', (seed) => {
    const raw = fixture('relay-zone.json');
    Object.assign(raw, { horizonMin: 300, drainMin: 0 });
    raw.stations[0].docks = 1;
    raw.checkpoints = [{ id: 'g-check', node: 'g', lanes: 1, serviceMin: { dist: 'exp', mean: 8 } }];
    const events: TraceEvent[] = [];
    const { summary } = new Simulation(validateScenario(raw, 'waits'), { seed, trace: (e) => events.push(e) }).run();
    const meanGap = (arrive: string, start: string) => {
      const at = new Map<unknown, number>(), gaps: number[] = [];
      for (const e of events) {
        if (e.event === arrive) at.set(e.truck, e.t);
        if (e.event === start) gaps.push(e.t - at.get(e.truck)!);
      }
      return gaps.reduce((a, b) => a + b, 0) / gaps.length;
    };
    expect(summary.checkpoints['g-check'].meanWaitMin).toBeCloseTo(meanGap('checkpoint-queue', 'checkpoint-start'), 5);
    expect(summary.stations.st.meanWaitMin).toBeCloseTo(meanGap('station-arrive', 'transfer-start'), 5);
  });
});

describe('factories', () => {
  it('factory-const.json: no deliveries, the line stops at minute 2 and stays stopped to the horizon', () => {
    const exp = fixture('factory-const.expected.json');
    const { summary, series } = run(fixture('factory-const.json'));
    expect(summary.shipments).toMatchObject(exp.shipments);
    expect(summary.factories.plant).toMatchObject(exp.factories.plant);
    expect(series.factories.plant.stock[0]).toBe(2);
    expect(series.factories.plant.stock.at(-1)).toBe(0);
  });

  it('deliveries at half the consumption: stop time is what the deliveries cannot cover', () => {
    const raw = fixture('factory-const.json');
    Object.assign(raw, { horizonMin: 20000, drainMin: 0 });
    raw.factories[0] = { id: 'plant', node: 'plant', consumesLoadsPerHour: 3, stockLoads: 5 };
    raw.demand[0].loadsPerHour = 1.5;
    const { summary } = run(raw);
    const f = summary.factories.plant, perMin = 3 / 60;
    expect(f.deliveries).toBe(summary.shipments.delivered);
    expect(f.deliveries).toBeGreaterThan(400);
    // Consumed = running time x rate = stock0 + deliveries - final stock (exact).
    expect(f.lineStopMin).toBeCloseTo(20000 - (5 + f.deliveries - f.finalStock) / perMin, 3);
    expect(f.lineStopMin / 20000).toBeGreaterThan(0.4);
    expect(f.lineStopMin / 20000).toBeLessThan(0.6);
    expect(f.minStock).toBe(0);
    expect(f.stops).toBeGreaterThan(10);
  });

  it('deliveries above consumption with a large stock: the line never stops', () => {
    const raw = fixture('factory-const.json');
    raw.factories[0] = { id: 'plant', node: 'plant', consumesLoadsPerHour: 1, stockLoads: 50 };
    raw.demand[0].loadsPerHour = 2;
    const { summary } = run(raw);
    expect(summary.factories.plant.lineStopMin).toBe(0);
    expect(summary.factories.plant.stops).toBe(0);
    expect(summary.factories.plant.minStock).toBeGreaterThan(30);
  });
});
