// Placement defaults, in a module of their own so the CLI can show them in --help without loading the search.
import type { Objective } from './objective.js';

export const PLACE_DEFAULTS = { objective: 'lead-p95' as Objective, reps: 5, exhaustiveMax: 500, shortlist: 16, maxIterations: 8, out: 'out/place' };
