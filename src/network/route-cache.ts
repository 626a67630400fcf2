import type { Route } from './router.js';

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

  constructor(private readonly nodes: number, private readonly maxEntries = 500_000) {}

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
    // Bounded memory for long runs with many states: start afresh rather than track recency.
    if (this.map.size >= this.maxEntries) this.map.clear();
    this.map.set(key, route);
  }
}
