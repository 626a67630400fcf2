import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { replaceFile } from '../output/replace-file.js';
import { viewOf, type ByteOut } from './fixed-point.js';

/**
 * One reusable byte buffer written out to a file descriptor in large writes: no string per row,
 * nothing to encode, and memory stays flat however many rows. Callers call `reserve(n)` before
 * putting up to n bytes at `pos`, then advance `pos`. The descriptor is the caller's (ByteWriter
 * owns one; the shipments.csv writer thread writes to its main thread's).
 */
export class ByteSink implements ByteOut {
  readonly buf: Buffer;
  /** The same bytes, for the formatters' four-byte stores (fixed-point.ts). */
  readonly view: DataView;
  pos = 0;

  /** `buffer`: a size to allocate, or the bytes to use (the row formatter's, in WebAssembly memory). */
  constructor(readonly fd: number, buffer: number | Buffer = 1 << 20) {
    this.buf = typeof buffer === 'number' ? Buffer.allocUnsafe(buffer) : buffer;
    this.view = viewOf(this.buf);
  }

  /** Makes room for `n` more bytes (n <= the buffer's size) by writing out what is buffered. */
  reserve(n: number): void {
    if (this.pos + n > this.buf.length) this.flush();
  }

  /** Appends bytes of any length. */
  bytes(b: Uint8Array): void {
    if (this.pos + b.length > this.buf.length) {
      this.flush();
      if (b.length > this.buf.length) { writeAll(this.fd, b); return; }
    }
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** Writes out what is buffered. */
  flush(): void {
    if (this.pos > 0) writeAll(this.fd, this.buf.subarray(0, this.pos));
    this.pos = 0;
  }
}

/**
 * Synchronous output to `FILE.part` through a ByteSink, renamed to FILE on commit (removed on abort),
 * like LineWriter but for callers that format bytes themselves. An earlier FILE is removed first, not
 * renamed over (replaceFile: why), as the run set does when it publishes a run's files.
 */
export class ByteWriter extends ByteSink {
  private done = false;

  constructor(readonly file: string, buffer: number | Buffer = 1 << 20) {
    super(openSync(`${file}.part`, 'w'), buffer);
  }

  commit(): void {
    if (this.done) return;
    this.flush();
    closeSync(this.fd);
    replaceFile(`${this.file}.part`, this.file);
    this.done = true;
  }

  abort(): void {
    if (this.done) return;
    this.done = true;
    try { closeSync(this.fd); } catch { /* already closed */ }
    rmSync(`${this.file}.part`, { force: true });
  }
}

/** writeSync may write less than asked (a full disk partway, a pipe): loop until all is out. */
function writeAll(fd: number, b: Uint8Array): void {
  for (let off = 0; off < b.length;) off += writeSync(fd, b, off, b.length - off);
}
