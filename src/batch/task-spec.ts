import type { Summary } from '../metrics/summary.js';
import type { ScenarioContent } from './scenario-content.js';

/**
 * What identifies one replication anywhere (a worker thread, another machine, a queue): the scenario by
 * the hash of its content (scenario-content.ts), the `--set PATH=VALUE` overrides applied before
 * validation, and the seed. Plain data, so it crosses threads and processes as JSON.
 */
export interface TaskSpec {
  scenarioHash: string;
  sets: string[];
  seed: number;
}

/** A task with the scenario content it names: all a runner needs, with no file read where it runs. */
export interface Task extends TaskSpec {
  content: ScenarioContent;
}

export type TaskOutcome = { ok: true; summary: Summary } | { ok: false; error: string };
