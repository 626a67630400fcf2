// Streaming reads of a run directory: shipments.csv (scanCsvColumns) and trace.jsonl (readline) are
// never held in memory as rows; only the numbers the page needs are kept.
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { scanCsvColumns } from './shipments-scan.js';
import { createFrameSink, frameTimes, type Geo, type PlaybackFrames } from './playback.js';
import { createTraceFramer } from './trace-frames.js';

export interface ShipmentStats {
  /** Lead times of delivered shipments created at or after warm-up, per priority class. */
  leadByClass: Record<string, number[]>;
  /** Delivery instants of all delivered shipments. */
  deliveredMin: number[];
  rows: number;
}

export async function readShipments(file: string, warmupMin: number): Promise<ShipmentStats> {
  const stats: ShipmentStats = { leadByClass: {}, deliveredMin: [], rows: 0 };
  const [STATUS, DELIVERED, LEAD, CREATED, PRIORITY] = [0, 1, 2, 3, 4];
  // Only the five columns used, found by name; fields as strings only for these.
  await scanCsvColumns(file, ['status', 'deliveredMin', 'leadTimeMin', 'createdMin', 'priority'], (get, num, filled) => {
    stats.rows++;
    if (get(STATUS) !== 'delivered') return;
    const delivered = num(DELIVERED);
    if (filled(DELIVERED) && Number.isFinite(delivered)) stats.deliveredMin.push(delivered);
    const lead = num(LEAD);
    if (!filled(LEAD) || !Number.isFinite(lead) || num(CREATED) < warmupMin) return;
    (stats.leadByClass[get(PRIORITY) || 'normal'] ??= []).push(lead);
  });
  return stats;
}

export interface TraceStats { playback: PlaybackFrames; dwellMin: number[]; lines: number }

/** Trace events neither playback nor dwell needs (checkpoint-queue is kept: a truck stuck there shows). */
const UNUSED = new Set(['create', 'checkpoint-start', 'checkpoint-done', 'transfer-start', 'transfer-done', 'replan']);

export interface TraceOptions { endMin: number; origin: [number, number]; q: number; maxFrames: number; maxTrucks: number }

/** One pass over trace.jsonl: playback frames and station dwell (station-arrive -> local-depart). */
export async function readTrace(file: string, geo: Geo, opt: TraceOptions): Promise<TraceStats> {
  const times = frameTimes(opt.endMin, opt.maxFrames);
  const sink = createFrameSink({ times, origin: opt.origin, q: opt.q, maxTrucks: opt.maxTrucks });
  const framer = createTraceFramer(geo, sink);
  const arrived = new Map<number, number>();
  const dwellMin: number[] = [];
  let lines = 0;
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const text of rl) {
    if (!text) continue;
    // Most lines are events the report does not use: skip them before paying for JSON.parse.
    const at = text.indexOf('"event":"');
    if (at >= 0 && UNUSED.has(text.slice(at + 9, text.indexOf('"', at + 9)))) { lines++; continue; }
    let o: { t: number; truck: number | string; shipment?: number; event: string; from?: string; to?: string };
    try { o = JSON.parse(text); } catch { continue; }
    lines++;
    framer.line(o);
    if (typeof o.shipment !== 'number') continue;
    if (o.event === 'station-arrive') arrived.set(o.shipment, o.t);
    else if (o.event === 'local-depart') {
      const t0 = arrived.get(o.shipment);
      if (t0 !== undefined) { dwellMin.push(o.t - t0); arrived.delete(o.shipment); }
    }
  }
  framer.finish(opt.endMin);
  return {
    playback: { source: 'trace', times, origin: opt.origin, q: opt.q, frames: sink.frames(), counts: sink.counts() },
    dwellMin, lines,
  };
}

/** Node coordinates and free-flow edge minutes (both directions unless oneway) from network.json. */
export function geoFromNetwork(network: { nodes?: unknown; edges?: unknown }): Geo {
  const geo: Geo = { lon: new Map(), lat: new Map(), edgeMin: new Map() };
  for (const n of (Array.isArray(network.nodes) ? network.nodes : []) as { id: string; lon: number; lat: number }[]) {
    geo.lon.set(String(n.id), n.lon);
    geo.lat.set(String(n.id), n.lat);
  }
  for (const e of (Array.isArray(network.edges) ? network.edges : []) as { from: string; to: string; km?: number; speedKmh?: number; oneway?: boolean }[]) {
    if (!(Number(e.km) > 0 && Number(e.speedKmh) > 0)) continue;
    const minutes = ((e.km as number) / (e.speedKmh as number)) * 60;
    geo.edgeMin.set(`${e.from}|${e.to}`, minutes);
    if (!e.oneway && !geo.edgeMin.has(`${e.to}|${e.from}`)) geo.edgeMin.set(`${e.to}|${e.from}`, minutes);
  }
  return geo;
}

export const hasFile = (dir: string, name: string) => existsSync(join(dir, name));
