import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readWholeLines } from '../batch/jsonl-lines.js';
import type { RunMetrics } from './objective.js';

/** One evaluated (set, replication): a whole line of DIR/evaluations.jsonl. */
export interface EvaluationLine {
  /** Fingerprint of the scenario and overrides: lines of another scenario are not reused. */
  ctx: string;
  set: string;
  rep: number;
  seed: number;
  ok: boolean;
  metrics?: RunMetrics;
  error?: string;
}

/**
 * Append-only record of evaluations, so that a rerun on the same DIR skips what is done. A line is
 * written whole after its run; a torn last line (interrupted write) is cut off the file on opening,
 * as for batch runs.jsonl, so the next line is not appended to it. A whole line that is not JSON is skipped.
 */
export class EvaluationStore {
  private readonly done = new Map<string, EvaluationLine>();

  constructor(readonly file: string, readonly ctx: string) {
    mkdirSync(dirname(file), { recursive: true });
    for (const text of readWholeLines(file)) {
      if (!text.trim()) continue;
      let line: EvaluationLine;
      try { line = JSON.parse(text) as EvaluationLine; } catch { continue; }
      if (line.ctx === ctx && line.ok && line.metrics) this.done.set(EvaluationStore.key(line.set, line.seed), line);
    }
  }

  static key(set: string, seed: number): string {
    return `${set}#${seed}`;
  }

  get size(): number {
    return this.done.size;
  }

  get(set: string, seed: number): EvaluationLine | undefined {
    return this.done.get(EvaluationStore.key(set, seed));
  }

  add(line: EvaluationLine): void {
    appendFileSync(this.file, JSON.stringify(line) + '\n');
    if (line.ok) this.done.set(EvaluationStore.key(line.set, line.seed), line);
  }
}
