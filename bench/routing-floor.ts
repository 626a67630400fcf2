// The scale case (bench/scale.ts: 10k OD pairs, hourly closures) with routing made free: a first run
// records every answer of the router, in call order; a second run of the same scenario gets its
// routes from that record. The second run's wall time is a floor for the shipments/s the model can
// reach whatever the router (it still builds each Route from its edges, as every router must).
//   npx tsx bench/routing-floor.ts NODES [SHIPMENTS=1e5] [OD=1e4] [MODE=both|record|replay]
// `record` writes the record to $TMPDIR/relaysim-floor-NODES-SHIPMENTS-OD.bin and `replay` reads it, so
// the replay can run alone (its peak RSS without the recording run, or under --cpu-prof); `both` does
// both in one process. Prints one JSON line: the recorded run (wall, router calls by kind: searches
// under the state in force and open-network probes of route-planner.ts, distinct targets per state)
// and the replayed run (set-up = network + landmarks, run, shipments/s with and without set-up).
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roadGraphScenario } from './graphs.js';
import { validateScenario } from '../src/scenario/load.js';
import { Simulation } from '../src/model/simulation.js';
import { buildNetwork } from '../src/network/build.js';
import { computeLandmarks } from '../src/network/landmarks.js';
import { createRouter, type Blocked, type Route, type Router } from '../src/network/router.js';
import { RouteArena } from '../src/network/route-arena.js';

const [nodesArg, shipArg, odArg, mode = 'both'] = process.argv.slice(2);
const nodes = Number(nodesArg ?? 1e4), shipments = Number(shipArg ?? 1e5), od = Number(odArg ?? 1e4), lph = 6000;
const raw = roadGraphScenario({ nodes, seed: 1, odPairs: od, loadsPerHour: lph, horizonMin: (shipments / lph) * 60, closures: { edges: Math.max(5, Math.round(nodes / 500)), periodMin: 60 }, name: 'scale' });
const s = validateScenario({ ...raw, drainMin: 1440 }, 'generated');
const file = join(tmpdir(), `relaysim-floor-${nodes}-${shipments}-${od}.bin`);

/** The record: per call, from, to and the route's edges (offsets into one growing array; -1: no route). */
class Record {
  from: number[] = []; to: number[] = []; start: number[] = []; len: number[] = [];
  edges = new Int32Array(1 << 20); used = 0;
  add(from: number, to: number, r: Route | null): void {
    this.from.push(from); this.to.push(to);
    if (r === null) { this.start.push(-1); this.len.push(0); return; }
    while (this.used + r.edges.length > this.edges.length) { const g = new Int32Array(2 * this.edges.length); g.set(this.edges); this.edges = g; }
    this.edges.set(r.edges, this.used);
    this.start.push(this.used); this.len.push(r.edges.length);
    this.used += r.edges.length;
  }
  save(path: string): void {
    const head = Int32Array.from([this.from.length, this.used]);
    const cols = [this.from, this.to, this.start, this.len].map((c) => Int32Array.from(c));
    writeFileSync(path, Buffer.concat([head, ...cols, this.edges.subarray(0, this.used)].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))));
  }
  static load(path: string): Record {
    const buf = readFileSync(path), all = new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    const [calls, used] = all, r = new Record();
    const col = (k: number) => Array.from(all.subarray(2 + k * calls, 2 + (k + 1) * calls));
    r.from = col(0); r.to = col(1); r.start = col(2); r.len = col(3);
    r.edges = all.slice(2 + 4 * calls, 2 + 4 * calls + used); r.used = used;
    return r;
  }
}

