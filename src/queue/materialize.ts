import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { unpackBundle, type TaskSpec } from '../batch/task-spec.js';

/**
 * A worker's scenarios, written once per hash under `root` (its own temporary directory) so the ordinary
 * task runner can load them: returns the scenario file for a job. The scenario's references keep their
 * relative layout; one that would land outside the hash's directory is refused, so a job can only ever
 * write data files inside it.
 */
export function createScenarioFiles(root: string): (spec: TaskSpec) => { file: string; name: string } {
  const known = new Map<string, { file: string; name: string }>();
  return (spec) => {
    const hit = known.get(spec.scenarioHash);
    if (hit) return hit;
    const bundle = unpackBundle(spec);
    const dir = join(root, spec.scenarioHash);
    const ups = Math.max(0, ...Object.keys(bundle.files).map((ref) => normalize(ref).split(/[\\/]/).findIndex((s) => s !== '..')));
    const base = join(dir, ...Array.from({ length: ups }, () => '_'));
    const ext = /\.ya?ml$/i.test(bundle.name) ? '.yaml' : '.json';
    const name = /^[\w.-]+$/.test(bundle.name) ? bundle.name : `scenario${ext}`;
    const writes: [string, string][] = [[join(base, name), bundle.text]];
    for (const [ref, text] of Object.entries(bundle.files)) writes.push([resolve(base, ref), text]);
    const targets = new Set<string>();
    for (const [target] of writes) {
      if (!target.startsWith(dir + sep)) throw new Error(`job: refusing a file reference outside the scenario's directory`);
      if (targets.has(target)) throw new Error(`job: two files of the scenario share a path`);
      targets.add(target);
    }
    for (const [target, text] of writes) {
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, text);
    }
    const out = { file: join(base, name), name: bundle.name };
    known.set(spec.scenarioHash, out);
    return out;
  };
}
