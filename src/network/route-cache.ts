import type { Route } from './router.js';
import { routeBytes } from './route-arena.js';

/** Default memory for cached routes: at 1e5 nodes a run's routes (~170 edges each) once held 1.18 GB. */
export const DEFAULT_ROUTE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Routes by (routing state, from, to), keyed by one number: state * N^2 + from * N + to. A numeric
 * Map key costs ~41 ns a hit against ~262 ns for a template string (shared/peers/RESULTS.md).
 * A routing state is an interned (set of active closures, zone mask) pair, so a closure that comes
 * back every hour finds its routes still cached. "No route" is cached too.
 */
export class RouteCache {
  private readonly map = new Map<number, Route | null>();
  lookups = 0;
  hits = 0;
  /** Estimated bytes held by the cached routes (route-arena.ts routeBytes). */
  bytes = 0;

  constructor(private readonly nodes: number, private readonly maxEntries = 500_000, private readonly maxBytes = DEFAULT_ROUTE_CACHE_BYTES) {}

  key(state: number, from: number, to: number): number {
    return (state * this.nodes + from) * this.nodes + to;
  }

  /** The cached route (null: known to have none), or undefined when not cached. */
  get(key: number): Route | null | undefined {
    this.lookups++;
    const r = this.map.get(key);
    if (r !== undefined) this.hits++;
    return r;
  }

  /** Like get, but not counted as a lookup (for probing another state's entry). */
  peek(key: number): Route | null | undefined {
    return this.map.get(key);
  }

  set(key: number, route: Route | null): void {
    // Bounded memory (entries and bytes) for long runs with many states: start afresh rather than track
    // recency. Trucks keep the routes they drive; only the cache lets go.
    const b = routeBytes(route);
    if (this.map.size >= this.maxEntries || this.bytes + b > this.maxBytes) { this.map.clear(); this.bytes = 0; }
    this.map.set(key, route);
    this.bytes += b;
  }
}
