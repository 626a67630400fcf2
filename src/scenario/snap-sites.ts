import { InputError } from './errors.js';
import { NodeSnapper } from '../network/snap.js';
import type { ParsedScenario, Site } from './schema.js';
import type { CheckpointDef, ClosureDef, DemandDef, FactoryDef, NodeDef, SiteSnap, StationDef } from './types.js';

export interface SnappedSites {
  checkpoints: CheckpointDef[];
  stations: StationDef[];
  closures: ClosureDef[];
  demand: DemandDef[];
  factories: FactoryDef[];
  snaps: SiteSnap[];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/**
 * Replaces every site given as `{lon, lat}` by the id of the nearest network node, refusing one
 * farther than `network.snapMaxKm`. The spatial index is built only when some site needs it.
 */
export function snapSites(p: ParsedScenario, nodes: readonly NodeDef[], file: string): SnappedSites {
  const maxKm = p.network.snapMaxKm;
  const snaps: SiteSnap[] = [];
  let snapper: NodeSnapper | undefined;
  const resolveSite = (site: Site, field: string): string => {
    if (typeof site === 'string') return site;
    snapper ??= new NodeSnapper(nodes.map((n) => n.lon), nodes.map((n) => n.lat));
    const near = snapper.nearest(site.lon, site.lat, maxKm);
    if (near === undefined) throw new InputError(file, field, 'a site by position needs network nodes to snap to');
    const node = nodes[near.index].id;
    if (!near.within) {
      throw new InputError(file, field, `no network node within network.snapMaxKm = ${maxKm} km of (${site.lon}, ${site.lat}): the nearest, ${JSON.stringify(node)}, is ${near.km.toFixed(2)} km away (raise it with --snap-max-km)`);
    }
    snaps.push({ field, lon: site.lon, lat: site.lat, node, km: r6(near.km) });
    return node;
  };
  return {
    checkpoints: p.checkpoints.map((c, i) => ({ ...c, node: resolveSite(c.node, `checkpoints[${i}].node`) })),
    stations: p.stations.map((s, i) => ({ ...s, node: resolveSite(s.node, `stations[${i}].node`) })),
    closures: p.closures.map((c, i) => ('node' in c ? { ...c, node: resolveSite(c.node, `closures[${i}].node`) } : c)),
    demand: p.demand.map((d, i) => ({ ...d, from: resolveSite(d.from, `demand[${i}].from`), to: resolveSite(d.to, `demand[${i}].to`) })),
    factories: p.factories.map((f, i) => ({ ...f, node: resolveSite(f.node, `factories[${i}].node`) })),
    snaps,
  };
}
