// Playback frames: where sampled trucks are at evenly spaced instants, from a trace (enter-edge
// events interpolated along straight edges) or from series.json `positions`.
// A frame is a flat int array [truck, x, y, truck, x, y, ...]; x = round((lon - lon0) / q),
// y = round((lat - lat0) / q). A truck waiting at a node (queue, station) has truck = -(id + 1).

export interface PlaybackFrames {
  source: 'trace' | 'positions';
  times: number[];
  origin: [number, number];
  q: number;
  frames: number[][];
  /** Trucks on the map at each frame before sampling down to maxTrucks. */
  counts: number[];
}

export interface Geo { lon: Map<string, number>; lat: Map<string, number>; edgeMin: Map<string, number> }

export interface FrameOptions { times: number[]; origin: [number, number]; q: number; maxTrucks: number }

/** Evenly spaced frame instants 0, step, ..., covering endMin with at most maxFrames frames. */
export function frameTimes(endMin: number, maxFrames: number): number[] {
  const steps = [1, 2, 5, 10, 15, 20, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080];
  const step = steps.find((s) => endMin / s + 1 <= maxFrames) ?? Math.ceil(endMin / (maxFrames - 1));
  const out: number[] = [];
  for (let t = 0; t <= endMin + 1e-9; t += step) out.push(t);
  return out;
}

/** Linear interpolation along a leg entered at t0 that takes `minutes`: fraction in [0, 1]. */
export function legFraction(t0: number, minutes: number, t: number): number {
  if (!(minutes > 0)) return 1;
  return Math.min(1, Math.max(0, (t - t0) / minutes));
}

/** Mixes the truck id so the kept subset is spread over the fleet, and the same in every frame. */
const rank = (truck: number) => Math.imul(truck + 1, 2654435761) >>> 0;

interface Slot { ids: number[]; codes: number[]; xs: number[]; ys: number[]; worst: number }

/** Accumulates positions per frame, keeping the maxTrucks lowest-ranked trucks of each frame. */
export function createFrameSink(opt: FrameOptions) {
  const slots: Slot[] = opt.times.map(() => ({ ids: [], codes: [], xs: [], ys: [], worst: -1 }));
  const counts = opt.times.map(() => 0);
  const step = opt.times.length > 1 ? opt.times[1] - opt.times[0] : 1;
  function put(k: number, truck: number, lon: number, lat: number, waiting: boolean): void {
    const s = slots[k];
    counts[k]++;
    let at = s.ids.length;
    if (at >= opt.maxTrucks) {
      if (rank(truck) >= rank(s.worst)) return;
      at = s.ids.indexOf(s.worst);
    }
    s.ids[at] = truck;
    s.codes[at] = waiting ? -(truck + 1) : truck;
    s.xs[at] = Math.round((lon - opt.origin[0]) / opt.q);
    s.ys[at] = Math.round((lat - opt.origin[1]) / opt.q);
    if (s.ids.length >= opt.maxTrucks) s.worst = s.ids.reduce((w, id) => (rank(id) > rank(w) ? id : w), s.ids[0]);
  }
  /** Frame indices k with from <= times[k] < to. */
  function range(from: number, to: number): [number, number] {
    const lo = Math.max(0, Math.ceil((from - opt.times[0]) / step - 1e-9));
    const hi = Math.min(opt.times.length, Math.ceil((to - opt.times[0]) / step - 1e-9));
    return [lo, hi];
  }
  return {
    range,
    /** A truck driving from (lon0,lat0) at t0 to (lon1,lat1), taking `minutes`. */
    leg(truck: number, t0: number, minutes: number, a: [number, number], b: [number, number]): void {
      const [lo, hi] = range(t0, t0 + Math.max(minutes, 1e-9));
      for (let k = lo; k < hi; k++) {
        const f = legFraction(t0, minutes, opt.times[k]);
        put(k, truck, a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, false);
      }
    },
    /** A truck standing at a node over [from, to). */
    wait(truck: number, from: number, to: number, at: [number, number]): void {
      const [lo, hi] = range(from, to);
      for (let k = lo; k < hi; k++) put(k, truck, at[0], at[1], true);
    },
    /** A sampled position at frame k exactly. */
    point(k: number, truck: number, lon: number, lat: number): void { put(k, truck, lon, lat, false); },
    frames(): number[][] {
      return slots.map((s) => {
        const out: number[] = [];
        const order = s.ids.map((_, i) => i).sort((i, j) => s.ids[i] - s.ids[j]);
        for (const i of order) out.push(s.codes[i], s.xs[i], s.ys[i]);
        return out;
      });
    },
    counts: () => counts,
  };
}

