/** Weight placed at points that are not nodes (e.g. along the lines between demand ends): it pulls a cut without being owned. */
export interface Mass { lon: Float64Array; lat: Float64Array; weight: Float64Array }

/**
 * Recursive coordinate bisection: splits the nodes into `parts` groups of about equal weight, each a
 * compact block of the map (cut along the longer side, lon scaled by cos(lat), at the weighted median).
 * The weight is the nodes' own plus that of `mass` points, which go with the side they fall on. An odd
 * count splits in proportion (3 = 1 + 2). Ties in position go by index (nodes first, then mass points),
 * so the cut is a function of the inputs alone. Returns the part of every node (0..parts-1) and of
 * every mass point.
 */
export function bisect(lon: Float64Array, lat: Float64Array, weight: Float64Array, parts: number, mass?: Mass): { owner: Int32Array; massOwner: Int32Array } {
  const n = lon.length, m = mass?.lon.length ?? 0;
  const x = (i: number) => (i < n ? lon[i] : mass!.lon[i - n]), y = (i: number) => (i < n ? lat[i] : mass!.lat[i - n]);
  const w = (i: number) => (i < n ? weight[i] : mass!.weight[i - n]);
  const owner = new Int32Array(n), massOwner = new Int32Array(m);
  const kx = Math.cos((meanOf(lat) * Math.PI) / 180);
  split(Int32Array.from({ length: n + m }, (_, i) => i), 0, parts);
  return { owner, massOwner };

  function split(items: Int32Array, first: number, count: number): void {
    let nodes = 0;
    for (const i of items) if (i < n) nodes++;
    if (count <= 1 || nodes <= 1) { for (const i of items) if (i < n) owner[i] = first; else massOwner[i - n] = first; return; }
    // The extent of the nodes (not of the mass points): the block of map being cut.
    let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    for (const i of items) {
      if (i >= n) continue;
      const px = lon[i] * kx, py = lat[i];
      if (px < x0) x0 = px; if (px > x1) x1 = px; if (py < y0) y0 = py; if (py > y1) y1 = py;
    }
    const key = x1 - x0 >= y1 - y0 ? x : y;
    const sorted = [...items].sort((a, b) => key(a) - key(b) || a - b);
    const left = Math.floor(count / 2), share = left / count;
    let total = 0;
    for (const i of sorted) total += w(i);
    let acc = 0, cut = 0, before = 0;
    while (cut < sorted.length - 1 && acc + w(sorted[cut]) <= total * share) { if (sorted[cut] < n) before++; acc += w(sorted[cut++]); }
    // Each side keeps at least one node.
    while (before === 0) { if (sorted[cut] < n) before++; cut++; }
    while (before === nodes) { cut--; if (sorted[cut] < n) before--; }
    split(Int32Array.from(sorted.slice(0, cut)), first, left);
    split(Int32Array.from(sorted.slice(cut)), first + left, count - left);
  }
}

function meanOf(a: Float64Array): number {
  let s = 0;
  for (const x of a) s += x;
  return a.length > 0 ? s / a.length : 0;
}
