// Batch defaults, in a module of their own so the CLI can show them in --help without loading the batch.
export const DEFAULT_OUT = 'out/batch';
export const DEFAULT_MAX_REPS = 200;
