import { greatCircleKm } from './great-circle.js';
import type { KeptWays } from './kept-ways.js';
import type { Area } from './area.js';

/** One imported road between two junctions, in its driving direction (reversed for `oneway=-1`). */
export interface JunctionEdge {
  /** NodeTable indices along the road, first and last being junctions. */
  path: Int32Array;
  km: number;
  oneway: boolean;
  speedKmh: number;
  road?: string;
  osmWay: number;
}

export interface JunctionGraph {
  edges: JunctionEdge[];
  /** NodeTable indices of the junctions that edges use, in first-use order. */
  junctions: number[];
  missingRefs: number;
  outsideArea: number;
}

/**
 * Junctions are way ends and every node used twice or more by the kept ways (two ways meeting, or a
 * way crossing itself). Between two junctions, a chain of other nodes becomes one edge that keeps
 * their full geometry. A node the file lacks, or one outside the area, cuts its way there: the pieces
 * on either side are ways of their own. A piece that closes on itself at its only junction (a
 * roundabout drawn as one way) gets its middle node as a second junction, since an edge from a node
 * to itself is no road.
 */
export function junctionGraph(kept: KeptWays, area?: Area): JunctionGraph {
  const nodes = kept.nodes, refs = kept.refs;
  // 0: not looked at, 1: usable, 2: missing or outside the area.
  const state = new Uint8Array(nodes.size);
  const uses = new Uint8Array(nodes.size);
  const junction = new Uint8Array(nodes.size);
  let missingRefs = 0, outsideArea = 0;

  // Pieces: runs of usable nodes, consecutive repeats removed, as [way index, node indices].
  const pieces: { way: number; path: Int32Array }[] = [];
  const run: number[] = [];
  const flush = (way: number) => {
    if (run.length >= 2) pieces.push({ way, path: Int32Array.from(run) });
    run.length = 0;
  };
  kept.ways.forEach((w, wi) => {
    for (let k = w.start; k < w.end; k++) {
      const i = nodes.indexOf(refs[k]);
      if (i < 0) { missingRefs++; flush(wi); continue; }
      if (state[i] === 0) state[i] = area === undefined || area(nodes.lon(i), nodes.lat(i)) ? 1 : 2;
      if (state[i] === 2) { outsideArea++; flush(wi); continue; }
      if (run.length === 0 || run[run.length - 1] !== i) run.push(i);
    }
    flush(wi);
  });

  for (const p of pieces) {
    for (let k = 0; k < p.path.length; k++) if (uses[p.path[k]] < 2) uses[p.path[k]]++;
    junction[p.path[0]] = 1;
    junction[p.path[p.path.length - 1]] = 1;
  }
  for (let i = 0; i < nodes.size; i++) if (uses[i] >= 2) junction[i] = 1;

  const edges: JunctionEdge[] = [];
  const junctions: number[] = [];
  const seen = new Uint8Array(nodes.size);
  const useJunction = (i: number) => { if (!seen[i]) { seen[i] = 1; junctions.push(i); } };
  const emit = (wayIndex: number, path: Int32Array) => {
    const w = kept.ways[wayIndex];
    if (path[0] === path[path.length - 1]) {
      // A loop back to its own junction: split it at its middle node (path has >= 3 nodes here).
      const mid = path.length >> 1;
      emit(wayIndex, path.subarray(0, mid + 1));
      emit(wayIndex, path.subarray(mid));
      return;
    }
    const ordered = w.direction === -1 ? path.slice().reverse() : path.slice();
    let km = 0;
    for (let k = 1; k < ordered.length; k++) {
      km += greatCircleKm(nodes.lon(ordered[k - 1]), nodes.lat(ordered[k - 1]), nodes.lon(ordered[k]), nodes.lat(ordered[k]));
    }
    useJunction(ordered[0]);
    useJunction(ordered[ordered.length - 1]);
    edges.push({ path: ordered, km, oneway: w.direction !== 0, speedKmh: w.speedKmh, road: w.road, osmWay: w.id });
  };
  for (const p of pieces) {
    let from = 0;
    for (let k = 1; k < p.path.length; k++) {
      if (!junction[p.path[k]]) continue;
      emit(p.way, p.path.subarray(from, k + 1));
      from = k;
    }
  }
  return { edges, junctions, missingRefs, outsideArea };
}
