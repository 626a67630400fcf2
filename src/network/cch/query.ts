import type { Network } from '../build.js';
import type { CchMetric } from './metric.js';
import type { CchTopology } from './topology.js';
import { BackwardCache, type BackwardSearch } from './backward-cache.js';

/**
 * Default memory for backward searches kept per (metric, target): re-plans share targets, and the
 * backward half is then read, not searched. At 1e5 nodes a search is ~530 chain nodes, ~8.5 kB, and
 * in the scale case (10k OD pairs) 16 MiB found ~18 % of the queries' targets kept (33 k of 182 k),
 * 64 MiB ~29 % (3e4 shipments: 24.3 against 21.9 s, for ~50 MB more at the peak).
 */
export const DEFAULT_BACKWARD_CACHE_BYTES = 16 * 1024 * 1024;

export interface CchQueryOptions {
  /** Bytes of backward searches kept (0: none kept, every query searches both halves). */
  backwardCacheBytes?: number;
}

/**
 * Exact point-to-point queries on a customized hierarchy by elimination-tree search: the upward search
 * space of a node is exactly its ancestors in the elimination tree, so each side walks that chain in
 * rank order relaxing the upward arcs perfect customization kept, with no priority queue. Below their
 * lowest common ancestor the two chains are apart and each side sweeps alone; from it up they are the
 * same nodes, swept together, and neither side relaxes from a node already as far as the best meeting
 * found. Shortcuts are unpacked into network edges through the lower arc the basic customization
 * recorded (metric.ts).
 *
 * The backward half of a plain target (not zone-blocked) asked for a second time is searched in
 * full, without the meeting bound, and kept per (metric, target) within a byte budget
 * (backward-cache.ts); a first one is bounded as usual. Reading a kept half gives the same
 * route edge for edge as the bounded search: with non-negative times, a backward label the bound would
 * have left higher is at least the best meeting when the sweep reaches it, so it can neither make a
 * meeting nor lie on the route (tested against a query with no cache).
 */
