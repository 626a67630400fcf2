import { renameSync, rmSync } from 'node:fs';

/**
 * Renames `from` to `to`, removing an earlier `to` first rather than renaming over it. Not atomic, and
 * it need not be for outputs that are whole or absent: between the two steps `to` is absent. Why:
 * ext4 (its auto_da_alloc default) takes a rename over an existing file for "replace the contents"
 * and starts writing the new file to disk at once, in the renaming process: for the 88 MB
 * shipments.csv of a 1e6-shipment run that is ~10 ms there and the whole file on disk. Under a new
 * name the file waits for the kernel's periodic writeback like any other, and one replaced again
 * within its 30 s (a planner re-running into the same folder) never reaches the disk at all. Nothing
 * here is synced either way: a power cut may lose the latest outputs, as it may lose a first run's.
 */
export function replaceFile(from: string, to: string): void {
  rmSync(to, { force: true });
  renameSync(from, to);
}
