/**
 * Where an investment project is: latitude / longitude in GCJ-02 (the system Chinese maps draw in,
 * as enterprises.lat / lng). A location must lie in the county's plausible box; a pair that fits
 * once swapped says so (the usual slip). The box of 余杭区 (330110) is the one the service
 * directory uses (modules/service/directory/domain/coordinates.ts; modules do not import each other):
 * about 119.74–120.18 E, 30.25–30.55 N after the 2021 split, a little wider.
 */
export interface LatLng { lat: number; lng: number }
interface Box { minLat: number; maxLat: number; minLng: number; maxLng: number }

const COUNTY_BOXES: Record<string, Box> = {
  '330110': { minLat: 30.18, maxLat: 30.6, minLng: 119.65, maxLng: 120.3 },
};
const CHINA_BOX: Box = { minLat: 18, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 };

const inBox = (p: LatLng, b: Box) => p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng;

/** Why the point cannot be the project's location, in words for the form, or null when it can. */
export function projectLocationProblem(p: LatLng, countyCode: string): string | null {
  const box = COUNTY_BOXES[countyCode] ?? CHINA_BOX;
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) return '经纬度须为数字';
  if (inBox(p, box)) return null;
  if (inBox({ lat: p.lng, lng: p.lat }, box)) return '经度和纬度似乎填反了';
  return `位置（北纬 ${p.lat}，东经 ${p.lng}）不在本区范围内，请核对经纬度（GCJ-02 坐标）`;
}

/** 7 decimals (~1 cm): what is stored. */
export const roundLocation = (p: LatLng): LatLng => ({ lat: Math.round(p.lat * 1e7) / 1e7, lng: Math.round(p.lng * 1e7) / 1e7 });
