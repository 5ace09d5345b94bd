import { AppError } from '../../../http/app-error';
import { checkLatLng, COORDINATE_PROBLEM_TEXT, countyBox, toGcj02, type CoordinateSystem, type LatLng } from '../../../core/reference/domain/coordinates';

/**
 * A location as a user entered it, converted into GCJ-02 and checked against the county's
 * plausible box (after conversion); a bad one is a 400 that says what is wrong, on `field`.
 */
export function gcj02Location(input: { lat: number; lng: number; system: CoordinateSystem }, countyCode: string, field = 'location'): LatLng {
  const box = countyBox(countyCode);
  const raw = checkLatLng(input, { minLat: -90, maxLat: 90, minLng: -180, maxLng: 180 });
  const p = raw ? null : toGcj02(input, input.system);
  const problem = raw ?? checkLatLng(p!, box);
  if (problem) {
    const text = COORDINATE_PROBLEM_TEXT[problem];
    throw new AppError('DIRECTORY_LOCATION_INVALID', { [field]: text.zh }, {
      zh: `位置有误（纬度 ${input.lat}，经度 ${input.lng}）：${text.zh}`, en: `The location (lat ${input.lat}, lng ${input.lng}) is not valid: ${text.en}`,
    });
  }
  return p!;
}
