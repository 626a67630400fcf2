import type { Network } from '../network/build.js';
import type { Blocked } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import type { ZoneRuleName } from '../scenario/schema.js';

/** What is closed in one epoch: node ids and directed-edge ids (`-1 - edge`), in one sorted set. */
export type ClosedSet = ReadonlySet<number>;

/**
 * The time-varying rules: closures and zone control windows. At each change time the closed nodes and
 * edges are recomputed and rewritten in place (the router reads them through `blocked`), and the state
 * gets an epoch id named by WHAT is closed, not by which closure entries are active: an hourly closure
 * written as 24 entries is one state, found again every hour with its cached routes.
 */
export class Controls {
  readonly closedNode: Uint8Array;
  readonly closedEdge: Uint8Array;
  /** Change times in order (window starts and ends inside the run). */
  readonly changeTimes: number[];
  /** What each epoch has closed. */
  readonly epochClosed: ClosedSet[] = [];
  epoch = -1;
  /** The epoch with no closure active, once there has been one (-1 before). */
  openEpoch = -1;
  /** Zone rules now: bits of zones that forbid trucks without a pass (relay) and all long-haul trucks (sealed). */
  relayMask = 0;
  sealedMask = 0;
  private readonly epochBySignature = new Map<string, number>();
  private readonly closureEdges: number[][];
  private readonly closureNodes: number[];

  constructor(private readonly s: Scenario, net: Network, end: number) {
    this.closedNode = new Uint8Array(net.nodeIds.length);
    this.closedEdge = new Uint8Array(net.edgeFrom.length);
    this.closureNodes = s.closures.map((c) => ('node' in c ? net.nodeIndex.get(c.node)! : -1));
    this.closureEdges = s.closures.map((c) => {
      if (!('edge' in c)) return [];
      const u = net.nodeIndex.get(c.edge[0])!, v = net.nodeIndex.get(c.edge[1])!, N = net.nodeIds.length;
      const fwd = net.edgeByPair.get(u * N + v)!;
      const back = net.edgeByPair.get(v * N + u);
      // "Both directions unless oneway": the reverse goes too when it is the same two-way road.
      return back !== undefined && !s.network.edges[net.edgeSource[back]].oneway ? [fwd, back] : [fwd];
    });
    const times = new Set<number>();
    for (const w of [...s.closures, ...s.zones.flatMap((z) => z.controls)]) {
      if (w.fromMin > 0 && w.fromMin < end) times.add(w.fromMin);
      if (w.toMin < end) times.add(w.toMin);
    }
    this.changeTimes = [...times].sort((a, b) => a - b);
  }

  /**
   * Recomputes the state for time `now`; returns what reopened (nodes, and edges as `-1 - edge`) and
   * whether zone rules changed.
   */
  apply(now: number): { reopened: number[]; zonesChanged: boolean } {
    const prev = this.epoch >= 0 ? this.epochClosed[this.epoch] : new Set<number>();
    for (const x of prev) { if (x >= 0) this.closedNode[x] = 0; else this.closedEdge[-1 - x] = 0; }
    const closed: number[] = [];
    this.s.closures.forEach((c, i) => {
      if (!(c.fromMin <= now && now < c.toMin)) return;
      if (this.closureNodes[i] >= 0) { this.closedNode[this.closureNodes[i]] = 1; closed.push(this.closureNodes[i]); }
      for (const e of this.closureEdges[i]) { this.closedEdge[e] = 1; closed.push(-1 - e); }
    });
    const set = new Set(closed.sort((a, b) => a - b));
    const signature = [...set].join(',');
    let id = this.epochBySignature.get(signature);
    if (id === undefined) {
      id = this.epochClosed.length;
      this.epochClosed.push(set);
      this.epochBySignature.set(signature, id);
    }
    const reopened = [...prev].filter((x) => !set.has(x));
    this.epoch = id;
    if (set.size === 0) this.openEpoch = id;
    const [relay, sealed] = [this.maskOf(now, 'relay'), this.maskOf(now, 'sealed')];
    const zonesChanged = relay !== this.relayMask || sealed !== this.sealedMask;
    this.relayMask = relay;
    this.sealedMask = sealed;
    return { reopened, zonesChanged };
  }

  ruleOf(zone: number, now: number): ZoneRuleName {
    const w = this.s.zones[zone].controls.find((c) => c.fromMin <= now && now < c.toMin);
    return w ? w.rule : 'open';
  }

  /** Zones a long-haul truck may not enter now. */
  forbidden(hasPass: boolean): number {
    return hasPass ? this.sealedMask : this.sealedMask | this.relayMask;
  }

  blocked(zoneBlock: number): Blocked {
    // The epoch names what is closed, so routers that precompute per closure state can key on it.
    return { closedNode: this.closedNode, closedEdge: this.closedEdge, zoneBlock, version: this.epoch };
  }

  private maskOf(now: number, rule: ZoneRuleName): number {
    let mask = 0;
    this.s.zones.forEach((_, z) => { if (this.ruleOf(z, now) === rule) mask |= 1 << z; });
    return mask;
  }
}
