import { z } from 'zod';
import { PlacementSchema } from '../place/schema.js';

import { above, atLeast, DistSchema, id, intAtLeast, loads, minutes, num, share } from './schema-primitives.js';
export { MAX_LOADS, MAX_MINUTES } from './schema-primitives.js';

// A site: a node id, or a position snapped to the nearest network node (snap-sites.ts).
const site = z.union([
  id,
  z.strictObject({
    lon: num('a longitude in [-180, 180]').refine((v) => v >= -180 && v <= 180, { error: 'expected a longitude in [-180, 180]' }),
    lat: num('a latitude in [-90, 90]').refine((v) => v >= -90 && v <= 90, { error: 'expected a latitude in [-90, 90]' }),
  }),
], { error: 'expected a node id or a position {lon, lat}' });

export { DistSchema } from './schema-primitives.js';

export const NodeSchema = z.strictObject({
  id,
  name: z.string().optional(),
  kind: z.string().optional(),
  lon: num('a longitude in [-180, 180]').refine((v) => v >= -180 && v <= 180, { error: 'expected a longitude in [-180, 180]' }),
  lat: num('a latitude in [-90, 90]').refine((v) => v >= -90 && v <= 90, { error: 'expected a latitude in [-90, 90]' }),
});

export const EdgeSchema = z.strictObject({
  from: id,
  to: id,
  speedKmh: above(0),
  km: above(0).optional(),
  oneway: z.boolean({ error: 'expected true or false' }).default(false),
  road: z.string().optional(),
  bridge: z.boolean().optional(),
});

const Position = z.tuple([num(), num()], { error: 'expected a [lon, lat] position' });
export const PolygonSchema = z.union(
  [
    z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(Position)) }),
    z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(z.array(Position))) }),
  ],
  { error: 'expected a GeoJSON Polygon or MultiPolygon' },
);

const Window = { fromMin: minutes(0), toMin: minutes(0) };
export const ZoneRule = z.enum(['relay', 'sealed', 'open'], { error: 'expected "relay", "sealed" or "open"' });

export const ScenarioSchema = z.strictObject({
  name: z.string({ error: 'expected a name ([a-z0-9-]+)' }).regex(/^[a-z0-9-]+$/, { error: 'expected a name ([a-z0-9-]+)' }),
  title: z.string().optional(),
  description: z.string().optional(),
  startTime: z.string().optional(),
  horizonMin: minutes(0, true),
  drainMin: minutes(0).default(0),
  warmupMin: minutes(0).default(0),
  seed: z.number({ error: 'expected an integer' }).int({ error: 'expected an integer' }).default(1),
  sampleEveryMin: minutes(0, true).default(60),
  network: z.strictObject({
    nodes: z.array(NodeSchema).default([]),
    edges: z.array(EdgeSchema).default([]),
    geojson: z.string().optional(),
    detourFactor: atLeast(1).default(1.25),
    snapMaxKm: above(0).default(2),
  }, { error: 'expected an object with nodes/edges and/or geojson' }),
  zones: z.array(z.strictObject({
    id,
    name: z.string().optional(),
    polygon: z.union([z.string(), PolygonSchema], { error: 'expected a GeoJSON Polygon or a .geojson path' }),
    controls: z.array(z.strictObject({ ...Window, rule: ZoneRule })).default([]),
  })).default([]),
  checkpoints: z.array(z.strictObject({
    id,
    node: site,
    name: z.string().optional(),
    lanes: intAtLeast(1),
    priorityLanes: intAtLeast(0).default(0),
    serviceMin: DistSchema,
    requirePass: z.boolean({ error: 'expected true or false' }).default(false),
    rejectShare: share.default(0),
  })).default([]),
  stations: z.array(z.strictObject({
    id,
    node: site,
    zone: id,
    name: z.string().optional(),
    docks: intAtLeast(1),
    transferMin: DistSchema,
    storageLoads: intAtLeast(1),
    localTrucks: intAtLeast(1),
  })).default([]),
  closures: z.array(z.union([
    z.strictObject({ edge: z.tuple([id, id], { error: 'expected [from, to]' }), ...Window, note: z.string().optional() }),
    z.strictObject({ node: site, ...Window, note: z.string().optional() }),
  ], { error: 'expected {edge: [from, to], fromMin, toMin} or {node, fromMin, toMin}' })).default([]),
  demand: z.array(z.strictObject({
    id,
    from: site,
    to: site,
    loadsPerHour: loads('a rate'),
    priority: z.enum(['whitelist', 'normal'], { error: 'expected "whitelist" or "normal"' }).default('normal'),
    passShare: share.default(1),
    dueMin: minutes(0, true).optional(),
    note: z.string().optional(),
  })).min(1, { error: 'expected at least one demand stream' }),
  factories: z.array(z.strictObject({
    id,
    node: site,
    name: z.string().optional(),
    consumesLoadsPerHour: loads('a rate'),
    stockLoads: loads('a number of loads'),
  })).default([]),
  // Owned by `relaysim place` (src/place/schema.ts); ids are checked there.
  placement: PlacementSchema.optional(),
});

export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type ParsedScenario = z.output<typeof ScenarioSchema>;
export type Dist = z.output<typeof DistSchema>;
export type Polygon = z.output<typeof PolygonSchema>;
export type Site = z.output<typeof site>;
export type ZoneRuleName = z.output<typeof ZoneRule>;
