// Closures, read from the trace: nobody enters a closed edge or node during its window, trucks take the
// detour (and only while they must), and a closure that cuts the destination off delays trucks, never drops them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation, type ShipmentRow, type TraceEvent } from '../src/model/simulation.js';
import type { Summary } from '../src/metrics/summary.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface Run { summary: Summary; rows: ShipmentRow[]; events: TraceEvent[]; edgesOf: Map<number, TraceEvent[]> }

function run(raw: unknown, seed = 1): Run {
  const events: TraceEvent[] = [], rows: ShipmentRow[] = [];
  const { summary } = new Simulation(validateScenario(raw, 'closures'), { seed, trace: (e) => events.push(e), onShipment: (r) => rows.push(r) }).run();
  const edgesOf = new Map<number, TraceEvent[]>();
  for (const e of events) {
    if (e.event !== 'enter-edge' || typeof e.truck !== 'number') continue;
    if (!edgesOf.has(e.truck)) edgesOf.set(e.truck, []);
    edgesOf.get(e.truck)!.push(e);
  }
  for (const list of edgesOf.values()) list.sort((a, b) => a.t - b.t);
  // Conservation, in every run, and one row a shipment.
  const sh = summary.shipments;
  expect(sh.created).toBe(sh.delivered + sh.inSystem + sh.failed);
  expect(rows.length).toBe(sh.created);
  return { summary, rows, events, edgesOf };
}

/** Minutes of each directed road of a fixture (all of them two-way). */
function roadMinutes(raw: { network: { edges: { from: string; to: string; km: number; speedKmh: number }[] } }): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of raw.network.edges) {
    const min = (e.km / e.speedKmh) * 60;
    m.set(`${e.from}>${e.to}`, min);
    m.set(`${e.to}>${e.from}`, min);
  }
  return m;
}

/** Every delivered truck drove a connected path from its origin to its destination, no edge faster than free flow. */
function checkPaths(r: Run, minutes: Map<string, number>): void {
  const delivered = new Map(r.events.filter((e) => e.event === 'delivered').map((e) => [e.truck as number, e.t]));
  for (const row of r.rows.filter((x) => x.status === 'delivered')) {
    const list = r.edgesOf.get(row.id)!;
    expect(list[0].from).toBe(row.from);
    expect(list[0].t).toBeGreaterThanOrEqual(row.createdMin - 1e-9); // later when it waited for a path
    for (let i = 0; i < list.length; i++) {
      const next = i + 1 < list.length ? list[i + 1] : null;
      if (next) expect(next.from).toBe(list[i].to);
      const leave = next ? next.t : delivered.get(row.id)!;
      expect(leave - list[i].t).toBeGreaterThanOrEqual(minutes.get(`${list[i].from}>${list[i].to}`)! - 1e-9);
    }
    expect(list[list.length - 1].to).toBe(row.to);
  }
}

const pathOf = (r: Run, id: number) => [r.edgesOf.get(id)![0].from, ...r.edgesOf.get(id)!.map((e) => e.to)];
const inWindow = (t: number, [from, to]: number[]) => t >= from && t < to;

describe('an edge closure on the shortest path (detour.json)', () => {
  const raw = fixture('detour.json'), exp = fixture('detour.expected.json');
  const r = run(raw);
  const [lo, hi] = exp.detourFromCreated;

  it('no truck enters a-x or x-a during the window', () => {
    const onIt = r.events.filter((e) => e.event === 'enter-edge' && ((e.from === 'a' && e.to === 'x') || (e.from === 'x' && e.to === 'a')));
    expect(onIt.length).toBeGreaterThan(100);
    expect(onIt.filter((e) => inWindow(e.t, exp.window))).toEqual([]);
  });

  it('trucks that reach a during the window take the detour, at the detour time; the others the short way', () => {
    let detours = 0, shorts = 0;
    for (const row of r.rows) {
      expect(row.status).toBe('delivered');
      const c = row.createdMin;
      if (Math.abs(c - lo) < 1e-6 || Math.abs(c - hi) < 1e-6) continue;
      if (c > lo && c < hi) {
        detours++;
        expect(row.leadTimeMin).toBeCloseTo(exp.detourMin, 3);
        expect(pathOf(r, row.id)).toEqual(exp.detourPath);
      } else {
        shorts++;
        expect(row.leadTimeMin).toBeCloseTo(exp.shortMin, 3);
        expect(pathOf(r, row.id)).toEqual(exp.shortPath);
      }
    }
    expect(detours).toBeGreaterThan(40);
    expect(shorts).toBeGreaterThan(150);
    // The seed puts trucks where the rules bite: on o-a when the closure starts (re-plan at a: detour),
    // and on o-a when it ends, having planned around it (re-plan at a: the short way again).
    const createdIn = (a: number, b: number) => r.rows.filter((x) => x.createdMin > a && x.createdMin < b);
    expect(createdIn(290, 300).length).toBeGreaterThan(0);
    expect(createdIn(590, 600).length).toBeGreaterThan(0);
    expect(r.summary.shipments.failed).toBe(exp.failed);
    expect(r.summary.shipments.inSystem).toBe(exp.inSystem);
    expect(r.summary.reroutes).toBeGreaterThan(0);
  });

  it('every truck drove a connected path at free-flow speed or slower', () => checkPaths(r, roadMinutes(raw)));
});

