/**
 * Single-source shortest times over CSR arrays with a typed binary heap (lazy deletion).
 * Used to precompute landmark distances; the router itself is ngraph.path.
 * `edgeHead[e]` is the node an edge leads to in the direction searched.
 */
export function dijkstraAll(
  source: number, n: number, offsets: Int32Array, edges: Int32Array, edgeHead: Int32Array, weight: Float64Array,
): Float64Array {
  const dist = new Float64Array(n).fill(Infinity);
  let hk = new Float64Array(1024), hv = new Int32Array(1024), hn = 0;
  const push = (k: number, v: number) => {
    if (hn === hk.length) {
      const a = new Float64Array(hn * 2), b = new Int32Array(hn * 2);
      a.set(hk); b.set(hv); hk = a; hv = b;
    }
    let i = hn++;
    while (i > 0) { const p = (i - 1) >> 1; if (hk[p] <= k) break; hk[i] = hk[p]; hv[i] = hv[p]; i = p; }
    hk[i] = k; hv[i] = v;
  };
  const pop = () => {
    const v = hv[0], n2 = --hn, k = hk[n2], x = hv[n2];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n2) break;
      if (c + 1 < n2 && hk[c + 1] < hk[c]) c++;
      if (hk[c] >= k) break;
      hk[i] = hk[c]; hv[i] = hv[c]; i = c;
    }
    hk[i] = k; hv[i] = x;
    return v;
  };
  dist[source] = 0;
  push(0, source);
  while (hn > 0) {
    const d = hk[0], u = pop();
    if (d > dist[u]) continue;
    for (let j = offsets[u]; j < offsets[u + 1]; j++) {
      const e = edges[j], v = edgeHead[e], nd = d + weight[e];
      if (nd < dist[v]) { dist[v] = nd; push(nd, v); }
    }
  }
  return dist;
}
