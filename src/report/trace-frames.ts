// Playback frames from a trace (enter-edge legs interpolated along straight edges, waits at nodes)
// or from series.json `positions`. The frame format is described in playback.ts.
import { createFrameSink, kmBetween, type FrameOptions, type FrameSink, type Geo, type PlaybackFrames } from './playback.js';

/** Events after which a truck leaves the road (its leg of the journey is over). */
const TERMINAL = new Set(['delivered', 'failed', 'station-arrive']);

export interface TraceLine { t: number; truck: number | string; event: string; from?: string; to?: string }

/**
 * Turns trace lines (in file order, which per truck is time order) into frame positions.
 * Between legs a truck stands at the node it reached (checkpoint queue, waiting for a path).
 * Truck ids (numbers, or names like "sh-jiading/3" for local trucks) are renumbered 0, 1, ... in
 * order of appearance; a truck whose trip ended gets a new number on its next trip.
 */
export function createTraceFramer(geo: Geo, sink: FrameSink) {
  const state = new Map<number, { node: string; arrive: number; last: string }>();
  const ids = new Map<string | number, number>();
  let next = 0;
  const idOf = (truck: string | number) => {
    let id = ids.get(truck);
    if (id === undefined) ids.set(truck, (id = next++));
    return id;
  };
  const at = (id: string): [number, number] | null => {
    const lon = geo.lon.get(id);
    const lat = geo.lat.get(id);
    return lon === undefined || lat === undefined ? null : [lon, lat];
  };
  return {
    line(o: TraceLine): void {
      if (typeof o.t !== 'number' || (typeof o.truck !== 'number' && typeof o.truck !== 'string')) return;
      if (o.event === 'local-depart') { // a local truck idle at its station is not on the road
        const id = ids.get(o.truck);
        if (id !== undefined) state.delete(id);
        ids.delete(o.truck);
        return;
      }
      const truck = idOf(o.truck);
      const s = state.get(truck);
      if (o.event === 'enter-edge' && o.from !== undefined && o.to !== undefined) {
        const a = at(o.from);
        const b = at(o.to);
        if (!a || !b) return;
        if (s && s.arrive < o.t) sink.wait(truck, s.arrive, o.t, at(s.node) ?? a);
        const minutes = geo.edgeMin.get(`${o.from}|${o.to}`) ?? kmBetween(a, b); // unknown edge: 60 km/h
        sink.leg(truck, o.t, minutes, a, b);
        state.set(truck, { node: o.to, arrive: o.t + minutes, last: o.event });
      } else if (TERMINAL.has(o.event)) {
        const p = s && at(s.node);
        if (s && p && s.arrive < o.t) sink.wait(truck, s.arrive, o.t, p);
        state.delete(truck);
        ids.delete(o.truck);
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
