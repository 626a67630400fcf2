import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { leadingRunId } from '../metrics/run-id.js';

/**
 * Checks that a run directory's files are one run's set (src/run.ts stamps them): series.json and
 * network.json carry summary.json's runId, and shipments.csv and trace.jsonl have the sizes summary.json
 * recorded for them. A file of another run, or a trace.jsonl the run did not write, is bad input: a
 * report must not silently mix runs. Directories from before run ids (no runId anywhere) pass.
 */
export function checkRunSet(dir: string, summary: Record<string, unknown>): void {
  const id = typeof summary.runId === 'string' ? summary.runId : null;
  const bad = (file: string, why: string): never => {
    throw new InputError(join(dir, file), '', `${why}: the directory mixes files of different runs (run again, or remove the stray file)`);
  };
  for (const file of ['series.json', 'network.json']) {
    const path = join(dir, file);
    if (!existsSync(path)) continue;
    const other = leadingRunId(head(path));
    if (other !== id) bad(file, `run id ${other ?? 'missing'}, but summary.json has ${id ?? 'none'}`);
  }
  if (id === null) return;
  const sizes = (summary.outputBytes ?? {}) as Record<string, unknown>;
  for (const file of ['shipments.csv', 'trace.jsonl', 'shipments.parquet', 'trace.parquet']) {
    const path = join(dir, file);
    const present = existsSync(path);
    if (!present) continue;
    if (typeof sizes[file] !== 'number') bad(file, `not written by run ${id}`);
    const bytes = statSync(path).size;
    if (bytes !== sizes[file]) bad(file, `${bytes} bytes, but run ${id} wrote ${String(sizes[file])}`);
  }
}

function head(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(256);
    return buf.toString('utf8', 0, readSync(fd, buf, 0, buf.length, 0));
  } finally {
    closeSync(fd);
  }
}
