import type { Network } from '../network/build.js';
import { RouteCache } from '../network/route-cache.js';
import type { Route, Router } from '../network/router.js';
import type { Controls } from './controls.js';

const EMPTY_ROUTE: Route = { edges: new Int32Array(0), cumMin: new Float64Array(1), cumKm: new Float64Array(1) };

/**
 * Routes as the simulation asks for them: by (zone restrictions, from, to) under the closures in force
 * now. A routing state is (what is closed, zone mask); routes are cached per state, and a search runs
 * only when neither the cache nor the open-network route can answer.
 */
export class RoutePlanner {
  private readonly cache: RouteCache;
  private readonly stateIds = new Map<number, number>();
  // The routing state of the last lookup: consecutive lookups almost always share it.
  private lastEpoch = -1;
  private lastZoneBlock = -1;
  private lastState = 0;
  /** Nothing closed: the open network, for the route a closure-time lookup compares with. */
  private readonly openNode: Uint8Array;
  private readonly openEdge: Uint8Array;

  constructor(private readonly net: Network, private readonly router: Router, private readonly controls: Controls) {
    this.cache = new RouteCache(net.nodeIds.length);
    this.openNode = new Uint8Array(net.nodeIds.length);
    this.openEdge = new Uint8Array(net.edgeFrom.length);
  }

  route(zoneBlock: number, from: number, to: number): Route | null {
    if (from === to) return EMPTY_ROUTE;
    const epoch = this.controls.epoch;
    if (epoch !== this.lastEpoch || zoneBlock !== this.lastZoneBlock) {
      this.lastState = this.stateId(epoch, zoneBlock);
      this.lastEpoch = epoch;
      this.lastZoneBlock = zoneBlock;
    }
    const key = this.cache.key(this.lastState, from, to);
    let route = this.cache.get(key);
    if (route === undefined) {
      route = this.openRoute(zoneBlock, from, to);
      if (route === undefined) route = this.router.find(from, to, this.controls.blocked(zoneBlock));
      this.cache.set(key, route);
    }
    return route;
  }

  /** Does the route, from its edge `from` on, use a road or node closed now? */
  closed(route: Route, from: number): boolean {
    const { closedEdge, closedNode } = this.controls, edgeTo = this.net.edgeTo;
    for (let i = from; i < route.edges.length; i++) {
      const e = route.edges[i];
      if (closedEdge[e] || closedNode[edgeTo[e]]) return true;
    }
    return false;
  }

  stats(): { lookups: number; hits: number } {
    return { lookups: this.cache.lookups, hits: this.cache.hits };
  }

  private stateId(epoch: number, zoneBlock: number): number {
    const stateKey = epoch * 2147483648 + zoneBlock;
    let state = this.stateIds.get(stateKey);
    if (state === undefined) { state = this.stateIds.size; this.stateIds.set(stateKey, state); }
    return state;
  }

  /**
   * While closures are active: the route cached for the network with no closure, if it avoids every
   * closed road and node, is still the fastest (closures only remove roads), so no search is needed.
   * Closures that come and go every hour then re-route only the trips they touch. When the open route
   * is not cached it is searched for (and cached): the answer must not depend on what this cache
   * happens to hold, or the parts of a split run (each with its own cache) could take other routes of
   * equal length than one thread does.
   */
  private openRoute(zoneBlock: number, from: number, to: number): Route | null | undefined {
    const open = this.controls.openEpoch;
    if (open < 0 || open === this.controls.epoch) return undefined;
    const key = this.cache.key(this.stateId(open, zoneBlock), from, to);
    let r = this.cache.peek(key);
    if (r === undefined) {
      r = this.router.find(from, to, { closedNode: this.openNode, closedEdge: this.openEdge, zoneBlock, version: open });
      this.cache.set(key, r);
    }
    if (r !== null && this.closed(r, 0)) return undefined;
    return r;
  }
}
