// The "limit" relaysim is compared against: a hand-written typed-array event loop of the
// reference queueing model (Poisson arrivals -> M/M/c checkpoint -> fixed travel -> d docks).
// Port of /work/shared/peers/mmc_minimal.mjs (typed mode): no routing, no metrics, no objects
// per event. All state lives inside one call, so several runs can share a process.

export interface BaselineOptions {
  trucks: number;
  lam: number; // arrivals per minute
  mu: number; // checkpoint service rate per lane, per minute
  c: number; // checkpoint lanes
  d: number; // station docks
  nu: number; // dock service rate, per minute
  travel: number; // minutes from checkpoint to station
  seed: number;
}

export interface BaselineResult {
  events: number;
  completed: number;
  meanWait: number; // mean checkpoint queue wait, minutes
  wallS: number;
}

/** sfc32, seeded like the peer script, returning U[0,1). */
function sfc32(seed: number): () => number {
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = seed | 0;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0; a = b ^ (b >>> 9); b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11); c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** FIFO ring buffer of (truck, enqueue time); capacity stays a power of two. */
class Fifo {
  cap = 1024; id = new Int32Array(this.cap); t = new Float64Array(this.cap);
  h = 0; n = 0; lastT = 0;
  push(id: number, t: number): void {
    if (this.n === this.cap) this.grow();
    const j = (this.h + this.n++) & (this.cap - 1);
    this.id[j] = id; this.t[j] = t;
  }
  shift(): number {
    const j = this.h;
    this.h = (j + 1) & (this.cap - 1); this.n--; this.lastT = this.t[j];
    return this.id[j];
  }
  private grow(): void {
    const id2 = new Int32Array(this.cap * 2), t2 = new Float64Array(this.cap * 2);
    for (let i = 0; i < this.n; i++) { const j = (this.h + i) & (this.cap - 1); id2[i] = this.id[j]; t2[i] = this.t[j]; }
    this.id = id2; this.t = t2; this.h = 0; this.cap *= 2;
  }
}

/** Binary heap keyed (time, seq) so ties pop in push order; payload is an int. */
class TypedHeap {
  cap = 1024; t = new Float64Array(this.cap); s = new Float64Array(this.cap); v = new Int32Array(this.cap);
  n = 0; seq = 0;
  push(t: number, v: number): void {
    if (this.n === this.cap) this.grow();
    const ht = this.t, hs = this.s, hv = this.v, s = this.seq++;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (ht[p] < t || (ht[p] === t && hs[p] < s)) break;
      ht[i] = ht[p]; hs[i] = hs[p]; hv[i] = hv[p]; i = p;
    }
    ht[i] = t; hs[i] = s; hv[i] = v;
  }
  /** Removes the top; read its time from `t[0]` before calling. */
  pop(): number {
    const ht = this.t, hs = this.s, hv = this.v;
    const top = hv[0], n = --this.n, t = ht[n], s = hs[n], v = hv[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (ht[c + 1] < ht[c] || (ht[c + 1] === ht[c] && hs[c + 1] < hs[c]))) c++;
      if (ht[c] > t || (ht[c] === t && hs[c] > s)) break;
      ht[i] = ht[c]; hs[i] = hs[c]; hv[i] = hv[c]; i = c;
    }
    ht[i] = t; hs[i] = s; hv[i] = v;
    return top;
  }
  private grow(): void {
    this.cap *= 2;
    const a = new Float64Array(this.cap), b = new Float64Array(this.cap), c = new Int32Array(this.cap);
    a.set(this.t); b.set(this.s); c.set(this.v); this.t = a; this.s = b; this.v = c;
  }
}

const ARR = 0, CPDONE = 1, STATION = 2, DOCKDONE = 3;

export function runBaseline(o: BaselineOptions): BaselineResult {
  const { trucks: N, lam, mu, c: C, d: D, nu, travel } = o;
  const uni = sfc32(o.seed);
  const expo = (rate: number): number => -Math.log(1 - uni()) / rate;
  const heap = new TypedHeap(), cpQ = new Fifo(), dkQ = new Fifo();
  let events = 0, done = 0, waitSum = 0, arrived = 0, cpBusy = 0, dkBusy = 0;
  const t0 = process.hrtime.bigint();
  // payload = truck << 2 | kind
  heap.push(expo(lam), ARR); arrived = 1;
  while (heap.n > 0) {
    const now = heap.t[0], v = heap.pop(), truck = v >> 2;
    events++;
    switch (v & 3) {
      case ARR:
        if (arrived < N) { heap.push(now + expo(lam), (arrived << 2) | ARR); arrived++; }
        if (cpBusy < C) { cpBusy++; heap.push(now + expo(mu), (truck << 2) | CPDONE); } else cpQ.push(truck, now);
        break;
      case CPDONE:
        heap.push(now + travel, (truck << 2) | STATION);
        if (cpQ.n > 0) { const nx = cpQ.shift(); waitSum += now - cpQ.lastT; heap.push(now + expo(mu), (nx << 2) | CPDONE); } else cpBusy--;
        break;
      case STATION:
        if (dkBusy < D) { dkBusy++; heap.push(now + expo(nu), (truck << 2) | DOCKDONE); } else dkQ.push(truck, now);
        break;
      case DOCKDONE:
        done++;
        if (dkQ.n > 0) { const nx = dkQ.shift(); heap.push(now + expo(nu), (nx << 2) | DOCKDONE); } else dkBusy--;
        break;
    }
  }
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
  return { events, completed: done, meanWait: waitSum / done, wallS };
}

/** Erlang C mean queue wait Wq for M/M/c (same formula as the peer scripts). */
export function erlangCWq(lam: number, mu: number, c: number): number {
  const a = lam / mu, rho = a / c;
  let fact = 1, sum = 0;
  for (let k = 0; k < c; k++) { if (k > 0) fact *= k; sum += a ** k / fact; }
  const top = a ** c / (fact * c) / (1 - rho);
  return top / (sum + top) / (c * mu - lam);
}
