import { z } from 'zod';
import { DistSchema, id } from '../scenario/schema-primitives.js';

// The scenario's `placement` block, read by `relaysim place` (ids are checked against the scenario in
// candidates.ts, which knows the nodes and zones). Messages follow src/scenario/schema.ts.

const cost = z.number({ error: 'expected a number >= 0' }).refine((v) => Number.isFinite(v) && v >= 0, { error: 'expected a number >= 0' });
const sizes = z
  .array(z.number({ error: 'expected an integer >= 1' }).refine((v) => Number.isInteger(v) && v >= 1, { error: 'expected an integer >= 1' }), {
    error: 'expected an array of integers >= 1',
  })
  .min(1, { error: 'expected at least one allowed size' });

export const CandidateSchema = z.strictObject({
  id,
  node: id,
  zone: id,
  name: z.string().optional(),
  /** Fixed cost of opening the site. */
  cost: cost.default(0),
  /** Allowed dock counts; the first is used when sizes are not searched (no --size). */
  docks: sizes.optional(),
  /** Allowed local fleet sizes; the first is used when sizes are not searched. */
  localTrucks: sizes.optional(),
});

export const PlacementSchema = z.strictObject({
  candidates: z.array(CandidateSchema).default([]),
  /** GeoJSON Points (properties: id, zone?, cost?, docks?, localTrucks?, name?), snapped to the nearest node. */
  candidatesGeojson: z.string().optional(),
  /** Sizes for candidates that give none. */
  docks: sizes.default([4]),
  localTrucks: sizes.default([20]),
  /** Defaults for the stations placement creates (else the scenario's first station's, else exp 45 / 200). */
  transferMin: DistSchema.optional(),
  storageLoads: z.number({ error: 'expected an integer >= 1' }).refine((v) => Number.isInteger(v) && v >= 1, { error: 'expected an integer >= 1' }).optional(),
  /** Sizing costs: cost of a set = sum over sites of cost + dockCost x docks + truckCost x localTrucks. */
  dockCost: cost.default(0),
  truckCost: cost.default(0),
  /** Default for --budget. */
  budget: cost.optional(),
  /** Ids of scenario stations kept in every evaluated set (zones without candidates keep their stations). */
  keepStations: z.array(id).default([]),
}, { error: 'expected an object with candidates and/or candidatesGeojson' });

export type PlacementInput = z.input<typeof PlacementSchema>;
export type Placement = z.output<typeof PlacementSchema>;
export type CandidateDef = z.output<typeof CandidateSchema>;
