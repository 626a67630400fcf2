// Piscina entry point for batch replications (src/batch/pool.ts). The pool says which build its own
// thread runs: compiled (dist/, no tsx in the worker) or TypeScript (src/, through tsx, since worker
// threads do not inherit the main thread's module hooks).
import { workerData } from 'piscina';

const taskModule = workerData?.compiled === true
  ? await import('../dist/batch/task.js')
  : await import('tsx/esm/api').then(({ register }) => { register(); return import('../src/batch/task.ts'); });

export default taskModule.createTaskRunner();
