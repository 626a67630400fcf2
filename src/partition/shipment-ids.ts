import { sampler, stream } from '../engine/streams.js';
import type { Scenario } from '../scenario/types.js';

/**
 * Shipment ids of a split run, the same as one thread gives: ids count shipments in order of creation,
 * (time, stream index) at equal times (the kernel's canonical order). Each stream's arrival times come
 * from its own random stream alone (`arrivals/<id>`, as trip.ts draws them), so they are computed here
 * from the scenario and seed without running anything. ids[k][n] is the id of stream k's n-th shipment.
 */
export function shipmentIds(s: Scenario, seed: number): Float64Array[] {
  const times = s.demand.map((d) => {
    const out: number[] = [];
    if (d.loadsPerHour <= 0) return out;
    const draw = sampler({ dist: 'exp', mean: 60 / d.loadsPerHour }, stream(seed, `arrivals/${d.id}`));
    for (let t = draw(); t < s.horizonMin; t += draw()) out.push(t);
    return out;
  });
  const ids = times.map((t) => new Float64Array(t.length));
  // k-way merge by (time, stream) over a small binary heap of stream heads.
  const pos = new Int32Array(times.length), heap: number[] = [];
  const less = (a: number, b: number) => times[a][pos[a]] < times[b][pos[b]] || (times[a][pos[a]] === times[b][pos[b]] && a < b);
  const up = (i: number) => { while (i > 0) { const p = (i - 1) >> 1; if (!less(heap[i], heap[p])) break; [heap[i], heap[p]] = [heap[p], heap[i]]; i = p; } };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l], heap[m])) m = l;
      if (r < heap.length && less(heap[r], heap[m])) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  times.forEach((t, k) => { if (t.length > 0) { heap.push(k); up(heap.length - 1); } });
  let next = 0;
  while (heap.length > 0) {
    const k = heap[0];
    ids[k][pos[k]++] = next++;
    if (pos[k] === times[k].length) { const last = heap.pop()!; if (heap.length > 0) { heap[0] = last; down(0); } }
    else down(0);
  }
  return ids;
}
