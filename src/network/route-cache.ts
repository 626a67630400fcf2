import type { Route } from './router.js';
import { routeBytes } from './route-arena.js';

/**
 * Default memory for cached routes (estimated, route-arena.ts routeBytes). At 1e5 nodes with hourly
 * closures a run asks again and again for ~31 k routes of ~170 edges, ~100 MB: 64 MB made a 3e5-shipment
 * run search 266 k times (125 s); 256 MB holds them all (43 s), and the peak RSS fell, 694 -> 555 MiB,
 * as evicted routes still held their arena chunks. Once, with no bound, a run's routes held 1.18 GB.
 */
export const DEFAULT_ROUTE_CACHE_BYTES = 256 * 1024 * 1024;

/**
 * Routes by (routing state, from, to), keyed by one number: state * N^2 + from * N + to. A numeric
 * Map key costs ~41 ns a hit against ~262 ns for a template string (shared/peers/RESULTS.md).
 * A routing state is an interned (set of active closures, zone mask) pair, so a closure that comes
 * back every hour finds its routes still cached. "No route" is cached too.
 *
 * Bounded by two generations, each up to half the entries and bytes: new routes go into the young
 * one; when it is full it becomes the old one and the old one is dropped; a route found in the old one
 * moves back into the young. Routes in use stay, whatever their age. (Clearing everything when full,
 * as before, threw away the routes every truck on a road asks for again whenever the working set was a
 * little larger than the budget: at 1e5 nodes a 3e5-shipment run with closures made 266 k searches
 * where 31 k would do.) What the cache holds never changes a route: a search gives the route a hit would.
 */
export class RouteCache {
  private young = new Map<number, Route | null>();
  private old = new Map<number, Route | null>();
  private youngBytes = 0;
  private oldBytes = 0;
  lookups = 0;
  hits = 0;

  constructor(private readonly nodes: number, private readonly maxEntries = 500_000, private readonly maxBytes = DEFAULT_ROUTE_CACHE_BYTES) {}

  /** Estimated bytes held by the cached routes (route-arena.ts routeBytes). */
  get bytes(): number {
    return this.youngBytes + this.oldBytes;
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
    const r = this.young.get(key);
    if (r !== undefined) return r;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.oldBytes -= routeBytes(o);
      this.set(key, o);
    }
    return o;
  }

  set(key: number, route: Route | null): void {
    const b = routeBytes(route);
    if (this.young.size >= this.maxEntries / 2 || this.youngBytes + b > this.maxBytes / 2) {
      this.old = this.young; this.oldBytes = this.youngBytes;
      this.young = new Map(); this.youngBytes = 0;
    }
    this.young.set(key, route);
    this.youngBytes += b;
  }
}