describe('a node closure on the shortest path (detour.json with node x closed)', () => {
  const raw = fixture('detour.json'), exp = fixture('detour.expected.json');
  raw.closures = [{ node: 'x', fromMin: 300, toMin: 600 }];
  const r = run(raw, 2);
  const [lo, hi] = exp.detourFromCreated;

  it('no truck enters an edge into x during the window, and only trucks already on a-x leave x then', () => {
    const intoX = r.events.filter((e) => e.event === 'enter-edge' && e.to === 'x');
    expect(intoX.length).toBeGreaterThan(100);
    expect(intoX.filter((e) => inWindow(e.t, exp.window))).toEqual([]);
    const onAXAtStart = new Set(intoX.filter((e) => e.t < 300 && e.t + 5 > 300).map((e) => e.truck));
    for (const e of r.events.filter((x) => x.event === 'enter-edge' && x.from === 'x' && inWindow(x.t, exp.window))) {
      expect(onAXAtStart.has(e.truck)).toBe(true);
    }
  });

  it('detour while closed, short way otherwise', () => {
    let detours = 0;
    for (const row of r.rows) {
      const c = row.createdMin;
      if (Math.abs(c - lo) < 1e-6 || Math.abs(c - hi) < 1e-6) continue;
      const detour = c > lo && c < hi;
      if (detour) detours++;
      expect(row.leadTimeMin).toBeCloseTo(detour ? exp.detourMin : exp.shortMin, 3);
      expect(pathOf(r, row.id)).toEqual(detour ? exp.detourPath : exp.shortPath);
    }
    expect(detours).toBeGreaterThan(40);
    expect(r.summary.shipments.delivered).toBe(r.summary.shipments.created);
    // Trucks on a-x when x closes (finish the edge, go on), on o-a (re-plan at a), and on o-a when it reopens.
    const createdIn = (a: number, b: number) => r.rows.filter((x) => x.createdMin > a && x.createdMin < b);
    for (const [a, b] of [[280, 290], [290, 300], [590, 600]]) expect(createdIn(a, b).length).toBeGreaterThan(0);
  });

  it('every truck drove a connected path at free-flow speed or slower', () => checkPaths(r, roadMinutes(raw)));
});

