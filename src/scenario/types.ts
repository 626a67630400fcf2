import type { ParsedScenario, Polygon } from './schema.js';

export type NodeDef = ParsedScenario['network']['nodes'][number];
export type EdgeDef = ParsedScenario['network']['edges'][number];
export type ZoneDef = Omit<ParsedScenario['zones'][number], 'polygon'> & { polygon: Polygon };
export type CheckpointDef = ParsedScenario['checkpoints'][number];
export type StationDef = ParsedScenario['stations'][number];
export type ClosureDef = ParsedScenario['closures'][number];
export type DemandDef = ParsedScenario['demand'][number];
export type FactoryDef = ParsedScenario['factories'][number];

/** A scenario after validation: defaults filled, GeoJSON network merged in, zone polygons loaded. */
export type Scenario = Omit<ParsedScenario, 'network' | 'zones'> & {
  network: { nodes: NodeDef[]; edges: EdgeDef[]; detourFactor: number };
  zones: ZoneDef[];
  /** Where it came from, for messages and for the outputs. */
  source: { file: string; sets: string[] };
};
