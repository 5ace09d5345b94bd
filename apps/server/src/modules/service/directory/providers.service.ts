import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { AppError } from '../../../http/app-error';
import { recordAudit } from '../../../core/audit/audit';
import { maskPhone } from '../../../core/privacy/mask';
import { countRows } from '../../../db/count-rows';
import type { Ctx, Tx } from '../../../core/context';
import { bumpDirectoryVersion } from './directory-version';
import { assertUsableCapability } from './capabilities';
import { gcj02Location } from './location-input';
import type { ProviderDetail, ProviderInput, ProviderListQuery, ProviderUpdate } from './schemas';

const fromProviders = (db: Tx) => db.selectFrom('service_providers as p');
type ProviderQuery = ReturnType<typeof fromProviders>;

/** The columns of a provider's summary (list, nearest), its capabilities by name. */
export function withProviderSummary(qb: ProviderQuery) {
  return qb.select([
    'p.id', 'p.name', 'p.kind', 'p.address', 'p.division_code', 'p.lat', 'p.lng', 'p.contact_name', 'p.contact_phone', 'p.opening_hours', 'p.status', 'p.updated_at',
    sql<{ code: string; name: string }[]>`coalesce((SELECT json_agg(json_build_object('code', c.code, 'name', c.name) ORDER BY c.sort_order, c.code)
      FROM service_capabilities c WHERE c.code IN (SELECT s.capability_code FROM service_provider_services s WHERE s.provider_id = p.id)), '[]'::json)`.as('capabilities'),
  ]);
}

type SummaryRow = {
  id: string; name: string; kind: ProviderDetail['kind']; address: string; division_code: string | null; lat: number; lng: number;
  contact_name: string; contact_phone: string; opening_hours: string; status: 'active' | 'inactive'; updated_at: Date; capabilities: { code: string; name: string }[];
};

export const toProviderSummary = (r: SummaryRow) => ({
  id: r.id, name: r.name, kind: r.kind, address: r.address, divisionCode: r.division_code, lat: r.lat, lng: r.lng,
  contactName: r.contact_name, contactPhone: maskPhone(r.contact_phone), openingHours: r.opening_hours, status: r.status, updatedAt: r.updated_at,
  capabilities: r.capabilities,
});

function filtered(db: Tx, q: Omit<ProviderListQuery, 'page' | 'pageSize'>): ProviderQuery {
  let qb = fromProviders(db);
  if (q.q) qb = qb.where((eb) => eb.or([eb('p.name', 'like', `%${q.q}%`), eb('p.address', 'like', `%${q.q}%`)]));
  if (q.kind) qb = qb.where('p.kind', '=', q.kind);
  if (q.status) qb = qb.where('p.status', '=', q.status);
  if (q.divisionCode) qb = qb.where('p.division_code', 'like', `${q.divisionCode}%`);
  if (q.capability) {
    const code = q.capability;
    qb = qb.where(sql<boolean>`EXISTS (SELECT 1 FROM service_provider_services s WHERE s.provider_id = p.id AND (s.capability_code = ${code} OR s.capability_code LIKE ${`${code}.%`}))`);
  }
  return qb;
}

/** The directory is the county's: anyone with service.directory.read sees all of it (no scope). */
export async function listProviders(db: Kysely<DB>, q: ProviderListQuery) {
  const base = filtered(db, q);
  const col = q.sort === 'name' ? 'p.name' : 'p.updated_at';
  const [rows, count] = await Promise.all([
    withProviderSummary(base).orderBy(col, q.order).orderBy('p.id', q.order).limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    countRows(db, base.select('p.id')),
  ]);
  return { items: rows.map(toProviderSummary), total: count.total, totalEstimated: count.totalEstimated };
}

/** Every provider the filters match, for the export (with their services). */
export async function providersForExport(db: Tx, q: Omit<ProviderListQuery, 'page' | 'pageSize'>) {
  const rows = await filtered(db, q).selectAll('p').orderBy('p.name').orderBy('p.id').execute();
  const services = rows.length
    ? await db.selectFrom('service_provider_services').selectAll().where('provider_id', 'in', rows.map((r) => r.id)).orderBy('provider_id').orderBy('position').execute()
    : [];
  const byProvider = new Map<string, typeof services>();
  for (const s of services) byProvider.set(s.provider_id, [...(byProvider.get(s.provider_id) ?? []), s]);
  return rows.map((r) => ({ ...r, services: byProvider.get(r.id) ?? [] }));
}

export async function getProvider(ctx: Ctx, id: string): Promise<ProviderDetail> {
  const row = await withProviderSummary(fromProviders(ctx.db))
    .select(['p.description', 'p.enterprise_id', 'p.website', 'p.email', 'p.version'])
    .select(sql<string | null>`(SELECT e.name FROM enterprises e WHERE e.id = p.enterprise_id)`.as('enterprise_name'))
    .where('p.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('DIRECTORY_PROVIDER_NOT_FOUND');
  const [services, recs] = await Promise.all([
    ctx.db.selectFrom('service_provider_services as s').innerJoin('service_capabilities as c', 'c.code', 's.capability_code')
      .select(['s.id', 's.capability_code', 'c.name as capability_name', 's.name', 's.description']).where('s.provider_id', '=', id).orderBy('s.position').execute(),
    ctx.db.selectFrom('service_recommendations').select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`(count(*) FILTER (WHERE outcome = 'helped'))::int`.as('helped'),
      sql<number>`(count(*) FILTER (WHERE outcome = 'not_helped'))::int`.as('not_helped'),
    ]).where('provider_id', '=', id).executeTakeFirstOrThrow(),
  ]);
  return {
    ...toProviderSummary(row),
    description: row.description, enterpriseId: row.enterprise_id, enterpriseName: row.enterprise_name, website: row.website, email: row.email,
    services: services.map((s) => ({ id: s.id, capabilityCode: s.capability_code, capabilityName: s.capability_name, name: s.name, description: s.description })),
    recommendations: { total: recs.total, helped: recs.helped, notHelped: recs.not_helped },
    version: row.version,
  };
}

