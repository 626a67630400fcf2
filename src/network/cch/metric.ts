import type { Network } from '../build.js';
import type { CchTopology } from './topology.js';

/**
 * A customized metric under one closure state: the arcs an upward search still needs, with their
 * weights, and for every arc of the hierarchy the node its fastest lower path goes through (-1: the
 * network edge itself) for unpacking. Arcs that perfect customization found not to be shortest are
 * left out of the search rows, which is what makes queries cheap.
 */
export interface CchMetric {
  /** Forward search rows by rank: fwdHead/fwdW/fwdArc[fwdFirst[x]..fwdFirst[x+1]) are the kept arcs x -> y, y > x. */
  fwdFirst: Int32Array;
  fwdHead: Int32Array;
  fwdW: Float64Array;
  /** Topology arc of each kept entry (for unpacking). */
  fwdArc: Int32Array;
  /** Backward search rows: kept arcs y -> x (the "down" direction) seen from x, y > x. */
  bwdFirst: Int32Array;
  bwdHead: Int32Array;
  bwdW: Float64Array;
  bwdArc: Int32Array;
  /**
   * How each direction of each topology arc a = (x, y) unpacks, mid[2a] up, mid[2a + 1] down: -1 for
   * the network edge itself, else the arc (w, x) to its basic middle node w (the other half, (w, y), is
   * in w's row after it). An arc rather than the node spares the unpacking one binary search a shortcut.
   */
  mid: Int32Array;
  bytes: number;
}

/**
 * Weights of one closure state in two passes over the lower triangles (x, u, z), x < u < z, each
 * visited by its middle node u (row u scattered into `slot`, then the arcs x-z after x-u in x's row):
 *
 * - basic: u ascending, arc u-z relaxed through x. Afterwards an arc holds the fastest path through
 *   lower nodes, which is all an upward search needs, and `mid` records the arc x-u for unpacking;
 * - perfect: u descending, arcs x-u and x-z relaxed through the third arc of the triangle (u-z is
 *   final by then: its own triangles all have middles above u). Afterwards every arc holds the true
 *   fastest time between its ends.
 *
 * An arc direction whose perfect time is below its basic time is not on any fastest up-down path (its
 * basic time is not a shortest distance, and every arc of a fastest up-down path of the basic metric
 * is one), so it is dropped from the search rows; this keeps the query exact and on road-like graphs
 * leaves a small fraction of the arcs. Network edges that may not be used (closed, into a closed node,
 * into a blocked zone) start at Infinity. The kept arcs' basic and perfect times agree, so unpacking
 * through basic middles gives routes of exactly the searched time.
 */
export function customize(t: CchTopology, net: Network, closedNode: Uint8Array, closedEdge: Uint8Array, zoneBlock: number): CchMetric {
  return searchRows(t, customizeWeights(t, net, closedNode, closedEdge, zoneBlock));
}

/** Both passes' times of every arc direction under one closure state, and the middles that explain them. */
export interface CchWeights {
  /** Fastest time through lower nodes, [2a] up (tail -> head), [2a + 1] down (kept only when asked for). */
  basic: Float64Array | null;
  /** True fastest time between the arc's ends, same layout. */
  perfect: Float64Array;
  /** Arc to the basic middle node (-1: the network edge), as CchMetric.mid. */
  mid: Int32Array;
  /** Perfect witness z (perfect[a] = perfect(tail -> z) + perfect(z -> head) for up), -1: the basic time is the true one. */
  pmid: Int32Array;
  /** Both directions of every arc are equal throughout (symmetricPasses): the search rows can be shared. */
  symmetric?: boolean;
}

/** Minutes of the network edge behind each arc direction under a closure state (Infinity: none or unusable). */
export function inputWeight(t: CchTopology, net: Network, closedNode: Uint8Array, closedEdge: Uint8Array, zoneBlock: number, dir: number): number {
  const e = dir & 1 ? t.downEdge[dir >> 1] : t.upEdge[dir >> 1];
  if (e < 0) return Infinity;
  const v = net.edgeTo[e];
  return closedEdge[e] === 0 && closedNode[v] === 0 && (net.zoneMask[v] & zoneBlock) === 0 ? net.edgeMin[e] : Infinity;
}

/** `symmetricPath` false: the two-direction passes even for a symmetric state (for the test that they agree). */
export function customizeWeights(t: CchTopology, net: Network, closedNode: Uint8Array, closedEdge: Uint8Array, zoneBlock: number, keepBasic = false, symmetricPath = true): CchWeights {
  const M = t.head.length, { upEdge, downEdge } = t, { edgeTo, edgeMin, zoneMask } = net;
  const input = new Float64Array(2 * M);
  let symmetric = true;
  for (let a = 0; a < M; a++) {
    const eu = upEdge[a], ed = downEdge[a];
    let wu = Infinity, wd = Infinity;
    if (eu >= 0) { const v = edgeTo[eu]; if (closedEdge[eu] === 0 && closedNode[v] === 0 && (zoneMask[v] & zoneBlock) === 0) wu = edgeMin[eu]; }
    if (ed >= 0) { const v = edgeTo[ed]; if (closedEdge[ed] === 0 && closedNode[v] === 0 && (zoneMask[v] & zoneBlock) === 0) wd = edgeMin[ed]; }
    input[2 * a] = wu; input[2 * a + 1] = wd;
    if (wu !== wd) symmetric = false;
  }
  return symmetric && symmetricPath ? symmetricPasses(t, input, keepBasic) : bothPasses(t, input, keepBasic);
}

