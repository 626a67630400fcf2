// Aggregation for the report, checked against values computed by hand.
import { describe, expect, it } from 'vitest';
import { autoBins, countsPerStep, histogram, niceStep, resample, strictestRule, zeroIntervals } from '../src/report/aggregate.js';
import { createFrameSink, createTraceFramer, frameTimes, framesFromPositions, legFraction } from '../src/report/aggregate.js';
import type { Geo } from '../src/report/playback.js';
import { headline, mapData } from '../src/report/figures.js';
import { batchData } from '../src/report/batch-data.js';

describe('histogram()', () => {
  it('bins [0,1), [1,2), ... and puts negatives in bin 0, skips NaN', () => {
    expect(histogram([0, 0.5, 1, 1.9, 2, 5.5, -3, NaN], 1)).toEqual({ binWidth: 1, counts: [3, 2, 1, 0, 0, 1], overflow: 0 });
  });
  it('sends values past maxBins to overflow', () => {
    expect(histogram([0, 10, 25, 29.99, 30, 400], 10, 3)).toEqual({ binWidth: 10, counts: [1, 1, 2], overflow: 2 });
  });
  it('rejects a non-positive bin width', () => {
    expect(() => histogram([1], 0)).toThrow(/binWidth must be > 0/);
  });
});

describe('niceStep() and autoBins()', () => {
  it('rounds up to 1, 2, 2.5, 5 x 10^k', () => {
    expect([0.3, 1, 7, 12, 25, 26, 480].map(niceStep)).toEqual([0.5, 1, 10, 20, 25, 50, 500]);
  });
  it('covers the 99th percentile in about 40 bins', () => {
    // 100 values 1..100: p99 = 99 -> 99/40 = 2.475 -> width 2.5, bins 0..39 (99 / 2.5 = 39.6).
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(autoBins(v, 40)).toEqual({ binWidth: 2.5, maxBins: 40 });
  });
});

describe('countsPerStep() (deliveries per hour)', () => {
  it('counts [0,60), [60,120), ... up to endMin', () => {
    expect(countsPerStep([0, 59.9, 60, 125, 179.5, 180, 2000], 60, 180)).toEqual([2, 1, 3]);
  });
});

describe('resample() and zeroIntervals()', () => {
  it('reduces groups of `factor` samples', () => {
    expect(resample([1, 5, 2, 8, 3], 2, 'max')).toEqual([5, 8, 3]);
    expect(resample([1, 5, 2, 8, 3], 2, 'mean')).toEqual([3, 5, 3]);
    expect(resample([1, 5, 2, 8, 3], 2, 'sum')).toEqual([6, 10, 3]);
    expect(resample([1, 5, 2], 1, 'max')).toEqual([1, 5, 2]);
  });
  it('finds stretches of zero stock (line stops)', () => {
    expect(zeroIntervals([0, 60, 120, 180, 240], [3, 0, 0, 2, 0])).toEqual([{ fromMin: 60, toMin: 180 }, { fromMin: 240, toMin: 240 }]);
  });
  it('shades a zone by its strictest rule', () => {
    expect(strictestRule([{ rule: 'relay' }, { rule: 'sealed' }, { rule: 'open' }])).toBe('sealed');
    expect(strictestRule([])).toBe('open');
  });
});

