import type { Scenario } from '../scenario/types.js';
import type { Checkpoint } from '../model/checkpoint.js';
import type { Station } from '../model/station.js';
import type { Factory } from '../model/factory.js';

export interface Series {
  stepMin: number;
  t: number[];
  checkpoints: Record<string, { queue: number[]; busy: number[] }>;
  stations: Record<string, { gateQueue: number[]; storage: number[]; localBusy: number[] }>;
  factories: Record<string, { stock: number[] }>;
  /** Deliveries in (t[i-1], t[i]]. */
  delivered: number[];
  windows: { kind: 'closure' | 'zone'; id: string; rule?: string; fromMin: number; toMin: number }[];
  /** Per sample: [truck, lon, lat] of up to 300 trucks on the road (local trucks have negative ids). */
  positions: number[][][];
}

/** At most this many samples a run, whatever the horizon: the step grows for long runs. */
const MAX_SAMPLES = 2000;

/** Samples queues, storage, local trucks and stock at a fixed step, for the report's time charts. */
export class SeriesRecorder {
  readonly stepMin: number;
  readonly times: number[] = [];
  private readonly data: Series;
  private deliveredSince = 0;

  constructor(s: Scenario, end: number) {
    this.stepMin = Math.max(s.sampleEveryMin, Math.ceil(end / MAX_SAMPLES));
    for (let t = 0; t <= end; t += this.stepMin) this.times.push(t);
    this.data = {
      stepMin: this.stepMin, t: [], delivered: [], positions: [], windows: [],
      checkpoints: Object.fromEntries(s.checkpoints.map((c) => [c.id, { queue: [], busy: [] }])),
      stations: Object.fromEntries(s.stations.map((st) => [st.id, { gateQueue: [], storage: [], localBusy: [] }])),
      factories: Object.fromEntries(s.factories.map((f) => [f.id, { stock: [] }])),
    };
  }

  delivered(): void {
    this.deliveredSince++;
  }

  sample(now: number, cps: Checkpoint[], sts: Station[], facs: Factory[], positions: number[][]): void {
    const d = this.data;
    d.t.push(now);
    d.delivered.push(this.deliveredSince);
    this.deliveredSince = 0;
    for (const cp of cps) {
      const c = d.checkpoints[cp.def.id];
      c.queue.push(cp.queue.size);
      c.busy.push(cp.busyOpen + cp.busyReserved);
    }
    for (const st of sts) {
      const x = d.stations[st.def.id];
      x.gateQueue.push(st.gate.size + st.dockQueue.size);
      x.storage.push(st.storage);
      x.localBusy.push(st.localBusy.value);
    }
    for (const f of facs) d.factories[f.def.id].stock.push(Math.round(f.stock * 1000) / 1000);
    d.positions.push(positions);
  }

  result(s: Scenario): Series {
    this.data.windows = [
      ...s.closures.map((c) => ({ kind: 'closure' as const, id: 'edge' in c ? c.edge.join('>') : c.node, fromMin: c.fromMin, toMin: c.toMin })),
      ...s.zones.flatMap((z) => z.controls.map((w) => ({ kind: 'zone' as const, id: z.id, rule: w.rule, fromMin: w.fromMin, toMin: w.toMin }))),
    ];
    return this.data;
  }
}
