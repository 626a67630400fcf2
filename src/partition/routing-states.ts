import type { Network } from '../network/build.js';
import { Controls } from '../model/controls.js';
import type { Scenario } from '../scenario/types.js';
import { blockedKey } from '../network/blocked-key.js';

/**
 * A routing state: what is closed, and the zones a search may not enter; `firstAt`, the first change
 * time by which both its closures and its zone mask have been in force (no search can ask for it sooner).
 */
export interface RoutingState { key: string; zoneBlock: number; nodes: Int32Array; edges: Int32Array; firstAt: number }

/**
 * The routing states a run can ask the router for, from the scenario alone: every closure set in force
 * at some change time (Controls, as the run applies them), crossed with every zone mask a search can
 * be given (what trucks with and without a pass may not enter at some change time, less the zone a
 * truck starts in; 0 for local trucks). The cross product because a lookup under closures also asks
 * for the open network's route (route-planner.ts), under the zone mask of that moment. Ordered by first
 * change time, then mask: the order is a function of the scenario.
 */
export function routingStates(s: Scenario, net: Network): RoutingState[] {
  const controls = new Controls(s, net, s.horizonMin + s.drainMin);
  const startMasks = [...new Set(net.zoneMask)].sort((a, b) => a - b);
  const closedSets = new Map<string, { nodes: Int32Array; edges: Int32Array; firstAt: number }>();
  const masks = new Map<number, number>([[0, 0]]);
  for (const t of [0, ...controls.changeTimes]) {
    controls.apply(t);
    const nodes: number[] = [], edges: number[] = [];
    controls.closedNode.forEach((c, v) => { if (c === 1) nodes.push(v); });
    controls.closedEdge.forEach((c, e) => { if (c === 1) edges.push(e); });
    const name = `${nodes.join(',')}|${edges.join(',')}`;
    if (!closedSets.has(name)) closedSets.set(name, { nodes: Int32Array.from(nodes), edges: Int32Array.from(edges), firstAt: t });
    for (const pass of [true, false]) for (const m of startMasks) { const mask = controls.forbidden(pass) & ~m; if (!masks.has(mask)) masks.set(mask, t); }
  }
  const out: RoutingState[] = [];
  for (const { nodes, edges, firstAt } of closedSets.values()) {
    for (const [zoneBlock, maskAt] of [...masks].sort((a, b) => a[0] - b[0])) out.push({ key: blockedKey(blockedOf({ nodes, edges, zoneBlock }, net)), zoneBlock, nodes, edges, firstAt: Math.max(firstAt, maskAt) });
  }
  return out;
}

/** The blocked arrays of a state, for a router asked to customize it ahead. */
export function blockedOf(st: Pick<RoutingState, 'nodes' | 'edges' | 'zoneBlock'>, net: Network): { closedNode: Uint8Array; closedEdge: Uint8Array; zoneBlock: number } {
  const closedNode = new Uint8Array(net.nodeIds.length), closedEdge = new Uint8Array(net.edgeFrom.length);
  for (const v of st.nodes) closedNode[v] = 1;
  for (const e of st.edges) closedEdge[e] = 1;
  return { closedNode, closedEdge, zoneBlock: st.zoneBlock };
}
