import { aStar } from 'ngraph.path';
import type { Network } from './build.js';
import { altBound, computeLandmarks, type Landmarks } from './landmarks.js';
import { csrAStar } from './csr-astar.js';
import { ngraphOf } from './ngraph-graph.js';
import { cchRouter, type CchRouterOptions } from './cch/cch-router.js';
import type { CchTopology } from './cch/topology.js';
import { routeOf } from './route-arena.js';

/** A route as the simulation drives it: directed edges with cumulative minutes and km. */
export interface Route {
  edges: Int32Array;
  /** cumMin[i] = minutes from the route's start to the tail of edges[i]; cumMin[edges.length] = total. */
  cumMin: Float64Array;
  cumKm: Float64Array;
}

/** What may not be used: closed nodes and directed edges, and nodes of the zones in `zoneBlock` (a bit mask). */
export interface Blocked {
  closedNode: Uint8Array;
  closedEdge: Uint8Array;
  zoneBlock: number;
  /**
   * Optional name of what closedNode/closedEdge hold: equal versions with the same arrays mean equal
   * contents (another simulation's arrays may use the same numbers for other closures). Routers that
   * precompute per closure state (search: 'cch') key on it; without it they read the arrays.
   */
  version?: number;
}

export interface Router {
  landmarks: Landmarks;
  /** Fastest route (free-flow minutes) from node `from` to node `to`, or null when none is open. */
  find(from: number, to: number, blocked?: Blocked): Route | null;
  /** Routers that precompute per routing state (search: 'cch'): do it now for this one, ahead of its first query. */
  prepare?(blocked: Blocked): void;
}

export interface RouterOptions {
  landmarks?: Landmarks;
  landmarkCount?: number;
  /**
   * 'csr': typed-array A*; 'ngraph': ngraph.path's A*. Same bounds, same rules, same costs.
   * 'cch': customizable contraction hierarchy (src/network/cch/), a metric per closure state.
   * 'auto' (default): cch on networks of CCH_MIN_NODES..CCH_MAX_NODES nodes, csr otherwise.
   */
  search?: 'auto' | 'csr' | 'ngraph' | 'cch';
  /** search: 'cch': bytes of customized metrics kept for reuse. */
  metricBudgetBytes?: number;
  /** search: 'cch': largest open-network weights kept to customize closure states from (cch-router.ts). */
  partialBaseBytes?: number;
  /** search: 'cch': a topology built already for this network (e.g. shared by the regions of a split run). */
  topology?: CchTopology;
  /** search: 'cch': where metrics come from when the router has none (cch-router.ts). */
  metricSource?: CchRouterOptions['metricSource'];
  /** search: 'cch': bytes of backward searches kept per (state, target) (cch/query.ts; 0: none, for uncached figures). */
  backwardCacheBytes?: number;
}

/**
 * Fastest routes under closures and zone rules: A* with landmark (ALT) bounds, closures and zones as
 * a `blocked` rule, so the graph is built once and never changed. The target node is never blocked by
 * a zone: a truck may end its leg at a zone's station. Two searches share the bounds and rules:
 * ngraph.path's A* over an ngraph.graph built for it, and a typed-array A* over compressed rows, ~4x faster on
 * road graphs of 1e5 nodes. The customizable contraction hierarchy answers the same questions with a
 * metric per closure state, and is what `auto` picks on networks of 5e3-2e5 nodes (the test suite checks
 * all three against an independent Dijkstra).
 */