describe('playback frames', () => {
  // a (120, 30) -> b (121, 30): 60 km at 60 km/h = 60 min; b -> c (121, 31): 30 min.
  const geo: Geo = {
    lon: new Map([['a', 120], ['b', 121], ['c', 121]]),
    lat: new Map([['a', 30], ['b', 30], ['c', 31]]),
    edgeMin: new Map([['a|b', 60], ['b|c', 30]]),
  };
  const opt = { origin: [120, 30] as [number, number], q: 0.001 };

  it('frameTimes() picks a round step within maxFrames', () => {
    expect(frameTimes(120, 9)).toEqual([0, 15, 30, 45, 60, 75, 90, 105, 120]);
    expect(frameTimes(10080, 400).length).toBe(337); // 30-minute frames over a week
  });

  it('legFraction() interpolates and clamps', () => {
    expect([0, 10, 40, 70, 90].map((t) => legFraction(10, 60, t))).toEqual([0, 0, 0.5, 1, 1]);
  });

  it('interpolates along edges and holds a waiting truck at its node', () => {
    const sink = createFrameSink({ ...opt, times: frameTimes(120, 9), maxTrucks: 10 });
    const framer = createTraceFramer(geo, sink);
    const lines = [
      { t: 10, truck: 1, event: 'enter-edge', from: 'a', to: 'b' }, // written at 70
      { t: 70, truck: 1, event: 'checkpoint-queue' },
      { t: 100, truck: 1, event: 'enter-edge', from: 'b', to: 'c' },
      { t: 130, truck: 1, event: 'delivered' },
    ];
    for (const l of lines) framer.line(l);
    framer.line({ t: 20, truck: 'st/1', event: 'local-depart' }); // a local truck leaving its station: no wait shown
    framer.finish(120);
    // t=15: 5/60 of the way -> lon 120.0833 -> x 83; t=60: 50/60 -> x 833.
    // t=75, 90: waiting at b; t=105: 5/30 up b->c -> y 167; t=120: 20/30 -> y 667.
    // Truck 1 is the first truck seen: id 0, code 0 driving and -1 waiting.
    expect(sink.frames()).toEqual([
      [], [0, 83, 0], [0, 333, 0], [0, 583, 0], [0, 833, 0], [-1, 1000, 0], [-1, 1000, 0], [0, 1000, 167], [0, 1000, 667],
    ]);
    expect(sink.counts()).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('keeps the same maxTrucks trucks in every frame and counts all of them', () => {
    const sink = createFrameSink({ ...opt, times: [0, 15], maxTrucks: 2 });
    for (const truck of [5, 6, 7]) for (const k of [0, 1]) sink.point(k, truck, 120, 30);
    const kept = sink.frames().map((f) => [f[0], f[3]]);
    expect(kept[0]).toEqual(kept[1]);
    expect(kept[0]).toHaveLength(2);
    expect(sink.counts()).toEqual([3, 3]);
  });

  it('framesFromPositions() quantises series.json positions', () => {
    // Ids are zigzagged so a negative id (local truck) is not read as "waiting": 3 -> 6, -1 -> 1.
    const pb = framesFromPositions([0, 60], [[[3, 120.5, 30.25], [-1, 120, 30]], []], { ...opt, maxTrucks: 10 });
    expect(pb.frames).toEqual([[1, 0, 0, 6, 500, 250], []]);
    expect(pb.times).toEqual([0, 60]);
    expect(pb.source).toBe('positions');
  });
});

describe('figures', () => {
  const summary = {
    shipments: { created: 10, delivered: 8, onTime: 6, failed: 1, inSystem: 1 },
    leadTimeMin: { mean: 100, p95: 200 },
    checkpoints: { g1: { served: 5, meanWaitMin: 2 }, g2: { served: 9, meanWaitMin: 7.5 } },
    stations: { s1: { transfers: 3 }, s2: { transfers: 4 } },
    factories: { f1: { lineStopMin: 90 }, f2: { lineStopMin: 30 } },
  };
  it('headline() picks the worst checkpoint, busiest station, and sums line stops', () => {
    expect(headline(summary)).toMatchObject({
      delivered: 8, onTimeShare: 0.75, meanLeadMin: 100, p95LeadMin: 200,
      worstCheckpoint: { id: 'g2', meanWaitMin: 7.5 }, busiestStation: { id: 's2', transfers: 4 }, lineStopHours: 2,
    });
  });
  it('mapData() joins network positions with summary figures', () => {
    const network = {
      nodes: [{ id: 'x', lon: 1, lat: 2 }, { id: 'y', lon: 2, lat: 2 }],
      edges: [{ from: 'x', to: 'y', trucks: 4, km: 10 }, { from: 'x', to: 'nowhere' }],
      checkpoints: [{ id: 'g1', node: 'y', lon: 2, lat: 2, lanes: 2 }],
    };
    const m = mapData(network, summary);
    expect(m.edges).toEqual([{ a: 0, b: 1, trucks: 4, km: 10, speedKmh: null, oneway: false }]);
    expect(m.checkpoints[0]).toMatchObject({ id: 'g1', load: 5, wait: 2, figures: { lanes: 2, served: 5 } });
  });
  it('batchData() tolerates wrappers and finds the swept parameters', () => {
    const b = batchData({ scenario: 'x', rows: [
      { point: 'p0', params: { 'a.lanes': 1, seed: 1 }, metrics: { leadTimeMean: { mean: 5, halfWidth: 1, sd: 2, n: 4 } }, extra: true },
      { point: 'p1', params: { 'a.lanes': 2, seed: 1 }, metrics: { leadTimeMean: { mean: 3, halfWidth: 1, sd: 2, n: 4 } } },
    ] }, 'batch.json');
    expect(b.swept).toEqual(['a.lanes']);
    expect(b.leadMetric).toBe('leadTimeMean');
    expect(b.meta).toEqual({ scenario: 'x' });
  });
});
