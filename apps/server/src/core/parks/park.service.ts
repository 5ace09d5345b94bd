import { sql } from 'kysely';
import type { ParkInput } from '@zhizhi/contracts';
import { AppError, invalid } from '../../http/app-error';
import { recordAudit, changedFields } from '../audit/audit';
import { divisionCovers, enterpriseInScope } from '../identity/scope';
import type { Ctx } from '../context';

/**
 * Parks (一园一档). A park is public knowledge, but its totals count only the enterprises the
 * actor may see, so a street officer's park file never reveals figures from outside the street.
 */
function parksWithCounts(ctx: Ctx) {
  return ctx.db
    .selectFrom('parks as p')
    .leftJoin('divisions as d', 'd.code', 'p.division_code')
    .select([
      'p.id', 'p.name', 'p.kind', 'p.division_code', 'd.name as division_name', 'p.address', 'p.area_mu', 'p.description',
      (eb) =>
        eb.selectFrom('enterprises as e').whereRef('e.park_id', '=', 'p.id').where(enterpriseInScope(ctx.actor))
          .select(eb.fn.countAll<number>().as('n')).as('enterprise_count'),
    ]);
}

type ParkRow = Awaited<ReturnType<ReturnType<typeof parksWithCounts>['execute']>>[number];

const toPark = (r: ParkRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  divisionCode: r.division_code,
  divisionName: r.division_name ?? '',
  address: r.address,
  areaMu: r.area_mu,
  description: r.description,
  enterpriseCount: Number(r.enterprise_count ?? 0),
});

export async function listParks(ctx: Ctx) {
  return (await parksWithCounts(ctx).orderBy('p.name').execute()).map(toPark);
}

export async function getParkFile(ctx: Ctx, id: string) {
  const park = await parksWithCounts(ctx).where('p.id', '=', id).executeTakeFirst();
  if (!park) throw new AppError('PARK_NOT_FOUND');
  const inPark = ctx.db.selectFrom('enterprises as e').where('e.park_id', '=', id).where(enterpriseInScope(ctx.actor));
  const [totals, sizes, industries] = await Promise.all([
    inPark
      .select([
        sql<number>`count(*)`.as('enterprises'),
        sql<number>`count(*) FILTER (WHERE e.above_scale)`.as('above_scale'),
        sql<number>`count(*) FILTER (WHERE e.high_tech)`.as('high_tech'),
        sql<number>`count(*) FILTER (WHERE e.listed)`.as('listed'),
        sql<number>`coalesce(sum(e.employees), 0)`.as('employees'),
        sql<number>`coalesce(sum(e.revenue_fen), 0)`.as('revenue_fen'),
      ])
      .executeTakeFirstOrThrow(),
    inPark.select(['e.size_class', sql<number>`count(*)`.as('n')]).groupBy('e.size_class').execute(),
    // By 大类 (two-digit division): fine enough to tell a park's software from its pharma.
    inPark
      .innerJoin('industries as i4', 'i4.code', 'e.industry_code')
      .innerJoin('industries as i3', 'i3.code', 'i4.parent_code')
      .innerJoin('industries as i2', 'i2.code', 'i3.parent_code')
      .select(['i2.code', 'i2.name', sql<number>`count(*)`.as('count')])
      .groupBy(['i2.code', 'i2.name'])
      .orderBy(sql`count(*)`, 'desc')
      .execute(),
  ]);
  const bySizeClass: Record<string, number> = { large: 0, medium: 0, small: 0, micro: 0, unknown: 0 };
  for (const s of sizes) bySizeClass[s.size_class ?? 'unknown'] = Number(s.n);
  return {
    ...toPark(park),
    totals: {
      enterprises: Number(totals.enterprises),
      aboveScale: Number(totals.above_scale),
      highTech: Number(totals.high_tech),
      listed: Number(totals.listed),
      employees: Number(totals.employees),
      revenueFen: Number(totals.revenue_fen),
    },
    bySizeClass,
    byIndustry: industries.map((i) => ({ code: i.code, name: i.name, count: Number(i.count) })),
  };
}

async function checkInput(ctx: Ctx, input: ParkInput, selfId?: string) {
  const division = await ctx.db.selectFrom('divisions').select('code').where('code', '=', input.divisionCode).executeTakeFirst();
  if (!division || !divisionCovers(ctx.countyCode, input.divisionCode)) throw invalid({ divisionCode: '不是本县（区）的行政区划' });
  let q = ctx.db.selectFrom('parks').select('id').where('name', '=', input.name);
  if (selfId) q = q.where('id', '<>', selfId);
  if (await q.executeTakeFirst()) throw new AppError('PARK_NAME_TAKEN', { name: '园区名称已存在' });
}

const toRow = (i: ParkInput) => ({
  name: i.name, kind: i.kind, division_code: i.divisionCode, address: i.address, area_mu: i.areaMu, description: i.description,
});

export async function createPark(ctx: Ctx, input: ParkInput) {
  await checkInput(ctx, input);
  const id = await ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx.insertInto('parks').values(toRow(input)).returning('id').executeTakeFirstOrThrow();
    await recordAudit(tx, ctx, { action: 'park.create', entityType: 'park', entityId: id, after: input });
    return id;
  });
  return getParkFile(ctx, id);
}

export async function updatePark(ctx: Ctx, id: string, input: ParkInput) {
  await checkInput(ctx, input, id);
  await ctx.db.transaction().execute(async (tx) => {
    const cur = await tx.selectFrom('parks').selectAll().where('id', '=', id).executeTakeFirst();
    if (!cur) throw new AppError('PARK_NOT_FOUND');
    const before: ParkInput = {
      name: cur.name, kind: cur.kind, divisionCode: cur.division_code, address: cur.address, areaMu: cur.area_mu, description: cur.description,
    };
    const diff = changedFields(before, input);
    if (!diff) return;
    await tx.updateTable('parks').set({ ...toRow(input), updated_at: ctx.now }).where('id', '=', id).execute();
    await recordAudit(tx, ctx, { action: 'park.update', entityType: 'park', entityId: id, ...diff });
  });
  return getParkFile(ctx, id);
}
