import type { Network } from '../network/build.js';
import type { Route } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import { LOCAL, PASS, RELAYED, WHITELIST, type Fleet } from './fleet.js';

export type ShipmentStatus = 'delivered' | 'in-system' | 'failed';
export interface ShipmentRow {
  id: number; stream: string; from: string; to: string; priority: 'whitelist' | 'normal'; pass: boolean;
  createdMin: number; deliveredMin: number | null; status: ShipmentStatus; station: string;
  leadTimeMin: number | null; reason: string;
}
/**
 * A shipments.csv row as numbers, for a writer that formats them straight into bytes (no object per
 * row): `stream` indexes scenario.demand, `bits` is 2 for whitelist plus 1 for a pass, `station` indexes
 * scenario.stations (-1: not relayed), `t` is when the shipment ended (its delivery time if delivered).
 */
export type ShipmentFields = (id: number, stream: number, bits: number, station: number, status: ShipmentStatus, reason: string, createdMin: number, t: number) => void;
export type TraceEvent = { t: number; truck: number | string; shipment: number | null; event: string } & Record<string, unknown>;

/**
 * What the run tells the outside while it runs: trace lines (one per truck event) and shipments.csv
 * rows (one per ended shipment). Every line carries the time it is given: the observer never reads a
 * clock, so stamping the edges a truck entered earlier is a loop over their times, not a clock change.
 */
export class Observer {
  /** False when nobody listens to trace lines: callers skip building them. */
  readonly tracing: boolean;
  /** Local truck names `<station>/<n>` by canonical id (fleet.ts). */
  private readonly localName: string[];
  /**
   * Where a line falls within the event that writes it, when one event writes for several trucks (a
   * control change plans every waiting truck; the end writes every last stretch): the truck's
   * canonical id. A split run merges its parts' lines by (event key, sub, order): see partition/.
   */
  sub = 0;

  constructor(
    private readonly fleet: Fleet, private readonly net: Network, private readonly scenario: Scenario,
    private readonly stationIds: string[],
    private readonly trace?: (event: TraceEvent) => void,
    private readonly onShipment?: (row: ShipmentRow) => void,
    private readonly fields?: ShipmentFields,
  ) {
    this.tracing = trace !== undefined;
    // Local trucks are named `<station>/<n>` in the trace; long-haul trucks by their shipment id.
    this.localName = scenario.stations.flatMap((st) => Array.from({ length: st.localTrucks }, (_, k) => `${st.id}/${k + 1}`));
  }

  event(t: number, s: number, event: string, extra: Record<string, unknown>): void {
    const f = this.fleet, local = (f.flags[s] & LOCAL) !== 0;
    const shipment = local ? (f.carry[s] >= 0 ? f.shipId[f.carry[s]] : null) : f.shipId[s];
    this.trace!({ t, truck: local ? this.localName[f.ent[s]] : f.shipId[s], shipment, event, ...extra });
  }

  /** One `enter-edge` line for each of the route's edges p..q-1, at the time the truck entered it (base + cumMin). */
  edges(s: number, route: Route, p: number, q: number, base: number): void {
    const ids = this.net.nodeIds, { edgeFrom, edgeTo } = this.net;
    for (let i = p; i < q; i++) {
      this.event(base + route.cumMin[i], s, 'enter-edge', { from: ids[edgeFrom[route.edges[i]]], to: ids[edgeTo[route.edges[i]]] });
    }
  }

  /** The shipments.csv row of shipment `s` ending at `t` (in-system: still on its way at the end). */
  row(t: number, s: number, status: ShipmentStatus, reason: string): void {
    const f = this.fleet, out = this.onShipment;
    if (this.fields) this.fields(f.shipId[s], f.stream[s], f.flags[s] & (WHITELIST | PASS), f.station[s] >= 0 && f.flags[s] & RELAYED ? f.station[s] : -1, status, reason, f.created[s], t);
    if (!out) return;
    const d = this.scenario.demand[f.stream[s]], delivered = status === 'delivered';
    out({
      id: f.shipId[s], stream: d.id, from: d.from, to: d.to, priority: f.flags[s] & WHITELIST ? 'whitelist' : 'normal',
      pass: (f.flags[s] & PASS) !== 0, createdMin: f.created[s], deliveredMin: delivered ? t : null, status,
      station: f.station[s] >= 0 && f.flags[s] & RELAYED ? this.stationIds[f.station[s]] : '',
      leadTimeMin: delivered ? t - f.created[s] : null, reason,
    });
  }
}
