import type { Route } from '../network/router.js';

/**
 * The seam between the parts of a run split across threads (src/partition/), each owning some nodes.
 * A truck whose stretch leads to a node its part does not own is handed on when it enters that road
 * (`handoff`, from the trip's LEAVE event); the part keeps it until the end of the window, then sends
 * its whole state to the owner of that node (partition/truck-state.ts).
 * One thread owns every node, so the run here never hands anything off.
 */
export interface Boundary {
  /** True in a part of a split run: stretches that leave the part get a LEAVE event. */
  readonly split: boolean;
  owns(node: number): boolean;
  handoff(truck: number, t: number): void;
  /**
   * The first road of route[from..to) that leads to a node this part does not own, or -1. Optional
   * (the trip scans the stretch with `owns` without it); a split run answers from a table per route.
   */
  leaving?(route: Route, from: number, to: number): number;
}

/**
 * `leaving` for the part owning the nodes v with owner[v] === id. A stretch is scanned at every start
 * (often the whole rest of a route, hundreds of roads), and many trucks share a route: so for each
 * route, once, the next road out of the part from every index (2-4 % of a region's time at 1e5 nodes).
 */
export function leavingOf(owner: Int32Array, id: number, edgeTo: Int32Array): (route: Route, from: number, to: number) => number {
  const next = new WeakMap<Route, Int32Array>();
  return (route, from, to) => {
    let nx = next.get(route);
    if (nx === undefined) {
      const edges = route.edges, n = edges.length;
      nx = new Int32Array(n + 1);
      nx[n] = n;
      for (let k = n - 1; k >= 0; k--) nx[k] = owner[edgeTo[edges[k]]] === id ? nx[k + 1] : k;
      next.set(route, nx);
    }
    const k = nx[from];
    return k < to ? k : -1;
  };
}

/** The whole network in one part: every node owned, nothing handed off. */
export const WHOLE_NETWORK: Boundary = {
  split: false,
  owns: () => true,
  handoff: (truck, t) => { throw new Error(`truck ${truck} handed off at t=${t}, but this part owns every node`); },
};
