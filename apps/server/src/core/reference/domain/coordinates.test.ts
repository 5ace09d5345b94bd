import { describe, expect, it } from 'vitest';
import { checkLatLng, countyBox, fromGcj02, toGcj02, type LatLng } from './coordinates';

/** Metres between two nearby points (equirectangular: exact enough over a few kilometres). */
const distanceM = (a: LatLng, b: LatLng) =>
  Math.hypot((b.lat - a.lat) * 111_195, (b.lng - a.lng) * 111_195 * Math.cos((a.lat * Math.PI) / 180));

const box = countyBox('330110');

describe('coordinate conversion into GCJ-02', () => {
  it('shifts a GPS (WGS-84) point in Hangzhou by the published GCJ-02 offset, a few hundred metres', () => {
    const gps = { lat: 30.38, lng: 120.02 };
    const gcj = toGcj02(gps, 'wgs84');
    const shift = distanceM(gps, gcj);
    expect(shift).toBeGreaterThan(300);
    expect(shift).toBeLessThan(700);
    // the well-known direction in eastern China: east of the GPS point and a little south
    expect(gcj.lng).toBeGreaterThan(gps.lng);
    expect(gcj.lat).toBeLessThan(gps.lat);
  });

  it('round-trips WGS-84 and BD-09 to within a metre, and leaves GCJ-02 as it is', () => {
    const p = { lat: 30.3776178, lng: 120.024743 };
    for (const sys of ['wgs84', 'bd09'] as const) expect(distanceM(toGcj02(fromGcj02(p, sys), sys), p)).toBeLessThan(1);
    expect(toGcj02(p, 'gcj02')).toEqual(p);
    // Baidu's BD-09 lies ~600-1,000 m off GCJ-02
    expect(distanceM(fromGcj02(p, 'bd09'), p)).toBeGreaterThan(500);
  });
});

describe('checkLatLng', () => {
  it('accepts a point in the county and names what is wrong with the others', () => {
    expect(checkLatLng({ lat: 30.38, lng: 120.02 }, box)).toBeNull();
    expect(checkLatLng({ lat: 120.02, lng: 30.38 }, box)).toBe('swapped');
    expect(checkLatLng({ lat: 95, lng: 120 }, box)).toBe('out_of_range');
    expect(checkLatLng({ lat: 39.9, lng: 116.4 }, box)).toBe('outside_county');
    expect(checkLatLng({ lat: Number.NaN, lng: 120 }, box)).toBe('not_a_number');
    expect(checkLatLng({ lat: '30.3', lng: 120 }, box)).toBe('not_a_number');
  });

  it('falls back to mainland China for a county without a box', () => {
    expect(checkLatLng({ lat: 39.9, lng: 116.4 }, countyBox('110101'))).toBeNull();
    expect(checkLatLng({ lat: 48.85, lng: 2.35 }, countyBox('110101'))).toBe('outside_county');
  });
});
