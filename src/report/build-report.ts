// `relaysim report DIR`: reads a run (or batch) directory and writes one self-contained HTML page.
import { mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { batchData } from './batch-data.js';
import { renderHtml } from './render-html.js';
import { readJson, runData } from './run-data.js';
import { hasFile } from './read-run.js';
import { InputError } from '../scenario/errors.js';
import { writeFileAtomic } from '../metrics/line-writer.js';
import { checkRunSet } from './run-set-check.js';

/** Bad report input (missing directory or summary): an InputError, so the CLI prints it and exits 2. */
export class ReportInputError extends InputError {
  constructor(file: string, detail: string) {
    super(file, '', detail);
    this.name = 'ReportInputError';
  }
}

function readJsonOrThrow(file: string): Record<string, unknown> {
  try {
    return readJson(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (e as Error).message;
    throw new ReportInputError(file, why);
  }
}

/** The data object the page receives (exported for tests and for other tools). */
export async function reportData(dir: string) {
  let st;
  try {
    st = statSync(dir);
  } catch {
    throw new ReportInputError(dir, 'no such directory (expected the --out DIR of a run or a batch)');
  }
  if (!st.isDirectory()) throw new ReportInputError(dir, 'not a directory (expected the --out DIR of a run or a batch)');
  if (hasFile(dir, 'batch.json')) {
    const file = join(dir, 'batch.json');
    try {
      return batchData(readJsonOrThrow(file), file);
    } catch (e) {
      throw e instanceof ReportInputError ? e : new ReportInputError(file, (e as Error).message.replace(`${file}: `, ''));
    }
  }
  const summaryFile = join(dir, 'summary.json');
  if (!hasFile(dir, 'summary.json')) {
    throw new ReportInputError(summaryFile, 'not found (a run directory holds summary.json, a batch directory batch.json)');
  }
  const summary = readJsonOrThrow(summaryFile);
  checkRunSet(dir, summary);
  return runData(dir, summary);
}

/**
 * Writes the report of run/batch directory `dir` to `outFile` (default DIR/report.html),
 * atomically: FILE.part first, then rename.
 */
export async function writeReport(dir: string, outFile?: string): Promise<{ file: string; bytes: number }> {
  const data = await reportData(dir);
  const m = data.meta as Record<string, unknown>;
  const title = `relaysim ${data.kind === 'batch' ? 'batch' : 'run'}: ${String(m.title ?? m.scenario ?? m.name ?? dir)}`;
  const html = renderHtml(data, title);
  const file = resolve(outFile ?? join(dir, 'report.html'));
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, html);
  } catch (e) {
    throw new ReportInputError(file, `cannot write the report (${(e as Error).message})`);
  }
  return { file, bytes: Buffer.byteLength(html) };
}
