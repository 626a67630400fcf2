import createGraph, { type Graph } from 'ngraph.graph';
import type { Network } from './build.js';

/**
 * The network as an ngraph.graph (node id = index, link.data = edge index), for ngraph.path's A*
 * (`search: 'ngraph'`). Built on request only: on a 1e5-node network it takes seconds.
 */
export function ngraphOf(net: Network): Graph<number, number> {
  const graph = createGraph<number, number>();
  for (let i = 0; i < net.nodeIds.length; i++) graph.addNode(i, i);
  for (let e = 0; e < net.edgeFrom.length; e++) graph.addLink(net.edgeFrom[e], net.edgeTo[e], e);
  return graph;
}
