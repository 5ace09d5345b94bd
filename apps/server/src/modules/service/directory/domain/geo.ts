import type { LatLng } from '../../../../core/reference/domain/coordinates';

/** The mean Earth radius geokdbush uses (km → m), so that index order and reported distances agree. */
export const EARTH_RADIUS_M = 6_371_000;

const rad = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLng, b: LatLng): number {
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
