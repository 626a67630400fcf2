import type { SeriesRecorder } from '../metrics/series.js';
import type { CheckpointProcess } from './checkpoint.js';
import type { Factories } from './factory.js';
import { LOCAL, Phase } from './fleet.js';
import type { RunContext } from './run-context.js';
import type { StationProcess } from './station.js';
import { nextNodeIndex } from './trip.js';

/** Event kind of a sample for the time series (see simulation.ts for the table of kinds). */
export const SAMPLE = 5;
/** After control changes, before trucks: a sample shows the state as the new rules find it. */
const SAMPLE_PRIORITY = 1;
/** Trucks placed on the map per sample, for the report's playback. */
const MAX_POSITIONS = 300;

/** Samples queues, storage, local trucks, stocks and truck positions at the series' fixed times. */
export class SamplingProcess {
  constructor(
    private readonly ctx: RunContext, private readonly series: SeriesRecorder, private readonly checkpoints: CheckpointProcess,
    private readonly stations: StationProcess, private readonly factories: Factories,
  ) {
    ctx.kernel.on(SAMPLE, SAMPLE_PRIORITY, (i) => this.sample(i));
  }

  /**
   * The first sample; each sample schedules the next (its index is the event's id). One pending at a
   * time, not all of them: a 1e6-shipment run has ~500, which would make the event list ten times as
   * large as the trucks keep it and every push and pop walk twice as many levels.
   */
  start(): void {
    if (this.series.times.length > 0) this.ctx.kernel.at(this.series.times[0], SAMPLE, 0);
  }

  private sample(i: number): void {
    const now = this.ctx.kernel.now, times = this.series.times;
    if (i + 1 < times.length) this.ctx.kernel.at(times[i + 1], SAMPLE, i + 1);
    this.factories.advance(now);
    this.series.sample(now, {
      checkpoints: this.checkpoints.queueLengths(), stations: this.stations.levels(), factories: this.factories.stocks(), positions: this.positions(now),
    });
  }

  /**
   * The 300 trucks on the road with the lowest canonical ids (local trucks first, then long-haul by
   * shipment id), placed along their current edge: [truck (local: -1 - id), lon, lat]. Lowest ids,
   * not first slots: a part of a split run gives its own 300 and the merge keeps the lowest 300.
   */
  positions(now: number): number[][] {
    const f = this.ctx.fleet, { lon, lat, edgeFrom, edgeTo, edgeMin } = this.ctx.net;
    const picked = lowestDriving(f.phase, f.ent, f.high, MAX_POSITIONS), out: number[][] = [];
    for (const s of picked) {
      const j = nextNodeIndex(f, s, now), route = f.route[s]!, e = route.edges[j - 1];
      const arrive = f.segStart[s] + route.cumMin[j] - route.cumMin[f.rpos[s]];
      const x = edgeMin[e] > 0 ? Math.min(1, Math.max(0, 1 - (arrive - now) / edgeMin[e])) : 1;
      const a = edgeFrom[e], b = edgeTo[e];
      out.push([f.flags[s] & LOCAL ? -1 - f.ent[s] : f.shipId[s], round6(lon[a] + x * (lon[b] - lon[a])), round6(lat[a] + x * (lat[b] - lat[a]))]);
    }
    return out;
  }
}

/** Slots of the (up to) `max` driving trucks with the lowest canonical ids, by id: a bounded max-heap over one pass. */
function lowestDriving(phase: Uint8Array, ent: Float64Array, high: number, max: number): number[] {
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && ent[heap[l]] > ent[heap[m]]) m = l;
      if (r < heap.length && ent[heap[r]] > ent[heap[m]]) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (let s = 0; s < high; s++) {
    if (phase[s] !== Phase.Driving) continue;
    if (heap.length < max) {
      heap.push(s);
      for (let i = heap.length - 1; i > 0;) { const p = (i - 1) >> 1; if (ent[heap[p]] >= ent[heap[i]]) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; }
    } else if (ent[s] < ent[heap[0]]) { heap[0] = s; down(0); }
  }
  return heap.sort((a, b) => ent[a] - ent[b]);
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
