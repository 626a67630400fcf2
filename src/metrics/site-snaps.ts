import type { Scenario } from '../scenario/types.js';

/**
 * summary.json with `snaps` (sites given by position, each with its node and distance) when the
 * scenario has any; a scenario of node ids only gets its summary unchanged, byte for byte.
 */
export function withSiteSnaps<T extends object>(summary: T, scenario: Scenario): T & { snaps?: Scenario['snaps'] } {
  return scenario.snaps && scenario.snaps.length > 0 ? { ...summary, snaps: scenario.snaps } : summary;
}