describe('a closure that cuts the destination off (disconnect.json)', () => {
  const exp = fixture('disconnect.expected.json');

  it.each([
    ['the edge m-d', { edge: ['m', 'd'], fromMin: 100, toMin: 300 }],
    ['the node d', { node: 'd', fromMin: 100, toMin: 300 }],
  ])('%s: trucks wait and deliver after it ends, none dropped', (_name, closure) => {
    const raw = fixture('disconnect.json');
    raw.closures = [closure];
    const r = run(raw);
    expect(r.summary.shipments.failed).toBe(exp.failed);
    expect(r.summary.shipments.inSystem).toBe(exp.inSystem);
    expect(r.summary.shipments.delivered).toBe(r.summary.shipments.created);
    let waitedAtO = 0, waitedAtM = 0;
    for (const row of r.rows) {
      const c = row.createdMin;
      if ([80, 90, 100, 300].some((b) => Math.abs(c - b) < 1e-6)) continue;
      if (c > 80 && c < 90) expect(row.leadTimeMin).toBeCloseTo(exp.freeMin, 3);
      else if (c > 90 && c < 100) { waitedAtM++; expect(row.deliveredMin).toBeCloseTo(exp.deliveredAtIfWaitingAtM, 3); }
      else if (c > 100 && c < 300) { waitedAtO++; expect(row.deliveredMin).toBeCloseTo(exp.deliveredAtIfWaitingAtO, 3); }
      else expect(row.leadTimeMin).toBeCloseTo(exp.freeMin, 3);
    }
    expect(waitedAtO).toBeGreaterThan(20);
    // Nothing enters m-d (or d) while closed.
    expect(r.events.filter((e) => e.event === 'enter-edge' && e.to === 'd' && inWindow(e.t, exp.window))).toEqual([]);
    expect(r.events.filter((e) => e.event === 'wait-no-path').length).toBeGreaterThanOrEqual(waitedAtO + waitedAtM);
    checkPaths(r, roadMinutes(raw));
  });

  it('a closure that outlasts the run leaves its trucks in-system, not failed', () => {
    const raw = fixture('disconnect.json');
    raw.closures = [{ edge: ['m', 'd'], fromMin: 100, toMin: 1e9 }];
    const r = run(raw);
    expect(r.summary.shipments.failed).toBe(0);
    expect(r.summary.shipments.inSystem).toBeGreaterThan(50);
    const late = r.rows.filter((x) => x.createdMin > 100);
    expect(late.every((x) => x.status === 'in-system' && x.deliveredMin === null)).toBe(true);
    expect(r.summary.shipments.delivered).toBe(r.rows.filter((x) => x.createdMin < 90).length);
  });
});

describe('closure directions', () => {
  // p and q joined by two one-way roads (10 min each) and a two-way detour through r (30 min).
  const raw = () => ({
    name: 'directions', horizonMin: 600, drainMin: 100, seed: 1,
    network: {
      nodes: [{ id: 'p', lon: 120, lat: 31 }, { id: 'q', lon: 120.1, lat: 31 }, { id: 'r', lon: 120.05, lat: 31.1 }],
      edges: [
        { from: 'p', to: 'q', km: 10, speedKmh: 60, oneway: true },
        { from: 'q', to: 'p', km: 10, speedKmh: 60, oneway: true },
        { from: 'p', to: 'r', km: 15, speedKmh: 60 },
        { from: 'r', to: 'q', km: 15, speedKmh: 60 },
      ],
    },
    closures: [{ edge: ['p', 'q'], fromMin: 0, toMin: 1e9 }] as unknown[],
    demand: [{ id: 'pq', from: 'p', to: 'q', loadsPerHour: 6 }, { id: 'qp', from: 'q', to: 'p', loadsPerHour: 6 }],
  });

  it('closing a one-way road leaves the road the other way open', () => {
    const r = run(raw());
    for (const row of r.rows) expect(row.leadTimeMin).toBeCloseTo(row.from === 'p' ? 30 : 10, 3);
    expect(r.events.filter((e) => e.event === 'enter-edge' && e.from === 'p' && e.to === 'q')).toEqual([]);
  });

  it('closing a two-way road named the other way round closes both directions', () => {
    const s = raw();
    s.network.edges = [{ from: 'p', to: 'q', km: 10, speedKmh: 60, oneway: false }, s.network.edges[2], s.network.edges[3]];
    s.closures = [{ edge: ['q', 'p'], fromMin: 0, toMin: 1e9 }];
    const r = run(s);
    for (const row of r.rows) expect(row.leadTimeMin).toBeCloseTo(30, 3);
    expect(r.rows.length).toBeGreaterThan(80);
  });
});

describe('trace at the end of the run', () => {
  // The contract: an enter-edge line "for every edge a truck enters". Lines are written when a truck
  // reaches its next stop, so trucks still on the road at the end must not lose the edges they entered.
  it('every edge entered before the end has its enter-edge line, also for trucks still on the road', () => {
    const raw = fixture('detour.json');
    raw.closures = [];
    raw.drainMin = 0;
    const r = run(raw);
    const offsets = [0, 10, 15, 20]; // o-a, a-x, x-b, b-d entered this long after creation
    const onRoad = r.rows.filter((x) => x.status === 'in-system');
    expect(onRoad.length).toBeGreaterThan(0);
    for (const row of r.rows) {
      const want = offsets.filter((o) => row.createdMin + o < raw.horizonMin).map((o) => row.createdMin + o);
      const got = (r.edgesOf.get(row.id) ?? []).map((e) => e.t);
      expect(got.length, `truck ${row.id} (${row.status}, created ${row.createdMin})`).toBe(want.length);
      got.forEach((t, i) => expect(t).toBeCloseTo(want[i], 6));
    }
  });
});
