/**
 * OSM `maxspeed` values to km/h: numbers (km/h unless `mph` or `knots` follows), implicit zone values
 * (`CN:motorway`, `DE:urban`, `GB:nsl_single`), `walk`; several values (`50;70`) give the lowest.
 * Returns undefined where the tag says nothing usable (`none`, `signals`, `variable`, typos): the caller
 * then uses its truck speed table.
 */
export function parseMaxspeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  let best: number | undefined;
  for (const part of value.split(';')) {
    const v = parseOne(part.trim().toLowerCase());
    if (v !== undefined && (best === undefined || v < best)) best = v;
  }
  return best;
}

const MPH = 1.609344, KNOT = 1.852;

// Implicit limits by zone (wiki "Default speed limits"), for the zone values in use in the project's
// regions and the most common others. A country not listed falls back on the zone's usual value.
const ZONES: Record<string, number> = {
  'cn:motorway': 120, 'cn:expressway': 120, 'cn:trunk': 100, 'cn:urban': 50, 'cn:rural': 70, 'cn:living_street': 20,
  'de:motorway': 130, 'de:urban': 50, 'de:rural': 100, 'de:living_street': 7,
  'fr:motorway': 130, 'fr:urban': 50, 'fr:rural': 80, 'fr:trunk': 110,
  'it:motorway': 130, 'it:urban': 50, 'it:rural': 90, 'it:trunk': 110,
  'es:motorway': 120, 'es:urban': 50, 'es:rural': 90, 'es:trunk': 100,
  'ru:motorway': 110, 'ru:urban': 60, 'ru:rural': 90, 'ru:living_street': 20,
  'gb:motorway': 70 * MPH, 'gb:nsl_dual': 70 * MPH, 'gb:nsl_single': 60 * MPH, 'gb:nsl_restricted': 30 * MPH,
  'us:urban': 25 * MPH,
};
const ZONE_KINDS: Record<string, number> = {
  motorway: 120, expressway: 120, trunk: 100, rural: 90, urban: 50, zone30: 30, zone20: 20, living_street: 20, walk: 6,
};

function parseOne(text: string): number | undefined {
  if (text === '' ) return undefined;
  if (text === 'walk') return 6;
  const zone = /^([a-z]{2}(?:-[a-z0-9]+)?):([a-z_0-9]+)$/.exec(text);
  if (zone) return ZONES[`${zone[1].slice(0, 2)}:${zone[2]}`] ?? ZONE_KINDS[zone[2]];
  const m = /^(\d+(?:\.\d+)?)\s*(km\/h|kmh|kph|mph|knots)?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2] === 'mph' ? n * MPH : m[2] === 'knots' ? n * KNOT : n;
}
