import { NodeHeap } from './node-heap.js';

/**
 * Single-source shortest times over CSR arrays. Used to precompute landmark distances; routes come
 * from the router. `edgeHead[e]` is the node an edge leads to in the direction searched.
 */
export function dijkstraAll(
  source: number, n: number, offsets: Int32Array, edges: Int32Array, edgeHead: Int32Array, weight: Float64Array,
): Float64Array {
  const dist = new Float64Array(n).fill(Infinity);
  const heap = new NodeHeap();
  dist[source] = 0;
  heap.push(0, source);
  while (heap.size > 0) {
    const d = heap.topKey(), u = heap.pop();
    if (d > dist[u]) continue;
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const e = edges[j], v = edgeHead[e], nd = d + weight[e];
      if (nd < dist[v]) { dist[v] = nd; heap.push(nd, v); }
    }
  }
  return dist;
}
