import { closeSync, renameSync, rmSync, writeSync } from 'node:fs';
import { openTempFor } from '../output/temp-file.js';

/**
 * Buffered, synchronous line output to a temporary file beside FILE (created exclusively under a name
 * nobody can guess: src/output/temp-file.ts), renamed to FILE on commit and removed on abort, so a run
 * that fails leaves nothing half-written. Synchronous on purpose: the event loop never yields,
 * so an async stream would hold every row in memory until the run ends.
 */
export class LineWriter {
  private readonly fd: number;
  private readonly temp: string;
  /** Bytes written so far (the whole file's size once committed). */
  bytes = 0;
  // One growing string: V8 appends to it as a rope, and writeSync flattens it once per flush.
  private pending = '';
  private done = false;

  constructor(readonly file: string, private readonly flushAt = 1 << 20) {
    ({ fd: this.fd, temp: this.temp } = openTempFor(file));
  }

  write(line: string): void {
    this.pending += line;
    if (this.pending.length >= this.flushAt) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.bytes += writeSync(this.fd, this.pending);
    this.pending = '';
  }

  commit(): void {
    if (this.done) return;
    this.flush();
    closeSync(this.fd);
    renameSync(this.temp, this.file);
    this.done = true;
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    try { closeSync(this.fd); } catch { /* already closed */ }
    rmSync(this.temp, { force: true });
  }
}

/** Writes a whole file atomically (temp file, then rename); on failure no temp file is left. */
export function writeFileAtomic(file: string, text: string): void {
  const w = new LineWriter(file);
  try {
    w.write(text);
    w.commit();
  } catch (err) {
    w.abort();
    throw err;
  }
}
