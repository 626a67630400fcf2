import { networkJson } from '../metrics/network-json.js';
import type { Network } from '../network/build.js';
import { mapData } from '../report/figures.js';
import { renderHtml, SHARED_MODULES } from '../report/render-html.js';
import type { Scenario } from '../scenario/types.js';
import type { PlacementResult } from './result.js';
import { relayFlows } from './screening.js';

/** Which chosen site each relayed stream uses: the one of its zone its truck reaches first (as in screening). */
export function catchments(r: PlacementResult, scenario: Scenario, net: Network) {
  const chosen = r.best.sites;
  const nodeOf = new Map(r.candidates.map((c) => [c.id, net.nodeIndex.get(c.node)!]));
  const out: { site: string; demand: string; from: string; to: string; loadsPerHour: number }[] = [];
  for (const f of relayFlows(scenario, net)) {
    let best: string | null = null, reach = Infinity;
    for (const s of chosen) {
      const i = nodeOf.get(s.id);
      if (s.zone !== f.zone || i === undefined) continue;
      if (f.fromOrigin[i] < reach) { reach = f.fromOrigin[i]; best = s.id; }
    }
    if (best) out.push({ site: best, demand: f.demand, from: f.from, to: f.to, loadsPerHour: Math.round(f.weight * 1000) / 1000 });
  }
  return out;
}

/**
 * DIR/placement.html: one self-contained page (d3 and the page code inline). The map is the report's
 * (viz/map.js) with the scenario's checkpoints and factories; viz/placement/ draws the candidates, the
 * chosen sites and their catchments over it, the k trade-off and the ranked sets.
 */
export function placementHtml(r: PlacementResult, scenario: Scenario, net: Network): string {
  const network = networkJson({ ...scenario, stations: [] }, net, new Int32Array(net.edgeFrom.length));
  const data = {
    kind: 'placement',
    meta: { scenario: scenario.name, title: scenario.title ?? null, startTime: scenario.startTime ?? null, horizonMin: scenario.horizonMin },
    result: r,
    map: mapData(network as unknown as Record<string, unknown>, {}),
    catchments: catchments(r, scenario, net),
    baselineStations: scenario.stations.map((s) => {
      const i = net.nodeIndex.get(s.node)!;
      return { id: s.id, name: s.name ?? s.id, zone: s.zone, docks: s.docks, localTrucks: s.localTrucks, lon: net.lon[i], lat: net.lat[i] };
    }),
  };
  return renderHtml(data, `Station placement: ${r.scenario}`, { body: 'placement/body.html', modules: [...SHARED_MODULES, 'placement/placement.js'], generator: 'relaysim place' });
}
