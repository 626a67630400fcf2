import type { ParsedScenario, Polygon } from './schema.js';

export type NodeDef = ParsedScenario['network']['nodes'][number];
export type EdgeDef = ParsedScenario['network']['edges'][number];
export type ZoneDef = Omit<ParsedScenario['zones'][number], 'polygon'> & { polygon: Polygon };

/** A site written as `{lon, lat}` is a node id once loaded (snap-sites.ts). */
type Sited<T, K extends keyof T> = Omit<T, K> & { [P in K]: string };
type ParsedClosure = ParsedScenario['closures'][number];

export type CheckpointDef = Sited<ParsedScenario['checkpoints'][number], 'node'>;
export type StationDef = Sited<ParsedScenario['stations'][number], 'node'>;
export type ClosureDef = Exclude<ParsedClosure, { node: unknown }> | Sited<Extract<ParsedClosure, { node: unknown }>, 'node'>;
export type DemandDef = Sited<ParsedScenario['demand'][number], 'from' | 'to'>;
export type FactoryDef = Sited<ParsedScenario['factories'][number], 'node'>;

/** One site given by position and the node it was snapped to (reported in summary.json). */
export interface SiteSnap { field: string; lon: number; lat: number; node: string; km: number }

/** A scenario after validation: defaults filled, GeoJSON network merged in, zone polygons loaded. */
export type Scenario = Omit<ParsedScenario, 'network' | 'zones' | 'checkpoints' | 'stations' | 'closures' | 'demand' | 'factories'> & {
  network: { nodes: NodeDef[]; edges: EdgeDef[]; detourFactor: number };
  zones: ZoneDef[];
  checkpoints: CheckpointDef[];
  stations: StationDef[];
  closures: ClosureDef[];
  demand: DemandDef[];
  factories: FactoryDef[];
  /** Sites given by position, in scenario order (absent or empty when every site is a node id). */
  snaps?: SiteSnap[];
  /** Where it came from, for messages and for the outputs. */
  source: { file: string; sets: string[] };
};
