// Playback frames: where sampled trucks are at evenly spaced instants, from a trace (enter-edge
// events interpolated along straight edges) or from series.json `positions`.
// A frame is a flat int array [code, x, y, code, x, y, ...]; x = round((lon - lon0) / q),
// y = round((lat - lat0) / q); code = z for a driving truck and -(z + 1) for one waiting at a node
// (queue, no path), where z = 2 * id for id >= 0 and -2 * id - 1 for negative ids (zigzag).

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
    const z = truck >= 0 ? 2 * truck : -2 * truck - 1; // zigzag: the sign is kept for "waiting"
    s.codes[at] = waiting ? -(z + 1) : z;
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
