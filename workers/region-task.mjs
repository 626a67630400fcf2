// Piscina entry point for one region of a run split across threads (src/partition/region-handles.ts).
// Like run-task.mjs: the pool says whether this thread loads the compiled build or TypeScript via tsx.
import { workerData } from 'piscina';

const mod = workerData?.compiled === true
  ? await import('../dist/partition/region-handles.js')
  : await import('tsx/esm/api').then(({ register }) => { register(); return import('../src/partition/region-handles.ts'); });

export default mod.serveRegion;
// Set-up that runs on the pool's threads before the regions start (run-partitioned.ts).
export const landmarks = mod.landmarksTask;
export const topology = mod.topologyTask;
