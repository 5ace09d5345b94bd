import KDBush from 'kdbush';
import { around } from 'geokdbush';
import { withAncestors } from './capability-code';
import { distanceM } from './geo';
import type { LatLng } from '../../../../core/reference/domain/coordinates';

export interface IndexedProvider extends LatLng {
  id: string;
  /** The capability codes of its services (ancestors are added by the index). */
  capabilities: readonly string[];
}

export interface Neighbour {
  id: string;
  distanceM: number;
}

interface Tree {
  kd: KDBush;
  ids: string[];
  points: Float64Array;
}

function buildTree(items: readonly IndexedProvider[]): Tree {
  const kd = new KDBush(Math.max(1, items.length), 64, Float64Array);
  const points = new Float64Array(items.length * 2);
  items.forEach((p, i) => {
    kd.add(p.lng, p.lat);
    points[2 * i] = p.lng;
    points[2 * i + 1] = p.lat;
  });
  if (items.length === 0) kd.add(0, 0); // kdbush needs one point; masked by ids.length below
  return { kd: kd.finish(), ids: items.map((p) => p.id), points };
}

/**
 * The nearest-provider index: static kd-trees (kdbush) searched with geokdbush's geodesic
 * k-nearest-neighbour walk (a priority queue over tree nodes ordered by the great-circle lower
 * bound to each node's box — exact on the sphere, no planar approximation). One tree for all
 * providers and one per capability code (a provider sits in the tree of each of its capabilities
 * and their ancestors), so that "the nearest 10 labs" never walks past thousands of banks.
 * Immutable: the directory builds a new one when its version changes.
 */
export class NearestIndex {
  private readonly all: Tree;
  private readonly byCapability = new Map<string, Tree>();
  readonly size: number;

  constructor(providers: readonly IndexedProvider[]) {
    this.size = providers.length;
    this.all = buildTree(providers);
    const groups = new Map<string, IndexedProvider[]>();
    for (const p of providers) {
      const codes = new Set(p.capabilities.flatMap(withAncestors));
      for (const c of codes) {
        let g = groups.get(c);
        if (!g) groups.set(c, (g = []));
        g.push(p);
      }
    }
    for (const [code, items] of groups) this.byCapability.set(code, buildTree(items));
  }

  /** The k nearest providers (with the capability, or any), nearest first, within maxDistanceM if given. */
  nearest(from: LatLng, k: number, capability?: string | null, maxDistanceM?: number): Neighbour[] {
    const tree = capability ? this.byCapability.get(capability) : this.all;
    if (!tree || tree.ids.length === 0 || k <= 0) return [];
    const found = around(tree.kd, from.lng, from.lat, k, maxDistanceM === undefined ? Infinity : maxDistanceM / 1000);
    return found.map((i) => ({
      id: tree.ids[i]!,
      distanceM: distanceM(from, { lng: tree.points[2 * i]!, lat: tree.points[2 * i + 1]! }),
    }));
  }
}

/** The reference the index is tested against: every provider, sorted by distance. */
export function nearestByScan(providers: readonly IndexedProvider[], from: LatLng, k: number, capability?: string | null): Neighbour[] {
  return providers
    .filter((p) => !capability || p.capabilities.some((c) => withAncestors(c).includes(capability)))
    .map((p) => ({ id: p.id, distanceM: distanceM(from, p) }))
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, k);
}
