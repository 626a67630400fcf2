/**
 * Strongly connected components of a directed graph given as CSR (offsets, targets), iteratively
 * (Tarjan's algorithm without recursion, so 1e6-node networks do not overflow the stack).
 * Returns a component id per node: two nodes reach each other iff their ids are equal.
 */
export function strongComponents(n: number, offsets: Int32Array, targets: Int32Array): Int32Array {
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const comp = new Int32Array(n).fill(-1);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  let sp = 0, next = 0, comps = 0;
  for (let root = 0; root < n; root++) {
    if (index[root] >= 0) continue;
    let depth = 0;
    callNode[0] = root; callEdge[0] = offsets[root];
    index[root] = low[root] = next++; stack[sp++] = root; onStack[root] = 1;
    while (depth >= 0) {
      const v = callNode[depth];
      if (callEdge[depth] < offsets[v + 1]) {
        const w = targets[callEdge[depth]++];
        if (index[w] < 0) {
          index[w] = low[w] = next++; stack[sp++] = w; onStack[w] = 1;
          depth++; callNode[depth] = w; callEdge[depth] = offsets[w];
        } else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
        continue;
      }
      if (low[v] === index[v]) {
        let w: number;
        do { w = stack[--sp]; onStack[w] = 0; comp[w] = comps; } while (w !== v);
        comps++;
      }
      depth--;
      if (depth >= 0) { const u = callNode[depth]; if (low[v] < low[u]) low[u] = low[v]; }
    }
  }
  return comp;
}

/** Is `to` reachable from `from`? Breadth-first, for the rare pair in different components. */
export function reachable(from: number, to: number, offsets: Int32Array, targets: Int32Array): boolean {
  if (from === to) return true;
  const seen = new Uint8Array(offsets.length - 1);
  const queue = [from];
  seen[from] = 1;
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q];
    for (let e = offsets[v]; e < offsets[v + 1]; e++) {
      const w = targets[e];
      if (w === to) return true;
      if (!seen[w]) { seen[w] = 1; queue.push(w); }
    }
  }
  return false;
}
