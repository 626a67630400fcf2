// Per-element figures (map marks, tooltips) and the headline numbers, from summary.json and
// network.json. Tolerant: fields the core adds later are passed through to the tooltips.
import { strictestRule } from './aggregate.js';
import { basemapFor, polygonPoints, viewBox, type BBox } from './basemap.js';

type Obj = Record<string, unknown>;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);

/** Flattens {a: {b: 1}} to {"a.b": 1}, numbers rounded to 3 decimals; for tooltips. */
export function flatFigures(o: Obj, skip: string[] = [], prefix = ''): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(o)) {
    if (skip.includes(k)) continue;
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'number') out[key] = Math.round(v * 1000) / 1000;
    else if (typeof v === 'string' || typeof v === 'boolean') out[key] = String(v);
    else if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(out, flatFigures(v as Obj, [], key));
  }
  return out;
}

export interface Headline {
  created: number | null; delivered: number | null; failed: number | null; inSystem: number | null;
  onTimeShare: number | null; meanLeadMin: number | null; p95LeadMin: number | null;
  worstCheckpoint: { id: string; meanWaitMin: number } | null;
  busiestStation: { id: string; transfers: number } | null;
  lineStopHours: number | null;
}

export function headline(summary: Obj): Headline {
  const sh = obj(summary.shipments);
  const lt = obj(summary.leadTimeMin);
  const delivered = num(sh.delivered);
  const onTime = num(sh.onTime);
  let worst: Headline['worstCheckpoint'] = null;
  for (const [id, c] of Object.entries(obj(summary.checkpoints))) {
    const w = num(obj(c).meanWaitMin);
    if (w !== null && (!worst || w > worst.meanWaitMin)) worst = { id, meanWaitMin: w };
  }
  let busiest: Headline['busiestStation'] = null;
  for (const [id, s] of Object.entries(obj(summary.stations))) {
    const n = num(obj(s).transfers);
    if (n !== null && (!busiest || n > busiest.transfers)) busiest = { id, transfers: n };
  }
  const stops = Object.values(obj(summary.factories)).map((f) => num(obj(f).lineStopMin));
  return {
    created: num(sh.created), delivered, failed: num(sh.failed), inSystem: num(sh.inSystem),
    onTimeShare: delivered && onTime !== null ? onTime / delivered : null,
    meanLeadMin: num(lt.mean), p95LeadMin: num(lt.p95),
    worstCheckpoint: worst, busiestStation: busiest,
    lineStopHours: stops.length ? stops.reduce((a: number, b) => a + (b ?? 0), 0) / 60 : null,
  };
}

export interface MapMark { id: string; name: string; node: string; lon: number; lat: number; load: number; wait: number | null; figures: Record<string, string | number> }

/** Marks for checkpoints / stations / factories: position from network.json, figures from both files. */
function marks(list: Obj[], figs: Obj, load: string, wait: string): MapMark[] {
  return list
    .filter((m) => num(m.lon) !== null && num(m.lat) !== null)
    .map((m) => {
      const f = obj(figs[String(m.id)]);
      return {
        id: String(m.id), name: String(m.name ?? m.id), node: String(m.node ?? ''), lon: m.lon as number, lat: m.lat as number,
        load: num(f[load]) ?? 0, wait: num(f[wait]),
        figures: { ...flatFigures(m, ['id', 'lon', 'lat', 'node', 'name']), ...flatFigures(f, ['node']) },
      };
    });
}

export function mapData(network: Obj, summary: Obj) {
  const nodes = arr(network.nodes).filter((n) => num(n.lon) !== null && num(n.lat) !== null)
    .map((n) => ({ id: String(n.id), name: String(n.name ?? n.id), kind: n.kind == null ? null : String(n.kind), lon: n.lon as number, lat: n.lat as number }));
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const edges = arr(network.edges)
    .filter((e) => index.has(String(e.from)) && index.has(String(e.to)))
    .map((e) => ({ a: index.get(String(e.from)) as number, b: index.get(String(e.to)) as number,
      trucks: num(e.trucks) ?? 0, km: num(e.km), speedKmh: num(e.speedKmh), oneway: e.oneway === true }));
  const zones = arr(network.zones).map((z) => ({
    id: String(z.id), name: String(z.name ?? z.id), polygon: z.polygon ?? null, controls: arr(z.controls), rule: strictestRule(arr(z.controls) as { rule?: string }[]),
  }));
  const view = viewBox([...nodes.map((n) => [n.lon, n.lat]), ...zones.flatMap((z) => [...polygonPoints(z.polygon)])]);
  return {
    nodes, edges, zones,
    basemap: basemapFor(widened(view)),
    closures: arr(network.closures),
    checkpoints: marks(arr(network.checkpoints), obj(summary.checkpoints), 'served', 'meanWaitMin'),
    stations: marks(arr(network.stations), obj(summary.stations), 'transfers', 'meanWaitMin'),
    factories: marks(arr(network.factories), obj(summary.factories), 'deliveries', 'lineStopMin'),
  };
}

/**
 * The land is cut wider than the network: a map whose shape does not match the page's shows the
 * neighbouring land and sea in the margin, and panning reveals more, instead of blank paper.
 */
function widened(b: BBox | null): BBox | null {
  if (!b) return null;
  const [x0, y0, x1, y1] = b;
  const cx = (x0 + x1) / 2, half = Math.max(x1 - x0, 2.4 * (y1 - y0)) / 2;
  const dy = (y1 - y0) * 0.25;
  return [cx - half, y0 - dy, cx + half, y1 + dy];
}

/** On-time thresholds per priority class, wherever the core put them (network/summary `demand`). */
export function dueThresholds(...sources: Obj[]): { priority: string; dueMin: number; stream: string }[] {
  const out: { priority: string; dueMin: number; stream: string }[] = [];
  for (const s of sources) {
    for (const d of arr(s.demand)) {
      const due = num(d.dueMin);
      if (due !== null) out.push({ priority: String(d.priority ?? 'normal'), dueMin: due, stream: String(d.id ?? '') });
    }
  }
  return out;
}

export function meta(summary: Obj) {
  const pick = ['runId', 'scenario', 'title', 'seed', 'startTime', 'horizonMin', 'warmupMin', 'drainMin', 'endMin', 'sets'];
  return Object.fromEntries(pick.filter((k) => summary[k] !== undefined).map((k) => [k, summary[k]]));
}
