import { InputError } from './errors.js';

/**
 * Applies `--set PATH=VALUE` overrides to a raw (not yet validated) scenario, returning a copy.
 * PATH segments are object keys, array indices, or the `id` of an array element:
 * `checkpoints.g2-huaqiao.lanes=3`, `demand.0.loadsPerHour=120`. VALUE is JSON, else a string.
 */
export function applySets(raw: unknown, sets: readonly string[], file = '--set'): unknown {
  if (sets.length === 0) return raw;
  const root = structuredClone(raw) as Record<string, unknown>;
  for (const set of sets) {
    const eq = set.indexOf('=');
    if (eq <= 0) throw new InputError(file, '', `--set ${JSON.stringify(set)}: expected PATH=VALUE`);
    const path = set.slice(0, eq);
    const value = parseValue(set.slice(eq + 1));
    setAtPath(root, path, value, file);
  }
  return root;
}

export function parseValue(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Path segments that would reach an object's prototype instead of a scenario field. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'prototype', 'constructor']);

function setAtPath(root: Record<string, unknown>, path: string, value: unknown, file: string): void {
  const keys = path.split('.');
  const bad = keys.find((k) => FORBIDDEN_KEYS.has(k));
  if (bad !== undefined) throw new InputError(file, '', `--set ${path}: ${JSON.stringify(bad)} is not a scenario field`);
  let here: unknown = root;
  for (let i = 0; i < keys.length; i++) {
    const last = i === keys.length - 1;
    const seen = keys.slice(0, i).join('.');
    if (Array.isArray(here)) {
      const index = resolveIndex(here, keys[i]);
      if (index < 0 || (index >= here.length && !last)) {
        throw new InputError(file, '', `--set ${path}: ${seen || 'scenario'} has no element ${JSON.stringify(keys[i])}`);
      }
      if (last) here[index] = value;
      else here = here[index];
    } else if (here !== null && typeof here === 'object') {
      const obj = here as Record<string, unknown>;
      if (last) obj[keys[i]] = value;
      else if (!Object.hasOwn(obj, keys[i])) throw new InputError(file, '', `--set ${path}: ${seen || 'scenario'} has no field ${JSON.stringify(keys[i])}`);
      else here = obj[keys[i]];
    } else {
      throw new InputError(file, '', `--set ${path}: ${seen} is not an object or array`);
    }
  }
}

function resolveIndex(array: unknown[], key: string): number {
  if (/^\d+$/.test(key)) return Number(key);
  return array.findIndex((el) => el !== null && typeof el === 'object' && (el as { id?: unknown }).id === key);
}
