/**
 * The future event list: a binary heap over typed arrays, ordered by (time, rank, seq). The caller's
 * rank says who goes first at equal times (the kernel packs priority, kind and a canonical entity id
 * into it) and seq tells apart events of one entity: an order by rule, never by push order, so that a
 * run split across threads (each with its own queue) runs every entity's events in the same order.
 * One event is a 32-bit payload; the kernel packs (slot << 3 | kind) into it. Typed arrays instead of
 * event objects: ~4x faster at large queue sizes and no garbage (see shared/peers/RESULTS.md).
 */
export class EventQueue {
  private time: Float64Array;
  private rank: Float64Array;
  private seq: Float64Array;
  private data: Int32Array;
  size = 0;
  /** Time, rank and seq of the event last returned by pop(). */
  lastTime = 0;
  lastRank = 0;
  lastSeq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.rank = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.data = new Int32Array(capacity);
  }

  /** Schedules `payload` at time `t`; at equal times lower `rank` first, then lower `seq`. */
  push(t: number, payload: number, rank = 0, seq = 0): void {
    if (this.size === this.time.length) this.grow();
    const T = this.time, R = this.rank, S = this.seq, D = this.data;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const tp = T[p];
      if (tp < t || (tp === t && (R[p] < rank || (R[p] === rank && S[p] <= seq)))) break;
      T[i] = tp; R[i] = R[p]; S[i] = S[p]; D[i] = D[p];
      i = p;
    }
    T[i] = t; R[i] = rank; S[i] = seq; D[i] = payload;
  }

  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** Removes the earliest event and returns its payload; its time, rank and seq are in lastTime/lastRank/lastSeq. */
  pop(): number {
    const T = this.time, R = this.rank, S = this.seq, D = this.data;
    const top = D[0];
    this.lastTime = T[0];
    this.lastRank = R[0];
    this.lastSeq = S[0];
    const n = --this.size;
    const t = T[n], r = R[n], s = S[n], d = D[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(T, R, S, c + 1, c)) c++;
      if (T[c] > t || (T[c] === t && (R[c] > r || (R[c] === r && S[c] > s)))) break;
      T[i] = T[c]; R[i] = R[c]; S[i] = S[c]; D[i] = D[c];
      i = c;
    }
    T[i] = t; R[i] = r; S[i] = s; D[i] = d;
    return top;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const t = new Float64Array(cap), r = new Float64Array(cap), s = new Float64Array(cap), d = new Int32Array(cap);
    t.set(this.time); r.set(this.rank); s.set(this.seq); d.set(this.data);
    this.time = t; this.rank = r; this.seq = s; this.data = d;
  }
}

function before(T: Float64Array, R: Float64Array, S: Float64Array, a: number, b: number): boolean {
  return T[a] < T[b] || (T[a] === T[b] && (R[a] < R[b] || (R[a] === R[b] && S[a] < S[b])));
}
