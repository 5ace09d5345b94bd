import { sql } from 'kysely';
import type { Ctx } from '../../../core/context';
import { assertUsableCapability } from './capabilities';
import { currentIndex } from './nearest-cache';
import { requireLocation, resolveOrigin } from './origin';
import { toProviderSummary, withProviderSummary } from './providers.service';
import type { NearestQuery } from './schemas';

/**
 * 就近匹配: the nearest active providers of a capability (or any) to a request's enterprise, an
 * enterprise or a point, nearest first, with the great-circle distance in metres, from the
 * process's in-memory index (nearest-cache.ts); then one query for the rows to show, and how
 * often each was recommended to this enterprise before.
 */
export async function nearestProviders(ctx: Ctx, q: NearestQuery) {
  const origin = await resolveOrigin(ctx, q);
  const from = requireLocation(origin);
  if (q.capability) await assertUsableCapability(ctx.db, q.capability);
  const { version, index } = await currentIndex(ctx.db);
  const found = index.nearest(from, q.limit, q.capability ?? null, q.maxDistance);
  if (found.length === 0) return { origin: { ...from, label: origin.label, enterpriseId: origin.enterpriseId }, capability: q.capability ?? null, directoryVersion: version, providers: [] };
  const ids = found.map((f) => f.id);
  const rows = await withProviderSummary(ctx.db.selectFrom('service_providers as p'))
    .select(origin.enterpriseId
      ? sql<number>`(SELECT count(*)::int FROM service_recommendations rc WHERE rc.provider_id = p.id AND rc.enterprise_id = ${origin.enterpriseId})`.as('recommended_before')
      : sql<number>`0`.as('recommended_before'))
    .where('p.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    origin: { ...from, label: origin.label, enterpriseId: origin.enterpriseId },
    capability: q.capability ?? null,
    directoryVersion: version,
    providers: found.flatMap((f) => {
      const r = byId.get(f.id);
      // a provider deactivated since the index was read is left out rather than shown
      return r && r.status === 'active' ? [{ ...toProviderSummary(r), distanceM: Math.round(f.distanceM), recommendedBefore: r.recommended_before }] : [];
    }),
  };
}
