import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/**
 * Buffered, synchronous line output to `FILE.part`, renamed to FILE on commit and removed on abort, so
 * a run that fails leaves nothing half-written. Synchronous on purpose: the event loop never yields,
 * so an async stream would hold every row in memory until the run ends.
 */
export class LineWriter {
  private readonly fd: number;
  private chunks: string[] = [];
  private pending = 0;
  private done = false;

  constructor(readonly file: string, private readonly flushAt = 1 << 20) {
    this.fd = openSync(`${file}.part`, 'w');
  }

  write(line: string): void {
    this.chunks.push(line);
    this.pending += line.length;
    if (this.pending >= this.flushAt) this.flush();
  }

  private flush(): void {
    if (this.chunks.length === 0) return;
    writeSync(this.fd, this.chunks.join(''));
    this.chunks = [];
    this.pending = 0;
  }

  commit(): void {
    if (this.done) return;
    this.flush();
    closeSync(this.fd);
    renameSync(`${this.file}.part`, this.file);
    this.done = true;
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    try { closeSync(this.fd); } catch { /* already closed */ }
    rmSync(`${this.file}.part`, { force: true });
  }
}

/** Writes a whole file atomically (temp file, then rename). */
export function writeFileAtomic(file: string, text: string): void {
  const w = new LineWriter(file);
  w.write(text);
  w.commit();
}
