import { readFileSync } from 'node:fs';
import { InputError } from '../scenario/errors.js';

/**
 * Free-flow truck speed (km/h) by `highway` class: the speed an edge gets where `maxspeed` is missing,
 * and the cap where it is higher (a 120 km/h motorway is still a 90 km/h road for a loaded truck).
 * Figures: heavy-goods limits and typical laden speeds on Chinese expressways and national roads.
 */
export const TRUCK_SPEEDS: Readonly<Record<string, number>> = {
  motorway: 90, motorway_link: 50,
  trunk: 75, trunk_link: 45,
  primary: 60, primary_link: 40,
  secondary: 50, secondary_link: 35,
  tertiary: 40, tertiary_link: 30,
  unclassified: 30, residential: 25, living_street: 10, service: 15, road: 30,
};

/** `--speeds FILE`: a JSON object `{ "motorway": 80, ... }` laid over the default table. */
export function readSpeedTable(file: string | undefined): Record<string, number> {
  const table: Record<string, number> = { ...TRUCK_SPEEDS };
  if (file === undefined) return table;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new InputError(file, '', e.code ? `cannot read speed table (${e.code})` : `invalid JSON: ${e.message}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(file, '', 'expected a JSON object of highway class -> truck km/h, e.g. {"motorway": 80}');
  }
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
      throw new InputError(file, key, `expected a speed in km/h > 0, got ${JSON.stringify(value)}`);
    }
    table[key] = value;
  }
  return table;
}
