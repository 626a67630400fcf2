import type { Network } from './build.js';
import type { Landmarks } from './landmarks.js';
import type { CchTopology } from './cch/topology.js';

/**
 * A network (and its landmarks) in SharedArrayBuffers, for worker threads: posting it shares the
 * typed arrays instead of copying them, and the two maps are rebuilt on the other side from the
 * arrays (a Map cannot cross a thread). Read-only by convention: nothing in a run writes to a network.
 */
export interface SharedNetwork {
  nodeIds: string[];
  lon: Float64Array; lat: Float64Array;
  edgeFrom: Int32Array; edgeTo: Int32Array; edgeMin: Float64Array; edgeKm: Float64Array; edgeSource: Int32Array;
  zoneMask: Int32Array;
  outOffsets: Int32Array; outEdges: Int32Array; inOffsets: Int32Array; inEdges: Int32Array;
  landmarks: { count: number; fwd: Float64Array; bwd: Float64Array };
}

function shared<T extends Float64Array | Int32Array>(a: T): T {
  const ctor = a.constructor as { new(b: SharedArrayBuffer): T };
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

export function shareNetwork(net: Network, landmarks: Landmarks): SharedNetwork {
  return {
    nodeIds: net.nodeIds, lon: shared(net.lon), lat: shared(net.lat),
    edgeFrom: shared(net.edgeFrom), edgeTo: shared(net.edgeTo), edgeMin: shared(net.edgeMin), edgeKm: shared(net.edgeKm), edgeSource: shared(net.edgeSource),
    zoneMask: shared(net.zoneMask),
    outOffsets: shared(net.out.offsets), outEdges: shared(net.out.edges), inOffsets: shared(net.in.offsets), inEdges: shared(net.in.edges),
    landmarks: { count: landmarks.count, fwd: shared(landmarks.fwd), bwd: shared(landmarks.bwd) },
  };
}

/** The Network over shared arrays, with nodeIndex and edgeByPair rebuilt (the same maps buildNetwork makes). */
export function networkOf(sh: SharedNetwork): { network: Network; landmarks: Landmarks } {
  const N = sh.nodeIds.length, edgeByPair = new Map<number, number>();
  for (let e = 0; e < sh.edgeFrom.length; e++) edgeByPair.set(sh.edgeFrom[e] * N + sh.edgeTo[e], e);
  const network: Network = {
    nodeIds: sh.nodeIds, nodeIndex: new Map(sh.nodeIds.map((id, i) => [id, i])), lon: sh.lon, lat: sh.lat,
    edgeFrom: sh.edgeFrom, edgeTo: sh.edgeTo, edgeMin: sh.edgeMin, edgeKm: sh.edgeKm, edgeSource: sh.edgeSource, edgeByPair,
    zoneMask: sh.zoneMask, out: { offsets: sh.outOffsets, edges: sh.outEdges }, in: { offsets: sh.inOffsets, edges: sh.inEdges },
  };
  return { network, landmarks: sh.landmarks };
}

/** A contraction hierarchy's topology in SharedArrayBuffers: built once by the coordinator of a split run, read by every region. */
export function shareTopology(t: CchTopology): CchTopology {
  return {
    n: t.n, rank: shared(t.rank), node: shared(t.node), first: shared(t.first), head: shared(t.head), tail: shared(t.tail),
    downFirst: shared(t.downFirst), downArc: shared(t.downArc), parent: shared(t.parent), upEdge: shared(t.upEdge), downEdge: shared(t.downEdge),
    inFirst: shared(t.inFirst), inEdge: shared(t.inEdge),
  };
}
