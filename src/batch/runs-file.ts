import { appendFileSync } from 'node:fs';
import { readWholeLines } from './jsonl-lines.js';
import { InputError } from '../scenario/errors.js';
import type { Summary } from '../metrics/summary.js';
import { runKey } from './grid.js';

/** One line of runs.jsonl: a finished replication. */
export interface RunRecord {
  point: string;
  params: Record<string, unknown>;
  rep: number;
  seed: number;
  status: 'ok' | 'failed';
  summary?: Summary;
  error?: string;
}

/**
 * runs.jsonl: one JSON line per finished run, appended with one `appendFileSync` per whole line, so
 * an interrupted batch leaves complete lines only (a crash in the middle of a write can leave a partial
 * last line, which `readRuns` drops).
 */
export class RunsFile {
  constructor(readonly file: string) {}

  /**
   * Reads the finished runs (a later line for the same run, from `--retry-failed`, replaces an earlier
   * one) and cuts a trailing partial line. Throws InputError on a broken line before the last.
   */
  readRuns(): Map<string, RunRecord> {
    const runs = new Map<string, RunRecord>();
    readWholeLines(this.file).forEach((line, i) => {
      let rec: RunRecord;
      try {
        rec = JSON.parse(line) as RunRecord;
      } catch {
        throw new InputError(this.file, `line ${i + 1}`, 'not a JSON line; move the file away to start this batch afresh');
      }
      runs.set(runKey(rec.params, rec.rep, rec.seed), rec);
    });
    return runs;
  }

  append(rec: RunRecord): void {
    appendFileSync(this.file, JSON.stringify(rec) + '\n');
  }
}
