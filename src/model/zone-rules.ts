import type { Route } from '../network/router.js';
import type { RoutePlanner } from './route-planner.js';
import type { Controls } from './controls.js';
import type { Network } from '../network/build.js';

/**
 * Where a long-haul truck goes next (ZoneRules.leg): a station index; DESTINATION: the shipment's
 * destination; NO_STATION: no station of the zone is reachable now; NO_ZONE_STATION: the destination's
 * zone forbids the truck and has no station (`failure` says why).
 */
export const DESTINATION = -1;
export const NO_STATION = -2;
export const NO_ZONE_STATION = -3;

/**
 * The zone rules, in force while a zone's control window is: `relay` keeps out long-haul trucks without
 * a pass, `sealed` every long-haul truck. A truck that may not enter its destination's zone ends its leg
 * at the zone's station reachable soonest, and the route there may not cross any other forbidden zone
 * (a zone the truck is already in does not count: it may leave). A truck turned back at a checkpoint
 * relays in its destination's zone, else in the checkpoint's.
 */
export class ZoneRules {
  /** Station indices by zone, in scenario order. */
  private readonly stationsOfZone: number[][];
  /**
   * The fastest open route of the leg `leg` returned last, or null when there is none now (the truck
   * waits). A field, not a returned pair: a leg is asked for every shipment, and an object each is garbage.
   */
  route: Route | null = null;

  constructor(
    private readonly net: Network, private readonly controls: Controls, private readonly routes: RoutePlanner,
    private readonly stationNode: Int32Array, stationZone: Int32Array, zones: number,
  ) {
    this.stationsOfZone = Array.from({ length: zones }, (_, z) => [...stationZone].flatMap((sz, i) => (sz === z ? [i] : [])));
  }

  /**
   * The leg of a long-haul truck at node `from` bound for `dest`: the station (see DESTINATION and the
   * other codes above), with its route in `route`. A truck `turned` back at a checkpoint relays in
   * `relayZone`, and its pass no longer counts.
   */
  leg(from: number, dest: number, hasPass: boolean, turned: boolean, relayZone: number): number {
    const zoneBlock = this.controls.forbidden(hasPass && !turned) & ~this.net.zoneMask[from];
    let zone = turned ? relayZone : -1;
    const destBlocked = this.net.zoneMask[dest] & zoneBlock;
    if (!turned && destBlocked !== 0) {
      zone = this.relayZoneFor(destBlocked);
      if (zone < 0) { this.route = null; return NO_ZONE_STATION; }
    }
    if (zone >= 0) return this.nearestStation(zone, from, zoneBlock);
    this.route = this.routes.route(zoneBlock, from, dest);
    return DESTINATION;
  }

  /** Why a leg is NO_ZONE_STATION at time `now`: `zone-<rule>-no-station`, the rule of the lowest such zone. */
  failure(now: number, from: number, dest: number, hasPass: boolean): string {
    const destBlocked = this.net.zoneMask[dest] & this.controls.forbidden(hasPass) & ~this.net.zoneMask[from];
    return `zone-${this.controls.ruleOf(lowestBit(destBlocked), now)}-no-station`;
  }

  /** The zone a turned-back truck relays in: its destination's, else the one it was turned back in; -1: none has a station. */
  relayZoneAfterTurnBack(dest: number, at: number): number {
    const zone = this.relayZoneFor(this.net.zoneMask[dest]);
    return zone >= 0 ? zone : this.relayZoneFor(this.net.zoneMask[at]);
  }

  /** The lowest-numbered zone among `zones` (a bit mask) that has a station, or -1. */
  private relayZoneFor(zones: number): number {
    for (let z = 0; z < this.stationsOfZone.length; z++) if ((zones & (1 << z)) && this.stationsOfZone[z].length > 0) return z;
    return -1;
  }

  /** The zone's station reachable soonest from `from` (ties: scenario order), its route in `route`. */
  private nearestStation(zone: number, from: number, zoneBlock: number): number {
    const ids = this.stationsOfZone[zone];
    let best = NO_STATION, bestMin = Infinity, bestRoute: Route | null = null;
    for (let k = 0; k < ids.length; k++) {
      const r = this.routes.route(zoneBlock, from, this.stationNode[ids[k]]);
      const m = r === null ? Infinity : r.cumMin[r.edges.length];
      if (m < bestMin) { bestMin = m; best = ids[k]; bestRoute = r; }
    }
    this.route = bestRoute;
    return best;
  }
}

function lowestBit(mask: number): number {
  return 31 - Math.clz32(mask & -mask);
}
