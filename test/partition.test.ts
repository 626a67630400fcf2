// One run split into regions (src/partition/): the same bytes at any thread count. The golden fixtures
// through the CLI at --threads 2 and 4 (worker threads) against the golden files; the YRD phases and
// built cases through the API (regions inline and on threads) against the one-thread run. A built line
// network whose every road is cut makes trucks cross many times, closes a cut road, and has a station
// whose local trucks deliver into another region.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Simulation, type ShipmentRow, type TraceEvent } from '../src/model/simulation.js';
import { runPartitioned, type PartitionedOptions } from '../src/partition/run-partitioned.js';
import { planPartition } from '../src/partition/plan.js';
import { shipmentIds } from '../src/partition/shipment-ids.js';
import { runOnThreads, startRegionPool } from '../src/partition/region-handles.js';
import { nextWindow, REGION_FAILED, RegionSync, windowSync } from '../src/partition/window-sync.js';
import { computeLandmarks } from '../src/network/landmarks.js';
import { shareNetwork } from '../src/network/shared-network.js';
import { buildNetwork } from '../src/network/build.js';
import { loadScenario, validateScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';
import { partitionScenario } from '../bench/partition-scenario.js';

const ROOT = join(import.meta.dirname, '..');
const GOLDEN = join(ROOT, 'test', 'fixtures', 'golden');
const cases = readdirSync(GOLDEN, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const tmp = mkdtempSync(join(tmpdir(), 'relaysim-partition-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/relaysim.mjs', ...args], { cwd: ROOT, timeout: 120_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

/** Everything a run writes, as text, with the clock's field (wallMs) left out. */
function outputs(r: { summary: object; series: object; usage: Int32Array }, rows: ShipmentRow[], trace: TraceEvent[]) {
  const summary = JSON.parse(JSON.stringify(r.summary));
  delete summary.wallMs;
  return { summary: JSON.stringify(summary), series: JSON.stringify(r.series), usage: [...r.usage].join(','), rows: rows.map((x) => JSON.stringify(x)), trace: trace.map((x) => JSON.stringify(x)) };
}

function oneThread(s: Scenario) {
  const rows: ShipmentRow[] = [], trace: TraceEvent[] = [];
  const r = new Simulation(s, { onShipment: (x) => rows.push(x), trace: (e) => trace.push(e) }).run();
  return outputs(r, rows, trace);
}

async function split(s: Scenario, o: Omit<PartitionedOptions, 'onShipment' | 'trace'>) {
  const rows: ShipmentRow[] = [], trace: TraceEvent[] = [];
  const r = await runPartitioned(s, { ...o, onShipment: (x) => rows.push(x), trace: (e) => trace.push(e) });
  return { out: outputs(r, rows, trace), report: r.partition, summary: r.summary };
}

describe('golden fixtures at --threads 2 and 4 (worker threads) give the golden files', () => {
  beforeAll(async () => {
    for (const name of cases) {
      await Promise.all([2, 4].map((n) => cli(['run', join('test', 'fixtures', 'golden', name, 'scenario.json'), '--trace', '--quiet', '--threads', String(n), '--out', join(tmp, `${name}-${n}`)])));
    }
  }, 300_000);

  describe.each(cases)('%s', (name) => {
    it.each([2, 4])('--threads %i', (n) => {
      for (const file of ['trace.jsonl', 'shipments.csv']) expect(readFileSync(join(tmp, `${name}-${n}`, file), 'utf8'), file).toBe(readFileSync(join(GOLDEN, name, file), 'utf8'));
      const series = readFileSync(join(tmp, `${name}-${n}`, 'series.json'), 'utf8').replace(/^\{"runId":"[0-9a-f]+",/, '{');
      expect(series).toBe(readFileSync(join(GOLDEN, name, 'series.json'), 'utf8'));
      const summary = JSON.parse(readFileSync(join(tmp, `${name}-${n}`, 'summary.json'), 'utf8'));
      const golden = JSON.parse(readFileSync(join(GOLDEN, name, 'summary.json'), 'utf8'));
      for (const k of ['wallMs', 'runId', 'outputBytes']) delete summary[k];
      expect(summary).toEqual(golden);
    });
  });

  it('network.json, summary.json (but wallMs) and the Parquet files are byte-identical at 1, 2 and 4 threads', async () => {
    const f = join('test', 'fixtures', 'golden', 'mixed', 'scenario.json');
    await Promise.all([1, 2, 4].map((n) => cli(['run', f, '--quiet', '--trace', '--format', 'both', '--threads', String(n), '--out', join(tmp, `m${n}`)])));
    const read = (n: number, file: string) => readFileSync(join(tmp, `m${n}`, file), 'latin1').replace(/"wallMs": \d+/, '');
    for (const file of ['network.json', 'summary.json', 'shipments.csv', 'series.json', 'trace.jsonl', 'shipments.parquet', 'trace.parquet']) {
      expect(read(2, file), file).toBe(read(1, file));
      expect(read(4, file), file).toBe(read(1, file));
    }
  }, 120_000);
});

describe('the YRD phases split in 2 and 4 regions', () => {
  it.each(['march', 'april', 'may'])('yrd-2022-%s: same rows, trace, series, usage and summary', async (phase) => {
    const s = loadScenario(`scenarios/yrd-2022-${phase}.json`);
    const want = oneThread(s);
    const two = await split(s, { threads: 2, inline: phase !== 'april' });
    expect(two.report.parts).toBe(2);
    expect(two.out).toEqual(want);
    const four = await split(s, { threads: 4, inline: true });
    expect(four.report.parts).toBeGreaterThanOrEqual(3);
    expect(four.out).toEqual(want);
  }, 120_000);
});

describe('the other shipped scenarios split in 2 and 4 regions (regions in this thread)', () => {
  // The reference model at a tenth of its horizon: its 3-node network is cut into as many regions as it allows.
  it.each([['yrd-2022.json', []], ['yrd-2022-placement.json', []], ['reference/mmc.json', ['horizonMin=3000']]] as const)('%s: same rows, trace, series, usage and summary', async (file, sets) => {
    const s = loadScenario(`scenarios/${file}`, [...sets]);
    const want = oneThread(s);
    for (const threads of [2, 4]) {
      const got = await split(s, { threads, inline: true });
      expect(got.report.parts).toBeGreaterThanOrEqual(2);
      expect(got.out).toEqual(want);
    }
  }, 120_000);
});

/** A line of 10 nodes west to east, 4 min a road, a bypass around n3-n4, a relay zone east with a station at n6. */
function lineScenario(drainMin = 120): Scenario {
  const nodes = Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, lon: 120 + 0.02 * i, lat: 31 }));
  nodes.push({ id: 'b', lon: 120.07, lat: 31.03 });
  const edges = nodes.slice(0, 9).map((n, i) => ({ from: n.id, to: `n${i + 1}`, km: 4, speedKmh: 60 }));
  edges.push({ from: 'n3', to: 'b', km: 5, speedKmh: 60 }, { from: 'b', to: 'n4', km: 5, speedKmh: 60 });
  return validateScenario({
    name: 'partition-line', horizonMin: 600, drainMin, seed: 3, sampleEveryMin: 15,
    network: { nodes, edges },
    zones: [{ id: 'east', polygon: { type: 'Polygon', coordinates: [[[120.11, 30.9], [120.3, 30.9], [120.3, 31.1], [120.11, 31.1], [120.11, 30.9]]] }, controls: [{ fromMin: 0, toMin: 400, rule: 'relay' }] }],
    stations: [{ id: 'st', node: 'n6', zone: 'east', docks: 2, transferMin: { dist: 'exp', mean: 6 }, storageLoads: 20, localTrucks: 3 }],
    checkpoints: [{ id: 'cp', node: 'n5', lanes: 1, serviceMin: { dist: 'exp', mean: 2 } }],
    closures: [{ edge: ['n3', 'n4'], fromMin: 100, toMin: 220 }, { node: 'b', fromMin: 150, toMin: 180 }],
    factories: [{ id: 'plant', node: 'n9', stockLoads: 4, consumesLoadsPerHour: 3 }],
    demand: [
      { id: 'east', from: 'n0', to: 'n9', loadsPerHour: 8, passShare: 0.5 },
      { id: 'west', from: 'n8', to: 'n1', loadsPerHour: 5 },
      { id: 'mid', from: 'n2', to: 'n7', loadsPerHour: 3, priority: 'whitelist', passShare: 1 },
    ],
  }, 'partition-line.json');
}

describe('a network routed by the contraction hierarchy (6,000 nodes, hourly closures, a relay zone)', () => {
  // The regions share one topology and one customized metric per routing state (metric-slots.ts):
  // the routes, and so the bytes, must not depend on which region customized a state.
  const s = partitionScenario(6000, 9000, 100);

  it('split in 2 (worker threads) and 4 (inline) regions: the one-thread outputs, each routing state customized once in all', async () => {
    const want = oneThread(s);
    for (const o of [{ threads: 2 }, { threads: 4, inline: true }]) {
      const got = await split(s, o);
      expect(got.out, `${o.threads} regions`).toEqual(want);
      expect(got.report.parts).toBe(o.threads);
      expect(got.report.sharedStates).toBeGreaterThanOrEqual(4);
      expect(got.report.customized.reduce((a, b) => a + b, 0)).toBe(got.report.sharedStates);
    }
  }, 120_000);
});

describe('a line network cut at every road', () => {
  const s = lineScenario();
  const net = buildNetwork(s);
  // n0..n9 alternate between regions 0 and 1; b goes with n3 (so n3->n4 and b->n4 are cut).
  const alternate = Int32Array.from(net.nodeIds, (id) => (id === 'b' ? 1 : Number(id.slice(1)) % 2));

  it('trucks cross the cut many times, a closure on a cut road re-routes them, local trucks deliver into the other region: same outputs', async () => {
    const want = oneThread(s);
    const got = await split(s, { threads: 2, inline: true, owner: alternate });
    expect(got.report.cutEdges).toBeGreaterThanOrEqual(18);
    const created = got.summary.shipments.created;
    // Every long-haul trip n0 -> n9 or n8 -> n1 crosses at least 7 cut roads.
    expect(got.report.handoffs).toBeGreaterThan(5 * created);
    expect(got.summary.reroutes).toBeGreaterThan(0);
    expect(want.trace.some((l) => l.includes('"event":"wait-no-path"') || l.includes('"event":"replan"'))).toBe(true);
    // The station (n6, region 0) dispatches local trucks to n9 (region 1) and n7 (region 1).
    expect(got.summary.stations.st.localTrips).toBeGreaterThan(10);
    expect(got.summary.factories.plant.deliveries).toBeGreaterThan(10);
    expect(got.out).toEqual(want);
  });

  it('the same on worker threads, and with three regions', async () => {
    const want = oneThread(s);
    expect((await split(s, { threads: 2, owner: alternate })).out).toEqual(want);
    const three = Int32Array.from(net.nodeIds, (_, v) => v % 3);
    expect((await split(s, { threads: 3, inline: true, owner: three })).out).toEqual(want);
  }, 60_000);

  it('conserves shipments across regions, trucks on the road at the end included: one row each, delivered + failed + in-system = created', async () => {
    const cut = lineScenario(0), rows: ShipmentRow[] = [];
    const r = await runPartitioned(cut, { threads: 2, inline: true, owner: alternate, onShipment: (x) => rows.push(x) });
    expect((await split(cut, { threads: 2, inline: true, owner: alternate })).out).toEqual(oneThread(cut));
    const sh = r.summary.shipments;
    expect(sh.delivered + sh.failed + sh.inSystem).toBe(sh.created);
    expect(rows.length).toBe(sh.created);
    expect(new Set(rows.map((x) => x.id)).size).toBe(sh.created);
    expect([...rows.map((x) => x.id)].sort((a, b) => a - b)).toEqual(Array.from({ length: sh.created }, (_, i) => i));
    expect(sh.inSystem).toBeGreaterThan(0);
  });
});

describe('the pieces', () => {
  it('shipment ids follow creation order, as one thread numbers them', () => {
    const s = loadScenario('test/fixtures/golden/mixed/scenario.json');
    const rows: ShipmentRow[] = [];
    new Simulation(s, { onShipment: (x) => rows.push(x) }).run();
    const ids = shipmentIds(s, s.seed);
    const byStream = new Map(s.demand.map((d, k) => [d.id, [...ids[k]]]));
    for (const r of rows) expect(byStream.get(r.stream)).toContain(r.id);
    // Ids of each stream rise, and all of them together are 0..n-1.
    for (const list of ids) for (let i = 1; i < list.length; i++) expect(list[i]).toBeGreaterThan(list[i - 1]);
    expect(ids.flatMap((l) => [...l]).sort((a, b) => a - b)).toEqual(Array.from({ length: ids.reduce((a, l) => a + l.length, 0) }, (_, i) => i));
  });

  it('a region that fails on its thread stops the others: the run rejects with its error instead of hanging', async () => {
    // A lookahead longer than the cut roads: the first truck handed on acts inside the window that
    // handed it on, which the sending region reports; the other region is waiting at the barrier.
    const s = lineScenario(), net = buildNetwork(s);
    const alternate = Int32Array.from(net.nodeIds, (id) => (id === 'b' ? 1 : Number(id.slice(1)) % 2));
    const inits = [0, 1].map((id) => ({ scenario: s, seed: s.seed, network: shareNetwork(net, computeLandmarks(net, 4)), owner: alternate, id, ids: shipmentIds(s, s.seed), trace: false }));
    const pool = startRegionPool(2);
    try {
      await expect(runOnThreads(pool, inits, 60, s.horizonMin + s.drainMin, () => {})).rejects.toThrow(/lookahead violated/);
    } finally {
      await pool.destroy();
    }
  }, 60_000);

  it('the window barrier: every region gets the earliest time of all; after an abort it throws instead of waiting', () => {
    const sync = windowSync(1), one = new RegionSync(sync, 0);
    expect(one.exchange(12, 9)).toBe(9);
    expect(one.exchange(7, Infinity)).toBe(7);
    one.abort();
    expect(() => one.exchange(1, 1)).toThrow(REGION_FAILED);
    expect(nextWindow(10, 0.5, 100)).toEqual({ end: 10 + 0.5 * (1 - 1e-9), last: false });
    expect(nextWindow(99.8, 0.5, 100)).toEqual({ end: 100, last: true });
    expect(nextWindow(Infinity, 0.5, 100)).toEqual({ end: 100, last: true });
  });

  it('the cut weighs the lines between demand ends: streams from the west edge to the east edge pull it to the middle', () => {
    // A 30 x 3 grid, every demand end in the westmost or eastmost column: by demand ends alone the
    // halves weigh the same wherever the cut falls between them; by the lines the middle balances.
    const nodes = Array.from({ length: 90 }, (_, i) => ({ id: `g${i}`, lon: 120 + 0.01 * (i % 30), lat: 31 + 0.01 * Math.floor(i / 30) }));
    const edges = nodes.flatMap((n, i) => [...(i % 30 < 29 ? [{ from: n.id, to: `g${i + 1}`, km: 1, speedKmh: 30 }] : []), ...(i < 60 ? [{ from: n.id, to: `g${i + 30}`, km: 1, speedKmh: 30 }] : [])]);
    const s = validateScenario({
      name: 'lines', horizonMin: 60, seed: 1, network: { nodes, edges },
      demand: [{ id: 'a', from: 'g0', to: 'g29', loadsPerHour: 10 }, { id: 'b', from: 'g89', to: 'g60', loadsPerHour: 10 }, { id: 'c', from: 'g30', to: 'g59', loadsPerHour: 5 }],
    }, 'lines.json');
    const net = buildNetwork(s), plan = planPartition(s, net, 2);
    expect(plan.parts).toBe(2);
    const west = net.nodeIds.filter((_, v) => plan.owner[v] === plan.owner[0]).map((id) => Number(id.slice(1)) % 30);
    expect(Math.max(...west)).toBeGreaterThanOrEqual(13);
    expect(Math.max(...west)).toBeLessThanOrEqual(16);
    const [a, b] = plan.work;
    expect(Math.min(a, b) / Math.max(a, b)).toBeGreaterThan(0.9);
  });

  it('the plan balances expected work, and every cut road is at least the lookahead', () => {
    const s = loadScenario('scenarios/yrd-2022-april.json');
    const net = buildNetwork(s);
    const plan = planPartition(s, net, 2);
    expect(plan.parts).toBe(2);
    const [a, b] = plan.work;
    expect(Math.min(a, b) / Math.max(a, b)).toBeGreaterThan(0.6);
    for (let e = 0; e < net.edgeFrom.length; e++) {
      if (plan.owner[net.edgeFrom[e]] !== plan.owner[net.edgeTo[e]]) expect(net.edgeMin[e]).toBeGreaterThanOrEqual(plan.lookahead);
    }
    expect(plan.lookahead).toBeGreaterThanOrEqual(0.25);
  });
});

describe('--threads input', () => {
  const f = join('test', 'fixtures', 'golden', 'mixed', 'scenario.json');
  it.each(['0', '1.5', 'abc', '65', '-2'])('--threads %s exits 2 with one message and writes nothing', async (v) => {
    const out = join(tmp, `bad-${v}`);
    const r = await cli(['run', f, '--threads', v, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: option '--threads <n>' argument '${v}' is invalid. expected a whole number from 1 to 64, or auto; got "${v}"`);
    expect(() => readdirSync(out)).toThrow();
  });

  it('more regions than the network has nodes exits 2 naming the file and field', async () => {
    const r = await cli(['run', f, '--threads', '9', '--out', join(tmp, 'bad-9')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`relaysim: ${f}: network.nodes: --threads 9: a network of 5 node(s) cannot be cut into 9 regions`);
  });

  it('fewer usable regions than asked is a warning, and the run goes on with the same files', async () => {
    const r = await cli(['run', f, '--threads', '5', '--quiet', '--out', join(tmp, 'warn-5')]);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toBe('relaysim: warning: --threads 5: ran 4 region(s); cutting further would leave a cut road shorter than 0.25 min (the lookahead)');
    expect(readFileSync(join(tmp, 'warn-5', 'shipments.csv'), 'utf8')).toBe(readFileSync(join(GOLDEN, 'mixed', 'shipments.csv'), 'utf8'));
  });
});