// 1. Record: a run with the default router, every answer kept in call order.
let rec = new Record();
let recorded: object | undefined, r1: { reroutes: number; delivered: number } | undefined;
if (mode !== 'replay') {
  ({ recorded, r1 } = recordRun(rec));
  if (mode === 'record') {
    rec.save(file);
    console.log(JSON.stringify({ nodes, shipments, od, recorded, file, peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
    process.exit(0);
  }
}

/** The recording run: router calls by kind (under the state in force, or open-network probes) and distinct targets per state. */
function recordRun(into: Record): { recorded: object; r1: { reroutes: number; delivered: number } } {
  const t0 = performance.now();
  const net1 = buildNetwork(s);
  const inner = createRouter(net1);
  const byKind = { current: 0, openProbe: 0 }, targets = new Map<string, Set<number>>();
  let controlsEdges: Uint8Array | null = null;
  const recorder: Router = {
    landmarks: inner.landmarks,
    find(from: number, to: number, blocked?: Blocked) {
      const r = inner.find(from, to, blocked);
      into.add(from, to, r);
      // The controls' arrays come with the first call; the route planner's open-network probes bring their own.
      controlsEdges ??= blocked?.closedEdge ?? null;
      const probe = blocked !== undefined && blocked.closedEdge !== controlsEdges;
      if (probe) byKind.openProbe++; else byKind.current++;
      const state = `${probe ? 'open' : blocked?.version}`;
      let set = targets.get(state);
      if (set === undefined) targets.set(state, set = new Set());
      set.add(to);
      return r;
    },
  };
  const run1 = new Simulation(s, { seed: 1, network: net1, router: recorder }).run();
  return {
    r1: { reroutes: run1.summary.reroutes, delivered: run1.summary.shipments.delivered },
    recorded: {
      wallS: +((performance.now() - t0) / 1000).toFixed(2), routerCalls: into.from.length, ...byKind, reroutes: run1.summary.reroutes, replansAvoided: run1.summary.replansAvoided,
      routeCache: run1.stats.routeCache, distinctTargets: Object.fromEntries([...targets].map(([k, v]) => [k, v.size])), recordMiB: Math.round((into.used * 4) / 2 ** 20),
    },
  };
}

if (mode === 'replay') rec = Record.load(file);

// 2. Replay (after `record` in the same process with `both`, or from the file with `replay`).
const t0 = performance.now();
const net = buildNetwork(s);
const landmarks = computeLandmarks(net, 16);
const t1 = performance.now();
const arena = new RouteArena();
let call = 0;
// Memory as the run goes (sampled every 2,000 router calls): where the peak is, in V8's heap or in typed arrays.
const mem = { rssMiB: 0, heapUsedMiB: 0, arrayBuffersMiB: 0, atCall: 0 };
const replay: Router = {
  landmarks,
  find(from: number, to: number) {
    const k = call++;
    if (k % 2000 === 0) {
      const u = process.memoryUsage(), rss = u.rss / 2 ** 20;
      if (rss > mem.rssMiB) Object.assign(mem, { rssMiB: Math.round(rss), heapUsedMiB: Math.round(u.heapUsed / 2 ** 20), arrayBuffersMiB: Math.round(u.arrayBuffers / 2 ** 20), atCall: k });
    }
    if (rec.from[k] !== from || rec.to[k] !== to) throw new Error(`replay: call ${k} asks ${from}->${to}, the record has ${rec.from[k]}->${rec.to[k]}`);
    return rec.start[k] < 0 ? null : arena.route(rec.edges.subarray(rec.start[k], rec.start[k] + rec.len[k]), net.edgeMin, net.edgeKm);
  },
};
const t2 = performance.now();
const r2 = new Simulation(s, { seed: 1, network: net, router: replay }).run();
const t3 = performance.now();
if (call !== rec.from.length || (r1 && (r2.summary.reroutes !== r1.reroutes || r2.summary.shipments.delivered !== r1.delivered))) throw new Error('replay: not the recorded run');
const created = r2.summary.shipments.created;
console.log(JSON.stringify({
  nodes: net.nodeIds.length, shipments, od,
  recorded,
  replay: {
    setupS: +((t1 - t0) / 1000).toFixed(2), runS: +((t3 - t2) / 1000).toFixed(2), wallS: +((t3 - t0) / 1000).toFixed(2),
    shipmentsPerS: Math.round(created / ((t3 - t0) / 1000)), runOnlyShipmentsPerS: Math.round(created / ((t3 - t2) / 1000)), created,
    reroutes: r2.summary.reroutes, routeCache: r2.stats.routeCache, memoryAtPeak: mem,
  },
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}));
