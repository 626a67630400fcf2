/**
 * The future event list: a 4-ary heap over typed arrays, ordered by (time, key). The key is
 * priority * 2^40 + sequence number: at the same time a lower priority runs first, and within a
 * priority events run in the order they were scheduled, whatever the heap's shape (SimPy's
 * (time, priority, eid)). One float compare covers both, exactly: keys stay below 2^53.
 * An event is a 32-bit payload; the kernel packs (entity << 3 | kind) into it. Typed arrays instead of
 * event objects: ~4x faster at large queue sizes and no garbage (see shared/peers/RESULTS.md). Four
 * children a node rather than two: half the levels for a pop to sift through, the children of a node
 * side by side in memory; the order (time, key) is total, so the shape cannot change which event is next.
 */
export const PRIORITY_STRIDE = 2 ** 40;

export class EventQueue {
  private time: Float64Array;
  private keys: Float64Array;
  private data: Int32Array;
  private nextSeq = 0;
  size = 0;
  /** Time and key of the event last returned by pop(). */
  lastTime = 0;
  lastKey = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.keys = new Float64Array(capacity);
    this.data = new Int32Array(capacity);
  }

  /** Schedules `payload` at time `t` with `priority` (0 first); returns its key (to recognise it later). */
  push(t: number, payload: number, priority = 0): number {
    if (this.size === this.time.length) this.grow();
    const T = this.time, S = this.keys, D = this.data;
    const s = priority * PRIORITY_STRIDE + this.nextSeq++;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const tp = T[p];
      if (tp < t || (tp === t && S[p] < s)) break;
      T[i] = tp; S[i] = S[p]; D[i] = D[p];
      i = p;
    }
    T[i] = t; S[i] = s; D[i] = payload;
    return s;
  }

  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** Removes the earliest event and returns its payload; its time and key are in lastTime/lastKey. */
  pop(): number {
    const T = this.time, S = this.keys, D = this.data;
    const top = D[0];
    this.lastTime = T[0];
    this.lastKey = S[0];
    const n = --this.size;
    const t = T[n], s = S[n], d = D[n];
    let i = 0;
    for (;;) {
      const first = 4 * i + 1;
      if (first >= n) break;
      // The earliest of up to four children.
      let c = first, tc = T[first], sc = S[first];
      const last = first + 4 < n ? first + 4 : n;
      for (let j = first + 1; j < last; j++) {
        const tj = T[j];
        if (tj < tc || (tj === tc && S[j] < sc)) { c = j; tc = tj; sc = S[j]; }
      }
      if (tc > t || (tc === t && sc > s)) break;
      T[i] = tc; S[i] = sc; D[i] = D[c];
      i = c;
    }
    T[i] = t; S[i] = s; D[i] = d;
    return top;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap), s = new Float64Array(cap), d = new Int32Array(cap);
    t.set(this.time); s.set(this.keys); d.set(this.data);
    this.time = t; this.keys = s; this.data = d;
  }
}
