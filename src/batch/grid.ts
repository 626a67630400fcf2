import { FORBIDDEN_KEYS, parseValue } from '../scenario/overrides.js';
import { InputError } from '../scenario/errors.js';

/** One `--sweep PATH=V1,V2,...`: values kept as typed, so the `--set` text of each is exact. */
export interface Sweep { path: string; values: string[] }

/** One grid point: the `--set` overrides it adds, and its parameters as values (for outputs). */
export interface GridPoint {
  /** Label, e.g. `checkpoints.gate.lanes=4 demand.0.loadsPerHour=180`; `base` without sweeps. */
  point: string;
  params: Record<string, unknown>;
  sets: string[];
}

/**
 * Parses `PATH=V1,V2,...`. Commas inside brackets, braces or double quotes do not split, so a JSON
 * array or object can be one value (`--sweep 'x=[1,2],[3,4]'`).
 */
export function parseSweep(text: string): Sweep {
  const eq = text.indexOf('=');
  const bad = (what: string) => new InputError('--sweep', '', `${JSON.stringify(text)}: ${what}`);
  if (eq <= 0) throw bad('expected PATH=V1,V2,...');
  const path = text.slice(0, eq);
  if (!/^[^.\s]+(\.[^.\s]+)*$/.test(path)) throw bad(`bad path ${JSON.stringify(path)}`);
  if (path.split('.').some((k) => FORBIDDEN_KEYS.has(k))) throw bad(`bad path ${JSON.stringify(path)} (__proto__, prototype and constructor are not scenario fields)`);
  const values = splitValues(text.slice(eq + 1));
  if (values.length === 0 || values.some((v) => v.trim() === '')) throw bad('expected a non-empty value between every two commas');
  if (new Set(values).size !== values.length) throw bad('a value is given twice');
  return { path, values };
}

function splitValues(list: string): string[] {
  const out: string[] = [];
  let depth = 0, quoted = false, start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  if (list.length > 0) out.push(list.slice(start));
  return out;
}

/** Checks sweeps against each other: one sweep per path. */
export function checkSweeps(sweeps: readonly Sweep[]): void {
  const seen = new Set<string>();
  for (const s of sweeps) {
    if (seen.has(s.path)) throw new InputError('--sweep', '', `${s.path} is swept twice; give all its values in one --sweep`);
    seen.add(s.path);
  }
}

/** The cartesian product of the sweeps, in the order given: the first sweep varies slowest. */
export function gridPoints(sweeps: readonly Sweep[]): GridPoint[] {
  let points: GridPoint[] = [{ point: 'base', params: {}, sets: [] }];
  for (const sweep of sweeps) {
    points = points.flatMap((p) => sweep.values.map((v) => ({
      point: p.sets.length === 0 ? `${sweep.path}=${v}` : `${p.point} ${sweep.path}=${v}`,
      params: { ...p.params, [sweep.path]: parseValue(v) },
      sets: [...p.sets, `${sweep.path}=${v}`],
    })));
  }
  return points;
}

/** Identity of a run across invocations (resume): its point's parameters, its replication, its seed. */
export function runKey(params: Record<string, unknown>, rep: number, seed: number): string {
  return JSON.stringify([params, rep, seed]);
}
