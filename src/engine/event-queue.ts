/**
 * The future event list: a 4-ary heap over typed arrays, ordered by (time, rank, seq, payload). The caller's
 * rank says who goes first at equal times (the kernel packs priority, kind and a canonical entity id
 * into it) and seq tells apart events of one entity: an order by rule, never by push order, so that a
 * run split across threads (each with its own queue) runs every entity's events in the same order.
 * One event is a 32-bit payload; the kernel packs (slot << 3 | kind) into it. Typed arrays instead of
 * event objects: ~4x faster at large queue sizes and no garbage (see shared/peers/RESULTS.md).
 *
 * Layout, for speed: the heap holds each event's time and the index of its record (rank, seq,
 * payload), so a sift moves two numbers a level and reads a record only when times tie (rare); four
 * children a node halve the levels of a binary heap.
 */
export class EventQueue {
  /** Heap order: time, and the record index of the event there. */
  private time: Float64Array;
  private rec: Int32Array;
  /** Records, by index: rank, seq, payload; `free` lists the unused indices. */
  private rank: Float64Array;
  private seq: Float64Array;
  private data: Int32Array;
  private free: Int32Array;
  private freeCount = 0;
  size = 0;
  /** Time, rank and seq of the event last returned by pop(). */
  lastTime = 0;
  lastRank = 0;
  lastSeq = 0;

  constructor(capacity = 1024) {
    this.time = new Float64Array(capacity);
    this.rec = new Int32Array(capacity);
    this.rank = new Float64Array(capacity);
    this.seq = new Float64Array(capacity);
    this.data = new Int32Array(capacity);
    this.free = new Int32Array(capacity);
  }

  /** Schedules `payload` at time `t`; at equal times lower `rank` first, then lower `seq`. */
  push(t: number, payload: number, rank = 0, seq = 0): void {
    if (this.size === this.time.length) this.grow();
    const e = this.freeCount > 0 ? this.free[--this.freeCount] : this.size;
    const R = this.rank, S = this.seq;
    R[e] = rank; S[e] = seq; this.data[e] = payload;
    const T = this.time, E = this.rec;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const tp = T[p];
      if (tp < t) break;
      if (tp === t) {
        const q = E[p];
        if (R[q] < rank || (R[q] === rank && (S[q] < seq || (S[q] === seq && this.data[q] <= payload)))) break;
      }
      T[i] = tp; E[i] = E[p];
      i = p;
    }
    T[i] = t; E[i] = e;
  }

  peekTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  /** Removes the earliest event and returns its payload; its time, rank and seq are in lastTime/lastRank/lastSeq. */
  pop(): number {
    const T = this.time, E = this.rec, R = this.rank, S = this.seq, D = this.data;
    const top = E[0];
    this.lastTime = T[0];
    this.lastRank = R[top];
    this.lastSeq = S[top];
    this.free[this.freeCount++] = top;
    const n = --this.size;
    const t = T[n], e = E[n];
    let i = 0;
    for (;;) {
      let c = 4 * i + 1;
      if (c >= n) break;
      const last = c + 4 < n ? c + 4 : n;
      let tc = T[c];
      for (let j = c + 1; j < last; j++) {
        const tj = T[j];
        if (tj < tc || (tj === tc && earlier(R, S, D, E[j], E[c]))) { c = j; tc = tj; }
      }
      if (tc > t || (tc === t && !earlier(R, S, D, E[c], e))) break;
      T[i] = tc; E[i] = E[c];
      i = c;
    }
    T[i] = t; E[i] = e;
    return this.data[top];
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(cap); b.set(a); return b; };
    const i32 = (a: Int32Array) => { const b = new Int32Array(cap); b.set(a); return b; };
    this.time = f64(this.time); this.rank = f64(this.rank); this.seq = f64(this.seq);
    this.rec = i32(this.rec); this.data = i32(this.data); this.free = i32(this.free);
  }
}

/** Record a before record b at equal times: ranks, then seqs, then payloads (a total order, whatever the heap's shape). */
function earlier(R: Float64Array, S: Float64Array, D: Int32Array, a: number, b: number): boolean {
  return R[a] < R[b] || (R[a] === R[b] && (S[a] < S[b] || (S[a] === S[b] && D[a] < D[b])));
}
