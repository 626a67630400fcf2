import type { Network } from '../build.js';
import type { Landmarks } from '../landmarks.js';
import type { Blocked, Route, Router } from '../router.js';
import { customize, type CchMetric } from './metric.js';
import { cchQuery } from './query.js';
import { buildTopology, type CchTopology } from './topology.js';

/** Default memory for customized metrics kept for reuse (most recently used first out of the door last). */
export const DEFAULT_METRIC_BUDGET_BYTES = 256 * 1024 * 1024;

export interface CchRouterOptions {
  topology?: CchTopology;
  /** Bytes of customized metrics kept, one per routing state; at least one is always kept. */
  metricBudgetBytes?: number;
}

/**
 * Router on a customizable contraction hierarchy: the topology is built once per network, a metric is
 * customized per routing state (what is closed, which zones are blocked) and kept while it fits the
 * budget, so closures that come back find their metric again. A state is named by `blocked.version`
 * when the caller gives one (the simulation's closure epoch, named by what is closed); otherwise by the
 * closed nodes and edges themselves.
 */
export function cchRouter(net: Network, landmarks: Landmarks, toRoute: (edges: Int32Array) => Route, options: CchRouterOptions = {}): Router & { metrics(): { customized: number; customizeMs: number; cached: number; bytes: number } } {
  const topo = options.topology ?? buildTopology(net);
  const budget = options.metricBudgetBytes ?? DEFAULT_METRIC_BUDGET_BYTES;
  const query = cchQuery(topo, net);
  const cache = new Map<string, CchMetric>();
  let bytes = 0, customized = 0, customizeMs = 0;
  const N = net.nodeIds.length;
  const open: Blocked = { closedNode: new Uint8Array(N), closedEdge: new Uint8Array(net.edgeFrom.length), zoneBlock: 0, version: -1 };
  let lastKey = '', lastMetric: CchMetric | null = null;

  const metricFor = (b: Blocked): CchMetric => {
    const key = `${b.zoneBlock}|${b.version !== undefined ? `v${b.version}` : contentKey(b)}`;
    if (key === lastKey && lastMetric !== null) return lastMetric;
    let m = cache.get(key);
    if (m === undefined) {
      const t0 = performance.now();
      m = customize(topo, net, b.closedNode, b.closedEdge, b.zoneBlock);
      customizeMs += performance.now() - t0;
      customized++;
      while (cache.size > 0 && bytes + m.bytes > budget) {
        const [oldest, old] = cache.entries().next().value!;
        cache.delete(oldest);
        bytes -= old.bytes;
      }
      bytes += m.bytes;
    } else cache.delete(key); // re-inserted below: Map order is recency order
    cache.set(key, m);
    lastKey = key; lastMetric = m;
    return m;
  };

  return {
    landmarks,
    find(from, to, blocked = open) {
      if (from === to) return toRoute(new Int32Array(0));
      if (blocked.closedNode[to] === 1) return null;
      const m = metricFor(blocked);
      const { closedEdge } = blocked;
      // A target inside a blocked zone may still be entered by its last road.
      const usableInto = (net.zoneMask[to] & blocked.zoneBlock) !== 0 ? (e: number) => closedEdge[e] === 0 : null;
      const edges = query(from, to, m, usableInto);
      return edges === null ? null : toRoute(edges);
    },
    metrics: () => ({ customized, customizeMs, cached: cache.size, bytes }),
  };
}

/** A routing state's name from what it closes: closed node and edge indices. */
function contentKey(b: Blocked): string {
  const parts: number[] = [];
  for (let v = 0; v < b.closedNode.length; v++) if (b.closedNode[v] === 1) parts.push(v);
  parts.push(-1);
  for (let e = 0; e < b.closedEdge.length; e++) if (b.closedEdge[e] === 1) parts.push(e);
  return parts.join(',');
}
