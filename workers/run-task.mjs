// Piscina entry point for batch replications (src/batch/pool.ts). Worker threads do not inherit the
// main thread's module hooks, so register tsx here before importing the TypeScript task module.
import { register } from 'tsx/esm/api';

register();
const { createTaskRunner } = await import('../src/batch/task.ts');

export default createTaskRunner();
