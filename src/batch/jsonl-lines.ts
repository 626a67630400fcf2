import { existsSync, readFileSync, truncateSync } from 'node:fs';

/**
 * The whole lines of an append-only JSONL file, with a torn last line (a write cut short by a kill)
 * cut off the file, so the next append starts a line of its own instead of joining the torn one.
 * Shared by batch runs.jsonl and placement evaluations.jsonl. A missing file has no lines.
 */
export function readWholeLines(file: string): string[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) truncateSync(file, Buffer.byteLength(text.slice(0, end)));
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  return lines;
}
