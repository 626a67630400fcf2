import type { Network } from '../build.js';
import type { CchTopology } from './topology.js';

/**
 * A customized metric: for every arc of the hierarchy, the fastest way across it in each direction
 * under one closure state, and the node it goes through (-1: the network edge itself) for unpacking.
 */
export interface CchMetric {
  /** w[2a] = minutes tail -> head of arc a ("up"), w[2a + 1] = head -> tail ("down"): side by side, one cache line. */
  w: Float64Array;
  /** Middle node of each direction, same layout (-1: the network edge itself). */
  mid: Int32Array;
  bytes: number;
}

/**
 * Basic customization: network edges that may be used get their minutes (an edge into a closed node,
 * a closed edge, or an edge into a blocked zone is Infinity), then every lower triangle (x, u, w),
 * x < u < w, relaxes arc u-w through x, with u taken in rank order so the arcs of x are final when used.
 * The result answers exact shortest paths by upward searches from both ends.
 */
export function customize(t: CchTopology, net: Network, closedNode: Uint8Array, closedEdge: Uint8Array, zoneBlock: number): CchMetric {
  const M = t.head.length, { first, head, tail, upEdge, downEdge } = t, { edgeMin, edgeTo, zoneMask } = net;
  const w = new Float64Array(2 * M).fill(Infinity), mid = new Int32Array(2 * M).fill(-1);
  const usable = (e: number): boolean => {
    const v = edgeTo[e];
    return closedEdge[e] === 0 && closedNode[v] === 0 && (zoneMask[v] & zoneBlock) === 0;
  };
  for (let a = 0; a < M; a++) {
    const eu = upEdge[a], ed = downEdge[a];
    if (eu >= 0 && usable(eu)) w[2 * a] = edgeMin[eu];
    if (ed >= 0 && usable(ed)) w[2 * a + 1] = edgeMin[ed];
  }
  // For each u ascending: scatter the arcs (u, w) into `slot` by w, then for every lower neighbour x
  // of u (arc x-u) and every arc x-w after it in x's row, relax u-w through x: one step per triangle.
  const n = t.n, { downFirst, downArc } = t, slot = new Int32Array(n);
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
        const viaUp = dxu + w[2 * j]; // u -> x -> w
        if (viaUp < w[k2]) { w[k2] = viaUp; mid[k2] = x; }
        const viaDown = w[2 * j + 1] + uxd; // w -> x -> u
        if (viaDown < w[k2 + 1]) { w[k2 + 1] = viaDown; mid[k2 + 1] = x; }
      }
    }
  }
  return { w, mid, bytes: M * 24 };
}
