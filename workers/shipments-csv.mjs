// Worker entry of the shipments.csv writer thread (src/metrics/shipments-csv-thread.ts). Like
// run-task.mjs: the main thread says whether this thread loads the compiled build or TypeScript via
// tsx. A failure to load is answered like a write error, so the main thread, which waits
// synchronously, hears of it.
import { workerData } from 'node:worker_threads';

try {
  const mod = workerData.compiled === true
    ? await import('../dist/metrics/shipments-csv-worker.js')
    : await import('tsx/esm/api').then(({ register }) => { register(); return import('../src/metrics/shipments-csv-worker.ts'); });
  mod.serveShipmentsCsv();
} catch (err) {
  workerData.back.postMessage({ error: { message: `shipments.csv writer thread: ${err?.message ?? err}`, stack: err?.stack, props: {} }, done: true });
  const sig = new Int32Array(workerData.signal);
  Atomics.add(sig, 0, 1);
  Atomics.notify(sig, 0);
}
