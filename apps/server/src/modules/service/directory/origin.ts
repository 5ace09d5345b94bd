import { AppError } from '../../../http/app-error';
import { enterpriseInScope } from '../../../core/identity/scope';
import type { Ctx, Tx } from '../../../core/context';
import { requestInScope, serviceView } from '../service-actor';

export interface Origin {
  lat: number | null;
  lng: number | null;
  label: string;
  enterpriseId: string | null;
  requestId: string | null;
}

/** A request the actor may see, with its enterprise (404 otherwise). */
export async function visibleRequestEnterprise(ctx: Ctx, requestId: string, tx: Tx = ctx.db) {
  if (!serviceView(ctx.actor)) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
  const r = await tx.selectFrom('service_requests as r')
    .leftJoin('enterprises as e', 'e.id', 'r.enterprise_id')
    .select(['r.id', 'r.number', 'r.enterprise_id', 'e.name as enterprise_name', 'e.lat', 'e.lng'])
    .where('r.id', '=', requestId).where(requestInScope(ctx.actor)).executeTakeFirst();
  if (!r) throw new AppError('SERVICE_REQUEST_NOT_FOUND');
  return r;
}

/** An enterprise in the actor's scope (404 otherwise). */
export async function visibleEnterprise(ctx: Ctx, enterpriseId: string, tx: Tx = ctx.db) {
  const e = await tx.selectFrom('enterprises as e').select(['e.id', 'e.name', 'e.lat', 'e.lng', 'e.division_code', 'e.park_id'])
    .where('e.id', '=', enterpriseId).where(enterpriseInScope(ctx.actor)).executeTakeFirst();
  if (!e) throw new AppError('ENTERPRISE_NOT_FOUND');
  return e;
}

/** Where a search starts: a request's enterprise, an enterprise, or a point — exactly one. */
export async function resolveOrigin(ctx: Ctx, q: { requestId?: string; enterpriseId?: string; lat?: number; lng?: number }): Promise<Origin> {
  const point = q.lat !== undefined || q.lng !== undefined;
  if ([q.requestId !== undefined, q.enterpriseId !== undefined, point].filter(Boolean).length !== 1 || (point && (q.lat === undefined || q.lng === undefined))) {
    throw new AppError('DIRECTORY_ORIGIN_REQUIRED');
  }
  if (q.requestId) {
    const r = await visibleRequestEnterprise(ctx, q.requestId);
    if (!r.enterprise_id) {
      throw new AppError('DIRECTORY_ORIGIN_WITHOUT_LOCATION', undefined, {
        zh: `诉求 ${r.number} 来自未登记的单位，没有位置；请按企业或经纬度查找`, en: `Request ${r.number} comes from an unregistered organisation with no location; search from an enterprise or a point`,
      });
    }
    return { lat: r.lat, lng: r.lng, label: r.enterprise_name ?? '', enterpriseId: r.enterprise_id, requestId: r.id };
  }
  if (q.enterpriseId) {
    const e = await visibleEnterprise(ctx, q.enterpriseId);
    return { lat: e.lat, lng: e.lng, label: e.name, enterpriseId: e.id, requestId: null };
  }
  return { lat: q.lat!, lng: q.lng!, label: '', enterpriseId: null, requestId: null };
}

export function requireLocation(o: Origin): { lat: number; lng: number } {
  if (o.lat === null || o.lng === null) {
    throw new AppError('DIRECTORY_ORIGIN_WITHOUT_LOCATION', undefined, {
      zh: `企业“${o.label}”尚未登记位置，请先在企业档案的“服务资源”页登记经纬度`, en: `The enterprise "${o.label}" has no location yet; enter it on the file's Resources tab first`,
    });
  }
  return { lat: o.lat, lng: o.lng };
}
