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
export const id = z.string({ error: 'expected an id (string)' }).min(1, { error: 'expected a non-empty id' });

export const DistSchema = z.discriminatedUnion(
  'dist',
  [
    z.strictObject({ dist: z.literal('exp'), mean: above(0) }),
    z.strictObject({ dist: z.literal('const'), value: atLeast(0) }),
    z.strictObject({ dist: z.literal('uniform'), min: atLeast(0), max: atLeast(0) })
      .refine((d) => d.max >= d.min, { error: 'expected max >= min', path: ['max'] }),
    z.strictObject({ dist: z.literal('triangular'), min: atLeast(0), mode: atLeast(0), max: atLeast(0) })
      .refine((d) => d.min <= d.mode && d.mode <= d.max, { error: 'expected min <= mode <= max', path: ['mode'] }),
    z.strictObject({ dist: z.literal('lognormal'), mean: above(0), sd: atLeast(0) }),
  ],
  { error: 'expected {dist: "exp"|"const"|"uniform"|"triangular"|"lognormal", ...}' },
);

