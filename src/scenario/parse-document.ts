import { parseDocument as parseYamlDocument, YAMLParseError, YAMLWarning } from 'yaml';
import { InputError, formatPath } from './errors.js';
import { jsonErrorOffset } from './json-error-offset.js';

/** Deepest nesting accepted in a scenario or GeoJSON document (a MultiPolygon in a zone is 8 levels). */
export const MAX_DEPTH = 32;

/**
 * Parses JSON or YAML text into a plain value. Messages give a line and column, never the text
 * itself: a scenario may point at any file, and an error must not echo what that file holds.
 * Nesting deeper than MAX_DEPTH is refused here, before any recursive code (clone, schema) meets it.
 */
export function parseDocument(text: string, file: string, yaml: boolean): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = yaml ? parseYamlStrict(body) : JSON.parse(body);
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(file, '', `nested deeper than ${MAX_DEPTH} levels`);
    throw new InputError(file, '', `invalid ${yaml ? 'YAML' : 'JSON'}${yaml ? whereYaml(err) : where(err, body)}`);
  }
  checkDepth(value, file);
  return value;
}

/**
 * YAML with its warnings as errors: an unknown tag (`!something`) would otherwise print a warning of its
 * own on stderr and become a string; a scenario is data, so it is refused like any syntax error.
 */
function parseYamlStrict(body: string): unknown {
  const doc = parseYamlDocument(body, { logLevel: 'silent' });
  const problem = doc.errors[0] ?? doc.warnings[0];
  if (problem) throw problem;
  return doc.toJS({ maxAliasCount: 100 });
}

function whereYaml(err: unknown): string {
  if (err instanceof YAMLParseError || err instanceof YAMLWarning) {
    const why = err.code === 'RESOURCE_EXHAUSTION' ? 'nested too deeply or too many aliases' : err.code.toLowerCase().replaceAll('_', ' ');
    return err.linePos ? ` at line ${err.linePos[0].line}, column ${err.linePos[0].col}: ${why}` : `: ${why}`;
  }
  // toJS throws a plain ReferenceError when aliases expand past maxAliasCount ("billion laughs").
  return /alias/i.test((err as Error)?.message ?? '') ? ': too many aliases (more than 100 expansions)' : '';
}

function where(err: unknown, text: string): string {
  const pos = jsonErrorOffset(text);
  if (pos < 0) return '';
  if (pos >= text.length) return ' (the text ends too early)';
  const before = text.slice(0, pos);
  const line = before.split('\n').length;
  return ` at line ${line}, column ${pos - before.lastIndexOf('\n')}`;
}

/**
 * Throws an InputError naming the first path nested deeper than MAX_DEPTH. Recursive, but never more
 * than MAX_DEPTH calls deep (it stops there), with one path array pushed and popped: a 1e6-node network
 * is millions of values, and a path object per value was most of its validation time (GC).
 * Children are visited last first, as the stack-based version it replaces did, so the same path is named.
 */
export function checkDepth(value: unknown, file: string, prefix = ''): void {
  const path: (string | number)[] = [];
  const visit = (v: unknown): void => {
    if (v === null || typeof v !== 'object') return;
    if (path.length >= MAX_DEPTH) {
      const at = formatPath(path.slice(0, MAX_DEPTH));
      throw new InputError(file, prefix && at ? `${prefix}.${at}` : prefix || at, `nested deeper than ${MAX_DEPTH} levels`);
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const x: unknown = v[i];
        if (x === null || typeof x !== 'object') continue;
        path.push(i); visit(x); path.pop();
      }
    } else {
      const keys = Object.keys(v);
      for (let i = keys.length - 1; i >= 0; i--) {
        const x: unknown = (v as Record<string, unknown>)[keys[i]];
        if (x === null || typeof x !== 'object') continue;
        path.push(keys[i]); visit(x); path.pop();
      }
    }
  };
  visit(value);
}
