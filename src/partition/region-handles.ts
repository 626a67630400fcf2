import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { computeLandmarks, type Landmarks } from '../network/landmarks.js';
import { networkOf, shareTopology, type SharedNetwork } from '../network/shared-network.js';
import { buildTopology, type CchTopology } from '../network/cch/topology.js';
import { Region, type Lines, type PartResult, type RegionInit, type WindowOut } from './region.js';
import { packSize, type TruckPack } from './truck-state.js';
import { threadTimes, threadTimesSince } from './thread-clock.js';
import { rowBuffers } from './packed-rows.js';
import { nextWindow, REGION_FAILED, RegionSync, windowSync, type WindowSync } from './window-sync.js';

/** A region driven by a coordinator in this thread (inline: tests and debugging; the same bytes as threads). */
export interface RegionHandle {
  start(): number;
  prepare(until: number): number;
  window(incoming: TruckPack[], end: number, last: boolean): WindowOut;
  takeLines(): Lines;
  finish(): PartResult;
}

/** Every region in this thread, one after another. */
export function inlineRegions(inits: RegionInit[]): RegionHandle[] {
  return inits.map((init) => new Region(init));
}

const ENTRY = fileURLToPath(new URL('../../workers/region-task.mjs', import.meta.url));
/** This module runs from dist/ (compiled) or src/ (TypeScript under tsx); the workers load the same. */
const COMPILED = import.meta.url.endsWith('.js');
/** Windows between two posts of rows to the coordinator: fewer messages; the same for every region, so batch j of each region covers the same windows. */
const FLUSH_WINDOWS = 16;

/** What a region on a thread tells the coordinator besides its rows: for the report. */
export interface ThreadRegionReport {
  windows: number;
  handoffs: number;
  busyMs: number;
  /** Ms waiting at window ends for the other regions. */
  idleMs: number;
  /** Ms from its first window to its last, all in. */
  phaseMs: number;
  /** performance.timeOrigin + performance.now() at its first window: the end of set-up, comparable across threads. */
  firstWindowAt: number;
  /** This thread's CPU ms and ms waiting for a core, in set-up and in the window phase (thread-clock.ts; null off Linux). */
  setupCpu: { cpuMs: number; queuedMs: number } | null;
  phaseCpu: { cpuMs: number; queuedMs: number } | null;
}

interface RegionTask {
  init: RegionInit;
  /** To the coordinator: batches of rows and lines, then the result. */
  port: MessagePort;
  /** inboxes[r]: trucks from region r; outboxes[r]: trucks to region r (null for this region). */
  inboxes: (MessagePort | null)[];
  outboxes: (MessagePort | null)[];
  sync: WindowSync;
  lookahead: number;
  end: number;
}

type ToCoordinator = { batch: number; end: number; lines: Lines } | { done: PartResult; report: ThreadRegionReport };

/**
 * Runs the regions on the pool's threads, each region driving itself: windows are agreed through
 * shared memory (window-sync.ts), trucks go straight to the region that takes them (a MessagePort per
 * pair of regions, read synchronously after the barrier), and rows come to this thread in batches,
 * merged here in canonical order as they complete while the regions go on. Resolves with each region's
 * result once every batch has been passed to `onLines`.
 */
export async function runOnThreads(
  pool: Piscina, inits: RegionInit[], lookahead: number, end: number,
  onLines: (lines: Lines[], windowEnd: number) => void,
): Promise<{ parts: PartResult[]; reports: ThreadRegionReport[] }> {
  const n = inits.length, sync = windowSync(n);
  const outboxes = inits.map(() => inits.map((): MessagePort | null => null)), inboxes = inits.map(() => inits.map((): MessagePort | null => null));
  for (let a = 0; a < n; a++) {
    for (let b = 0; b < n; b++) {
      if (a === b) continue;
      const { port1, port2 } = new MessageChannel();
      outboxes[a][b] = port1;
      inboxes[b][a] = port2;
    }
  }
  const batches: (Lines | undefined)[][] = [], ends: number[] = [];
  const parts: (PartResult | undefined)[] = inits.map(() => undefined), reports: ThreadRegionReport[] = [];
  let merged = 0, finished = 0, settle: (() => void) | null = null;
  const drained = new Promise<void>((resolve) => { settle = resolve; });
  const ports = inits.map((_, r) => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (m: ToCoordinator) => {
      if ('done' in m) {
        parts[r] = m.done;
        reports[r] = m.report;
        if (++finished === n) { port1.close(); settle?.(); }
        return;
      }
      (batches[m.batch] ??= inits.map(() => undefined))[r] = m.lines;
      ends[m.batch] = m.end;
      // Batches merge in order, each once every region has sent it.
      while (batches[merged]?.every((l) => l !== undefined)) {
        onLines(batches[merged] as Lines[], ends[merged]);
        batches[merged++] = [];
      }
    });
    return { port1, port2 };
  });
  const tasks = inits.map((init, r) => {
    const own = [ports[r].port2, ...inboxes[r], ...outboxes[r]].filter((p): p is MessagePort => p !== null);
    const task: RegionTask = { init, port: ports[r].port2, inboxes: inboxes[r], outboxes: outboxes[r], sync, lookahead, end };
    return pool.run(task, { transferList: own });
  });
  const settled = await Promise.allSettled(tasks);
  const failed = settled.filter((x): x is PromiseRejectedResult => x.status === 'rejected').map((x) => x.reason as Error);
  if (failed.length > 0) {
    for (const p of ports) p.port1.close();
    throw failed.find((e) => !String(e?.message).includes(REGION_FAILED)) ?? failed[0];
  }
  await drained;
  return { parts: parts as PartResult[], reports };
}

