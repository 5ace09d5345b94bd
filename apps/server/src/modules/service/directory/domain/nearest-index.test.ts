import { describe, expect, it } from 'vitest';
import { NearestIndex, nearestByScan, type IndexedProvider } from './nearest-index';
import { distanceM } from './geo';

/** mulberry32: a seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CAPS = ['testing.materials', 'testing.emc', 'legal.ip', 'finance.loans', 'training'];

function randomProviders(n: number, seed: number, box = { lat: [30.2, 30.6], lng: [119.7, 120.3] }): IndexedProvider[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: `p${i}`,
    lat: box.lat[0]! + r() * (box.lat[1]! - box.lat[0]!),
    lng: box.lng[0]! + r() * (box.lng[1]! - box.lng[0]!),
    capabilities: CAPS.filter(() => r() < 0.3),
  }));
}

describe('NearestIndex against a brute-force scan', () => {
  it('finds the same nearest providers, in the same order, with the same distances (random data, with and without a capability)', () => {
    for (const seed of [1, 2, 3]) {
      const providers = randomProviders(5_000, seed);
      const index = new NearestIndex(providers);
      const r = rng(seed * 7919);
      for (let q = 0; q < 200; q++) {
        const from = { lat: 30.1 + r() * 0.6, lng: 119.6 + r() * 0.8 };
        const capability = [null, 'testing', 'testing.emc', 'legal', 'training', 'finance.loans'][q % 6]!;
        const k = 1 + (q % 12);
        const got = index.nearest(from, k, capability);
        const want = nearestByScan(providers, from, k, capability);
        expect(got.map((g) => g.distanceM)).toEqual(want.map((w) => expect.closeTo(w.distanceM, 6)));
        // ties aside, the same providers
        expect(new Set(got.map((g) => g.id))).toEqual(new Set(want.map((w) => w.id)));
      }
    }
  });

  it('is exact across a wide area (great circle, not planar): providers spread over China', () => {
    const providers = randomProviders(3_000, 11, { lat: [18, 53], lng: [74, 134] });
    const index = new NearestIndex(providers);
    const r = rng(5);
    for (let q = 0; q < 100; q++) {
      const from = { lat: 18 + r() * 35, lng: 74 + r() * 60 };
      expect(index.nearest(from, 10).map((n) => n.id)).toEqual(nearestByScan(providers, from, 10).map((n) => n.id));
    }
  });

  it('finds providers under a parent capability, honours a maximum distance, and answers nothing for an unknown capability or an empty directory', () => {
    const providers: IndexedProvider[] = [
      { id: 'lab', lat: 30.38, lng: 120.02, capabilities: ['testing.materials'] },
      { id: 'bank', lat: 30.381, lng: 120.021, capabilities: ['finance.loans'] },
      { id: 'far-lab', lat: 30.5, lng: 120.2, capabilities: ['testing.emc'] },
    ];
    const index = new NearestIndex(providers);
    const here = { lat: 30.3805, lng: 120.0205 };
    expect(index.nearest(here, 5, 'testing').map((n) => n.id)).toEqual(['lab', 'far-lab']);
    expect(index.nearest(here, 5, 'testing', 5_000).map((n) => n.id)).toEqual(['lab']);
    expect(index.nearest(here, 5, 'legal')).toEqual([]);
    expect(new NearestIndex([]).nearest(here, 5)).toEqual([]);
    expect(index.nearest(here, 1)[0]!.distanceM).toBeCloseTo(distanceM(here, providers[1]!), 6);
  });
});

describe('distanceM', () => {
  it('gives known great-circle distances', () => {
    // one degree of latitude on a 6,371 km sphere: 111,194.9 m
    expect(distanceM({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111_194.93, 1);
    expect(distanceM({ lat: 30, lng: 120 }, { lat: 30, lng: 120 })).toBe(0);
    // Beijing (39.9042, 116.4074) to Shanghai (31.2304, 121.4737): about 1,067 km
    expect(distanceM({ lat: 39.9042, lng: 116.4074 }, { lat: 31.2304, lng: 121.4737 }) / 1000).toBeCloseTo(1067.3, 0);
  });
});