/** The two passes over arc directions whose input times may differ (one-way roads, zone blocks, node closures). */
function bothPasses(t: CchTopology, w: Float64Array, keepBasic: boolean): CchWeights {
  const M = t.head.length, n = t.n, { first, head, downFirst, downArc, tail } = t;
  const mid = new Int32Array(2 * M).fill(-1), pmid = new Int32Array(2 * M).fill(-1);
  const slot = new Int32Array(n);
  // Basic pass: u ascending, so arcs x-u and x-z (x < u) are final when used.
  for (let u = 0; u < n; u++) {
    const uEnd = first[u + 1];
    if (uEnd === first[u]) continue;
    for (let k = first[u]; k < uEnd; k++) slot[head[k]] = k;
    for (let d = downFirst[u]; d < downFirst[u + 1]; d++) {
      const i = downArc[d], x = tail[i], dxu = w[2 * i + 1], uxd = w[2 * i]; // u -> x and x -> u
      if (dxu === Infinity && uxd === Infinity) continue;
      const end = first[x + 1];
      for (let j = i + 1; j < end; j++) {
        const k2 = 2 * slot[head[j]];
        const viaUp = dxu + w[2 * j]; // u -> x -> z
        if (viaUp < w[k2]) { w[k2] = viaUp; mid[k2] = i; }
        const viaDown = w[2 * j + 1] + uxd; // z -> x -> u
        if (viaDown < w[k2 + 1]) { w[k2 + 1] = viaDown; mid[k2 + 1] = i; }
      }
    }
  }
  const basic = keepBasic ? w.slice() : null;
  // Perfect pass: u descending. In triangle (x, u, z): i = x-u, j = x-z, k = u-z (final).
  for (let u = n - 1; u >= 0; u--) {
    const uEnd = first[u + 1];
    if (uEnd === first[u]) continue;
    for (let k = first[u]; k < uEnd; k++) slot[head[k]] = k;
    for (let d = downFirst[u]; d < downFirst[u + 1]; d++) {
      const i = downArc[d], x = tail[i], end = first[x + 1];
      let xu = w[2 * i], ux = w[2 * i + 1], pu = pmid[2 * i], pd = pmid[2 * i + 1];
      for (let j = i + 1; j < end; j++) {
        const z = head[j], k2 = 2 * slot[z], uz = w[k2], zu = w[k2 + 1], xz = w[2 * j], zx = w[2 * j + 1];
        if (xz + zu < xu) { xu = xz + zu; pu = z; } // x -> z -> u
        if (uz + zx < ux) { ux = uz + zx; pd = z; } // u -> z -> x
        if (xu + uz < xz) { w[2 * j] = xu + uz; pmid[2 * j] = u; } // x -> u -> z
        if (zu + ux < zx) { w[2 * j + 1] = zu + ux; pmid[2 * j + 1] = u; } // z -> u -> x
      }
      w[2 * i] = xu; w[2 * i + 1] = ux; pmid[2 * i] = pu; pmid[2 * i + 1] = pd;
    }
  }
  return { basic, perfect: w, mid, pmid };
}


/**
 * Both passes when every arc's two directions start equal (two-way roads, closures of both directions,
 * no zone block: the scale case's states). Every step of the passes adds the same two times for both
 * directions, in the other order (a + b against b + a, equal in floating point), and compares them
 * with equal times, so the directions stay equal throughout: one direction is computed and copied to
 * the other, which gives bit for bit what bothPasses gives, at half the work (tested).
 */
