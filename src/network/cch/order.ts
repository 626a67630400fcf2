/**
 * A metric-independent contraction order by nested dissection: recursive coordinate bisection on the
 * node positions. A part is sorted along each axis; the cut is placed, among positions between 35 % and
 * 65 % of the part, where the fewest roads cross (counted for every position at once with a difference
 * array); the separator is the smaller of the two sets of boundary nodes of that cut. Both sides are
 * ordered first, the separator last, so separators of big parts get the highest ranks. Road networks
 * are near-planar with nodes spread over the plane, so these cuts are small (about sqrt(n) on a
 * lattice), which is what keeps the hierarchy's search spaces and its customization cheap.
 * Deterministic: ties broken by node index.
 */
export function nestedDissectionOrder(n: number, adjFirst: Int32Array, adjNode: Int32Array, x: Float64Array, y: Float64Array): Int32Array {
  const order = new Int32Array(n);
  let next = 0;
  const pos = new Int32Array(n).fill(-1); // scratch: position of a node of the current part along the axis
  const LEAF = 8;

  /** Part sorted by coordinate c, ties by index (a stable sort of indices on a key array). */
  const sortBy = (part: Int32Array, c: Float64Array): Int32Array => {
    const idx = Array.from(part);
    idx.sort((a, b) => c[a] - c[b] || a - b);
    return Int32Array.from(idx);
  };

  /** Best cut of `sorted` (fewest crossing roads between 35 % and 65 %): [position, crossings]. */
  const bestCut = (sorted: Int32Array): [number, number] => {
    const m = sorted.length;
    for (let i = 0; i < m; i++) pos[sorted[i]] = i;
    const diff = new Int32Array(m + 1);
    for (let i = 0; i < m; i++) {
      const v = sorted[i];
      for (let j = adjFirst[v]; j < adjFirst[v + 1]; j++) {
        const p = pos[adjNode[j]];
        if (p > i) { diff[i + 1]++; diff[p + 1]--; } // cut k (first node of the high side) in (i, p]
      }
    }
    let best = -1, bestCount = Infinity, run = 0;
    const lo = Math.max(1, Math.floor(m * 0.35)), hi = Math.min(m - 1, Math.ceil(m * 0.65)), mid = m >> 1;
    for (let k = 0; k <= hi; k++) {
      run += diff[k];
      if (k < lo) continue;
      if (run < bestCount || (run === bestCount && Math.abs(k - mid) < Math.abs(best - mid))) { bestCount = run; best = k; }
    }
    for (let i = 0; i < m; i++) pos[sorted[i]] = -1;
    return [best, bestCount];
  };

  const dissect = (part: Int32Array): void => {
    if (part.length <= LEAF) { for (let i = 0; i < part.length; i++) order[next++] = part[i]; return; }
    const sx = sortBy(part, x), sy = sortBy(part, y);
    const [kx, cx] = bestCut(sx), [ky, cy] = bestCut(sy);
    const sorted = cx <= cy ? sx : sy, k = cx <= cy ? kx : ky;
    const m = sorted.length;
    for (let i = 0; i < m; i++) pos[sorted[i]] = i;
    // Boundary nodes on each side of the cut; the smaller set is the separator.
    const boundary = new Uint8Array(m);
    let b1 = 0, b2 = 0;
    for (let i = 0; i < m; i++) {
      const v = sorted[i], low = i < k;
      for (let j = adjFirst[v]; j < adjFirst[v + 1]; j++) {
        const p = pos[adjNode[j]];
        if (p >= 0 && (p < k) !== low) { boundary[i] = 1; if (low) b1++; else b2++; break; }
      }
    }
    for (let i = 0; i < m; i++) pos[sorted[i]] = -1;
    const sepLow = b1 <= b2;
    const lo: number[] = [], hi: number[] = [], sep: number[] = [];
    for (let i = 0; i < m; i++) {
      const v = sorted[i], low = i < k;
      if (boundary[i] === 1 && low === sepLow) sep.push(v);
      else if (low) lo.push(v);
      else hi.push(v);
    }
    if (lo.length === 0 || hi.length === 0) {
      for (let i = 0; i < m; i++) order[next++] = sorted[i];
      return;
    }
    dissect(Int32Array.from(lo).sort());
    dissect(Int32Array.from(hi).sort());
    for (const v of sep.sort((a, b) => a - b)) order[next++] = v;
  };
  dissect(Int32Array.from({ length: n }, (_, i) => i));
  return order;
}
