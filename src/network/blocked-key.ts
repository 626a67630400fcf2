import type { Blocked } from './router.js';

/**
 * A routing state's name from what it blocks: the zone mask, then the closed nodes, then the closed
 * edges. The same state has the same name whichever arrays hold it and in every region of a split run
 * (a closure epoch number names it only within one simulation). O(nodes + edges): callers name a
 * state once and keep the name.
 */
export function blockedKey(b: Pick<Blocked, 'closedNode' | 'closedEdge' | 'zoneBlock'>): string {
  const parts: (number | string)[] = [b.zoneBlock, 'n'];
  for (let v = 0; v < b.closedNode.length; v++) if (b.closedNode[v] === 1) parts.push(v);
  parts.push('e');
  for (let e = 0; e < b.closedEdge.length; e++) if (b.closedEdge[e] === 1) parts.push(e);
  return parts.join(',');
}
