import type { Network } from './build.js';
import type { Route } from './router.js';
import { routeOf } from './route-arena.js';

/**
 * Default memory for cached routes, compact and whole (RouteCache). At 1e5 nodes with hourly closures
 * a run asks again and again for ~31 k routes of ~170 edges: ~8 MB compact, ~100 MB whole (when the
 * cache held only whole routes, 64 MB made a 3e5-shipment run search 266 k times instead of 31 k). In
 * the 1e5 scale case (10k OD pairs) the cache held only whole routes within 256 MiB: 58,782 hits of
 * 250,617 lookups and a peak RSS of ~980 MiB; compact ones, 64 MiB of 4-byte edge ids: 69,998 hits;
 * 24 MiB as bytes: 73,959.
 */
export const DEFAULT_ROUTE_CACHE_BYTES = 64 * 1024 * 1024;

/** Elements per chunk of a generation's store (256 KiB of bytes). */
const CHUNK = 1 << 18;

/** Bytes a compact cached route holds: a byte a road, and the view and map entry around it. */
export function routeBytes(r: { edges: ArrayLike<number> } | null): number {
  return r === null ? 16 : r.edges.length + 100;
}

/** What the cache needs of the network: sizes, edge ends and times, and each node's outgoing edges. */
export type CacheNetwork = Pick<Network, 'edgeFrom' | 'edgeTo' | 'edgeMin' | 'edgeKm' | 'out'> & { nodeIds: { length: number } };

/** One generation: routes as slices of a few chunks that go when the generation goes. */
class Generation {
  readonly routes = new Map<number, Uint8Array | Int32Array | null>();
  bytes = 0;
  private chunk = new Uint8Array(0);
  private used = 0;

  /** A route as the position of each road among its tail's outgoing roads (`pos`), a byte each. */
  addSteps(key: number, edges: ArrayLike<number>, pos: Uint8Array): void {
    const len = edges.length;
    if (this.used + len > this.chunk.length) { this.chunk = new Uint8Array(Math.max(CHUNK, len)); this.used = 0; }
    const slice = this.chunk.subarray(this.used, this.used + len);
    for (let i = 0; i < len; i++) slice[i] = pos[edges[i]];
    this.used += len;
    this.routes.set(key, slice);
    this.bytes += len + 100;
  }

  /** An entry as another generation stored it (copied: that generation's chunks may go). */
  addStored(key: number, stored: Uint8Array | Int32Array): void {
    if (stored instanceof Int32Array) { this.addEdges(key, stored); return; }
    const len = stored.length;
    if (this.used + len > this.chunk.length) { this.chunk = new Uint8Array(Math.max(CHUNK, len)); this.used = 0; }
    const slice = this.chunk.subarray(this.used, this.used + len);
    slice.set(stored);
    this.used += len;
    this.routes.set(key, slice);
    this.bytes += len + 100;
  }

  /** A route as edge ids (networks with a node of over 255 outgoing roads), or none. */
  addEdges(key: number, edges: Int32Array | null): void {
    this.routes.set(key, edges === null ? null : edges.slice());
    this.bytes += edges === null ? 16 : 4 * edges.length + 100;
  }
}

/**
 * Routes by (routing state, from, to), keyed by one number: state * N^2 + from * N + to. A numeric
 * Map key costs ~41 ns a hit against ~262 ns for a template string (shared/peers/RESULTS.md).
 * A routing state is an interned (set of active closures, zone mask) pair, so a closure that comes
 * back every hour finds its routes still cached. "No route" is cached too.
 *
 * Every route is kept compact, one byte a road: the road's position among the outgoing roads of the
 * node it leaves (the route starts at `from`, which the key holds), a twentieth of a whole route's
 * bytes. Compact routes are bounded by two generations of up to a quarter of the budget (and half
 * the entries) each: new routes go into the young one; when it is full it becomes the old one and
 * the old one is dropped, with the chunks its routes are in; a route found in the old one moves back
 * into the young. (Clearing everything when full, as before, threw away the routes every truck on a
 * road asks for again whenever the working set was a little larger than the budget.)
 *
 * The routes searched or asked for most recently are also kept whole, shared by everyone who asks,
 * in two generations of up to half of what the compact routes leave of the budget: where routes are
 * short (1e4 nodes) that is nearly all of them, and a hit makes nothing; where the compact routes fill
 * their half (1e5) it is a few thousand, and other hits are made whole again (edge ids by walking the
 * positions, then route-arena.ts routeOf: the same sums), a few microseconds, far less than a search.
 * Making every hit whole cost ~15 % of the 1e4 scale case; keeping every route whole is what made the
 * cache large at 1e5. What the cache holds never changes a route: a search gives the route a hit would.
 */
