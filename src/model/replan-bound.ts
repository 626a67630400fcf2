import type { Network } from '../network/build.js';
import { altBound, type Landmarks } from '../network/landmarks.js';
import type { Route } from '../network/router.js';

/**
 * When a closure ends, may a truck's remaining route stop being the fastest?
 *
 * The remaining route (from route index `from`, at node `v`, to target `t`) was a fastest route under
 * the rules it was planned with. Now some of what was closed then (`closedThen`) has reopened. Under the
 * rules now, every road the truck may use was open then too, except the reopened roads and nodes
 * (`ruleSafe` checks the zone half of that), so a faster route must pass through one of them. For a
 * reopened edge a->b every such path is at least lb(v,a) + w(a,b) + lb(b,t), for a node x at least
 * lb(v,x) + lb(x,t), with the landmark lower bounds the router already has (closures only lengthen
 * distances, so they stay lower bounds). When every bound exceeds what is left of the route, a search
 * would find the same length again: it is skipped.
 *
 * `reopened`: what reopened of what was closed when the route was planned (reopenedOf).
 * Returns true when a search is needed. The comparison is strict with a relative margin, so a reopened
 * road that only ties the current route (or a rounding difference) still re-plans.
 */
export function reopenedMayShorten(lm: Landmarks, reopened: Reopened, route: Route, from: number, v: number, t: number): boolean {
  const left = route.cumMin[route.edges.length] - route.cumMin[from];
  const margin = left * (1 + 1e-9) + 1e-9;
  const { a, w, b } = reopened;
  for (let i = 0; i < a.length; i++) if (altBound(lm, v, a[i]) + w[i] + altBound(lm, b[i], t) <= margin) return true;
  return false;
}

/**
 * Reopened nodes and roads as the bound reads them: a route through item i passes a[i], then b[i]
 * after w[i] minutes (a node x: a = b = x, w = 0; a road: its ends and minutes).
 */
export interface Reopened { a: Int32Array; w: Float64Array; b: Int32Array }

/** The items (nodes, and roads as `-1 - edge`, controls.ts) as a Reopened. */
export function reopenedOf(net: Network, items: readonly number[]): Reopened {
  const a = new Int32Array(items.length), w = new Float64Array(items.length), b = new Int32Array(items.length);
  items.forEach((x, i) => {
    if (x >= 0) { a[i] = b[i] = x; return; }
    const e = -1 - x;
    a[i] = net.edgeFrom[e]; w[i] = net.edgeMin[e]; b[i] = net.edgeTo[e];
  });
  return { a, w, b };
}

/**
 * Would a re-plan at node `v` use the same zone rules as the route was planned with? A re-plan blocks
 * the zones in `forbidden` except those containing `v`; the plan blocked them except those containing
 * its own start. The route avoided those zones (but for its target), so the rules at `v` are the same
 * or stricter; they are only safe to skip when the rest of the route and the target are still allowed
 * under them (otherwise the re-plan would detour or choose a relay station).
 */
export function ruleSafe(net: Network, forbidden: number, route: Route, from: number, v: number, target: number): boolean {
  const block = forbidden & ~net.zoneMask[v];
  if (block === 0) return true;
  if ((net.zoneMask[target] & block) !== 0) return false;
  const edges = route.edges, edgeTo = net.edgeTo, zoneMask = net.zoneMask;
  for (let i = from; i < edges.length; i++) {
    const w = edgeTo[edges[i]];
    if (w !== target && (zoneMask[w] & block) !== 0) return false;
  }
  return true;
}
