import type { Network } from '../build.js';
import type { CchTopology } from './topology.js';

/**
 * A customized metric: for every arc of the hierarchy, the fastest way across it in each direction
 * under one closure state, and the node it goes through (-1: the network edge itself) for unpacking.
 */
export interface CchMetric {
  up: Float64Array;
  down: Float64Array;
  upMid: Int32Array;
  downMid: Int32Array;
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
  const up = new Float64Array(M).fill(Infinity), down = new Float64Array(M).fill(Infinity);
  const upMid = new Int32Array(M).fill(-1), downMid = new Int32Array(M).fill(-1);
  const usable = (e: number): boolean => {
    const v = edgeTo[e];
    return closedEdge[e] === 0 && closedNode[v] === 0 && (zoneMask[v] & zoneBlock) === 0;
  };
  for (let a = 0; a < M; a++) {
    const eu = upEdge[a], ed = downEdge[a];
    if (eu >= 0 && usable(eu)) up[a] = edgeMin[eu];
    if (ed >= 0 && usable(ed)) down[a] = edgeMin[ed];
  }
  // For each u ascending: scatter the arcs (u, w) into `slot` by w, then for every lower neighbour x
  // of u (arc x-u) and every arc x-w after it in x's row, relax u-w through x: one step per triangle.
  const n = t.n, { downFirst, downArc } = t, slot = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const uEnd = first[u + 1];
    if (uEnd === first[u]) continue;
    for (let k = first[u]; k < uEnd; k++) slot[head[k]] = k;
    for (let d = downFirst[u]; d < downFirst[u + 1]; d++) {
      const i = downArc[d], x = tail[i], dxu = down[i], uxd = up[i]; // u -> x and x -> u
      if (dxu === Infinity && uxd === Infinity) continue;
      const end = first[x + 1];
      for (let j = i + 1; j < end; j++) {
        const k = slot[head[j]];
        const viaUp = dxu + up[j]; // u -> x -> w
        if (viaUp < up[k]) { up[k] = viaUp; upMid[k] = x; }
        const viaDown = down[j] + uxd; // w -> x -> u
        if (viaDown < down[k]) { down[k] = viaDown; downMid[k] = x; }
      }
    }
  }
  return { up, down, upMid, downMid, bytes: M * 24 };
}
