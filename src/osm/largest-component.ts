import { strongComponents } from '../network/components.js';
import type { JunctionGraph } from './junction-graph.js';

export interface ComponentCount {
  components: number;
  /** Junction count of the largest strongly connected component. */
  largest: number;
}

/**
 * Strongly connected components of the imported roads (two-way edges both ways). With `keep`, only
 * the largest stays: the junctions and edges of the others are removed from `graph`.
 */
export function largestComponent(graph: JunctionGraph, keep: boolean): ComponentCount & { droppedJunctions: number; droppedEdges: number } {
  const local = new Map<number, number>();
  graph.junctions.forEach((j, i) => local.set(j, i));
  const n = graph.junctions.length;
  const offsets = new Int32Array(n + 1);
  const ends = graph.edges.map((e) => [local.get(e.path[0])!, local.get(e.path[e.path.length - 1])!] as const);
  graph.edges.forEach((e, k) => { offsets[ends[k][0] + 1]++; if (!e.oneway) offsets[ends[k][1] + 1]++; });
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n), targets = new Int32Array(offsets[n]);
  graph.edges.forEach((e, k) => {
    const [u, v] = ends[k];
    targets[fill[u]++] = v;
    if (!e.oneway) targets[fill[v]++] = u;
  });
  const comp = strongComponents(n, offsets, targets);
  const size = new Map<number, number>();
  for (let i = 0; i < n; i++) size.set(comp[i], (size.get(comp[i]) ?? 0) + 1);
  let best = -1, largest = 0;
  // Ties go to the component found first, so the choice does not depend on Map order.
  for (let i = 0; i < n; i++) { const s = size.get(comp[i])!; if (s > largest) { largest = s; best = comp[i]; } }
  const counts = { components: size.size, largest, droppedJunctions: 0, droppedEdges: 0 };
  if (!keep) return counts;
  const before = graph.edges.length;
  graph.edges = graph.edges.filter((_, k) => comp[ends[k][0]] === best && comp[ends[k][1]] === best);
  graph.junctions = graph.junctions.filter((_, i) => comp[i] === best);
  counts.droppedJunctions = n - graph.junctions.length;
  counts.droppedEdges = before - graph.edges.length;
  return counts;
}
