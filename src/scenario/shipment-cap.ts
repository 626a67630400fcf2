import { InputError } from './errors.js';
import type { Scenario } from './types.js';

/**
 * Default cap on the expected number of shipments of one run (sum over demand of loadsPerHour x
 * horizonMin / 60); `--max-shipments N` raises it. Above it a run takes hours and gigabytes, or a rate
 * so high that the gap between arrivals is lost in the clock's rounding and the clock stops.
 */
export const DEFAULT_MAX_SHIPMENTS = 5e7;
/** No cap may go beyond this: past ~1e15 shipments an inter-arrival gap falls below a double's resolution. */
export const HARD_MAX_SHIPMENTS = 1e12;

export function expectedShipments(s: Scenario): number {
  return s.demand.reduce((sum, d) => sum + (d.loadsPerHour * s.horizonMin) / 60, 0);
}

/** Refuses, before simulating, a scenario expected to create more than `max` shipments, naming the biggest stream. */
export function checkShipmentCap(s: Scenario, file: string, max = DEFAULT_MAX_SHIPMENTS): void {
  const total = expectedShipments(s);
  if (total <= max) return;
  let top = 0;
  s.demand.forEach((d, i) => { if (d.loadsPerHour > s.demand[top].loadsPerHour) top = i; });
  const d = s.demand[top];
  throw new InputError(file, `demand[${top}].loadsPerHour`,
    `stream ${JSON.stringify(d.id)} at ${d.loadsPerHour} loads/h over horizonMin ${s.horizonMin} gives ${fmt(total)} expected shipments in all, ` +
    `above the cap of ${fmt(max)} (raise it with --max-shipments N)`);
}

const fmt = (x: number) => (x >= 1e6 ? x.toExponential(2) : String(Math.round(x)));

/** Parses `--max-shipments`: an integer from 1 to HARD_MAX_SHIPMENTS. */
export function parseMaxShipments(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > HARD_MAX_SHIPMENTS) {
    throw new InputError('--max-shipments', '', `expected an integer from 1 to ${HARD_MAX_SHIPMENTS}, got ${JSON.stringify(text)}`);
  }
  return n;
}
