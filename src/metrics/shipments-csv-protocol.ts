import type { MessagePort } from 'node:worker_threads';
import type { ShipmentNames } from './shipments-csv.js';

// What the main thread and the shipments.csv writer thread say to each other (shipments-csv-thread.ts,
// shipments-csv-worker.ts). Rows travel packed (packRow in shipments-csv.ts), CHUNK_ROWS a message.

/** Int32 slots of the shared signal: answers posted so far (the main thread waits on it), and the abort flag. */
export const SIG_REPLIES = 0, SIG_ABORT = 1;

export interface WriterData {
  compiled: boolean;
  /** FILE.part, opened (empty) by the main thread; the thread writes everything in it, header first. */
  fd: number;
  names: ShipmentNames;
  signal: SharedArrayBuffer;
  /** Where answers go (the main thread reads them with receiveMessageOnPort). */
  back: MessagePort;
}

/** Main thread to writer: `n` rows (none when only ending), the reasons first used in them, in code order. */
export interface Request { rows?: Float64Array; n: number; reasons: string[]; end: boolean; abort: boolean }

/** Writer to main thread: a chunk back for reuse, the first error (as its message, stack and fields), or that it has stopped writing. */
export interface Reply { rows?: Float64Array; error?: { message: string; stack?: string; props: Record<string, unknown> }; done?: boolean }

/** An error as a message can carry it: an fs error's code, errno, syscall and path are kept. */
export function plainError(err: unknown): NonNullable<Reply['error']> {
  if (!(err instanceof Error)) return { message: String(err), props: {} };
  const props: Record<string, unknown> = {};
  for (const k of ['code', 'errno', 'syscall', 'path'] as const) if ((err as unknown as Record<string, unknown>)[k] !== undefined) props[k] = (err as unknown as Record<string, unknown>)[k];
  return { message: err.message, stack: err.stack, props };
}
