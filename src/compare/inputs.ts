// The directories `relaysim compare` is given: each a run (summary.json) or a batch (batch.json and
// runs.jsonl). Bad input is an InputError naming the directory or file.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../scenario/errors.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface RunInput { kind: 'run'; name: string; dir: string; summary: Obj; network: Obj | null; series: Obj | null; shipments: string | null }
export interface BatchInput { kind: 'batch'; name: string; dir: string; batch: Obj; runs: Obj[] }
export type CompareInput = RunInput | BatchInput;

function readJson(file: string): Obj {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, '', (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : `not valid JSON (${(e as Error).message})`);
  }
}

/** runs.jsonl lines that parse (a partial last line, left by a crash, is skipped as the batch does). */
function readRuns(file: string): Obj[] {
  if (!existsSync(file)) return [];
  const out: Obj[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try { out.push(JSON.parse(line)); } catch { /* a partial line */ }
  }
  return out;
}

export function readInput(dir: string, name: string | undefined): CompareInput {
  const abs = resolve(dir);
  let st;
  try { st = statSync(abs); } catch { throw new InputError(dir, '', 'no such directory (expected the --out DIR of a run or a batch)'); }
  if (!st.isDirectory()) throw new InputError(dir, '', 'not a directory (expected the --out DIR of a run or a batch)');
  const label = name ?? basename(abs);
  if (existsSync(join(abs, 'batch.json'))) {
    return { kind: 'batch', name: label, dir: abs, batch: readJson(join(abs, 'batch.json')), runs: readRuns(join(abs, 'runs.jsonl')) };
  }
  if (!existsSync(join(abs, 'summary.json'))) throw new InputError(join(dir, 'summary.json'), '', 'not found (a run directory holds summary.json, a batch directory batch.json)');
  const opt = (f: string) => (existsSync(join(abs, f)) ? readJson(join(abs, f)) : null);
  return {
    kind: 'run', name: label, dir: abs, summary: readJson(join(abs, 'summary.json')), network: opt('network.json'), series: opt('series.json'),
    shipments: existsSync(join(abs, 'shipments.csv')) ? join(abs, 'shipments.csv') : null,
  };
}

/** Every directory read, with names from --names; at least two, all runs or all batches. */
export function readInputs(dirs: string[], names?: string[]): CompareInput[] {
  if (dirs.length < 2) throw new InputError('relaysim compare', 'DIR', `expected at least two directories, got ${dirs.length}`);
  if (names && names.length !== dirs.length) throw new InputError('relaysim compare', '--names', `expected ${dirs.length} names (one per directory), got ${names.length}`);
  if (names && new Set(names).size !== names.length) throw new InputError('relaysim compare', '--names', 'names must differ');
  const inputs = dirs.map((d, i) => readInput(d, names?.[i]));
  const kinds = new Set(inputs.map((x) => x.kind));
  if (kinds.size > 1) throw new InputError(dirs[inputs.findIndex((x) => x.kind !== inputs[0].kind)], '', `is a ${inputs.find((x) => x.kind !== inputs[0].kind)!.kind} directory, ${dirs[0]} a ${inputs[0].kind}: compare runs with runs, batches with batches`);
  // Names label columns and lines: make them unique even when two directories share a base name.
  const seen = new Map<string, number>();
  for (const x of inputs) {
    const n = seen.get(x.name) ?? 0;
    seen.set(x.name, n + 1);
    if (n) x.name = `${x.name} (${n + 1})`;
  }
  return inputs;
}
