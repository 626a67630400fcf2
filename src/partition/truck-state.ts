import type { Fleet } from '../model/fleet.js';
import { LOCAL, Phase } from '../model/fleet.js';
import type { Network } from '../network/build.js';
import type { Route } from '../network/router.js';

/**
 * Trucks on their way from one part of a split run to another, as plain arrays (cheap to post to a
 * worker): every Fleet field of each truck, its route, and the load a local truck carries (a record of
 * its own, right after the truck's). Nothing else is needed: random draws come from per-entity streams
 * held by the checkpoints, stations and demand streams, which stay where they are, and routes are data.
 */
export interface TruckPack {
  /** FIELDS doubles per record. */
  records: Float64Array;
  /** Routes: edges[offsets[r] .. offsets[r + 1]); cumMin and cumKm have one more entry per route. */
  routeOffsets: Int32Array;
  routeEdges: Int32Array;
  routeMin: Float64Array;
  routeKm: Float64Array;
}

const F64 = ['shipId', 'created', 'segStart', 'ent', 'evSeq', 'evTime', 'qTime', 'stationArr'] as const;
const I32 = ['stream', 'dest', 'node', 'target', 'station', 'rpos', 'segEnd', 'planEpoch', 'relayZone', 'cross'] as const;
const U8 = ['flags', 'phase', 'lane'] as const;
const CARRY = F64.length + I32.length + U8.length, ROUTE = CARRY + 1;
const FIELDS = ROUTE + 1;

/** Part that the truck in `slot` hands itself to: the owner of the head of the road it leaves on. */
export function destinationOf(fleet: Fleet, slot: number, net: Network, owner: Int32Array): number {
  return owner[net.edgeTo[fleet.route[slot]!.edges[fleet.cross[slot]]]];
}

/** Packs the trucks in `slots` (and their loads), then frees their slots here. */
export function packTrucks(fleet: Fleet, slots: number[]): TruckPack {
  const recs: number[] = [], routes: Route[] = [], routeIndex = new Map<Route, number>();
  const put = (s: number, carry: number) => {
    for (const k of F64) recs.push(fleet[k][s]);
    for (const k of I32) recs.push(fleet[k][s]);
    for (const k of U8) recs.push(fleet[k][s]);
    recs.push(carry);
    const r = fleet.route[s];
    let ri = -1;
    if (r) {
      ri = routeIndex.get(r) ?? -1;
      if (ri < 0) { ri = routes.length; routes.push(r); routeIndex.set(r, ri); }
    }
    recs.push(ri);
  };
  for (const s of slots) {
    const load = fleet.flags[s] & LOCAL ? fleet.carry[s] : -1;
    put(s, load >= 0 ? recs.length / FIELDS + 1 : -1);
    if (load >= 0) { put(load, -1); fleet.release(load); }
    fleet.release(s);
  }
  const routeOffsets = new Int32Array(routes.length + 1);
  routes.forEach((r, i) => { routeOffsets[i + 1] = routeOffsets[i] + r.edges.length; });
  const total = routeOffsets[routes.length];
  const routeEdges = new Int32Array(total), routeMin = new Float64Array(total + routes.length), routeKm = new Float64Array(total + routes.length);
  routes.forEach((r, i) => {
    routeEdges.set(r.edges, routeOffsets[i]);
    routeMin.set(r.cumMin, routeOffsets[i] + i);
    routeKm.set(r.cumKm, routeOffsets[i] + i);
  });
  return { records: Float64Array.from(recs), routeOffsets, routeEdges, routeMin, routeKm };
}

/** Puts packed trucks into `fleet`; returns the slots of the trucks (not of the loads they carry), in pack order. */
export function unpackTrucks(fleet: Fleet, pack: TruckPack): number[] {
  const n = pack.records.length / FIELDS, slotOf = new Int32Array(n), trucks: number[] = [];
  const routes = Array.from({ length: pack.routeOffsets.length - 1 }, (_, i): Route => {
    const a = pack.routeOffsets[i], b = pack.routeOffsets[i + 1];
    return { edges: pack.routeEdges.subarray(a, b), cumMin: pack.routeMin.subarray(a + i, b + i + 1), cumKm: pack.routeKm.subarray(a + i, b + i + 1) };
  });
  for (let i = 0; i < n; i++) slotOf[i] = fleet.alloc();
  for (let i = 0; i < n; i++) {
    const r = pack.records, o = i * FIELDS, s = slotOf[i];
    let j = o;
    for (const k of F64) fleet[k][s] = r[j++];
    for (const k of I32) fleet[k][s] = r[j++];
    for (const k of U8) fleet[k][s] = r[j++];
    const carry = r[o + CARRY], ri = r[o + ROUTE];
    fleet.carry[s] = carry >= 0 ? slotOf[carry] : -1;
    fleet.route[s] = ri >= 0 ? routes[ri] : null;
    if (fleet.phase[s] !== Phase.OnLocalTruck) trucks.push(s);
  }
  return trucks;
}

/** Number of trucks in a pack, loads not counted. */
export function packSize(pack: TruckPack): number {
  let n = 0;
  for (let i = 0; i < pack.records.length; i += FIELDS) if (pack.records[i + CARRY - 2] !== Phase.OnLocalTruck) n++;
  return n;
}
