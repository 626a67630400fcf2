import type { Network } from '../build.js';
import { findArc, type CchTopology } from './topology.js';
import { inputWeight, type CchWeights } from './metric.js';

/**
 * Customization of a closure state from a customized base state (the open network) by updating only
 * what the state changes. Closures and zone blocks only take network edges away, so every time can
 * only grow, and an arc whose time was explained by a path none of whose parts changed keeps it:
 *
 * - basic times, arcs by tail ascending (a min-heap of arc indices: arcs are stored by tail): the arcs
 *   whose own edge changed, then every arc u-z whose recorded middle x is the tail of a changed arc
 *   x-u or x-z. A dirty arc is recomputed from scratch over its lower triangles (the two down lists
 *   merged), in the same order and with the same additions as the full pass, so the basic times and
 *   middles are bit-identical to customizing the state from nothing;
 * - perfect times, arcs by tail descending (a max-heap): arcs whose basic time changed, and arcs whose
 *   witness z (perfect(x,y) = perfect(x,z) + perfect(z,y)) lost a part. A dirty arc x-y is recomputed
 *   as min(basic(x,y), min over z in x's row of basic(x,z) + perfect(z,y)), the true distance (the
 *   fastest x-y path leaves x's lower part at its first node z above x).
 *
 * Returns fresh arrays (the base is not changed), or null when the work passed `workLimit` steps
 * (list steps of the merges and row scans): when a state changes arcs near the top of the hierarchy,
 * whose lists are long, recomputing arc by arc costs more than the full passes over the triangles.
 */
export function customizeFrom(
  t: CchTopology, net: Network, base: CchWeights, edgeDir: Int32Array,
  closedNode: Uint8Array, closedEdge: Uint8Array, zoneBlock: number, workLimit = Infinity,
): { weights: CchWeights; basicChanged: number; perfectChanged: number; work: number } | null {
  const M = t.head.length, { first, head, tail, downFirst, downArc } = t;
  if (base.basic === null) throw new Error('cch: customizeFrom needs a base customized with keepBasic');
  const basic = base.basic.slice(), perfect = base.perfect.slice(), mid = base.mid.slice(), pmid = base.pmid.slice();
  const queued = new Uint8Array(M), changedB = new Uint8Array(M), changedP = new Uint8Array(M);
  const heap = new ArcHeap(1), down = new ArcHeap(-1);
  const input = (k: number): number => inputWeight(t, net, closedNode, closedEdge, zoneBlock, k);
  /** Basic middle node of arc direction k (mid holds the arc to it), -1 for a network edge. */
  const middle = (k: number): number => (mid[k] < 0 ? -1 : tail[mid[k]]);

  // Arcs whose own network edge is closed, leads into a closed node or into a blocked zone.
  const touch = (e: number): void => {
    const k = edgeDir[e];
    if (k >= 0 && queued[k >> 1] === 0) { queued[k >> 1] = 1; heap.push(k >> 1); }
  };
  for (let e = 0; e < closedEdge.length; e++) if (closedEdge[e] === 1) touch(e);
  const { offsets, edges } = net.in;
  for (let v = 0; v < closedNode.length; v++) {
    if (closedNode[v] === 0 && (net.zoneMask[v] & zoneBlock) === 0) continue;
    for (let j = offsets[v]; j < offsets[v + 1]; j++) touch(edges[j]);
  }

  // Basic times, tail ascending.
  let basicChanged = 0, work = 0;
  while (heap.size > 0) {
    const a = heap.pop();
    queued[a] = 0;
    const u = tail[a], z = head[a];
    work += downFirst[u + 1] - downFirst[u] + downFirst[z + 1] - downFirst[z];
    if (work > workLimit) return null;
    let up = input(2 * a), dn = input(2 * a + 1), mu = -1, md = -1;
    // Common lower neighbours x of u and z (down lists ascending by x): triangle (x, u, z).
    let p = downFirst[u], q = downFirst[z];
    const pe = downFirst[u + 1], qe = downFirst[z + 1];
    while (p < pe && q < qe) {
      const i = downArc[p], j = downArc[q], xi = tail[i], xj = tail[j];
      if (xi < xj) { p++; continue; }
      if (xj < xi) { q++; continue; }
      const viaUp = basic[2 * i + 1] + basic[2 * j]; // u -> x -> z
      if (viaUp < up) { up = viaUp; mu = i; }
      const viaDown = basic[2 * j + 1] + basic[2 * i]; // z -> x -> u
      if (viaDown < dn) { dn = viaDown; md = i; }
      p++; q++;
    }
    mid[2 * a] = mu; mid[2 * a + 1] = md;
    if (up === basic[2 * a] && dn === basic[2 * a + 1]) continue;
    basic[2 * a] = up; basic[2 * a + 1] = dn;
    if (changedB[a] === 0) { changedB[a] = 1; basicChanged++; }
    work += first[u + 1] - first[u];
    // Arcs between z and another upper neighbour y of u, explained through u.
    for (let b = first[u]; b < first[u + 1]; b++) {
      const y = head[b];
      if (y === z) continue;
      const k = y < z ? findArc(first, head, y, z) : findArc(first, head, z, y);
      if (queued[k] === 0 && (middle(2 * k) === u || middle(2 * k + 1) === u)) { queued[k] = 1; heap.push(k); }
    }
  }

  // Perfect times, tail descending.
  for (let a = 0; a < M; a++) if (changedB[a] === 1) { queued[a] = 1; down.push(a); }
  let perfectChanged = 0;
  while (down.size > 0) {
    const a = down.pop();
    queued[a] = 0;
    const x = tail[a], y = head[a];
    work += first[x + 1] - first[x];
    if (work > workLimit) return null;
    let up = basic[2 * a], dn = basic[2 * a + 1], pu = -1, pd = -1;
    for (let b = first[x]; b < first[x + 1]; b++) {
      const z = head[b];
      if (z === y) continue;
      // zy = perfect(z -> y), yz = perfect(y -> z) on the arc between them.
      let zy: number, yz: number;
      if (z < y) { const k = findArc(first, head, z, y); zy = perfect[2 * k]; yz = perfect[2 * k + 1]; }
      else { const k = findArc(first, head, y, z); zy = perfect[2 * k + 1]; yz = perfect[2 * k]; }
      const viaUp = basic[2 * b] + zy; // x -> z -> y
      if (viaUp < up) { up = viaUp; pu = z; }
      const viaDown = yz + basic[2 * b + 1]; // y -> z -> x
      if (viaDown < dn) { dn = viaDown; pd = z; }
    }
    pmid[2 * a] = pu; pmid[2 * a + 1] = pd;
    if (up === perfect[2 * a] && dn === perfect[2 * a + 1]) continue;
    perfect[2 * a] = up; perfect[2 * a + 1] = dn;
    if (changedP[a] === 0) { changedP[a] = 1; perfectChanged++; }
    work += first[x + 1] - first[x] + downFirst[x + 1] - downFirst[x] + downFirst[y + 1] - downFirst[y];
    const push = (k: number): void => { if (queued[k] === 0) { queued[k] = 1; down.push(k); } };
    // Same row: arcs x-y' explained through y (x -> y -> y').
    for (let b = first[x]; b < first[x + 1]; b++) if (b !== a && (pmid[2 * b] === y || pmid[2 * b + 1] === y)) push(b);
    // Lower rows: for w below both x and y, arc w-x explained through y and arc w-y explained through x.
    let p = downFirst[x], q = downFirst[y];
    const pe = downFirst[x + 1], qe = downFirst[y + 1];
    while (p < pe && q < qe) {
      const i = downArc[p], j = downArc[q], wi = tail[i], wj = tail[j];
      if (wi < wj) { p++; continue; }
      if (wj < wi) { q++; continue; }
      if (pmid[2 * i] === y || pmid[2 * i + 1] === y) push(i);
      if (pmid[2 * j] === x || pmid[2 * j + 1] === x) push(j);
      p++; q++;
    }
  }
  return { weights: { basic, perfect, mid, pmid }, basicChanged, perfectChanged, work };
}

