import { createHash } from 'node:crypto';
import { Simulation } from '../model/simulation.js';
import { buildNetwork, type Network } from '../network/build.js';
import { createRouter, type Router } from '../network/router.js';
import type { Scenario } from '../scenario/types.js';
import { validateContent } from './scenario-content.js';
import type { Task, TaskOutcome } from './task-spec.js';

export type { Task, TaskOutcome, TaskSpec } from './task-spec.js';

/** Validated scenarios kept per (scenario hash, sets): a batch runs many replications of few grid points. */
const SCENARIOS = 16;
/** Networks with their routers (landmarks) kept per network content: few, and large. */
const NETWORKS = 4;

/**
 * The one task runner, used on worker threads (workers/run-task.mjs) and in the calling thread alike.
 * It keeps validated scenarios by (scenario content hash, sets), and networks with their landmarks by
 * the hash of what the network is built from (nodes, edges, detour factor, zone polygons): tasks that
 * differ only in what does not change the network (stations, demand, closures, seeds) share one, so
 * placement and sweeps build each network and its landmarks once per thread. Reuse does not change
 * results: a Simulation owns all its mutable state.
 */
export function createTaskRunner(): (task: Task) => TaskOutcome {
  const scenarios = new Lru<{ scenario: Scenario; networkHash: string }>(SCENARIOS);
  const networks = new Lru<{ network: Network; router: Router }>(NETWORKS);
  return (task) => {
    try {
      const key = JSON.stringify([task.scenarioHash, task.sets]);
      let s = scenarios.get(key);
      if (!s) {
        const scenario = validateContent(task.content, task.sets);
        s = scenarios.set(key, { scenario, networkHash: networkHash(scenario) });
      }
      let n = networks.get(s.networkHash);
      if (!n) {
        const network = buildNetwork(s.scenario);
        n = networks.set(s.networkHash, { network, router: createRouter(network) });
      }
      return { ok: true, summary: new Simulation(s.scenario, { seed: task.seed, ...n, clock: () => performance.now() }).run().summary };
    } catch (err) {
      return { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  };
}

/** Hash of everything buildNetwork reads: two scenarios with the same one get the same network. */
export function networkHash(s: Scenario): string {
  return createHash('sha256').update(JSON.stringify([s.network, s.zones.map((z) => z.polygon)])).digest('hex');
}

/** A small map that forgets its least recently used entry. */
class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly size: number) {}

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v); }
    return v;
  }

  set(key: string, v: V): V {
    if (this.map.size >= this.size) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, v);
    return v;
  }
}
