// Runs side by side: headline figures, per-site figures, totals over time, lead-time distributions
// and the change in road use and site wait on the first run's map.
import { countsPerStep, nearestRankSorted, roundAll } from '../report/aggregate.js';
import { headline, mapData, meta } from '../report/figures.js';
import { readShipments } from '../report/read-run.js';
import { seriesData } from '../report/run-data.js';
import type { RunInput } from './inputs.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Headline figures compared, in display order: [key, label, unit]. */
export const HEADLINE: [string, string, 'count' | 'share' | 'min' | 'h' | 'km'][] = [
  ['created', 'shipments created', 'count'], ['delivered', 'delivered', 'count'], ['failed', 'failed', 'count'], ['inSystem', 'still moving at the end', 'count'],
  ['onTimeShare', 'on time (of delivered)', 'share'], ['meanLeadMin', 'mean lead time', 'min'], ['p95LeadMin', 'p95 lead time', 'min'],
  ['relayed', 'relayed at a station', 'count'], ['turnedBack', 'turned back at a checkpoint', 'count'], ['lineStopHours', 'factory line stop', 'h'], ['truckKm', 'truck km', 'km'],
];

export function headlineOf(summary: Obj): Record<string, number | null> {
  const h = headline(summary);
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    created: h.created, delivered: h.delivered, failed: h.failed, inSystem: h.inSystem, onTimeShare: h.onTimeShare,
    meanLeadMin: h.meanLeadMin, p95LeadMin: h.p95LeadMin, relayed: num(summary.shipments?.relayed), turnedBack: num(summary.shipments?.turnedBack),
    lineStopHours: h.lineStopHours, truckKm: num(summary.truckKm),
  };
}

/** Per-site figures compared: kind -> [field, label, unit]. */
export const SITE_FIELDS: Record<'checkpoints' | 'stations' | 'factories', [string, string, 'count' | 'share' | 'min'][]> = {
  checkpoints: [['served', 'served', 'count'], ['meanWaitMin', 'mean wait', 'min'], ['maxQueue', 'longest queue', 'count'], ['utilization', 'utilization', 'share'], ['turnedBack', 'turned back', 'count']],
  stations: [['transfers', 'transfers', 'count'], ['meanWaitMin', 'mean wait', 'min'], ['utilization', 'dock utilization', 'share'], ['maxStorage', 'most in storage', 'count']],
  factories: [['lineStopMin', 'line stopped', 'min'], ['minStock', 'lowest stock', 'count'], ['deliveries', 'deliveries', 'count']],
};

function siteTables(runs: RunInput[]) {
  const out: Record<string, { id: string; values: (number | null)[][] }[]> = {};
  for (const kind of Object.keys(SITE_FIELDS) as (keyof typeof SITE_FIELDS)[]) {
    const ids = [...new Set(runs.flatMap((r) => Object.keys(r.summary[kind] ?? {})))].sort();
    out[kind] = ids.map((id) => ({
      id,
      // values[field][run]; null where a run has no such site.
      values: SITE_FIELDS[kind].map(([f]) => runs.map((r) => { const v = r.summary[kind]?.[id]?.[f]; return typeof v === 'number' ? v : null; })),
    }));
  }
  return out;
}

const sum = (arrays: number[][], n: number) => Array.from({ length: n }, (_, i) => arrays.reduce((a, v) => a + (v[i] ?? 0), 0));

/** Totals over the elements of each run, on its own time axis. */
function totals(r: RunInput) {
  if (!r.series) return null;
  const s = seriesData(r.series);
  const n = s.t.length;
  const of = (group: Record<string, Record<string, number[]>>, key: string) => roundAll(sum(Object.values(group).map((g) => g[key] ?? []), n), 2);
  return {
    t: s.t,
    checkpointQueue: of(s.checkpoints, 'queue'), stationQueue: of(s.stations, 'gateQueue'), storage: of(s.stations, 'storage'),
    localBusy: of(s.stations, 'localBusy'), stock: of(s.factories, 'stock'), windows: s.windows,
  };
}

/** Lead-time quantiles (0, 1, ..., 100 %) of delivered shipments after warm-up; deliveries per hour. */
async function shipments(r: RunInput, endMin: number) {
  if (!r.shipments) return null;
  const s = await readShipments(r.shipments, Number(r.summary.warmupMin) || 0);
  const all = Float64Array.from(Object.values(s.leadByClass).flat()).sort();
  const q = all.length ? Array.from({ length: 101 }, (_, i) => Math.round(nearestRankSorted(all, i / 100) * 100) / 100) : [];
  return { leadQuantiles: q, n: all.length, deliveredPerHour: countsPerStep(s.deliveredMin, 60, endMin) };
}

const edgeKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

export async function runCompare(runs: RunInput[]) {
  const base = runs[0];
  const notes: string[] = [];
  const net = (r: RunInput) => r.network ?? {};
  const ids = (r: RunInput, k: 'nodes' | 'edges') => new Set((net(r)[k] ?? []).map((x: Obj) => (k === 'nodes' ? String(x.id) : edgeKey(String(x.from), String(x.to)))));
  const baseNodes = ids(base, 'nodes'), baseEdges = ids(base, 'edges');
  for (const r of runs.slice(1)) {
    const n = ids(r, 'nodes'), e = ids(r, 'edges');
    const same = n.size === baseNodes.size && [...n].every((x) => baseNodes.has(x)) && e.size === baseEdges.size && [...e].every((x) => baseEdges.has(x));
    if (!same) notes.push(`${r.name} runs on another network than ${base.name} (${n.size} nodes, ${e.size} roads against ${baseNodes.size} and ${baseEdges.size}): the map shows ${base.name}'s network, and roads or sites missing from a run count as unused there.`);
  }
  const map = mapData(net(base), base.summary);
  // Trucks per road, per run, in the order of the base map's edges.
  const roadUse = runs.map((r) => {
    const m = new Map<string, number>();
    for (const e of net(r).edges ?? []) m.set(edgeKey(String(e.from), String(e.to)), (m.get(edgeKey(String(e.from), String(e.to))) ?? 0) + (Number(e.trucks) || 0));
    return map.edges.map((e) => m.get(edgeKey(map.nodes[e.a].id, map.nodes[e.b].id)) ?? 0);
  });
  const siteWait = runs.map((r) => {
    const w: Record<string, number | null> = {};
    for (const k of ['checkpoints', 'stations'] as const) for (const [id, v] of Object.entries(r.summary[k] ?? {})) w[id] = typeof (v as Obj).meanWaitMin === 'number' ? (v as Obj).meanWaitMin : null;
    return w;
  });
  const endOf = (r: RunInput) => Number(r.summary.endMin ?? r.summary.horizonMin) || 1;
  const ship = await Promise.all(runs.map((r) => shipments(r, endOf(r))));
  for (const [i, s] of ship.entries()) if (!s) notes.push(`${runs[i].name}: no shipments.csv, so no lead-time distribution or deliveries per hour`);
  return {
    kind: 'compare-runs' as const,
    names: runs.map((r) => r.name),
    meta: runs.map((r) => ({ ...meta(r.summary), dir: r.dir })),
    headline: { rows: HEADLINE, values: runs.map((r) => headlineOf(r.summary)) },
    sites: { fields: SITE_FIELDS, rows: siteTables(runs) },
    series: runs.map(totals),
    shipments: ship,
    map, roadUse, siteWait,
    notes,
  };
}
