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
  /** Known open-network paths by from * N + to (hintOpenBound): minutes, and the zones their nodes lie in. */
  private readonly hints = new Map<number, { minutes: number; zones: number }>();
  private readonly hasZones: boolean;
  /** Searches the hints made unnecessary (open-network routes not searched for). */
  probesSkipped = 0;

  constructor(private readonly net: Network, private readonly router: Router, private readonly controls: Controls) {
    this.cache = new RouteCache(net);
    this.openNode = new Uint8Array(net.nodeIds.length);
    this.openEdge = new Uint8Array(net.edgeFrom.length);
    this.hasZones = net.zoneMask.some((m) => m !== 0);
  }

  /**
   * A path from route index `from` of `route` to its end is known (the rest of a truck's route that a
   * closure just cut): a bound on the open network's fastest time between its ends, which lets a
   * lookup under closures skip searching the open network (openRoute). Hints never change an answer,
   * only whether a search is needed for it; they are dropped at the next call of `clearHints`.
   */
  hintOpenBound(route: Route, from: number, v: number): void {
    const n = route.edges.length;
    if (from >= n) return;
    const edgeTo = this.net.edgeTo, t = edgeTo[route.edges[n - 1]], minutes = route.cumMin[n] - route.cumMin[from];
    let zones = 0;
    if (this.hasZones) for (let i = from; i < n - 1; i++) zones |= this.net.zoneMask[edgeTo[route.edges[i]]];
    const key = v * this.net.nodeIds.length + t, had = this.hints.get(key);
    if (had === undefined || (minutes < had.minutes && zones === 0)) this.hints.set(key, { minutes, zones });
  }

  /** Drops the hints (a closure change hints anew). */
  clearHints(): void {
    this.hints.clear();
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
   *
   * Unless a hint (hintOpenBound) already says the open route cannot avoid the closures: a known path
   * of H minutes means the open route takes at most H, so when the route under the closures takes
   * more than H, the open route must use something closed, and the answer is the route under the
   * closures. That is searched first then (a relative margin of 1e-9 covers the rounding of H as a
   * difference of cumulative minutes); the open route only when the test fails. At closure starts
   * this spares the open-network search of nearly every truck the closure cuts.
   */
  private openRoute(zoneBlock: number, from: number, to: number): Route | null | undefined {
    const open = this.controls.openEpoch;
    if (open < 0 || open === this.controls.epoch) return undefined;
    const key = this.cache.key(this.stateId(open, zoneBlock), from, to);
    let r = this.cache.peek(key);
    if (r === undefined) {
      const hint = this.hints.get(from * this.net.nodeIds.length + to);
      if (hint !== undefined && (hint.zones & zoneBlock) === 0) {
        const now = this.router.find(from, to, this.controls.blocked(zoneBlock));
        if (now === null || now.cumMin[now.edges.length] > hint.minutes * (1 + 1e-9) + 1e-9) { this.probesSkipped++; return now; }
        r = this.router.find(from, to, { closedNode: this.openNode, closedEdge: this.openEdge, zoneBlock, version: open });
        this.cache.set(key, r);
        return r !== null && !this.closed(r, 0) ? r : now;
      }
      r = this.router.find(from, to, { closedNode: this.openNode, closedEdge: this.openEdge, zoneBlock, version: open });
      this.cache.set(key, r);
    }
    if (r !== null && this.closed(r, 0)) return undefined;
    return r;
  }
}
