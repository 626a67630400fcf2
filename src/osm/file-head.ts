import { closeSync, openSync, readSync } from 'node:fs';
import { InputError } from '../scenario/errors.js';

/** The first `bytes` bytes of `file` (fewer if it is shorter): enough to tell its format before reading it all. */
export function readHead(file: string, bytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw new InputError(file, '', `cannot read file (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  try {
    const head = Buffer.alloc(bytes);
    return head.subarray(0, readSync(fd, head, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}