function symmetricPasses(t: CchTopology, input: Float64Array, keepBasic: boolean): CchWeights {
  const M = t.head.length, n = t.n, { first, head, downFirst, downArc, tail } = t;
  const w = new Float64Array(M), mid1 = new Int32Array(M).fill(-1), pmid1 = new Int32Array(M).fill(-1);
  for (let a = 0; a < M; a++) w[a] = input[2 * a];
  const slot = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const uEnd = first[u + 1];
    if (uEnd === first[u]) continue;
    for (let k = first[u]; k < uEnd; k++) slot[head[k]] = k;
    for (let d = downFirst[u]; d < downFirst[u + 1]; d++) {
      const i = downArc[d], xu = w[i];
      if (xu === Infinity) continue;
      for (let j = i + 1, end = first[tail[i] + 1]; j < end; j++) {
        const k = slot[head[j]], via = xu + w[j]; // u -> x -> z
        if (via < w[k]) { w[k] = via; mid1[k] = i; }
      }
    }
  }
  const basic = keepBasic ? doubled(w) : null;
  for (let u = n - 1; u >= 0; u--) {
    const uEnd = first[u + 1];
    if (uEnd === first[u]) continue;
    for (let k = first[u]; k < uEnd; k++) slot[head[k]] = k;
    for (let d = downFirst[u]; d < downFirst[u + 1]; d++) {
      const i = downArc[d];
      let xu = w[i], pu = pmid1[i];
      for (let j = i + 1, end = first[tail[i] + 1]; j < end; j++) {
        const z = head[j], uz = w[slot[z]], xz = w[j];
        if (xz + uz < xu) { xu = xz + uz; pu = z; } // x -> z -> u
        if (xu + uz < xz) { w[j] = xu + uz; pmid1[j] = u; } // x -> u -> z
      }
      w[i] = xu; pmid1[i] = pu;
    }
  }
  return { basic, perfect: doubled(w), mid: doubledInt(mid1), pmid: doubledInt(pmid1), symmetric: true };
}

// Each entry twice, [2a] and [2a + 1]: the two directions of a symmetric metric in the usual layout.
// One function per array type: a loop over both types at once runs megamorphic, and a run
// customizes each state once, mostly before the optimizer has caught up (~0.2 s at 1e5 nodes).
function doubled(a: Float64Array): Float64Array {
  const out = new Float64Array(2 * a.length);
  for (let k = 0; k < a.length; k++) { out[2 * k] = a[k]; out[2 * k + 1] = a[k]; }
  return out;
}
function doubledInt(a: Int32Array): Int32Array {
  const out = new Int32Array(2 * a.length);
  for (let k = 0; k < a.length; k++) { out[2 * k] = a[k]; out[2 * k + 1] = a[k]; }
  return out;
}

/**
 * The search rows of a customized state: arc directions whose basic time is a shortest distance, i.e.
 * that the perfect pass did not lower (no witness), and that can be driven at all.
 */
export function searchRows(t: CchTopology, cw: CchWeights): CchMetric {
  const M = t.head.length, n = t.n, { head, tail } = t, { perfect: w, mid, pmid } = cw;
  if (cw.symmetric) {
    // Both directions alike: one set of rows serves both sides of the search.
    const first = new Int32Array(n + 1);
    for (let a = 0; a < M; a++) if (pmid[2 * a] === -1 && w[2 * a] !== Infinity) first[tail[a] + 1]++;
    for (let x = 0; x < n; x++) first[x + 1] += first[x];
    const F = first[n], rowHead = new Int32Array(F), rowW = new Float64Array(F), rowArc = new Int32Array(F);
    for (let a = 0, f = 0; a < M; a++) if (pmid[2 * a] === -1 && w[2 * a] !== Infinity) { rowHead[f] = head[a]; rowW[f] = w[2 * a]; rowArc[f++] = a; }
    return {
      fwdFirst: first, fwdHead: rowHead, fwdW: rowW, fwdArc: rowArc, bwdFirst: first, bwdHead: rowHead, bwdW: rowW, bwdArc: rowArc, mid,
      bytes: 8 * M + 4 * (n + 1) + 16 * F,
    };
  }
  const fwdFirst = new Int32Array(n + 1), bwdFirst = new Int32Array(n + 1);
  for (let a = 0; a < M; a++) {
    const x = tail[a];
    if (pmid[2 * a] === -1 && w[2 * a] !== Infinity) fwdFirst[x + 1]++;
    if (pmid[2 * a + 1] === -1 && w[2 * a + 1] !== Infinity) bwdFirst[x + 1]++;
  }
  for (let x = 0; x < n; x++) { fwdFirst[x + 1] += fwdFirst[x]; bwdFirst[x + 1] += bwdFirst[x]; }
  const F = fwdFirst[n], B = bwdFirst[n];
  const fwdHead = new Int32Array(F), fwdW = new Float64Array(F), fwdArc = new Int32Array(F);
  const bwdHead = new Int32Array(B), bwdW = new Float64Array(B), bwdArc = new Int32Array(B);
  let f = 0, b = 0;
  for (let a = 0; a < M; a++) { // arcs are stored by tail ascending: rows fill in order
    const wu = w[2 * a], wd = w[2 * a + 1];
    if (pmid[2 * a] === -1 && wu !== Infinity) { fwdHead[f] = head[a]; fwdW[f] = wu; fwdArc[f++] = a; }
    if (pmid[2 * a + 1] === -1 && wd !== Infinity) { bwdHead[b] = head[a]; bwdW[b] = wd; bwdArc[b++] = a; }
  }
  return {
    fwdFirst, fwdHead, fwdW, fwdArc, bwdFirst, bwdHead, bwdW, bwdArc, mid,
    bytes: 8 * M + 8 * (n + 1) + 16 * (F + B),
  };
}
