import { checkLatLng, COORDINATE_PROBLEM_TEXT, countyBox, type LatLng } from '../../../../core/reference/domain/coordinates';

export type { LatLng };

/**
 * Where an investment project is: latitude / longitude in GCJ-02 (the system Chinese maps draw in,
 * as enterprises.lat / lng), inside the county's plausible box (core/reference/domain/coordinates.ts,
 * the one the service directory checks providers against); a pair that fits once swapped says so.
 */
export function projectLocationProblem(p: LatLng, countyCode: string): string | null {
  const problem = checkLatLng(p, countyBox(countyCode));
  if (problem === null) return null;
  if (problem === 'outside_county') return `位置（北纬 ${p.lat}，东经 ${p.lng}）不在本区范围内，请核对经纬度（GCJ-02 坐标）`;
  return COORDINATE_PROBLEM_TEXT[problem].zh;
}

/** 7 decimals (~1 cm): what is stored. */
export const roundLocation = (p: LatLng): LatLng => ({ lat: Math.round(p.lat * 1e7) / 1e7, lng: Math.round(p.lng * 1e7) / 1e7 });