export function createRouter(net: Network, options: RouterOptions = {}): Router {
  const landmarks = options.landmarks ?? computeLandmarks(net, options.landmarkCount ?? 16);
  const search = searchFor(net, options.search ?? 'auto');
  if (search === 'csr') return csrRouter(net, landmarks);
  if (search === 'cch') {
    return cchRouter(net, landmarks, (edges) => routeOf(edges, net.edgeMin, net.edgeKm), {
      metricBudgetBytes: options.metricBudgetBytes, partialBaseBytes: options.partialBaseBytes, topology: options.topology, metricSource: options.metricSource,
      backwardCacheBytes: options.backwardCacheBytes,
    });
  }
  const { edgeMin, edgeKm, zoneMask, edgeByPair } = net;
  const N = net.nodeIds.length;
  const open: Blocked = { closedNode: new Uint8Array(N), closedEdge: new Uint8Array(edgeMin.length), zoneBlock: 0 };
  let current = open;
  let target = -1;
  const finder = aStar<number, number>(ngraphOf(net), {
    oriented: true,
    distance: (_a, _b, link) => edgeMin[link.data],
    heuristic: (a, b) => altBound(landmarks, a.id as number, b.id as number),
    blocked: (other, _from, link) => {
      const v = other.id as number;
      return current.closedEdge[link.data] === 1 || current.closedNode[v] === 1 || ((zoneMask[v] & current.zoneBlock) !== 0 && v !== target);
    },
  });
  return {
    landmarks,
    find(from, to, blocked = open) {
      if (from === to) return { edges: new Int32Array(0), cumMin: new Float64Array(1), cumKm: new Float64Array(1) };
      current = blocked;
      target = to;
      const nodes = finder.find(from, to);
      // ngraph.path 1.6.1 queues a neighbour before asking `blocked`, so when the target is reachable
      // only through blocked links it comes back as [target] alone: a "path" not starting at `from`.
      if (nodes.length === 0 || nodes[nodes.length - 1].id !== from) return null;
      const len = nodes.length - 1;
      const edges = new Int32Array(len), cumMin = new Float64Array(len + 1), cumKm = new Float64Array(len + 1);
      // ngraph.path returns the path from the target back to the source.
      for (let i = 0; i < len; i++) {
        const u = nodes[len - i].id as number, v = nodes[len - i - 1].id as number;
        const e = edgeByPair.get(u * N + v)!;
        edges[i] = e;
        cumMin[i + 1] = cumMin[i] + edgeMin[e];
        cumKm[i + 1] = cumKm[i] + edgeKm[e];
      }
      return { edges, cumMin, cumKm };
    },
  };
}

/**
 * Where the hierarchy was measured faster inside the simulation (re-plans included; README design
 * notes, issue 16): from 5,000 nodes. Small networks keep A* (their routes and the golden files are
 * A*'s, and there a search is microseconds), and beyond 200,000 nodes the hierarchy's preprocessing
 * (n log n arcs and about n^1.5 triangles on lattice-like networks) has not been measured to pay.
 */
export const CCH_MIN_NODES = 5_000;
export const CCH_MAX_NODES = 200_000;

/** The search `auto` stands for on this network. */
export function searchFor(net: Network, search: NonNullable<RouterOptions['search']>): 'csr' | 'ngraph' | 'cch' {
  if (search !== 'auto') return search;
  const n = net.nodeIds.length;
  return n >= CCH_MIN_NODES && n <= CCH_MAX_NODES ? 'cch' : 'csr';
}

function csrRouter(net: Network, landmarks: Landmarks): Router {
  const find = csrAStar(net, landmarks);
  const N = net.nodeIds.length;
  const open: Blocked = { closedNode: new Uint8Array(N), closedEdge: new Uint8Array(net.edgeFrom.length), zoneBlock: 0 };
  return {
    landmarks,
    find(from, to, blocked = open) {
      if (from === to) return toRoute(net, new Int32Array(0));
      const edges = find(from, to, blocked.closedNode, blocked.closedEdge, blocked.zoneBlock);
      return edges === null ? null : routeOf(edges, net.edgeMin, net.edgeKm);
    },
  };
}

function toRoute(net: Network, edges: Int32Array): Route {
  const len = edges.length, cumMin = new Float64Array(len + 1), cumKm = new Float64Array(len + 1);
  for (let i = 0; i < len; i++) {
    cumMin[i + 1] = cumMin[i] + net.edgeMin[edges[i]];
    cumKm[i + 1] = cumKm[i] + net.edgeKm[edges[i]];
  }
  return { edges, cumMin, cumKm };
}