/** Lower triangles of the hierarchy: the steps of one full customization pass. */
export function triangleCount(t: CchTopology): number {
  let n = 0;
  for (let a = 0; a < t.head.length; a++) n += t.first[t.tail[a] + 1] - a - 1;
  return n;
}

/** For each network edge, the arc direction carrying it (2a up, 2a + 1 down), -1 for a loop. */
export function edgeDirections(t: CchTopology, edgeCount: number): Int32Array {
  const out = new Int32Array(edgeCount).fill(-1);
  for (let a = 0; a < t.head.length; a++) {
    if (t.upEdge[a] >= 0) out[t.upEdge[a]] = 2 * a;
    if (t.downEdge[a] >= 0) out[t.downEdge[a]] = 2 * a + 1;
  }
  return out;
}

/** Binary heap of arc indices: smallest first (sign 1) or largest first (sign -1). */
class ArcHeap {
  private readonly h: number[] = [];
  constructor(private readonly sign: 1 | -1) {}
  get size(): number { return this.h.length; }
  push(v: number): void {
    const h = this.h, s = this.sign;
    let i = h.length;
    h.push(v);
    while (i > 0) { const p = (i - 1) >> 1; if (s * h[p] <= s * v) break; h[i] = h[p]; i = p; }
    h[i] = v;
  }
  pop(): number {
    const h = this.h, s = this.sign, top = h[0], v = h.pop()!, n = h.length;
    if (n === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && s * h[c + 1] < s * h[c]) c++;
      if (s * h[c] >= s * v) break;
      h[i] = h[c]; i = c;
    }
    h[i] = v;
    return top;
  }
}
