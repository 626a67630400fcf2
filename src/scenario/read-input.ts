import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InputError } from './errors.js';

/**
 * The largest input file relaysim reads (scenario, network GeoJSON, zone polygons, candidate sites).
 * A file is parsed whole in memory, so a bigger one would take gigabytes before any message.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Reads a regular file of at most MAX_INPUT_BYTES as UTF-8. Devices (`/dev/zero`), FIFOs and
 * directories are refused: reading them never ends or means nothing. O_NONBLOCK keeps `open` of a FIFO
 * from waiting for a writer; the type is checked on the opened descriptor, so it cannot change between
 * the check and the read.
 */
export function readInputFile(file: string, what = 'file'): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(file, '', `cannot read ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new InputError(file, '', `cannot read ${what} (it is a directory)`);
    if (!st.isFile()) throw new InputError(file, '', `cannot read ${what} (not a regular file: a device, FIFO or socket)`);
    if (st.size > MAX_INPUT_BYTES) throw new InputError(file, '', `${what} is ${mib(st.size)}, above the ${mib(MAX_INPUT_BYTES)} limit for input files`);
    // Read to the end rather than trusting st.size: a file that grows while read is caught by the cap.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(1 << 20, MAX_INPUT_BYTES + 1 - total) || 1);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
      if (total > MAX_INPUT_BYTES) throw new InputError(file, '', `${what} is above the ${mib(MAX_INPUT_BYTES)} limit for input files`);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, '', `cannot read ${what} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  } finally {
    closeSync(fd);
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 3 : 0)} MiB`;
