/**
 * Recursive coordinate bisection: splits the nodes into `parts` groups of about equal weight, each a
 * compact block of the map (cut along the longer side, lon scaled by cos(lat), at the weighted median).
 * An odd count splits in proportion (3 = 1 + 2). Ties in position go by node index, so the cut is a
 * function of the inputs alone. Returns the part of every node (0..parts-1).
 */
export function bisect(lon: Float64Array, lat: Float64Array, weight: Float64Array, parts: number): Int32Array {
  const owner = new Int32Array(lon.length);
  const all = Int32Array.from({ length: lon.length }, (_, i) => i);
  const kx = Math.cos((meanOf(lat) * Math.PI) / 180);
  split(all, 0, parts);
  return owner;

  function split(nodes: Int32Array, first: number, count: number): void {
    if (count <= 1 || nodes.length === 0) { for (const v of nodes) owner[v] = first; return; }
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const v of nodes) {
      const x = lon[v] * kx, y = lat[v];
      if (x < x0) x0 = x; if (x > x1) x1 = x; if (y < y0) y0 = y; if (y > y1) y1 = y;
    }
    const byX = x1 - x0 >= y1 - y0;
    const key = (v: number) => (byX ? lon[v] : lat[v]);
    const sorted = [...nodes].sort((a, b) => key(a) - key(b) || a - b);
    const left = Math.floor(count / 2), share = left / count;
    let total = 0;
    for (const v of sorted) total += weight[v];
    let acc = 0, cut = 0;
    while (cut < sorted.length - 1 && acc + weight[sorted[cut]] <= total * share) acc += weight[sorted[cut++]];
    if (cut === 0) cut = 1;
    split(Int32Array.from(sorted.slice(0, cut)), first, left);
    split(Int32Array.from(sorted.slice(cut)), first + left, count - left);
  }
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x;
  return a.length > 0 ? s / a.length : 0;
}
