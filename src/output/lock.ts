import { closeSync, linkSync, mkdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { openTempFor } from './temp-file.js';

/** The lock file of an output directory: one writer (run, batch, place, report) at a time. */
export const LOCK_NAME = '.relaysim.lock';

export interface LockHolder { pid: number; host: string; command: string; startedAt: string }
export interface DirLock { readonly file: string; release(): void }

/**
 * Takes DIR's lock, creating DIR if needed. The lock file holds the holder's pid, host and command; it is
 * made whole under a temporary name and published with link(), which fails if a lock is there, so the
 * lock appears complete or not at all. A lock whose process is gone (same host, pid not alive) is stale
 * and taken over. A live holder makes this throw an InputError naming it (exit 2).
 * The directory must not be a regular file: that is bad input too.
 */
export function acquireLock(dir: string, command: string, option = '--out'): DirLock {
  ensureDir(dir, option);
  const file = join(dir, LOCK_NAME);
  const me: LockHolder = { pid: process.pid, host: hostname(), command, startedAt: new Date().toISOString() };
  const { fd, temp } = openTempFor(file);
  try {
    writeSync(fd, JSON.stringify(me) + '\n');
  } finally {
    closeSync(fd);
  }
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(temp, file);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readHolder(file);
      if (holder && isAlive(holder)) {
        throw new InputError(dir, '', `in use by another relaysim (${holder.command}, pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}); ` +
          `wait for it, or choose another ${option} (a lock left by a dead process, ${LOCK_NAME}, is taken over by itself)`);
      }
      if (attempt >= 3) throw new InputError(dir, '', `cannot take the lock ${LOCK_NAME} (it keeps changing hands)`);
      takeOverStale(file, holder);
    }
  } finally {
    rmSync(temp, { force: true });
  }
  let released = false;
  return {
    file,
    release() {
      if (released) return;
      released = true;
      const holder = readHolder(file);
      if (holder && holder.pid === me.pid && holder.startedAt === me.startedAt) rmSync(file, { force: true });
    },
  };
}

function ensureDir(dir: string, option: string): void {
  try {
    if (!statSync(dir).isDirectory()) throw new InputError(dir, '', `${option} names a file, not a directory; choose a directory`);
    return;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(dir, '', `${option}: cannot use this directory (${(err as NodeJS.ErrnoException).code})`);
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    throw new InputError(dir, '', `${option}: cannot create this directory (${(err as NodeJS.ErrnoException).code}; is a part of the path a file?)`);
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(h.pid) ? h : null;
  } catch {
    return null; // gone, or unreadable: treated as stale
  }
}

function isAlive(h: LockHolder): boolean {
  if (h.host !== hostname()) return true; // another machine's process cannot be checked: assume it lives
  try {
    process.kill(h.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock, but only the one that was judged stale: if another process took it over in
 * between (the file now names someone else), it is left alone and the caller tries again.
 */
function takeOverStale(file: string, judged: LockHolder | null): void {
  const now = readHolder(file);
  if (JSON.stringify(now) !== JSON.stringify(judged)) return;
  rmSync(file, { force: true });
}