export function cchQuery(t: CchTopology, net: Network, options: CchQueryOptions = {}) {
  const n = t.n, { first, head, tail, parent, inFirst, inEdge, rank, upEdge, downEdge } = t;
  const df = new Float64Array(n), db = new Float64Array(n);
  const viaF = new Int32Array(n), viaB = new Int32Array(n);
  const onBackward = new Uint32Array(n);
  let stamp = 0;
  const chain: number[] = [], fchain: number[] = [];
  let m: CchMetric;
  let out = new Int32Array(1024), len = 0; // the route being unpacked, copied out at the end
  const cache = new BackwardCache(options.backwardCacheBytes ?? DEFAULT_BACKWARD_CACHE_BYTES);

  /** The full backward search of target rank tt under the current metric: its chain ascending, labels and arcs. */
  function backward(tt: number): BackwardSearch {
    const { bwdFirst, bwdHead, bwdW, bwdArc } = m;
    let k = 0;
    for (let x = tt; x !== -1; x = parent[x]) { db[x] = Infinity; viaB[x] = -1; k++; }
    const nodes = new Int32Array(k), dist = new Float64Array(k), via = new Int32Array(k);
    db[tt] = 0; viaB[tt] = -1;
    k = 0;
    for (let x = tt; x !== -1; x = parent[x]) {
      const d = db[x];
      nodes[k] = x; dist[k] = d; via[k++] = viaB[x];
      if (d !== Infinity) for (let a = bwdFirst[x], end = bwdFirst[x + 1]; a < end; a++) {
        const y = bwdHead[a], nd = d + bwdW[a];
        if (nd < db[y]) { db[y] = nd; viaB[y] = bwdArc[a]; }
      }
    }
    return { nodes, dist, via };
  }

  return Object.assign(find, { backwardStats: () => ({ hits: cache.hits, misses: cache.misses }) });

  /**
   * Fastest route as network edges, or null. `usableInto` given (a zone-blocked target): the target
   * may be entered only by its last road, so the backward side starts at the tails of the usable
   * roads into it, each at that road's minutes.
   */
  function find(from: number, to: number, metric: CchMetric, usableInto: ((e: number) => boolean) | null): Int32Array | null {
    m = metric;
    const s = rank[from], tt = rank[to];
    let meet: number;
    if (usableInto !== null) meet = sweepMany(s, tt, usableInto);
    else {
      // One target (written out here, not called: this is where a query spends its time). Its chain
      // and the source's are paths to the root. Below their lowest common ancestor c no meeting is
      // possible, so each side sweeps alone; from c up the chains are the same nodes, swept together.
      // The backward side comes from the cache when it is there; a target seen before gets its
      // backward side searched in full and kept; a first one is searched with the meeting bound (a
      // full backward search costs ~15 % more than the bounded one at 1e5 nodes).
      const { fwdFirst, fwdHead, fwdW, fwdArc, bwdFirst, bwdHead, bwdW, bwdArc } = m;
      let bw = cache.get(m, tt);
      if (bw === undefined && cache.seenBefore(m, tt)) { bw = backward(tt); cache.set(m, tt, bw); }
      stamp++;
      let nb: number;
      if (bw !== undefined) {
        const { nodes, dist, via } = bw;
        nb = nodes.length;
        for (let k = 0; k < nb; k++) { const x = nodes[k]; onBackward[x] = stamp; db[x] = dist[k]; viaB[x] = via[k]; }
      } else {
        chain.length = 0;
        for (let x = tt; x !== -1; x = parent[x]) { onBackward[x] = stamp; db[x] = Infinity; chain.push(x); }
        db[tt] = 0; viaB[tt] = -1;
        nb = chain.length;
      }
      fchain.length = 0;
      for (let x = s; x !== -1; x = parent[x]) { df[x] = Infinity; fchain.push(x); }
      df[s] = 0; viaF[s] = -1;
      const nf = fchain.length;
      let ic = 0;
      while (ic < nf && onBackward[fchain[ic]] !== stamp) ic++;
      for (let k = 0; k < ic; k++) {
        const x = fchain[k], d = df[x];
        if (d !== Infinity) for (let a = fwdFirst[x], end = fwdFirst[x + 1]; a < end; a++) {
          const y = fwdHead[a], nd = d + fwdW[a];
          if (nd < df[y]) { df[y] = nd; viaF[y] = fwdArc[a]; }
        }
      }
      const cached = bw !== undefined;
      if (!cached) {
        const c = ic < nf ? fchain[ic] : n;
        for (let k = 0; k < nb && chain[k] !== c; k++) {
          const x = chain[k], d = db[x];
          if (d !== Infinity) for (let a = bwdFirst[x], end = bwdFirst[x + 1]; a < end; a++) {
            const y = bwdHead[a], nd = d + bwdW[a];
            if (nd < db[y]) { db[y] = nd; viaB[y] = bwdArc[a]; }
          }
        }
      }
      let best = Infinity;
      meet = -1;
      for (let k = ic; k < nf; k++) {
        const x = fchain[k], f = df[x], b = db[x];
        if (f + b < best) { best = f + b; meet = x; }
        // No stall on demand: checking a node's arcs from above costs about as many reads as relaxing
        // its arcs upwards, and on these lattices it stalls too few to pay (1.34x faster at 1e4 nodes
        // and 1.48x at 1e5 without it, paired; the search rows are already pruned by perfect customization).
        if (f < best) for (let a = fwdFirst[x], end = fwdFirst[x + 1]; a < end; a++) {
          const y = fwdHead[a], nd = f + fwdW[a];
          if (nd < df[y]) { df[y] = nd; viaF[y] = fwdArc[a]; }
        }
        if (!cached && b < best) for (let a = bwdFirst[x], end = bwdFirst[x + 1]; a < end; a++) {
          const y = bwdHead[a], nd = b + bwdW[a];
          if (nd < db[y]) { db[y] = nd; viaB[y] = bwdArc[a]; }
        }
      }
    }
    if (meet < 0) return null;
    len = 0;
    fchain.length = 0; // reused for the forward arcs, meeting node down to the source
    for (let x = meet; viaF[x] !== -1; x = tail[viaF[x]]) fchain.push(viaF[x]);
    for (let i = fchain.length - 1; i >= 0; i--) unpackUp(fchain[i]);
    for (let x = meet; viaB[x] !== -1; ) {
      const a = viaB[x];
      if (a <= -2) { push(-2 - a); break; }
      unpackDown(a);
      x = tail[a];
    }
    return out.slice(0, len);
  }

  /** The forward chain of rank s (ancestors ascending) into fchain, labels reset. */
  function forwardChain(s: number): void {
    fchain.length = 0;
    for (let x = s; x !== -1; x = parent[x]) { df[x] = Infinity; fchain.push(x); }
    df[s] = 0; viaF[s] = -1;
  }

  /** Relaxes the forward arcs of x at distance d. */
  function relaxForward(x: number, d: number): void {
    const { fwdFirst, fwdHead, fwdW, fwdArc } = m;
    for (let a = fwdFirst[x], end = fwdFirst[x + 1]; a < end; a++) {
      const y = fwdHead[a], nd = d + fwdW[a];
      if (nd < df[y]) { df[y] = nd; viaF[y] = fwdArc[a]; }
    }
  }

  /** Relaxes the backward arcs of x at distance d. */
  function relaxBackward(x: number, d: number): void {
    const { bwdFirst, bwdHead, bwdW, bwdArc } = m;
    for (let a = bwdFirst[x], end = bwdFirst[x + 1]; a < end; a++) {
      const y = bwdHead[a], nd = d + bwdW[a];
      if (nd < db[y]) { db[y] = nd; viaB[y] = bwdArc[a]; }
    }
  }

  /**
   * One target: its chain and the source's are paths to the root. Below their lowest common ancestor
   * c no meeting is possible, so each side sweeps alone; from c up the chains are the same nodes,
   * swept together. A target's backward side comes from the cache when it is there; a target seen
   * before gets its backward side searched in full and kept; a first one is searched with the meeting
   * bound (a full backward search costs ~15 % more than the bounded one at 1e5 nodes). Returns the
   * meeting node, or -1.
   */
  /** A zone-blocked target: the backward side starts at several seeds, and both sides sweep together in rank order. */
  function sweepMany(s: number, tt: number, usableInto: (e: number) => boolean): number {
    stamp++;
    forwardChain(s);
    chain.length = 0;
    const seed = (x: number): void => { for (; x !== -1 && onBackward[x] !== stamp; x = parent[x]) { onBackward[x] = stamp; db[x] = Infinity; chain.push(x); } };
    for (let j = inFirst[tt]; j < inFirst[tt + 1]; j++) if (usableInto(inEdge[j])) seed(rank[net.edgeFrom[inEdge[j]]]);
    chain.sort((a, b) => a - b);
    for (let j = inFirst[tt]; j < inFirst[tt + 1]; j++) {
      const e = inEdge[j];
      if (!usableInto(e)) continue;
      const x = rank[net.edgeFrom[e]], we = net.edgeMin[e];
      if (we < db[x]) { db[x] = we; viaB[x] = -2 - e; }
    }
    let best = Infinity, meet = -1, i = 0, j = 0;
    const nf = fchain.length, nb = chain.length;
    while (i < nf || j < nb) {
      const xf = i < nf ? fchain[i] : n, xb = j < nb ? chain[j] : n;
      const x = xf < xb ? xf : xb;
      const inF = x === xf, inB = x === xb;
      if (inF) i++;
      if (inB) j++;
      if (inF && inB && df[x] + db[x] < best) { best = df[x] + db[x]; meet = x; }
      if (inF && df[x] < best) relaxForward(x, df[x]);
      if (inB && db[x] < best) relaxBackward(x, db[x]);
    }
    return meet;
  }

  function push(e: number): void {
    if (len === out.length) { const grown = new Int32Array(2 * out.length); grown.set(out); out = grown; }
    out[len++] = e;
  }
  /** Position of y in the sorted heads[lo, hi) (it must be there). */
  function seek(lo: number, hi: number, y: number): number {
    hi--;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1, h = head[mid];
      if (h === y) return mid;
      if (h < y) lo = mid + 1; else hi = mid - 1;
    }
    throw new Error(`cch: no arc to ${y}`);
  }
  // A shortcut a = (x, y), x < y, with middle node w < x is the arcs (w, x) and (w, y), both in w's
  // row: the metric records (w, x), and (w, y) is found after it.
  /** tail[a] -> head[a] as network edges: the edge itself, or down to the middle node and up again. */
  function unpackUp(a: number): void {
    const wx = m.mid[2 * a];
    if (wx < 0) { push(upEdge[a]); return; }
    unpackDown(wx);
    unpackUp(seek(wx + 1, first[tail[wx] + 1], head[a]));
  }
  /** head[a] -> tail[a] as network edges. */
  function unpackDown(a: number): void {
    const wx = m.mid[2 * a + 1];
    if (wx < 0) { push(downEdge[a]); return; }
    unpackDown(seek(wx + 1, first[tail[wx] + 1], head[a]));
    unpackUp(wx);
  }
}
