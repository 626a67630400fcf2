import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { Region, type PartResult, type RegionInit, type WindowOut } from './region.js';
import type { TruckPack } from './truck-state.js';

/** A region as the coordinator drives it: the same calls inline or on a worker thread. */
export interface RegionHandle {
  start(): Promise<number>;
  window(incoming: TruckPack[], end: number, last: boolean): Promise<WindowOut>;
  finish(): Promise<PartResult>;
  close(): Promise<void>;
}

/** Every region in this thread, one after another: for tests and debugging (the same bytes as on threads). */
export function inlineRegions(inits: RegionInit[]): RegionHandle[] {
  return inits.map((init) => {
    const r = new Region(init);
    return {
      start: async () => r.start(),
      window: async (incoming, end, last) => r.window(incoming, end, last),
      finish: async () => r.finish(),
      close: async () => {},
    };
  });
}

const ENTRY = fileURLToPath(new URL('../../workers/region-task.mjs', import.meta.url));
/** This module runs from dist/ (compiled) or src/ (TypeScript under tsx); the workers load the same. */
const COMPILED = import.meta.url.endsWith('.js');

/**
 * One long-lived Piscina task per region, each on its own worker thread, driven by messages over a
 * MessagePort (a window is one message each way). The network arrives in SharedArrayBuffers, so
 * posting it copies only the node ids.
 */
export async function workerRegions(pool: Piscina, inits: RegionInit[]): Promise<RegionHandle[]> {
  const n = inits.length;
  let closed = 0;
  const handles = inits.map((init): RegionHandle => {
    const { port1, port2 } = new MessageChannel();
    const task = pool.run({ init, port: port2 }, { transferList: [port2] });
    let failed: Error | null = null;
    const waiting: { resolve: (v: unknown) => void; reject: (e: Error) => void }[] = [];
    task.catch((err: Error) => { failed = err; for (const w of waiting.splice(0)) w.reject(err); });
    port1.on('message', (m: { ok: boolean; value?: unknown; error?: string }) => {
      const w = waiting.shift();
      if (!w) return;
      if (m.ok) w.resolve(m.value);
      else w.reject(new Error(m.error));
    });
    const call = <T>(msg: object, transfer: ArrayBuffer[] = []): Promise<T> => new Promise<T>((resolve, reject) => {
      if (failed) return reject(failed);
      waiting.push({ resolve: resolve as (v: unknown) => void, reject });
      port1.postMessage(msg, transfer);
    });
    return {
      start: () => call<number>({ op: 'start' }),
      window: (incoming, end, last) => call<WindowOut>({ op: 'window', incoming, end, last }, buffersOf(incoming)),
      finish: () => call<PartResult>({ op: 'finish' }),
      close: async () => {
        port1.close();
        // Not waiting for the tasks: after an error a region never gets its finish call; destroy ends it.
        if (++closed === n) await pool.destroy();
      },
    };
  });
  return handles;
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

/** Worker side: serves one region's calls on `port` until it has finished. */
export function serveRegion({ init, port }: { init: RegionInit; port: MessagePort }): Promise<void> {
  let region: Region;
  try { region = new Region(init); } catch (err) { return Promise.reject(err); }
  return new Promise((resolve) => {
    port.on('close', () => resolve());
    port.on('message', (m: { op: string; incoming: TruckPack[]; end: number; last: boolean }) => {
      try {
        if (m.op === 'start') port.postMessage({ ok: true, value: region.start() });
        else if (m.op === 'window') {
          const out = region.window(m.incoming, m.end, m.last);
          port.postMessage({ ok: true, value: out }, buffersOf(out.packs.map((p) => p.pack)));
        } else if (m.op === 'finish') {
          port.postMessage({ ok: true, value: region.finish() });
          port.close();
          resolve();
        }
      } catch (err) {
        port.postMessage({ ok: false, error: err instanceof Error ? err.stack ?? err.message : String(err) });
        port.close();
        resolve();
      }
    });
  });
}

/** Threads for `--threads auto`. */
export function autoThreads(): number {
  return availableParallelism();
}
