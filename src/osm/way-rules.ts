/**
 * Which OSM ways a truck may use and in which direction, from their tags alone. The rules are the
 * README's "Importing OpenStreetMap" semantics; each one is here, once.
 */

export const DEFAULT_HIGHWAYS = [
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link',
] as const;

/** The way tags the importer reads; the PBF reader asks the parser for these only. */
export const WAY_KEYS = [
  'highway', 'access', 'motor_vehicle', 'hgv', 'oneway', 'junction', 'maxspeed', 'maxspeed:hgv', 'ref', 'name',
] as const;

export type Tags = Readonly<Record<string, string>>;

const DENIED = new Set(['no', 'private']);

/**
 * Trucks are kept off a way whose most specific access tag says no or private: `hgv` over
 * `motor_vehicle` over `access` (so `access=no` + `hgv=yes` is a truck road, as OSM means it).
 */
export function trucksDenied(tags: Tags): boolean {
  const rule = tags.hgv ?? tags.motor_vehicle ?? tags.access;
  return rule !== undefined && DENIED.has(rule.trim().toLowerCase());
}

/** 1: drawn direction only, -1: against it only, 0: both ways. */
export type Direction = 1 | -1 | 0;

/**
 * `oneway=yes|true|1` forward, `-1|reverse` backward, `no|false|0` both; without one of those
 * values, roundabouts (`junction=roundabout|circular`) and `highway=motorway` are one way forward.
 */
export function wayDirection(tags: Tags): Direction {
  const v = tags.oneway?.trim().toLowerCase();
  if (v === 'yes' || v === 'true' || v === '1') return 1;
  if (v === '-1' || v === 'reverse') return -1;
  if (v === 'no' || v === 'false' || v === '0') return 0;
  const junction = tags.junction?.trim().toLowerCase();
  if (junction === 'roundabout' || junction === 'circular' || tags.highway === 'motorway') return 1;
  return 0;
}

/** The road's label on an edge: its `ref` (G2, A8), else its name, else nothing. */
export function roadLabel(tags: Tags): string | undefined {
  const label = (tags.ref ?? tags.name)?.trim();
  return label ? label : undefined;
}
