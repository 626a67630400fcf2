import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { point } from '@turf/helpers';
import type { Scenario } from '../scenario/types.js';

/** Zone membership of every node by point-in-polygon (a node on the boundary counts as inside). */
export function zoneMasks(s: Scenario, lon: Float64Array, lat: Float64Array): Int32Array {
  const mask = new Int32Array(lon.length);
  s.zones.forEach((z, bit) => {
    if (bit > 30) throw new Error('relaysim supports at most 31 zones');
    for (let i = 0; i < lon.length; i++) {
      if (booleanPointInPolygon(point([lon[i], lat[i]]), z.polygon)) mask[i] |= 1 << bit;
    }
  });
  return mask;
}
