import { edgeLengthKm, edgeMinutes } from '../network/build.js';
import { InputError } from './errors.js';
import type { Scenario } from './types.js';

/**
 * Numbers the model derives from the scenario must be finite too, not only the ones typed in it:
 * each edge's km (from the file, or from its end points) and its travel time km / speed. A tiny speed
 * (5e-324) passes as "a number > 0" yet gives an infinite time; a huge km gives Infinity.
 */
export function checkDerivedNumbers(s: Scenario, file: string): void {
  // End points only for edges without a km (a million-edge network that gives every km needs none).
  let at: Map<string, [number, number]> | undefined;
  const ends = (id: string) => (at ??= new Map(s.network.nodes.map((n) => [n.id, [n.lon, n.lat] as [number, number]]))).get(id)!;
  s.network.edges.forEach((e, i) => {
    const km = e.km ?? edgeLengthKm(e, ends(e.from), ends(e.to), s.network.detourFactor);
    if (!(Number.isFinite(km) && km > 0)) {
      throw new InputError(file, `network.edges[${i}].km`, `the edge's length is ${km} km; expected a finite length > 0`);
    }
    const minutes = edgeMinutes(km, e.speedKmh);
    if (!(Number.isFinite(minutes) && minutes > 0)) {
      throw new InputError(file, `network.edges[${i}].speedKmh`, `gives a travel time of ${minutes} min over ${km} km; expected a finite time > 0`);
    }
  });
}
