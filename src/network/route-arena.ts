import type { Route } from './router.js';

/** Elements per chunk: 2^18 (1 MiB of Int32 edges, 2 MiB each for the two Float64 columns). */
const CHUNK = 1 << 18;

/**
 * A route over `edges` (network edge ids) with cumulative minutes and km from the edge arrays, its
 * three columns in one ArrayBuffer of its own: one allocation, and freed as soon as nothing holds the
 * route. (Slices of shared chunks, RouteArena below, cost less to make, but a chunk lives as long as
 * its longest-lived route: at 1e5 nodes the routes of trucks on the road kept about twice their own
 * size alive that way. Cached routes are kept as edges only, route-cache.ts.)
 */
export function routeOf(edges: ArrayLike<number>, edgeMin: Float64Array, edgeKm: Float64Array): Route {
  const len = edges.length, buf = new ArrayBuffer(16 * (len + 1) + 4 * len);
  const m = new Float64Array(buf, 0, len + 1), k = new Float64Array(buf, 8 * (len + 1), len + 1), e = new Int32Array(buf, 16 * (len + 1), len);
  return filled(edges, edgeMin, edgeKm, e, m, k);
}

/** Fills a route's columns, m and k from 0: the sums every route is made of, the same either way. */
function filled(edges: ArrayLike<number>, edgeMin: Float64Array, edgeKm: Float64Array, e: Int32Array, m: Float64Array, k: Float64Array): Route {
  m[0] = 0; k[0] = 0;
  for (let i = 0; i < edges.length; i++) {
    const id = edges[i];
    e[i] = id;
    m[i + 1] = m[i] + edgeMin[id];
    k[i + 1] = k[i] + edgeKm[id];
  }
  return { edges: e, cumMin: m, cumKm: k };
}

/**
 * Routes as slices of a few large typed arrays instead of three small arrays each: a small typed array
 * costs its own ArrayBuffer and backing store (~200 bytes beyond its data). A route longer than a
 * chunk gets arrays of its own. A chunk is freed by the garbage collector once no route viewing it is
 * left. For many short-lived routes made at once (benchmarks); the simulation's routers use routeOf.
 */
export class RouteArena {
  private edges = new Int32Array(CHUNK);
  private min = new Float64Array(CHUNK);
  private km = new Float64Array(CHUNK);
  private used = 0;

  /** Route over `edges` (network edge ids) with cumulative minutes and km from the edge arrays. */
  route(edges: ArrayLike<number>, edgeMin: Float64Array, edgeKm: Float64Array): Route {
    const len = edges.length;
    let e: Int32Array, m: Float64Array, k: Float64Array;
    if (len + 1 > CHUNK) {
      e = new Int32Array(len); m = new Float64Array(len + 1); k = new Float64Array(len + 1);
    } else {
      if (this.used + len + 1 > CHUNK) {
        this.edges = new Int32Array(CHUNK); this.min = new Float64Array(CHUNK); this.km = new Float64Array(CHUNK);
        this.used = 0;
      }
      const at = this.used;
      this.used += len + 1;
      e = this.edges.subarray(at, at + len); m = this.min.subarray(at, at + len + 1); k = this.km.subarray(at, at + len + 1);
    }
    return filled(edges, edgeMin, edgeKm, e, m, k);
  }
}
