/** Mean Earth radius in km, the value @turf/distance uses, so imported km agree with the loader's. */
const EARTH_KM = 6371.0088;
const RAD = Math.PI / 180;

/** Great-circle (haversine) distance in km between two lon/lat points. */
export function greatCircleKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD, dLon = (lon2 - lon1) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
}
