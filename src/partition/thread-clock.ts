import { readFileSync } from 'node:fs';

/**
 * This thread's CPU time, and its time runnable but waiting for a core, in ms (Linux's
 * /proc/thread-self/schedstat; null elsewhere). For the split run's report only: on a machine shared
 * with other work the wall time of a region's events says little, its CPU time much more, and the
 * run-queue wait says how much the threads were kept from running. Never read by the model.
 */
export function threadTimes(): { cpuMs: number; queuedMs: number } | null {
  try {
    const [run, wait] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ').map(Number);
    return Number.isFinite(run) && Number.isFinite(wait) ? { cpuMs: run / 1e6, queuedMs: wait / 1e6 } : null;
  } catch {
    return null;
  }
}

/** The CPU and run-queue ms since `from` (null when either reading failed). */
export function threadTimesSince(from: ReturnType<typeof threadTimes>): { cpuMs: number; queuedMs: number } | null {
  const now = threadTimes();
  return from && now ? { cpuMs: now.cpuMs - from.cpuMs, queuedMs: now.queuedMs - from.queuedMs } : null;
}
