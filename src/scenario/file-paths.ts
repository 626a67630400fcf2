import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

/**
 * Resolves a path written inside a scenario (network.geojson, a zone's polygon, placement.candidatesGeojson).
 * A scenario is data that people mail around: unless the user allows it, a path it names must lie in the
 * scenario's folder or below it, so a file cannot make relaysim read `/etc/passwd` or `../../secrets`.
 * Symbolic links are followed before the check, so a link inside the folder cannot point out of it.
 */
export function scenarioPath(baseDir: string, rel: string, file: string, field: string, allowOutside: boolean): string {
  const target = resolve(baseDir, rel);
  if (allowOutside) return target;
  const refuse = (why: string): never => {
    throw new InputError(file, field, `${why}; files a scenario names must lie in its folder or below (pass --allow-outside-paths to allow it)`);
  };
  if (isAbsolute(rel)) refuse('an absolute path');
  const inside = (dir: string, p: string) => { const r = relative(dir, p); return r !== '' && r !== '..' && !r.startsWith(`..${sep}`) && !isAbsolute(r); };
  if (!inside(baseDir, target)) refuse('a path out of the scenario\'s folder');
  let real: string;
  try {
    real = realpathSync(target);
  } catch {
    return target; // missing: reading it gives the "cannot read" message
  }
  if (!inside(realpathSync(baseDir), real)) refuse('a link out of the scenario\'s folder');
  return target;
}
