import { z } from 'zod';

// The leaf of the schemas: number rules, ids and distributions, shared by the scenario schema
// (schema.ts) and the placement block (place/schema.ts) without either importing the other's module.
// Messages are written for the person fixing the file; the loader appends ", got <value>".
export const num = (what = 'a number') => z.number({ error: `expected ${what}` }).refine(Number.isFinite, { error: `expected ${what}` });
export const atLeast = (min: number, what = 'a number') => num(`${what} >= ${min}`).refine((v) => v >= min, { error: `expected ${what} >= ${min}` });
export const above = (min: number) => num(`a number > ${min}`).refine((v) => v > min, { error: `expected a number > ${min}` });
export const intAtLeast = (min: number) =>
  z.number({ error: `expected an integer >= ${min}` }).refine((v) => Number.isInteger(v) && v >= min, { error: `expected an integer >= ${min}` });
export const share = num('a share in [0, 1]').refine((v) => v >= 0 && v <= 1, { error: 'expected a share in [0, 1]' });
// Ids become object keys in the outputs (summary.checkpoints[id], ...): a prototype name there would
// reach Object.prototype instead of a field.
export const RESERVED_IDS = new Set(['__proto__', 'prototype', 'constructor']);
export const id = z.string({ error: 'expected an id (string)' }).min(1, { error: 'expected a non-empty id' })
  .refine((v) => !RESERVED_IDS.has(v), { error: 'expected an id other than __proto__, prototype or constructor' });
/**
 * The longest time a scenario may name, in minutes (about 1.9 million years). Larger values are no scenario,
 * and beyond about 1e15 a clock in doubles cannot tell one minute from the next.
 */
export const MAX_MINUTES = 1e12;
/** Rates and stocks above this (per hour, or loads) are no scenario, and their products overflow. */
export const MAX_LOADS = 1e9;
export const loads = (what: string) => num(`${what} >= 0 and <= ${MAX_LOADS}`).refine((v) => v >= 0 && v <= MAX_LOADS, { error: `expected ${what} >= 0 and <= ${MAX_LOADS}` });
export const minutes = (min: number, strict = false) => num(`a number of minutes ${strict ? '>' : '>='} ${min} and <= ${MAX_MINUTES}`)
  .refine((v) => (strict ? v > min : v >= min) && v <= MAX_MINUTES, { error: `expected a number of minutes ${strict ? '>' : '>='} ${min} and <= ${MAX_MINUTES}` });
export const DistSchema = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('exp'), mean: minutes(0, true) }),
    z.strictObject({ dist: z.literal('const'), value: minutes(0) }),
    z.strictObject({ dist: z.literal('uniform'), min: minutes(0), max: minutes(0) })
      .refine((d) => d.max >= d.min, { error: 'expected max >= min', path: ['max'] }),
    z.strictObject({ dist: z.literal('triangular'), min: minutes(0), mode: minutes(0), max: minutes(0) })
      .refine((d) => d.min <= d.mode && d.mode <= d.max, { error: 'expected min <= mode <= max', path: ['mode'] }),
    z.strictObject({ dist: z.literal('lognormal'), mean: minutes(0, true), sd: minutes(0) }),
  ],
  { error: 'expected {dist: "exp"|"const"|"uniform"|"triangular"|"lognormal", ...}' },
);