export class RouteCache {
  private young = new Generation();
  private old = new Generation();
  /** Whole routes of the keys set or asked for most recently, in two generations too. */
  private wholeYoung = new Map<number, Route>();
  private wholeOld = new Map<number, Route>();
  private wholeYoungBytes = 0;
  private wholeOldBytes = 0;
  private readonly nodes: number;
  /** Position of each edge among its tail's outgoing edges; null when some node has over 255. */
  private readonly pos: Uint8Array | null;
  private scratch = new Int32Array(256);
  lookups = 0;
  hits = 0;

  constructor(private readonly net: CacheNetwork, private readonly maxEntries = 500_000, private readonly maxBytes = DEFAULT_ROUTE_CACHE_BYTES) {
    this.nodes = net.nodeIds.length;
    const { offsets, edges } = net.out, pos = new Uint8Array(net.edgeFrom.length);
    let fits = true;
    for (let v = 0; v < this.nodes && fits; v++) {
      if (offsets[v + 1] - offsets[v] > 256) fits = false;
      for (let j = offsets[v]; j < offsets[v + 1]; j++) pos[edges[j]] = j - offsets[v];
    }
    this.pos = fits ? pos : null;
  }

  /** Bytes held by the cached routes (routeBytes). */
  get bytes(): number {
    return this.young.bytes + this.old.bytes;
  }

  /** Bytes of the whole routes kept (20 a road and 400 a route). */
  get wholeBytes(): number {
    return this.wholeYoungBytes + this.wholeOldBytes;
  }

  key(state: number, from: number, to: number): number {
    return (state * this.nodes + from) * this.nodes + to;
  }

  /** The cached route (null: known to have none), or undefined when not cached. */
  get(key: number): Route | null | undefined {
    this.lookups++;
    const r = this.peek(key);
    if (r !== undefined) this.hits++;
    return r;
  }

  /** Like get, but not counted as a lookup (for probing another state's entry). */
  peek(key: number): Route | null | undefined {
    let stored = this.young.routes.get(key);
    if (stored === undefined) {
      stored = this.old.routes.get(key);
      if (stored === undefined) return undefined;
      this.old.routes.delete(key);
      this.put(key, stored === null ? null : stored, true);
    }
    if (stored === null) return null;
    let route = this.wholeYoung.get(key);
    if (route !== undefined) return route;
    route = this.wholeOld.get(key);
    if (route !== undefined) this.wholeOld.delete(key);
    else route = this.wholeOf(key, stored);
    this.keepWhole(key, route);
    return route;
  }

  set(key: number, route: Route | null): void {
    this.put(key, route === null ? null : route.edges, false);
    if (route !== null) this.keepWhole(key, route);
  }

  private keepWhole(key: number, route: Route): void {
    const b = 20 * route.edges.length + 400;
    // A generation of whole routes may take half of what the compact routes leave of the budget.
    const room = (this.maxBytes - this.bytes) / 2;
    if (b > room) return;
    if (this.wholeYoungBytes + b > room) {
      this.wholeOld = this.wholeYoung; this.wholeOldBytes = this.wholeYoungBytes;
      this.wholeYoung = new Map(); this.wholeYoungBytes = 0;
    }
    this.wholeYoung.set(key, route);
    this.wholeYoungBytes += b;
  }

  /** The stored route as a whole Route: roads from their positions, walking from `from`. */
  private wholeOf(key: number, stored: Uint8Array | Int32Array): Route {
    const { edgeMin, edgeKm } = this.net;
    if (stored instanceof Int32Array) return routeOf(stored, edgeMin, edgeKm);
    const len = stored.length, { offsets, edges } = this.net.out, edgeTo = this.net.edgeTo;
    if (this.scratch.length < len) this.scratch = new Int32Array(2 * len);
    const out = this.scratch;
    let at = Math.floor(key / this.nodes) % this.nodes;
    for (let i = 0; i < len; i++) { const e = edges[offsets[at] + stored[i]]; out[i] = e; at = edgeTo[e]; }
    return routeOf(out.subarray(0, len), edgeMin, edgeKm);
  }

  /** Into the young generation: a route's edges, or (`encoded`) an entry moved from the old one as it is. */
  private put(key: number, edges: Uint8Array | Int32Array | null, encoded: boolean): void {
    const b = edges === null ? 16 : encoded ? (edges instanceof Uint8Array ? edges.length + 100 : 4 * edges.length + 100) : this.pos === null ? 4 * edges.length + 100 : edges.length + 100;
    if (this.young.routes.size >= this.maxEntries / 2 || this.young.bytes + b > this.maxBytes / 4) {
      this.old = this.young;
      this.young = new Generation();
    }
    if (edges === null) this.young.addEdges(key, null);
    else if (encoded) this.young.addStored(key, edges);
    else if (this.pos === null) this.young.addEdges(key, edges as Int32Array);
    else this.young.addSteps(key, edges, this.pos);
  }
}