/** Great-circle km between two [lon, lat] points. */
export function kmBetween(a: [number, number], b: [number, number]): number {
  const r = Math.PI / 180;
  const h = Math.sin(((b[1] - a[1]) * r) / 2) ** 2 + Math.cos(a[1] * r) * Math.cos(b[1] * r) * Math.sin(((b[0] - a[0]) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export type FrameSink = ReturnType<typeof createFrameSink>;

/** Events after which a truck leaves the road (its leg of the journey is over). */
const TERMINAL = new Set(['delivered', 'failed', 'station-arrive']);

export interface TraceLine { t: number; truck: number; event: string; from?: string; to?: string }

/**
 * Turns trace lines (in file order, which per truck is time order) into frame positions.
 * Between legs a truck stands at the node it reached (checkpoint queue, waiting for a path).
 */
export function createTraceFramer(geo: Geo, sink: FrameSink) {
  const state = new Map<number, { node: string; arrive: number; last: string }>();
  const at = (id: string): [number, number] | null => {
    const lon = geo.lon.get(id);
    const lat = geo.lat.get(id);
    return lon === undefined || lat === undefined ? null : [lon, lat];
  };
  return {
    line(o: TraceLine): void {
      if (typeof o.t !== 'number' || typeof o.truck !== 'number') return;
      const s = state.get(o.truck);
      if (o.event === 'enter-edge' && o.from !== undefined && o.to !== undefined) {
        const a = at(o.from);
        const b = at(o.to);
        if (!a || !b) return;
        if (s && s.arrive < o.t) sink.wait(o.truck, s.arrive, o.t, at(s.node) ?? a);
        const minutes = geo.edgeMin.get(`${o.from}|${o.to}`) ?? kmBetween(a, b); // unknown edge: 60 km/h
        sink.leg(o.truck, o.t, minutes, a, b);
        state.set(o.truck, { node: o.to, arrive: o.t + minutes, last: o.event });
      } else if (s && TERMINAL.has(o.event)) {
        const p = at(s.node);
        if (p && s.arrive < o.t) sink.wait(o.truck, s.arrive, o.t, p);
        state.delete(o.truck);
      } else if (s) {
        s.last = o.event;
      }
    },
    /** Trucks still held up at a node when the trace ends (no path, queue) stay visible to endMin. */
    finish(endMin: number): void {
      for (const [truck, s] of state) {
        const p = at(s.node);
        if (p && s.last !== 'enter-edge' && s.arrive < endMin) sink.wait(truck, s.arrive, endMin + 1e-6, p);
      }
      state.clear();
    },
  };
}

/** Frames from series.json `positions` (one list of [truck, lon, lat] per sample at series.t). */
export function framesFromPositions(t: number[], positions: [number, number, number][][], opt: Omit<FrameOptions, 'times'>): PlaybackFrames {
  const stride = Math.max(1, Math.ceil(t.length / 400));
  const idx = t.map((_, i) => i).filter((i) => i % stride === 0);
  const times = idx.map((i) => t[i]);
  const sink = createFrameSink({ ...opt, times });
  idx.forEach((i, k) => {
    for (const p of positions[i] ?? []) if (Array.isArray(p) && p.length >= 3) sink.point(k, p[0], p[1], p[2]);
  });
  return { source: 'positions', times, origin: opt.origin, q: opt.q, frames: sink.frames(), counts: sink.counts() };
}
