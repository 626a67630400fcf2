// Everything the page draws for one run, aggregated from the run directory's files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoBins, autoHistogram, countsPerStep, histogram, resample, roundAll, zeroIntervals, type Reduce } from './aggregate.js';
import { dueThresholds, headline, mapData, meta } from './figures.js';
import type { PlaybackFrames } from './playback.js';
import { framesFromPositions } from './trace-frames.js';
import { geoFromNetwork, hasFile, readShipments, readTrace } from './read-run.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Caps that keep the page small whatever the size of the run. */
export const LIMITS = { seriesPoints: 1000, frames: 360, trucksPerFrame: 250, histBins: 40 };

export function readJson(file: string): Obj {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** Series from series.json, resampled to at most LIMITS.seriesPoints samples. */
export function seriesData(series: Obj) {
  const t: number[] = Array.isArray(series.t) ? series.t : [];
  const factor = Math.max(1, Math.ceil(t.length / LIMITS.seriesPoints));
  const r = (v: unknown, how: Reduce) => roundAll(resample(Array.isArray(v) ? v : [], factor, how), 2);
  const group = (o: unknown, keys: [string, Reduce][]) =>
    Object.fromEntries(Object.entries((o ?? {}) as Obj).map(([id, s]) => [id, Object.fromEntries(keys.map(([k, how]) => [k, r(s?.[k], how)]))]));
  const lineStops = Object.fromEntries(Object.entries((series.factories ?? {}) as Obj)
    .map(([id, f]) => [id, zeroIntervals(t, Array.isArray(f?.stock) ? f.stock : [])]));
  return {
    stepMin: (Number(series.stepMin) || 60) * factor,
    t: resample(t, factor, 'last').map((x, i) => (factor > 1 ? t[i * factor] : x)),
    checkpoints: group(series.checkpoints, [['queue', 'max'], ['busy', 'mean']]),
    stations: group(series.stations, [['gateQueue', 'max'], ['storage', 'max'], ['localBusy', 'mean']]),
    factories: group(series.factories, [['stock', 'mean']]),
    lineStops,
    windows: Array.isArray(series.windows) ? series.windows : [],
  };
}

function extent(nodes: { lon: number; lat: number }[]): { origin: [number, number]; q: number } {
  const lons = nodes.map((n) => n.lon);
  const lats = nodes.map((n) => n.lat);
  const lon0 = lons.length ? Math.min(...lons) : 0;
  const lat0 = lats.length ? Math.min(...lats) : 0;
  const span = Math.max(1e-3, (lons.length ? Math.max(...lons) : 1) - lon0, (lats.length ? Math.max(...lats) : 1) - lat0);
  // About 4000 steps across the network: well under a pixel, at most 4 digits in the JSON.
  return { origin: [lon0, lat0], q: Number((span / 4000).toPrecision(2)) };
}

export async function runData(dir: string, summary: Obj) {
  const network = hasFile(dir, 'network.json') ? readJson(join(dir, 'network.json')) : {};
  const series = hasFile(dir, 'series.json') ? readJson(join(dir, 'series.json')) : {};
  const map = mapData(network, summary);
  const endMin = Number(summary.endMin ?? summary.horizonMin ?? series.t?.at?.(-1) ?? 0) || 1;
  const warmup = Number(summary.warmupMin) || 0;
  const notes: string[] = [];
  if (!hasFile(dir, 'network.json')) notes.push('network.json missing: no map');
  if (!hasFile(dir, 'series.json')) notes.push('series.json missing: no time charts');

  let lead: Record<string, number[]> = {};
  let delivered: number[] = [];
  let deliveredStep = Number(series.stepMin) || 60;
  if (hasFile(dir, 'shipments.csv')) {
    const s = await readShipments(join(dir, 'shipments.csv'), warmup);
    lead = s.leadByClass;
    delivered = countsPerStep(s.deliveredMin, 60, endMin);
    // A long run: hourly rate averaged over 2 h ... 1 week, at most ~500 bars.
    deliveredStep = [1, 2, 3, 6, 12, 24, 48, 168, 336].find((f) => delivered.length / f <= 500) ?? Math.ceil(delivered.length / 500);
    delivered = roundAll(resample(delivered, deliveredStep, 'mean'), 2);
    deliveredStep *= 60;
  } else {
    notes.push('shipments.csv missing: no lead-time histogram; deliveries per hour from series.json');
    // series.delivered[i] counts (t[i-1], t[i]]: shift by one and scale to a rate per hour.
    delivered = (Array.isArray(series.delivered) ? series.delivered.slice(1) : []).map((v: number) => Math.round((v * 6000) / deliveredStep) / 100);
  }
  // Every class's lead times in one typed array (Array.prototype.flat on a million numbers is slow).
  const all = new Float64Array(Object.values(lead).reduce((n, v) => n + v.length, 0));
  Object.values(lead).reduce((at, v) => { all.set(v, at); return at + v.length; }, 0);
  const { binWidth, maxBins } = autoBins(all, LIMITS.histBins);
  const leadHist = Object.fromEntries(Object.entries(lead).sort().map(([k, v]) => [k, histogram(v, binWidth, maxBins)]));

  const box = extent(map.nodes);
  let playback: PlaybackFrames | null = null;
  let dwell = null;
  if (hasFile(dir, 'trace.jsonl')) {
    const tr = await readTrace(join(dir, 'trace.jsonl'), geoFromNetwork(network),
      { endMin, ...box, maxFrames: LIMITS.frames, maxTrucks: LIMITS.trucksPerFrame });
    playback = tr.playback;
    if (tr.dwellMin.length) dwell = autoHistogram(tr.dwellMin, LIMITS.histBins);
  } else if (Array.isArray(series.positions) && Array.isArray(series.t)) {
    playback = framesFromPositions(series.t, series.positions, { ...box, maxTrucks: LIMITS.trucksPerFrame });
  }
  if (!playback) notes.push('no trace.jsonl and no series positions: playback is empty');

  return {
    kind: 'run' as const,
    meta: meta(summary),
    headline: headline(summary),
    failedByReason: summary.shipments?.failedByReason ?? {},
    leadByClass: summary.leadTimeMin?.byClass ?? {},
    map,
    series: { ...seriesData(series), delivered: { stepMin: deliveredStep, counts: delivered } },
    dist: {
      lead: { binWidth, classes: leadHist, due: dueThresholds(network, summary) },
      dwell,
      meanDwell: Object.fromEntries(Object.entries((summary.stations ?? {}) as Obj).map(([id, s]) => [id, s?.meanDwellMin ?? null])),
    },
    playback,
    notes,
  };
}
