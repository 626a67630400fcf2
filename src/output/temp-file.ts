import { constants, openSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/**
 * Creates the temporary file that `file` is written to before its rename: a fresh name nobody can
 * guess (`.NAME.<random>.part` beside it), opened with O_CREAT|O_EXCL (fails if anything, a planted
 * symbolic link included, is there) and O_NOFOLLOW. Returns the descriptor and the name.
 */
export function openTempFor(file: string): { fd: number; temp: string } {
  const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
  for (let attempt = 0; ; attempt++) {
    const temp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.part`);
    try {
      return { fd: openSync(temp, flags, 0o644), temp };
    } catch (err) {
      // A name taken by chance (1 in 2^64) is tried again; anything else is a real failure.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err;
    }
  }
}