/**
 * The worker threads for `threads` regions, started before the coordinator builds the network and
 * plans the cut, so that their start-up (loading relaysim in each thread) overlaps that work.
 */
export function startRegionPool(threads: number): Piscina {
  return new Piscina({ filename: ENTRY, minThreads: threads, maxThreads: threads, idleTimeout: 1000, workerData: { compiled: COMPILED } });
}

/** The buffers of packs, moved rather than copied (the sender no longer needs them). */
export function buffersOf(packs: TruckPack[]): ArrayBuffer[] {
  return packs.flatMap((p) => [p.records, p.routeOffsets, p.routeEdges, p.routeMin, p.routeKm].map((a) => a.buffer as ArrayBuffer));
}

/**
 * Worker side: one region, window after window, until the end of the run. It blocks its thread
 * throughout (everything it waits for comes through shared memory or is read from a port
 * synchronously), and posts its rows every FLUSH_WINDOWS windows and its result at the end.
 */
export function serveRegion(task: RegionTask): void {
  const { init, port, inboxes, outboxes, sync, lookahead, end } = task;
  const rs = new RegionSync(sync, init.id), born = threadTimes();
  try {
    const region = new Region(init);
    // Packs are tagged with their window: a fast neighbour may already have sent the next window's.
    const early: { k: number; pack: TruckPack }[][] = inits(inboxes);
    const report: ThreadRegionReport = { windows: 0, handoffs: 0, busyMs: 0, idleMs: 0, phaseMs: 0, firstWindowAt: 0, setupCpu: null, phaseCpu: null };
    let t = rs.exchange(region.start(), Infinity), batch = 0;
    const t0 = performance.now(), started = threadTimes();
    report.setupCpu = threadTimesSince(born);
    report.firstWindowAt = performance.timeOrigin + t0;
    rs.waitedMs = 0;
    for (let k = 0; ; k++) {
      const w = nextWindow(t, lookahead, end);
      const incoming: TruckPack[] = [];
      inboxes.forEach((inbox, r) => {
        if (!inbox) return;
        for (let m = receiveMessageOnPort(inbox); m !== undefined; m = receiveMessageOnPort(inbox)) early[r].push(m.message as { k: number; pack: TruckPack });
        while (early[r].length > 0 && early[r][0].k === k) incoming.push(early[r].shift()!.pack);
      });
      const out = region.window(incoming, w.end, w.last);
      report.windows++;
      report.busyMs += out.busyMs;
      let earliest = Infinity;
      for (const p of out.packs) {
        report.handoffs += packSize(p.pack);
        if (!(p.earliest >= w.end)) throw new Error(`a truck handed on at the window ending ${w.end} acts at ${p.earliest}: lookahead violated`);
        if (p.earliest < earliest) earliest = p.earliest;
        outboxes[p.to]!.postMessage({ k: k + 1, pack: p.pack }, buffersOf([p.pack]));
      }
      if (w.last || (k + 1) % FLUSH_WINDOWS === 0) post(port, { batch: batch++, end: w.end, lines: region.takeLines() });
      if (w.last) break;
      t = rs.exchange(out.next, earliest);
    }
    report.idleMs = rs.waitedMs;
    report.phaseMs = performance.now() - t0;
    report.phaseCpu = threadTimesSince(started);
    const done = region.finish();
    post(port, { done, report });
  } catch (err) {
    rs.abort();
    throw err;
  } finally {
    for (const p of [...inboxes, ...outboxes]) p?.close();
    port.close();
  }
}

function inits<T>(ports: (MessagePort | null)[]): T[][] {
  return ports.map(() => []);
}

function post(port: MessagePort, m: ToCoordinator): void {
  const lines = 'lines' in m ? m.lines : m.done;
  const buffers = rowBuffers(lines.rows);
  if (lines.trace) buffers.push(lines.trace.keys.buffer as ArrayBuffer);
  port.postMessage(m, buffers);
}

/** Set-up on a pool thread while the coordinator does the rest: the landmarks of the shared network, into SharedArrayBuffers. */
export function landmarksTask({ network }: { network: SharedNetwork }): Landmarks {
  const lm = computeLandmarks(networkOf(network).network, LANDMARKS);
  const inShared = (a: Float64Array) => { const out = new Float64Array(new SharedArrayBuffer(a.byteLength)); out.set(a); return out; };
  return { count: lm.count, fwd: inShared(lm.fwd), bwd: inShared(lm.bwd) };
}

/** Set-up on another pool thread: the hierarchy's topology of the shared network, in SharedArrayBuffers. */
export function topologyTask({ network }: { network: SharedNetwork }): CchTopology {
  return shareTopology(buildTopology(networkOf(network).network));
}

/** Landmarks of a split run's network: as many as a router computes for itself (router.ts). */
export const LANDMARKS = 16;

/** Threads for `--threads auto`. */
export function autoThreads(): number {
  return availableParallelism();
}
