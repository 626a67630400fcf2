import type { Network } from '../build.js';
import type { Landmarks } from '../landmarks.js';
import type { Blocked, Route, Router } from '../router.js';
import { blockedKey } from '../blocked-key.js';
import { customizeWeights, searchRows, type CchMetric, type CchWeights } from './metric.js';
import { customizeFrom, edgeDirections, triangleCount } from './partial.js';
import { cchQuery } from './query.js';
import { buildTopology, type CchTopology } from './topology.js';

/** Default memory for customized metrics kept for reuse (most recently used first out of the door last). */
export const DEFAULT_METRIC_BUDGET_BYTES = 256 * 1024 * 1024;
/**
 * Largest hierarchy whose open-network weights are kept to customize closure states from (48 bytes an
 * arc): 64 MiB is about 1.4 M arcs, a 9e4-node lattice with the inertial-flow order. Measured on these
 * lattices: at 1e4 nodes a state of 40 closed roads was customized from the open one ~4.5x faster than
 * from nothing, but states of closed fast roads (the scale case's) pass the work limit at 1e4 and 1e5
 * with either order, as those roads lie on many shortcuts; at 1e5 (1.55 M arcs, 71 MiB) the kept
 * weights would buy nothing.
 */
export const DEFAULT_PARTIAL_BASE_BYTES = 64 * 1024 * 1024;

export interface CchRouterOptions {
  topology?: CchTopology;
  /** Bytes of customized metrics kept, one per routing state; at least one is always kept. */
  metricBudgetBytes?: number;
  /** Largest open-network weights kept for customizing states from them (0: always from nothing). */
  partialBaseBytes?: number;
  /**
   * Where a state's metric comes from when this router has none cached: given the state's name
   * (blocked-key.ts) and how this router would customize it, e.g. a store shared by the regions of a
   * split run, which customizes each state once (src/partition/metric-slots.ts). Without it: `customize()`.
   */
  metricSource?: (key: string, customize: () => CchMetric) => CchMetric;
  /** Bytes of backward searches kept per (state, target) (query.ts). */
  backwardCacheBytes?: number;
}

/**
 * Router on a customizable contraction hierarchy: the topology is built once per network, a metric is
 * customized per routing state (what is closed, which zones are blocked) and kept while it fits the
 * budget, so closures that come back find their metric again. A state is named by `blocked.version`
 * when the caller gives one (the simulation's closure epoch, named by what is closed), together with
 * the closedEdge array it came with (each simulation has its own); otherwise by the closed nodes and
 * edges themselves. On hierarchies small enough (`partialBaseBytes`) a state is
 * customized from the open network's weights, updating only what its closures change (partial.ts),
 * and from nothing when that work would pass half of a full pass; both give the same basic times, and
 * perfect times equal to the last bits of floating-point addition order.
 */
export function cchRouter(net: Network, landmarks: Landmarks, toRoute: (edges: Int32Array) => Route, options: CchRouterOptions = {}): Router & { prepare(blocked: Blocked): void; metrics(): { customized: number; customizeMs: number; partial: number; cached: number; bytes: number; backward: { hits: number; misses: number } } } {
  const topo = options.topology ?? buildTopology(net);
  const budget = options.metricBudgetBytes ?? DEFAULT_METRIC_BUDGET_BYTES;
  const query = cchQuery(topo, net, { backwardCacheBytes: options.backwardCacheBytes });
  const cache = new Map<string, CchMetric>();
  let bytes = 0, customized = 0, customizeMs = 0, partial = 0;
  const N = net.nodeIds.length;
  const open: Blocked = { closedNode: new Uint8Array(N), closedEdge: new Uint8Array(net.edgeFrom.length), zoneBlock: 0, version: -1 };
  const M = topo.head.length;
  const usePartial = 48 * M <= (options.partialBaseBytes ?? DEFAULT_PARTIAL_BASE_BYTES);
  let base: { weights: CchWeights; edgeDir: Int32Array; workLimit: number } | null = null;
  const weightsFor = (b: Blocked): CchWeights => {
    if (!usePartial) return customizeWeights(topo, net, b.closedNode, b.closedEdge, b.zoneBlock);
    base ??= { weights: customizeWeights(topo, net, open.closedNode, open.closedEdge, 0, true), edgeDir: edgeDirections(topo, net.edgeFrom.length), workLimit: triangleCount(topo) / 2 };
    const r = customizeFrom(topo, net, base.weights, base.edgeDir, b.closedNode, b.closedEdge, b.zoneBlock, base.workLimit);
    if (r === null) return customizeWeights(topo, net, b.closedNode, b.closedEdge, b.zoneBlock);
    partial++;
    return r.weights;
  };
  let lastKey = '', lastMetric: CchMetric | null = null;

  // A version names contents only among the states of one owner (one simulation's closure arrays):
  // a router shared by simulations (batch/task.ts keeps one per network) must not mix their epochs.
  const owners = new WeakMap<Uint8Array, number>();
  let nextOwner = 0;
  const ownerOf = (b: Blocked): number => {
    let id = owners.get(b.closedEdge);
    if (id === undefined) { id = nextOwner++; owners.set(b.closedEdge, id); }
    return id;
  };
  // Metrics are cached by what a state closes, so two owners' names for the same contents share one
  // (the route planner asks for the open network through arrays of its own, and a shared router
  // serves many simulations): a version is read into contents once, on first sight.
  const contentOfVersion = new Map<string, string>();
  const metricFor = (b: Blocked): CchMetric => {
    const named = b.version !== undefined ? `${b.zoneBlock}|o${ownerOf(b)}v${b.version}` : null;
    if (named !== null && named === lastKey && lastMetric !== null) return lastMetric;
    let key = named === null ? blockedKey(b) : contentOfVersion.get(named);
    if (key === undefined) { key = blockedKey(b); contentOfVersion.set(named!, key); }
    if (named === null && key === lastKey && lastMetric !== null) return lastMetric;
    let m = cache.get(key);
    if (m === undefined) {
      const customize = (): CchMetric => {
        const t0 = performance.now();
        const made = searchRows(topo, weightsFor(b));
        customizeMs += performance.now() - t0;
        customized++;
        return made;
      };
      m = options.metricSource ? options.metricSource(key, customize) : customize();
      while (cache.size > 0 && bytes + m.bytes > budget) {
        const [oldest, old] = cache.entries().next().value!;
        cache.delete(oldest);
        bytes -= old.bytes;
      }
      bytes += m.bytes;
    } else cache.delete(key); // re-inserted below: Map order is recency order
    cache.set(key, m);
    lastKey = named ?? key; lastMetric = m;
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
    prepare(blocked) { metricFor(blocked); },
    metrics: () => ({ customized, customizeMs, partial, cached: cache.size, bytes, backward: query.backwardStats() }),
  };
}
