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
    ctx.kernel.on(SAMPLE, SAMPLE_PRIORITY, () => this.sample());
  }

  start(): void {
    for (const t of this.series.times) this.ctx.kernel.at(t, SAMPLE, 0);
  }

  private sample(): void {
    const now = this.ctx.kernel.now;
    this.factories.advance(now);
    this.series.sample(now, {
      checkpoints: this.checkpoints.queueLengths(), stations: this.stations.levels(), factories: this.factories.stocks(), positions: this.positions(now),
    });
  }

  /** Up to 300 trucks on the road, placed along their current edge: [truck (local: -1 - slot), lon, lat]. */
  private positions(now: number): number[][] {
    const f = this.ctx.fleet, out: number[][] = [], { lon, lat, edgeFrom, edgeTo, edgeMin } = this.ctx.net;
    for (let s = 0; s < f.high && out.length < MAX_POSITIONS; s++) {
      if (f.phase[s] !== Phase.Driving) continue;
      const j = nextNodeIndex(f, s, now), route = f.route[s]!, e = route.edges[j - 1];
      const arrive = f.segStart[s] + route.cumMin[j] - route.cumMin[f.rpos[s]];
      const x = edgeMin[e] > 0 ? Math.min(1, Math.max(0, 1 - (arrive - now) / edgeMin[e])) : 1;
      const a = edgeFrom[e], b = edgeTo[e];
      out.push([f.flags[s] & LOCAL ? -1 - s : f.shipId[s], round6(lon[a] + x * (lon[b] - lon[a])), round6(lat[a] + x * (lat[b] - lat[a]))]);
    }
    return out;
  }
}

function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
