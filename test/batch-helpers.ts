import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** runs.jsonl lines without the timing field `wallMs`, sorted: what must not depend on workers or order. */
export function runLines(dir: string): string[] {
  return readFileSync(join(dir, 'runs.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const rec = JSON.parse(line);
    if (rec.summary) delete rec.summary.wallMs;
    return JSON.stringify(rec);
  }).sort();
}
