/**
 * A binary min-heap of (key, node) pairs in typed arrays, for the graph searches. No decrease-key: a
 * search pushes a node again with a smaller key and skips the stale entries when they come up.
 */
export class NodeHeap {
  private keys = new Float64Array(1024);
  private nodes = new Int32Array(1024);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  /** Key of the smallest entry (undefined behaviour when empty). */
  topKey(): number {
    return this.keys[0];
  }

  push(k: number, v: number): void {
    if (this.size === this.keys.length) {
      const a = new Float64Array(this.size * 2), b = new Int32Array(this.size * 2);
      a.set(this.keys); b.set(this.nodes);
      this.keys = a; this.nodes = b;
    }
    const K = this.keys, V = this.nodes;
    let i = this.size++;
    while (i > 0) { const p = (i - 1) >> 1; if (K[p] <= k) break; K[i] = K[p]; V[i] = V[p]; i = p; }
    K[i] = k; V[i] = v;
  }

  pop(): number {
    const K = this.keys, V = this.nodes;
    const top = V[0], m = --this.size, k = K[m], x = V[m];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= m) break;
      if (c + 1 < m && K[c + 1] < K[c]) c++;
      if (K[c] >= k) break;
      K[i] = K[c]; V[i] = V[c]; i = c;
    }
    K[i] = k; V[i] = x;
    return top;
  }
}
