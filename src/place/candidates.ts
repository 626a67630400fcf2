import { featureCollection, point } from '@turf/helpers';
import { nearestPoint } from '@turf/nearest-point';
import { InputError } from '../scenario/errors.js';
import { readJsonFile } from '../scenario/geojson.js';
import { scenarioPath } from '../scenario/file-paths.js';
import type { Network } from '../network/build.js';
import type { Scenario, StationDef } from '../scenario/types.js';
import type { Dist } from '../scenario/schema.js';
import { CandidateSchema, PlacementSchema, type Placement } from './schema.js';

/** A candidate site, resolved: node and zone known, allowed sizes filled in. */
export interface Site {
  id: string;
  name: string;
  node: string;
  zone: string;
  lon: number;
  lat: number;
  cost: number;
  docks: number[];
  localTrucks: number[];
  /** Where it came from: "scenario" or the GeoJSON file. */
  source: string;
}

export interface StationDefaults { transferMin: Dist; storageLoads: number }

/**
 * Candidate sites of a scenario: `placement.candidates`, plus GeoJSON points (`placement.candidatesGeojson`
 * or `--candidates FILE`) snapped to their nearest network node. Throws InputError naming the field.
 */
export function resolveSites(s: Scenario, net: Network, file: string, baseDir: string, geojsonFile?: string, allowOutsidePaths = false): Site[] {
  const p = placementOf(s);
  const fail = (where: string, field: string, detail: string): never => { throw new InputError(where, field, detail); };
  const zoneIds = new Set(s.zones.map((z) => z.id));
  const sites: Site[] = [];
  const add = (c: { id: string; node: string; zone: string; name?: string; cost: number; docks?: number[]; localTrucks?: number[] }, where: string, field: string) => {
    const i = net.nodeIndex.get(c.node);
    if (i === undefined) fail(where, `${field}.node`, `unknown node ${JSON.stringify(c.node)}`);
    if (!zoneIds.has(c.zone)) fail(where, `${field}.zone`, `unknown zone ${JSON.stringify(c.zone)}`);
    if (sites.some((o) => o.id === c.id)) fail(where, `${field}.id`, `duplicate candidate id ${JSON.stringify(c.id)}`);
    sites.push({
      id: c.id, name: c.name ?? c.id, node: c.node, zone: c.zone, lon: net.lon[i!], lat: net.lat[i!], cost: c.cost,
      docks: c.docks ?? p.docks, localTrucks: c.localTrucks ?? p.localTrucks, source: where === file ? 'scenario' : where,
    });
  };
  p.candidates.forEach((c, i) => add(c, file, `placement.candidates[${i}]`));
  // --candidates FILE is the user's own choice; a path inside the scenario stays in its folder.
  const gj = geojsonFile ?? (p.candidatesGeojson ? scenarioPath(baseDir, p.candidatesGeojson, file, 'placement.candidatesGeojson', allowOutsidePaths) : undefined);
  if (gj) readGeojsonSites(gj, s, net).forEach(({ c, field }) => add(c, gj, field));
  return sites;
}

export function placementOf(s: Scenario): Placement {
  return s.placement ?? PlacementSchema.parse({});
}

/** GeoJSON Points -> candidates on their nearest node; the zone defaults to the zone that node lies in. */
function readGeojsonSites(file: string, s: Scenario, net: Network) {
  const doc = readJsonFile(file) as { type?: string; features?: { geometry?: { type?: string; coordinates?: number[] }; properties?: Record<string, unknown> }[] };
  if (doc?.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new InputError(file, 'type', 'expected a GeoJSON FeatureCollection of Points');
  const nodes = featureCollection(Array.from(net.lon, (lon, i) => point([lon, net.lat[i]], { i })));
  return doc.features.map((f, k) => {
    const field = `features[${k}]`;
    const xy = f.geometry?.coordinates;
    if (f.geometry?.type !== 'Point' || !Array.isArray(xy) || !xy.every(Number.isFinite)) throw new InputError(file, `${field}.geometry`, 'expected a Point');
    const i = nearestPoint(point(xy), nodes).properties.i as number;
    const props = f.properties ?? {};
    const mask = net.zoneMask[i];
    const zone = props.zone ?? (mask ? s.zones[31 - Math.clz32(mask & -mask)].id : undefined);
    if (zone === undefined) throw new InputError(file, `${field}.properties.zone`, `point snaps to node ${JSON.stringify(net.nodeIds[i])}, which lies in no zone: give a zone`);
    const res = CandidateSchema.safeParse({ id: props.id ?? `site-${k + 1}`, node: net.nodeIds[i], zone, name: props.name, cost: props.cost, docks: props.docks, localTrucks: props.localTrucks });
    if (!res.success) {
      const issue = res.error.issues[0];
      throw new InputError(file, `${field}.properties.${issue.path.join('.')}`, issue.message);
    }
    return { c: res.data, field };
  });
}

/** transferMin/storageLoads of new stations: placement's, else the scenario's first station's, else exp 45 / 200. */
export function stationDefaults(s: Scenario): StationDefaults {
  const p = placementOf(s), first = s.stations[0];
  return {
    transferMin: p.transferMin ?? first?.transferMin ?? { dist: 'exp', mean: 45 },
    storageLoads: p.storageLoads ?? first?.storageLoads ?? 200,
  };
}

/** Stations kept in every evaluated set (`placement.keepStations`). */
export function keptStations(s: Scenario, file: string): StationDef[] {
  const p = placementOf(s);
  return p.keepStations.map((id, i) => {
    const st = s.stations.find((x) => x.id === id);
    if (!st) throw new InputError(file, `placement.keepStations[${i}]`, `unknown station ${JSON.stringify(id)}`);
    return st;
  });
}
