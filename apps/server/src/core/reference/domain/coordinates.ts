import gcoord from 'gcoord';

/**
 * Coordinates are stored in GCJ-02 (国测局坐标, "Mars coordinates"), the system every map licensed
 * in China (AMap/高德, Tencent) draws in. GPS devices give WGS-84; Baidu maps give BD-09. Inputs in
 * those two are converted with gcoord (the published GCJ-02 obfuscation formula — the
 * Krasovsky-1940 ellipsoid offset from the leaked eviltransform/coordtransform code — and Baidu's
 * BD-09 rotation on top of it; docs/service/DIRECTORY.md). Outside China GCJ-02 equals WGS-84.
 */
export const COORDINATE_SYSTEMS = ['gcj02', 'wgs84', 'bd09'] as const;
export type CoordinateSystem = (typeof COORDINATE_SYSTEMS)[number];

export interface LatLng {
  lat: number;
  lng: number;
}

const CRS = { gcj02: gcoord.GCJ02, wgs84: gcoord.WGS84, bd09: gcoord.BD09 } as const;

/** Rounds to 7 decimals (~1 cm): what is stored and compared. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** The point in GCJ-02. Assumes finite, in-range input (checkLatLng first). */
export function toGcj02(p: LatLng, from: CoordinateSystem): LatLng {
  if (from === 'gcj02') return { lat: round7(p.lat), lng: round7(p.lng) };
  const [lng, lat] = gcoord.transform([p.lng, p.lat], CRS[from], gcoord.GCJ02) as [number, number];
  return { lat: round7(lat), lng: round7(lng) };
}

/** From GCJ-02 into another system (exports for GPS devices or Baidu maps). */
export function fromGcj02(p: LatLng, to: CoordinateSystem): LatLng {
  if (to === 'gcj02') return p;
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.GCJ02, CRS[to]) as [number, number];
  return { lat: round7(lat), lng: round7(lng) };
}

/** A rectangle in which the county's places plausibly lie (GCJ-02). */
export interface Box {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

/**
 * The plausible box of each county the platform knows (a little wider than its boundary, so that a
 * provider just across the line still counts). Others fall back to mainland China's box.
 * 余杭区 (330110) after the 2021 split: about 119.74–120.18 E, 30.25–30.55 N.
 */
export const COUNTY_BOXES: Record<string, Box> = {
  '330110': { minLat: 30.18, maxLat: 30.6, minLng: 119.65, maxLng: 120.3 },
};
export const CHINA_BOX: Box = { minLat: 18, maxLat: 53.6, minLng: 73.5, maxLng: 135.1 };

export const countyBox = (countyCode: string): Box => COUNTY_BOXES[countyCode] ?? CHINA_BOX;

export const inBox = (p: LatLng, b: Box) => p.lat >= b.minLat && p.lat <= b.maxLat && p.lng >= b.minLng && p.lng <= b.maxLng;

export type CoordinateProblem = 'not_a_number' | 'out_of_range' | 'swapped' | 'outside_county';

/**
 * Why a pair of numbers is not a usable location in the county, or null when it is. A pair that
 * fits once swapped (lat ↔ lng, the most common slip in a spreadsheet) says so.
 */
export function checkLatLng(p: { lat: unknown; lng: unknown }, box: Box): CoordinateProblem | null {
  const lat = p.lat;
  const lng = p.lng;
  if (typeof lat !== 'number' || typeof lng !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lng)) return 'not_a_number';
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return inBox({ lat: lng, lng: lat }, box) ? 'swapped' : 'out_of_range';
  if (!inBox({ lat, lng }, box)) return inBox({ lat: lng, lng: lat }, box) ? 'swapped' : 'outside_county';
  return null;
}

export const COORDINATE_PROBLEM_TEXT: Record<CoordinateProblem, { zh: string; en: string }> = {
  not_a_number: { zh: '经纬度须为数字', en: 'Latitude and longitude must be numbers' },
  out_of_range: { zh: '纬度须在 -90 至 90 之间、经度须在 -180 至 180 之间', en: 'Latitude must lie within -90..90 and longitude within -180..180' },
  swapped: { zh: '经度和纬度似乎填反了', en: 'Latitude and longitude seem to be swapped' },
  outside_county: { zh: '位置不在本区县范围内，请核对经纬度和坐标系', en: 'The location lies outside the county; check the numbers and the coordinate system' },
};
