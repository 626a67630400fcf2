import { appendFileSync, existsSync, mkdirSync, readFileSync, truncateSync } from 'node:fs';
import { dirname } from 'node:path';
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
 * written whole after its run; a torn last line (interrupted write) is ignored on reading.
 */
export class EvaluationStore {
  private readonly done = new Map<string, EvaluationLine>();

  constructor(readonly file: string, readonly ctx: string) {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    const all = readFileSync(file, 'utf8');
    // A kill in the middle of an append leaves a torn last line: cut it, or the next line would be glued to it.
    const end = all.lastIndexOf('\n') + 1;
    if (end < all.length) truncateSync(file, Buffer.byteLength(all.slice(0, end)));
    for (const text of all.slice(0, end).split('\n')) {
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
