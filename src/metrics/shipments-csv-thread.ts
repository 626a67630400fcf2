import { closeSync, openSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ShipmentFields } from '../model/simulation.js';
import { replaceFile } from '../output/replace-file.js';
import { CHUNK_ROWS, packRow, ReasonCodes, ROW_SLOTS, STATUS_CODE, type ShipmentNames } from './shipments-csv.js';
import { SIG_ABORT, SIG_REPLIES, type Reply, type Request, type WriterData } from './shipments-csv-protocol.js';

const ENTRY = fileURLToPath(new URL('../../workers/shipments-csv.mjs', import.meta.url));
/** This module runs from dist/ (compiled) or src/ (TypeScript under tsx); the thread loads the same. */
const COMPILED = import.meta.url.endsWith('.js');
/** Chunks at the thread or on their way back: the rows held at once are at most this many chunks (~3 MB). */
const MAX_IN_FLIGHT = 4;
/** A thread that answers nothing for this long is taken for dead (it answers every chunk within milliseconds). */
const STALL_MS = 60_000;

export interface ShipmentsCsvThread {
  fields: ShipmentFields;
  commit(): void;
  abort(): void;
}

/**
 * shipments.csv formatted and written on a worker thread, so that on two cores the writing overlaps
 * the simulation: the main thread packs each row's numbers into a Float64Array chunk (ROW_SLOTS a row)
 * and hands over every CHUNK_ROWS rows; the thread formats them with the same formatRows as the
 * in-thread writer (the same bytes) and gives the chunk back for reuse. At most MAX_IN_FLIGHT chunks
 * exist (streaming: a 1e7 run holds ~3 MB of rows); when all are out the main thread waits for one.
 * The main thread owns the file: it opens FILE.part (an error there is thrown here, as in-thread) and,
 * on commit, waits for the thread to write everything, then closes and renames (as ByteWriter does: an
 * earlier FILE removed first); on abort it stops the thread, waits for it to stop writing and removes
 * FILE.part. The run is one synchronous loop, so the waits and the thread's answers go through a
 * SharedArrayBuffer (Atomics.wait) and receiveMessageOnPort, not the event loop. A write error on the
 * thread (a full disk) comes back as the same error and is thrown at the next chunk or at commit, which
 * aborts the run as it would in-thread.
 */
export function shipmentsCsvThread(file: string, names: ShipmentNames): ShipmentsCsvThread {
  const part = `${file}.part`;
  const fd = openSync(part, 'w');
  let worker: Worker;
  const channel = new MessageChannel();
  const signal = new SharedArrayBuffer(8);
  const sig = new Int32Array(signal);
  try {
    const data: WriterData = { compiled: COMPILED, fd, names: { streams: names.streams.map(({ id, from, to }) => ({ id, from, to })), stations: [...names.stations] }, signal, back: channel.port2 };
    worker = new Worker(ENTRY, { workerData: data, transferList: [channel.port2] });
  } catch (err) {
    closeSync(fd);
    rmSync(part, { force: true });
    throw err;
  }
  worker.unref();
  const back = channel.port1;
  const free: Float64Array[] = [];
  let chunks = 1, error: Error | undefined, done = false, closed = false;
  let rows: Float64Array = new Float64Array(CHUNK_ROWS * ROW_SLOTS), n = 0;
  const reasons = new ReasonCodes();

  const take = (m: Reply) => {
    if (m.rows) free.push(m.rows);
    if (m.error && !error) error = Object.assign(new Error(m.error.message), m.error.props, { stack: m.error.stack });
    if (m.done) done = true;
  };
  const drain = () => { for (let m = receiveMessageOnPort(back); m; m = receiveMessageOnPort(back)) take(m.message as Reply); };
  /** Waits until `ready()` (draining answers), or throws when the thread went quiet for STALL_MS. */
  const wait = (ready: () => boolean) => {
    for (;;) {
      const seen = Atomics.load(sig, SIG_REPLIES);
      drain();
      if (ready()) return;
      if (Atomics.wait(sig, SIG_REPLIES, seen, STALL_MS) === 'timed-out') throw new Error(`shipments.csv writer thread: no answer in ${STALL_MS / 1000} s`);
    }
  };
  const send = (end: boolean, abort = false) => {
    const req: Request = { rows: n > 0 ? rows : undefined, n, reasons: reasons.fresh, end, abort };
    worker.postMessage(req, n > 0 ? [rows.buffer as ArrayBuffer] : []);
    reasons.fresh = [];
    n = 0;
    if (end) return;
    drain();
    if (error) throw error;
    if (free.length === 0 && chunks >= MAX_IN_FLIGHT) wait(() => free.length > 0 || error !== undefined);
    if (error) throw error;
    if (free.length > 0) rows = free.pop()!;
    else { rows = new Float64Array(CHUNK_ROWS * ROW_SLOTS); chunks++; }
  };
  /** Ends the thread (writing the rest unless aborting) and waits until it writes no more. */
  const finish = (abort: boolean) => {
    if (abort) Atomics.store(sig, SIG_ABORT, 1);
    send(true, abort);
    wait(() => done);
  };
  const close = () => {
    if (closed) return;
    closed = true;
    try { closeSync(fd); } catch { /* already closed */ }
  };

  return {
    fields: (id, stream, bits, station, status, reason, createdMin, t) => {
      packRow(rows, n * ROW_SLOTS, id, stream, bits, station, STATUS_CODE[status], reasons.code(reason), createdMin, t);
      if (++n === CHUNK_ROWS) send(false);
    },
    commit() {
      if (closed) return;
      finish(false);
      if (error) throw error;
      close();
      replaceFile(part, file);
    },
    abort() {
      if (closed) return;
      try {
        if (!done) finish(true);
      } catch {
        // A thread that does not answer: stop it before the file goes.
        void worker.terminate();
      } finally {
        close();
        rmSync(part, { force: true });
      }
    },
  };
}
