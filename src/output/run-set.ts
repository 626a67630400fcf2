import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { acquireLock, type DirLock } from './lock.js';

/**
 * Every file a run may write into its --out DIR. A new run removes those of them it does not write
 * itself, so a trace.jsonl or report.html of an earlier run never sits beside a later run's files.
 */
export const RUN_OUTPUTS = [
  'summary.json', 'shipments.csv', 'series.json', 'network.json', 'trace.jsonl', 'report.html', 'shipments.parquet', 'trace.parquet',
] as const;

/** The file written last: while DIR holds a summary.json, every other output in DIR belongs with it. */
const KEY_FILE = 'summary.json';
const STAGE_PREFIX = '.stage-';
const COMMIT_PREFIX = '.commit-';
const MANIFEST = '.files';

export interface RunSet {
  /** Where to write the run's files; nothing in DIR changes until commit. */
  readonly stageDir: string;
  /** Publishes the staged files as DIR's output set, removes the earlier run's other outputs, releases the lock. */
  commit(): void;
  /** Discards the staged files and releases the lock; DIR keeps its earlier set. */
  abort(): void;
}

/**
 * Starts writing a run's output set into DIR: takes DIR's lock, finishes or discards what a killed run
 * left (see recoverRunDir), and makes a fresh staging folder inside DIR (same file system, so the
 * files are renamed into place, not copied).
 *
 * The commit is a small journal: the staging folder is renamed to `.commit-*` with a manifest of its
 * files (from then on the new set is decided, and a kill is finished by the next writer); the old
 * summary.json goes first, then the other old outputs, then the new files are renamed in, summary.json
 * last. So a DIR with a summary.json always holds one whole set, old or new.
 */
export function beginRunSet(dir: string, command = 'relaysim run'): RunSet {
  const lock = acquireLock(dir, command);
  let stageDir: string;
  try {
    recoverRunDir(dir);
    stageDir = mkdtempSync(join(dir, STAGE_PREFIX));
  } catch (err) {
    lock.release();
    throw err;
  }
  return {
    stageDir,
    commit() {
      try {
        const files = readdirSync(stageDir).filter((f) => (RUN_OUTPUTS as readonly string[]).includes(f));
        writeFileSync(join(stageDir, MANIFEST), JSON.stringify(files) + '\n');
        const commitDir = join(dir, basename(stageDir).replace(STAGE_PREFIX, COMMIT_PREFIX));
        renameSync(stageDir, commitDir); // the commit point
        applyCommit(dir, commitDir);
      } finally {
        lock.release();
      }
    },
    abort() {
      try {
        rmSync(stageDir, { recursive: true, force: true });
      } finally {
        lock.release();
      }
    },
  };
}

/** Takes DIR's lock only to finish a killed run's commit; for readers that must see a whole set (report). */
export function lockRunDir(dir: string, command: string): DirLock {
  const lock = acquireLock(dir, command);
  try {
    recoverRunDir(dir);
  } catch (err) {
    lock.release();
    throw err;
  }
  return lock;
}

/**
 * Under DIR's lock: a `.commit-*` folder is a decided set whose renames a kill interrupted; they are
 * finished. A `.stage-*` folder was never committed and is removed, as are stray temporary files.
 */
export function recoverRunDir(dir: string): void {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.startsWith(COMMIT_PREFIX)) applyCommit(dir, path);
    else if (name.startsWith(STAGE_PREFIX)) rmSync(path, { recursive: true, force: true });
    else if (name.startsWith('.') && name.endsWith('.part')) rmSync(path, { force: true });
  }
}

/** Idempotent: run again after a kill at any point, it ends in the same state. */
function applyCommit(dir: string, commitDir: string): void {
  let files: string[];
  try {
    files = JSON.parse(readFileSync(join(commitDir, MANIFEST), 'utf8')) as string[];
  } catch {
    rmSync(commitDir, { recursive: true, force: true }); // no manifest: the rename never happened whole
    return;
  }
  const staged = (f: string) => existsSync(join(commitDir, f));
  if (staged(KEY_FILE)) {
    rmSync(join(dir, KEY_FILE), { force: true });
    // The earlier run's outputs go before the new ones come in, not renamed over (replaceFile: why).
    // One still staged was not yet replaced; one no longer staged is already the new run's.
    for (const f of RUN_OUTPUTS) if (!files.includes(f) || staged(f)) rmSync(join(dir, f), { force: true });
    for (const f of files) if (f !== KEY_FILE && staged(f)) renameSync(join(commitDir, f), join(dir, f));
    renameSync(join(commitDir, KEY_FILE), join(dir, KEY_FILE));
  }
  rmSync(commitDir, { recursive: true, force: true });
}
