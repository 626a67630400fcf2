#!/usr/bin/env node
// relaysim runs the compiled JavaScript in dist/ (built by `npm run build`, which `npm ci` runs as
// `prepare`) when it is at least as new as tsconfig.json and every file in src/, and otherwise, in a
// checkout being edited, the TypeScript in src/ through tsx. RELAYSIM_BUILD=dist or RELAYSIM_BUILD=src forces one.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// `relaysim run --help | head` closes the pipe early: that is not an error.
process.stdout.on('error', (err) => { if (err.code === 'EPIPE') process.exit(0); throw err; });

const root = fileURLToPath(new URL('..', import.meta.url));
const compiled = `${root}dist/cli/main.js`;

/**
 * dist/ is fresh when neither tsconfig.json (its compiler options shape the output: class fields) nor
 * any file under src/ changed after dist/cli/main.js was written (~1 ms for 100 files).
 */
function distIsFresh() {
  if (!existsSync(compiled)) return false;
  const built = statSync(compiled).mtimeMs;
  const src = `${root}src`;
  return statSync(`${root}tsconfig.json`).mtimeMs <= built
    && readdirSync(src, { recursive: true }).every((f) => statSync(`${src}/${f}`).mtimeMs <= built);
}

const wanted = process.env.RELAYSIM_BUILD;
if (wanted !== undefined && wanted !== 'dist' && wanted !== 'src') {
  console.error(`relaysim: RELAYSIM_BUILD: expected "dist" or "src", got ${JSON.stringify(wanted)}`);
  process.exit(2);
}
const useDist = wanted === 'dist' || (wanted !== 'src' && distIsFresh());
if (wanted === 'dist' && !distIsFresh()) {
  console.error('relaysim: RELAYSIM_BUILD=dist: dist/ is missing or older than src/ or tsconfig.json (run `npm run build`)');
  process.exit(2);
}
if (useDist) {
  await import(compiled);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
