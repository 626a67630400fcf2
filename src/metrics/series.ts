import type { Scenario } from '../scenario/types.js';

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

/** One sample, in scenario order: per checkpoint [queue, lanes busy], per station [gate + dock queue, storage, local trucks busy], per factory its stock. */
export interface SampleRow {
  checkpoints: [number, number][];
  stations: [number, number, number][];
  factories: number[];
  positions: number[][];
}

/** At most this many samples a run, whatever the horizon: the step grows for long runs. */
const MAX_SAMPLES = 2000;

/** Samples queues, storage, local trucks and stock at a fixed step, for the report's time charts. */
export class SeriesRecorder {
  readonly stepMin: number;
  readonly times: number[] = [];
  private readonly data: Series;
  private deliveredSince = 0;
  // The series of each entity by scenario index (ids are keys of the output).
  private readonly cps: Series['checkpoints'][string][];
  private readonly sts: Series['stations'][string][];
  private readonly facs: Series['factories'][string][];

  constructor(s: Scenario, end: number) {
    this.stepMin = Math.max(s.sampleEveryMin, Math.ceil(end / MAX_SAMPLES));
    for (let t = 0; t <= end; t += this.stepMin) this.times.push(t);
    this.data = {
      stepMin: this.stepMin, t: [], delivered: [], positions: [], windows: [],
      checkpoints: Object.fromEntries(s.checkpoints.map((c) => [c.id, { queue: [], busy: [] }])),
      stations: Object.fromEntries(s.stations.map((st) => [st.id, { gateQueue: [], storage: [], localBusy: [] }])),
      factories: Object.fromEntries(s.factories.map((f) => [f.id, { stock: [] }])),
    };
    this.cps = s.checkpoints.map((c) => this.data.checkpoints[c.id]);
    this.sts = s.stations.map((st) => this.data.stations[st.id]);
    this.facs = s.factories.map((f) => this.data.factories[f.id]);
  }

  delivered(): void {
    this.deliveredSince++;
  }

  sample(now: number, row: SampleRow): void {
    const d = this.data;
    d.t.push(now);
    d.delivered.push(this.deliveredSince);
    this.deliveredSince = 0;
    row.checkpoints.forEach(([queue, busy], i) => {
      const c = this.cps[i];
      c.queue.push(queue);
      c.busy.push(busy);
    });
    row.stations.forEach(([queue, storage, localBusy], i) => {
      const x = this.sts[i];
      x.gateQueue.push(queue);
      x.storage.push(storage);
      x.localBusy.push(localBusy);
    });
    row.factories.forEach((stock, i) => this.facs[i].stock.push(Math.round(stock * 1000) / 1000));
    d.positions.push(row.positions);
  }

  result(s: Scenario): Series {
    this.data.windows = [
      ...s.closures.map((c) => ({ kind: 'closure' as const, id: 'edge' in c ? c.edge.join('>') : c.node, fromMin: c.fromMin, toMin: c.toMin })),
      ...s.zones.flatMap((z) => z.controls.map((w) => ({ kind: 'zone' as const, id: z.id, rule: w.rule, fromMin: w.fromMin, toMin: w.toMin }))),
    ];
    return this.data;
  }
}
