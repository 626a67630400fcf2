import { parentPort, workerData } from 'node:worker_threads';
import { ByteSink } from './byte-writer.js';
import { formatRows, RowRuns, SHIPMENTS_CSV_HEADER } from './shipments-csv.js';
import { plainError, SIG_ABORT, SIG_REPLIES, type Reply, type Request, type WriterData } from './shipments-csv-protocol.js';

/**
 * The shipments.csv writer thread (started by shipments-csv-thread.ts through workers/shipments-csv.mjs):
 * formats each chunk of packed rows into its byte buffer, writes to the main thread's descriptor,
 * and gives the chunk back. After an error or an abort it writes nothing more but still gives chunks
 * back and answers the end, so the main thread never waits for nothing.
 */
export function serveShipmentsCsv(): void {
  const { fd, names, signal, back } = workerData as WriterData;
  const sig = new Int32Array(signal);
  const sink = new ByteSink(fd);
  const runs = new RowRuns(names);
  let failed = false;
  const reply = (m: Reply, transfer: ArrayBuffer[] = []) => {
    back.postMessage(m, transfer);
    // After the post: a main thread that saw the old count and found no message waits for this one.
    Atomics.add(sig, SIG_REPLIES, 1);
    Atomics.notify(sig, SIG_REPLIES);
  };
  const guard = (write: () => void) => {
    if (failed || Atomics.load(sig, SIG_ABORT) !== 0) return;
    try { write(); } catch (err) { failed = true; reply({ error: plainError(err) }); }
  };
  guard(() => sink.bytes(SHIPMENTS_CSV_HEADER));
  parentPort!.on('message', (m: Request) => {
    for (const r of m.reasons) runs.reasons.push(r);
    if (m.rows) {
      const rows = m.rows;
      guard(() => formatRows(sink, runs, rows, m.n));
      reply({ rows }, [rows.buffer as ArrayBuffer]);
    }
    if (m.end) {
      if (!m.abort) guard(() => sink.flush());
      reply({ done: true });
      parentPort!.close();
      back.close();
    }
  });
}
