import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { greatCircleKm } from '../osm/great-circle.js';

/**
 * Nearest network node to a position, by great-circle distance, over a static k-d tree (kdbush) that
 * geokdbush searches on the sphere: a query costs O(log N), so thousands of sites on a 1e6-node
 * network snap in well under a second.
 */
export class NodeSnapper {
  private readonly index: KDBush;

  constructor(private readonly lon: ArrayLike<number>, private readonly lat: ArrayLike<number>) {
    this.index = new KDBush(Math.max(lon.length, 1), 64, Float64Array);
    for (let i = 0; i < lon.length; i++) this.index.add(lon[i], lat[i]);
    this.index.finish();
  }

  /** The nearest node within `maxKm` (index and km), or the nearest at all with how far it is. */
  nearest(lon: number, lat: number, maxKm: number): { index: number; km: number; within: boolean } | undefined {
    if (this.lon.length === 0) return undefined;
    // geokdbush's Earth radius (6371 km) is 9 m shorter than turf's: search a little wider, then
    // judge by the same great-circle km the rest of relaysim uses.
    const near = around(this.index, lon, lat, 1, maxKm * 1.001);
    const i = near.length > 0 ? near[0] : around(this.index, lon, lat, 1)[0];
    const km = greatCircleKm(lon, lat, this.lon[i], this.lat[i]);
    return { index: i, km, within: km <= maxKm };
  }
}
