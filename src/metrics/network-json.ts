import type { Network } from '../network/build.js';
import type { Scenario } from '../scenario/types.js';

/** What the report's map draws: geometry, sites and how many trucks used each road (both directions). */
export function networkJson(s: Scenario, net: Network, usage: Int32Array) {
  const trucks = new Int32Array(s.network.edges.length);
  for (let e = 0; e < usage.length; e++) trucks[net.edgeSource[e]] += usage[e];
  const at = (id: string) => { const i = net.nodeIndex.get(id)!; return { lon: net.lon[i], lat: net.lat[i] }; };
  return {
    scenario: s.name,
    nodes: s.network.nodes.map((n) => ({ id: n.id, name: n.name ?? n.id, lon: n.lon, lat: n.lat, ...(n.kind ? { kind: n.kind } : {}) })),
    edges: s.network.edges.map((e, i) => ({
      from: e.from, to: e.to, km: Math.round(net.edgeKm[net.edgeByPair.get(net.nodeIndex.get(e.from)! * net.nodeIds.length + net.nodeIndex.get(e.to)!)!] * 1000) / 1000,
      speedKmh: e.speedKmh, oneway: e.oneway, trucks: trucks[i], ...(e.road ? { road: e.road } : {}),
    })),
    zones: s.zones.map((z) => ({ id: z.id, name: z.name ?? z.id, polygon: z.polygon, controls: z.controls })),
    checkpoints: s.checkpoints.map((c) => ({ ...c, ...at(c.node) })),
    stations: s.stations.map((st) => ({ ...st, ...at(st.node) })),
    factories: s.factories.map((f) => ({ ...f, ...at(f.node) })),
    closures: s.closures,
    demand: s.demand.map((d) => ({ id: d.id, from: d.from, to: d.to, priority: d.priority, loadsPerHour: d.loadsPerHour, dueMin: d.dueMin ?? null })),
  };
}