/** The columns a provider input writes, its location in GCJ-02; checks what the schema cannot. */
async function providerValues(tx: Tx, ctx: Ctx, input: ProviderInput) {
  const location = gcj02Location(input.location, ctx.countyCode);
  for (const s of input.services) await assertUsableCapability(tx, s.capabilityCode);
  if (input.divisionCode && !(await tx.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst())) {
    throw new AppError('VALIDATION_FAILED', { divisionCode: '街道不存在' });
  }
  if (input.enterpriseId && !(await tx.selectFrom('enterprises').select('id').where('id', '=', input.enterpriseId).executeTakeFirst())) {
    throw new AppError('VALIDATION_FAILED', { enterpriseId: '企业不存在' });
  }
  return {
    name: input.name, kind: input.kind, description: input.description, enterprise_id: input.enterpriseId, contact_name: input.contactName,
    contact_phone: input.contactPhone, website: input.website, email: input.email, opening_hours: input.openingHours, address: input.address,
    division_code: input.divisionCode, lat: location.lat, lng: location.lng,
  };
}

async function assertNoDuplicate(tx: Tx, name: string, address: string, exceptId?: string) {
  let qb = tx.selectFrom('service_providers').select('id').where('name', '=', name).where('address', '=', address);
  if (exceptId) qb = qb.where('id', '!=', exceptId);
  if (await qb.executeTakeFirst()) throw new AppError('DIRECTORY_PROVIDER_DUPLICATE', { name: '同名同地址的服务机构已登记' });
}

const forAudit = <T extends { contact_phone?: string }>(v: T) => (v.contact_phone === undefined ? v : { ...v, contact_phone: maskPhone(v.contact_phone) });

async function replaceServices(tx: Tx, providerId: string, services: ProviderInput['services']) {
  await tx.deleteFrom('service_provider_services').where('provider_id', '=', providerId).execute();
  await tx.insertInto('service_provider_services').values(services.map((s, i) => ({
    provider_id: providerId, capability_code: s.capabilityCode, name: s.name, description: s.description, position: i,
  }))).execute();
}

export async function createProvider(ctx: Ctx, input: ProviderInput): Promise<ProviderDetail> {
  const id = await ctx.db.transaction().execute(async (tx) => {
    const values = await providerValues(tx, ctx, input);
    await assertNoDuplicate(tx, values.name, values.address);
    const { id } = await tx.insertInto('service_providers').values({ ...values, updated_at: ctx.now }).returning('id').executeTakeFirstOrThrow();
    await replaceServices(tx, id, input.services);
    await bumpDirectoryVersion(tx);
    await recordAudit(tx, ctx, { action: 'service.provider.create', entityType: 'service_provider', entityId: id, after: { ...forAudit(values), services: input.services } });
    return id;
  });
  return getProvider(ctx, id);
}

export async function updateProvider(ctx: Ctx, id: string, input: ProviderUpdate): Promise<ProviderDetail> {
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('service_providers').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!cur) throw new AppError('DIRECTORY_PROVIDER_NOT_FOUND');
    if (cur.version !== input.version) throw new AppError('CONFLICT');
    const values = { ...(await providerValues(tx, ctx, input)), status: input.status };
    await assertNoDuplicate(tx, values.name, values.address, id);
    const before = await tx.selectFrom('service_provider_services').select(['capability_code as capabilityCode', 'name', 'description']).where('provider_id', '=', id).orderBy('position').execute();
    await tx.updateTable('service_providers').set({ ...values, updated_at: ctx.now, version: cur.version + 1 }).where('id', '=', id).execute();
    await replaceServices(tx, id, input.services);
    await bumpDirectoryVersion(tx);
    const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => JSON.stringify(cur[k as keyof typeof cur]) !== JSON.stringify(v)));
    const servicesChanged = JSON.stringify(before) !== JSON.stringify(input.services);
    await recordAudit(tx, ctx, {
      action: 'service.provider.update', entityType: 'service_provider', entityId: id,
      before: { ...forAudit(Object.fromEntries(Object.keys(changed).map((k) => [k, cur[k as keyof typeof cur]]))), ...(servicesChanged ? { services: before } : {}) },
      after: { ...forAudit(changed), ...(servicesChanged ? { services: input.services } : {}) },
    });
  });
  return getProvider(ctx, id);
}

export async function revealProviderPhone(ctx: Ctx, id: string): Promise<{ contactPhone: string }> {
  return ctx.db.transaction().execute(async (tx) => {
    const p = await tx.selectFrom('service_providers').select(['contact_phone']).where('id', '=', id).executeTakeFirst();
    if (!p) throw new AppError('DIRECTORY_PROVIDER_NOT_FOUND');
    await recordAudit(tx, ctx, { action: 'service.provider.reveal', entityType: 'service_provider', entityId: id, after: { fields: ['contactPhone'] } });
    return { contactPhone: p.contact_phone };
  });
}
